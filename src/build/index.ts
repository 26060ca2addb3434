/**
 * The one path from a document's text to a compiled artifact (the module and its manifest, see
 * backend/wasm/artifact.ts): `pfa-wasm compile`, the compile cache (cache.ts beside this file) and
 * `npm run build:lambda` all go through it, so a module built by any of them is the module the
 * others would build. It reads and checks the document, so it is not in the backend, which sees
 * only the typed tree.
 */
import { readDocument } from '../document/read.js';
import { checkDocument } from '../check/document.js';
import type { TypedEngine } from '../ir/tree.js';
import type { LoweredModule } from '../backend/wasm/lower/module.js';
import { makeManifest, type Manifest } from '../backend/wasm/artifact.js';
import { tryLower, type Lowering } from '../backend/wasm/load.js';

export interface Artifact {
  wasm: Uint8Array;
  manifest: Manifest;
  /** Milliseconds asc took. */
  millis: number;
}

/** What does not lower is a reason and the PFA path of the part that keeps the engine in JS. */
export type Compiled = ({ ok: true } & Artifact) | { ok: false; reason: string; path: string };

/** Reads and checks the document (its errors are thrown as PfaErrors), then lowers it or says why not. */
export function lowerDocument(documentText: string): { typed: TypedEngine; lowering: Lowering } {
  const typed = checkDocument(readDocument(documentText));
  return { typed, lowering: tryLower(typed) };
}

/** Builds a lowered document with asc (loaded only now: hosts without the compiler never get here). */
export async function buildLowered(
  documentText: string,
  typed: TypedEngine,
  lowered: LoweredModule,
): Promise<Artifact> {
  const { compileSource } = await import('../backend/wasm/compile.js');
  const { binary, millis } = await compileSource(lowered.source);
  return { wasm: binary, manifest: makeManifest(documentText, lowered, binary, typed), millis };
}

export async function compileDocument(documentText: string): Promise<Compiled> {
  const { typed, lowering } = lowerDocument(documentText);
  if (!lowering.ok) return lowering;
  return { ok: true, ...(await buildLowered(documentText, typed, lowering.lowered)) };
}
