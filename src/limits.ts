/**
 * Every limit that protects the process from a hostile document or input, with its default, in
 * one table (ARCHITECTURE.md "Trust model" lists them with their options). A limit that is hit
 * is a PfaError with a code, never a RangeError or a hang.
 */
import { CODES } from './errors/codes.js';

export interface DocumentLimits {
  /** Longest document text, in UTF-16 code units (characters); code 1005. */
  maxDocumentSize: number;
  /** Deepest nesting of JSON arrays and objects in a document; code 1000 (JSON) or 1006. */
  maxDocumentDepth: number;
  /** Most JSON values (numbers, strings, arrays, objects...) in a document; code 1007. */
  maxDocumentElements: number;
}

export interface InputLimits {
  /** Deepest nesting of records in one input datum (only recursive types can nest deeper than their type); code 1104. */
  maxInputDepth: number;
}

export const DEFAULT_LIMITS: Readonly<DocumentLimits & InputLimits> = Object.freeze({
  maxDocumentSize: 32 * 1024 * 1024,
  maxDocumentDepth: 1000,
  maxDocumentElements: 10_000_000,
  maxInputDepth: 1000,
});

/**
 * The longest string (UTF-16 units) a library function builds from a count in its input
 * (s.repeat): past it, an uncoded runtime error on both backends (the spec has no code for it),
 * not V8's RangeError (near 2^29 units) or the kernel's trap (AS refuses 2^28).
 */
export const MAX_STRING_LENGTH = 1 << 24;

/**
 * JSON nesting accepted in a request body by the exact reader (used when the input type holds
 * longs): room for maxInputDepth records in tagged unions (two levels each), and shallow enough
 * for the reader's recursion on a cold stack. JSON.parse (the other reader) is not recursive.
 */
export const INPUT_JSON_DEPTH = 2500;

/** Errors that hitting a limit raises (the codes ARCHITECTURE.md lists; their numbers are in errors/codes.ts). */
export const LIMIT_CODES = Object.freeze({
  documentTooLarge: CODES.documentTooLarge,
  documentTooDeep: CODES.documentTooDeep,
  documentTooManyElements: CODES.documentTooManyElements,
  inputTooDeep: CODES.inputTooDeep,
  valueTooDeep: CODES.valueTooDeep,
  invalidUtf8: CODES.invalidUtf8,
  inputTooAmbiguous: CODES.inputTooAmbiguous,
});
