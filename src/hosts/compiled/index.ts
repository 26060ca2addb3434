/**
 * pfa-wasm/runtime: scores records with a model compiled by `pfa-wasm compile` (MODEL.wasm and
 * its manifest MODEL.wasm.json), without the type checker or the compiler. Uses only
 * WebAssembly, fetch and typed arrays, so it runs in browsers, workers, Deno and Node alike.
 * Bundled as dist/browser/pfa-wasm-runtime.js (scripts/build-browser.ts).
 */
import { PfaError } from '../../errors/PfaError.js';
import { manifestMessages } from '../../errors/runtime.js';
import type { Manifest } from '../../backend/wasm/artifact.js';
import { CompiledModel, ModelOptions } from './model.js';

export { CompiledModel, PfaError };
export type { ModelOptions, ScoreResult } from './model.js';
export type { Manifest, RuntimeManifest } from '../../backend/wasm/artifact.js';
export type { PfaErrorKind } from '../../errors/PfaError.js';

/** A model from its module (bytes or compiled) and its manifest (object or JSON text). */
export function loadModel(
  wasm: BufferSource | WebAssembly.Module,
  manifest: Manifest | string,
  options?: ModelOptions,
): Promise<CompiledModel> {
  return CompiledModel.create(
    wasm,
    typeof manifest === 'string' ? (JSON.parse(manifest) as Manifest) : manifest,
    options,
  );
}

/** Fetches MODEL.wasm and its manifest (by default the same address plus `.json`) and loads them. */
export async function fetchModel(
  wasmUrl: string | URL,
  options: ModelOptions & { manifestUrl?: string | URL } = {},
): Promise<CompiledModel> {
  const manifestUrl = options.manifestUrl ?? `${wasmUrl}.json`;
  const [wasm, manifest] = await Promise.all([get(wasmUrl), get(manifestUrl)]);
  return loadModel(await wasm.arrayBuffer(), (await manifest.json()) as Manifest, options);
}

async function get(url: string | URL): Promise<Response> {
  const r = await fetch(url);
  if (!r.ok) throw manifestMessages.fetchFailed.error(String(url), r.status);
  return r;
}
