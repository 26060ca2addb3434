/**
 * A real compiled artifact for a document, as `pfa-wasm compile` writes it beside a model:
 * the module's bytes and its manifest (the AssemblyScript compiler takes seconds on first use).
 */
import { readDocument } from '../../src/document/read.js';
import { checkDocument } from '../../src/check/document.js';
import { tryLower } from '../../src/backend/wasm/load.js';
import { compileSource } from '../../src/backend/wasm/compile.js';
import { makeManifest, Manifest } from '../../src/backend/wasm/artifact.js';

export async function compileArtifact(documentText: string): Promise<{ wasm: Uint8Array; manifest: Manifest }> {
  const lowering = tryLower(checkDocument(readDocument(documentText)));
  if (!lowering.ok) throw new Error(`test model does not lower: ${lowering.reason}`);
  const { binary } = await compileSource(lowering.lowered.source);
  return { wasm: binary, manifest: makeManifest(documentText, lowering.lowered, binary) };
}
