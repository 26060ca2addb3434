/** pfa-wasm: a PFA scoring engine. See README.md. */
export { PFAEngine } from './engine.js';
export type { EngineOptions, Snapshot, Backend } from './engine.js';
export { PfaError } from './errors/PfaError.js';
export type { PfaErrorKind } from './errors/PfaError.js';
export { parseJson, jsonText } from './document/json.js';
export type { AvroType } from './types/avro.js';
export { Tagged } from './values.js';
