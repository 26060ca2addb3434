/**
 * Every numeric error code pfa-wasm raises outside the library registry, by range. This is the
 * only file (with each library function's own `errors`, src/lib) where codes are written as
 * numbers; test/errors/catalog.test.ts fails when a number is passed as a code anywhere else.
 *
 * Ranges (the spec numbers its own codes from 2000; everything below is ours):
 * - 1000-1099  reading and checking a document (syntax and semantic errors; limits 1005-1007)
 * - 1100-1199  input data that does not fit the input type, and encoding values out of an engine
 * - 1200-1299  the running engine itself: stack, kernel traps, values too deep to handle
 * - 2000-2011  spec sec. 5.6-5.7: a missing array index or map key on a path (one pair per form)
 * - 3000-3001  spec sec. 5.11: "pack" of bytes that do not fit their format
 * - 10000 and up: the library's functions, each in its block of ten (src/lib, registry.ts)
 *
 * Codes are shared on purpose where one cause has several wordings (SHARED_CODES). Messages
 * without a code have no spec number and no number of ours: users match them by kind and text,
 * and a number invented now would be one more thing they could not rely on staying put.
 */
export const CODES = Object.freeze({
  // 1000-1099: the document
  /** Text that is not JSON or YAML; also JSON nested past a reader's own depth (not a document's). */
  invalidText: 1000,
  /** An Avro schema that is malformed (spec sec. 3). */
  badSchema: 1001,
  /** A type name no schema of the document defines. */
  unknownTypeName: 1002,
  /** A call of a function that is neither in the library nor among the document's "fcns". */
  unknownFunction: 1003,
  /** A library call whose arguments no signature accepts. */
  noSignature: 1004,
  documentTooLarge: 1005,
  documentTooDeep: 1006,
  documentTooManyElements: 1007,

  // 1100-1199: input data and encoded output
  /** A datum of the wrong kind for its type (a string where an int belongs, ...). */
  inputMismatch: 1100,
  inputMissingField: 1101,
  inputUnexpectedField: 1102,
  /** A value an engine made that is in no branch of its union (encoding output). */
  notInUnion: 1103,
  inputTooDeep: 1104,
  invalidUtf8: 1105,
  inputTooAmbiguous: 1106,
  /** Columns of a columnar batch (PFAEngine.scoreColumns) that do not fit the input record. */
  inputColumns: 1107,

  // 1200-1299: the running engine
  /** The JS call stack or the Wasm kernel gave out (deep recursion, a trap, memory). */
  stackExhausted: 1200,
  /** The kernel aborted (asc's abort: out of memory or a defect). */
  kernelAborted: 1201,
  valueTooDeep: 1202,

  // 3000-3001: spec sec. 5.11
  packRawSize: 3000,
  packLengthPrefixed: 3001,
});

/**
 * Codes that several catalog messages share, one cause worded for each place it is met: 1000 the
 * JSON and YAML readers; 1001 every malformed schema; 1003 a library or a user function; 1006
 * and 1007 the document limits met by each reader (and by a compile phase's stack); 1200 the JS
 * stack or the Wasm kernel giving out; 1202 a value too deep, checked or encoded. Any other code
 * belongs to one message (test/errors/catalog.test.ts).
 */
// (PURE: a bundle that never reads these tables leaves them out, as the Lambda handler's does: issue 17)
export const SHARED_CODES: ReadonlySet<number> = /* @__PURE__ */ new Set([
  CODES.invalidText,
  CODES.badSchema,
  CODES.unknownFunction,
  CODES.documentTooDeep,
  CODES.documentTooManyElements,
  CODES.stackExhausted,
  CODES.valueTooDeep,
]);

/**
 * Spec sec. 5.6-5.7: each path form has its pair of codes, a missing array index at the first and
 * a missing map key at the next (`mapKeyCode`). A typed node carries the first of its pair.
 */
export const PATH_CODES = /* @__PURE__ */ Object.freeze({
  attr: 2000,
  attrTo: 2002,
  cell: 2004,
  cellTo: 2006,
  pool: 2008,
  poolTo: 2010,
});

/** The "map key not found" code of the path form whose "array index not found" code is `indexCode`. */
export function mapKeyCode(indexCode: number): number {
  return indexCode + 1;
}
