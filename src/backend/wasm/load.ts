/**
 * Choosing and building the Wasm backend for a typed engine: lower it (or say why not), then use
 * a precompiled module that matches, else compile on the fly (cached by the source's hash).
 */
import { TypedEngine } from '../../types/ir.js';
import { LoweredModule, lowerEngine } from './lower/module.js';
import { NotLowerable } from './types.js';
import { Manifest, manifestMismatch, sha256 } from './artifact.js';
import { WasmEngine } from './engine.js';

export interface Precompiled { wasm: Uint8Array | WebAssembly.Module; manifest: Manifest; documentText: string }

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
export async function precompiledModule(pre: Precompiled, lowered: LoweredModule): Promise<{ module: WebAssembly.Module | null; why: string | null }> {
  const why = manifestMismatch(pre.manifest, pre.documentText, lowered);
  if (why) return { module: null, why };
  const module = pre.wasm instanceof WebAssembly.Module ? pre.wasm : await WebAssembly.compile(pre.wasm as Uint8Array<ArrayBuffer>);
  return { module, why: null };
}

export async function startWasm(typed: TypedEngine, lowered: LoweredModule, module: WebAssembly.Module, instance: number): Promise<WasmEngine> {
  return WasmEngine.create(typed, lowered, module, instance);
}
