/**
 * Choosing and building the Wasm backend for a typed engine: lower it (or say why not), then use
 * a precompiled module that matches, else compile on the fly (cached by the source's hash).
 */
import { TypedEngine } from '../../ir/tree.js';
import { LoweredModule, lowerEngine } from './lower/module.js';
import { NotLowerable } from './types.js';
import { manifestMismatch, runtimeManifest, sha256 } from './artifact.js';
import { HostManifest, HostOptions, WasmHost } from './host.js';
import type { Precompiled } from './precompiled.js';

export type { Precompiled };

export type Lowering = { ok: true; lowered: LoweredModule } | { ok: false; reason: string; path: string };

export function tryLower(typed: TypedEngine): Lowering {
  try {
    return { ok: true, lowered: lowerEngine(typed) };
  } catch (e) {
    if (e instanceof NotLowerable) return { ok: false, reason: e.reason, path: e.path };
    throw e;
  }
}

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/** Compiles (once per generated source, per process) with asc; loaded only when needed. */
export async function compileLowered(lowered: LoweredModule): Promise<WebAssembly.Module> {
  const key = sha256(lowered.source);
  let m = compiled.get(key);
  if (!m) {
    m = (async () => {
      const { compileSource } = await import('./compile.js');
      const { binary } = await compileSource(lowered.source);
      return WebAssembly.compile(binary as Uint8Array<ArrayBuffer>);
    })();
    compiled.set(key, m);
    m.catch(() => compiled.delete(key));
  }
  return m;
}

/** The module to run: the precompiled one if it matches this document and lowering, else null and why. */
export async function precompiledModule(
  pre: Precompiled,
  lowered: LoweredModule,
): Promise<{ module: WebAssembly.Module | null; why: string | null }> {
  const why = manifestMismatch(pre.manifest, pre.documentText, lowered);
  if (why) return { module: null, why };
  const module =
    pre.wasm instanceof WebAssembly.Module ? pre.wasm : await WebAssembly.compile(pre.wasm as Uint8Array<ArrayBuffer>);
  return { module, why: null };
}

/** The host of a lowered engine: its manifest's dictionary and runtime section, built in memory. */
export function hostManifest(typed: TypedEngine, lowered: LoweredModule): HostManifest {
  return { dictionary: lowered.strings, runtime: runtimeManifest(lowered, typed) };
}

/** The Node engine's Wasm backend: lowering → manifest (in memory) → the one host. */
export async function startWasm(
  typed: TypedEngine,
  lowered: LoweredModule,
  module: WebAssembly.Module,
  options: HostOptions,
): Promise<WasmHost> {
  return WasmHost.create(module, hostManifest(typed, lowered), options);
}
