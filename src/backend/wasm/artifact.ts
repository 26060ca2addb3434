/**
 * Compiled artifacts (DESIGN.md decision 5): `MODEL.wasm` and its manifest `MODEL.wasm.json`
 * beside the model. The manifest ties the module to one document (SHA-256 of its text) and one
 * version of the lowering (SHA-256 of the generated source), so a stale module is never used.
 */
import { createHash } from 'node:crypto';
import { COMPILER_VERSION } from './version.js';
import type { LoweredModule } from './lower/module.js';

export interface Manifest {
  format: 'pfa-wasm-manifest';
  compilerVersion: string;
  /** SHA-256 of the PFA document's text, as read from its file. */
  sha256: string;
  /** SHA-256 of the generated AssemblyScript: the host recomputes the lowering and compares. */
  sourceSha256: string;
  wasmBytes: number;
  /** The strings the kernel knows by code at start (the rest are added as inputs arrive). */
  dictionary: readonly string[];
  errorSites: number;
  compiledAt: string;
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

export function makeManifest(documentText: string, lowered: LoweredModule, wasm: Uint8Array): Manifest {
  return {
    format: 'pfa-wasm-manifest',
    compilerVersion: COMPILER_VERSION,
    sha256: sha256(documentText),
    sourceSha256: sha256(lowered.source),
    wasmBytes: wasm.length,
    dictionary: lowered.strings,
    errorSites: lowered.sites.length,
    compiledAt: new Date().toISOString(),
  };
}

/** Why a manifest does not fit this document and lowering, or null if it does. */
export function manifestMismatch(m: Manifest, documentText: string, lowered: LoweredModule): string | null {
  if (m.format !== 'pfa-wasm-manifest') return 'not a pfa-wasm manifest';
  if (m.compilerVersion !== COMPILER_VERSION) return `built by ${m.compilerVersion}, this is ${COMPILER_VERSION}`;
  if (m.sha256 !== sha256(documentText)) return 'the document changed since the module was compiled (SHA-256 differs)';
  if (m.sourceSha256 !== sha256(lowered.source)) return 'the lowering changed since the module was compiled';
  return null;
}

/** `sonar.pfa.json` → `sonar.wasm`: the model's name with its extensions replaced. */
export function defaultWasmPath(modelPath: string): string {
  const slash = Math.max(modelPath.lastIndexOf('/'), modelPath.lastIndexOf('\\'));
  const dir = modelPath.slice(0, slash + 1);
  const base = modelPath.slice(slash + 1);
  const dot = base.indexOf('.');
  return `${dir}${dot > 0 ? base.slice(0, dot) : base}.wasm`;
}
