/**
 * The catalog's messages for running engines: input data (codec/avroJson.ts), errors both
 * backends raise and must word alike (the JS backend's closures and the Wasm host's error
 * sites take the text from the same entry), and the engine API's own (src/engine.ts).
 * Compile-time messages are in messages.ts; codes.ts says what each code range means. The
 * library's functions word their errors in the registry (src/lib/registry.ts errorMessage).
 */
import { CODES } from './codes.js';
import { init, input, lazyCatalog, runtime, semantic, timeout } from './message.js';

/** An input datum that does not fit the engine's input type (errors name the path into the datum). */
export const inputMessages = lazyCatalog(() => ({
  /** `expected` says what fits ("an int (32-bit integer)"); `found` previews what was there. */
  mismatch: input((expected: string, found: string) => `expected ${expected}, found ${found}`, CODES.inputMismatch),
  missingField: input(
    (field: string, record: string) => `missing field "${field}" of record ${record}`,
    CODES.inputMissingField,
  ),
  unexpectedField: input(
    (field: string, record: string) => `unexpected field "${field}" for record ${record}`,
    CODES.inputUnexpectedField,
  ),
  tooDeep: input((max: number) => `records nest deeper than ${max} levels (maxInputDepth)`, CODES.inputTooDeep),
  tooAmbiguous: input(
    (max: number) => `too many untagged union values to try (over ${max} failed branches): tag them as {"type": value}`,
    CODES.inputTooAmbiguous,
  ),
  /** Bytes given as text (a JSON line of `pfa-wasm score`, a request body) that are not UTF-8. */
  notUtf8: input(() => 'the text is not valid UTF-8', CODES.invalidUtf8),
  /** A columnar batch (WasmHost.actionColumns, backend/wasm/columns.ts) that does not fit the input type. */
  columns: input((why: string) => `columns do not fit the input type: ${why}`, CODES.inputColumns),
}));

/** Raised while an engine runs, by either backend. */
export const runtimeMessages = lazyCatalog(() => ({
  /**
   * Spec sec. 5.6-5.7, "array index not found" and "map key not found", naming the index or key
   * when it is known (a Wasm site whose key is not in the string dictionary words it as the
   * spec does). Codes are per path form: PATH_CODES and mapKeyCode in codes.ts.
   */
  arrayIndexNotFound: runtime((index?: number) =>
    index === undefined ? 'array index not found' : `array index ${index} not found`,
  ),
  mapKeyNotFound: runtime((key?: string) => (key === undefined ? 'map key not found' : `map key "${key}" not found`)),
  /** `ms` is the routine's limit (the document's "timeout" options or EngineOptions.timeout). */
  timeout: timeout((ms: number) => `exceeded timeout of ${ms} milliseconds`),
  packRawSize: runtime(() => 'raw bytes does not have specified size', CODES.packRawSize),
  packLengthPrefixed: runtime(() => 'length prefixed bytes is larger than 255 bytes', CODES.packLengthPrefixed),
  /**
   * "unsigned long" of NaN or an infinity, which has no integer to write. The spec gives no code; it
   * was a bare RangeError of BigInt() on the JS backend, which the Wasm backend could not match.
   */
  packNotFinite: runtime(() => 'unsigned long cannot hold a non-finite number'),
  recursionTooDeep: runtime(() => 'recursion too deep (the JavaScript call stack was exhausted)', CODES.stackExhausted),
  kernelTrapped: runtime((trap: string) => `the Wasm kernel trapped: ${trap}`, CODES.stackExhausted),
  kernelAborted: runtime(() => 'the kernel aborted (out of memory or an internal error)', CODES.kernelAborted),
  /** A value a model built (values.ts isInstance). */
  valueTooDeep: runtime((max: number) => `a value nests records deeper than ${max} levels`, CODES.valueTooDeep),
  /** The same limit met while encoding an output (codec/avroJson.ts). */
  outputTooDeep: runtime((max: number) => `the value nests records deeper than ${max} levels`, CODES.valueTooDeep),
  /** An output value in no branch of its union (a defect of a backend, or a value given by a caller). */
  notInUnion: runtime((type: string) => `value does not belong to ${type}`, CODES.notInUnion),
}));

/** The engine API's (src/engine.ts, backend/js/program.ts): options and calls that do not fit the engine. */
export const engineMessages = lazyCatalog(() => ({
  needsCreate: init((backend: string) => `backend "${backend}" needs PFAEngine.create (it compiles asynchronously)`),
  /** Also the `backendNote` of an engine that fell back to JS. */
  notLowered: init((reason: string, path: string) => `not lowered to Wasm: ${reason} (at ${path || '/'})`),
  /**
   * The generated AssemblyScript did not build: a defect of pfa-wasm, not of the document. 'auto'
   * answers on JS with this as its note (the first line of asc's report); 'wasm' fails with it.
   */
  buildFailed: init((report: string) => `the Wasm build failed (a defect of pfa-wasm; please report it): ${report}`),
  revertOnWasm: init(() => 'revert is not supported on the Wasm backend yet; use backend "js"'),
  snapshotUnknownCell: init((name: string) => `snapshot names unknown cell "${name}"`),
  snapshotUnknownPool: init((name: string) => `snapshot names unknown pool "${name}"`),
  badTimeout: init((ms: number) => `the timeout option must be a number of milliseconds >= 0, found ${ms}`),
  mergeNotFold: semantic(() => 'only "fold" engines have "merge"'),
}));

/** The first line of a failed build's report (asc's whole report is the `wasm` backend's error). */
export function buildReport(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0];
}

/** Loading a compiled module from its manifest (backend/wasm/hostManifest.ts, runtime/). */
export const manifestMessages = lazyCatalog(() => ({
  notManifest: init(() => 'not a pfa-wasm manifest'),
  noRuntimeSection: init(
    (version: string) =>
      `this manifest (pfa-wasm ${version}) has no runtime section: compile the model again with pfa-wasm compile`,
  ),
  malformedWire: init(() => 'the manifest holds a malformed wire blob'),
  malformedSchema: init((path: string) => `the manifest's schema at ${path} is not one that pfa-wasm compile writes`),
  fetchFailed: init((url: string, status: number) => `could not fetch ${url}: HTTP ${status}`),
}));
