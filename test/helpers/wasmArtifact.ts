/**
 * A real compiled artifact for a document, as `pfa-wasm compile` writes it beside a model:
 * the module's bytes and its manifest (the AssemblyScript compiler takes seconds on first use).
 */
import { compileDocument } from '../../src/build/index.js';
import type { Manifest } from '../../src/backend/wasm/artifact.js';

export async function compileArtifact(documentText: string): Promise<{ wasm: Uint8Array; manifest: Manifest }> {
  const built = await compileDocument(documentText);
  if (!built.ok) throw new Error(`test model does not lower: ${built.reason}`);
  return { wasm: built.wasm, manifest: built.manifest };
}
