/**
 * pfa-wasm/browser: the whole engine for pages and workers (dist/browser/pfa-wasm.js; types beside it). PFAEngine
 * reads, checks and runs any document on the JS backend; a model compiled ahead of time
 * (`pfa-wasm compile`) runs with the runtime's loadModel/fetchModel. The bundle has no
 * AssemblyScript compiler, so `backend: 'wasm'` is refused here (scripts/build-browser.ts).
 */
export { PFAEngine } from '../../engine.js';
export type { EngineOptions, Snapshot, Backend } from '../../engine.js';
export { PfaError } from '../../errors/PfaError.js';
export type { PfaErrorKind } from '../../errors/PfaError.js';
export { parseJson, jsonText } from '../../document/json.js';
export type { AvroType } from '../../types/avro.js';
export { CompiledModel, loadModel, fetchModel } from '../compiled/index.js';
export type { ModelOptions, ScoreResult, Manifest, RuntimeManifest } from '../compiled/index.js';
