/**
 * Request bodies on the general path: JSON, and the batch shapes. A body is one record, a JSON
 * array of records, or {"records": [...]}. When the model's input type is itself an array, a
 * JSON array is one input (send a batch as {"records": [...]}); when the input type is a map,
 * or a record with a field "records", such an object is one input too. Apart from body.ts
 * because a request the kernel reads never needs them: the Lambda bundle leaves this file to the
 * chunk it loads at the first such request (issue 17, deploy/deferred.ts).
 */
import { AvroType } from '../../types/avro.js';
import { parseJson } from '../../document/json.js';
import { PfaError } from '../../errors/PfaError.js';
import { documentMessages } from '../../errors/messages.js';
import { CODES } from '../../errors/codes.js';
import { HttpError } from './errors.js';
import { INPUT_JSON_DEPTH } from '../../limits.js';

/**
 * JSON.parse for speed; the exact reader when the input type holds longs and the text has a run
 * of 16+ digits (a long beyond 2^53 may be there; full-precision doubles alone do not need it).
 */
export function parseBody(text: string, exactIntegers = true, contentType?: string): unknown {
  try {
    return exactIntegers && /\d{16}/.test(text) ? parseJson(text, { maxDepth: INPUT_JSON_DEPTH }) : JSON.parse(text);
  } catch {
    // Re-read with our reader for a message that gives the position the same way every time.
    let message = documentMessages.notJson.text();
    let code: number = CODES.invalidText;
    try {
      parseJson(text, { maxDepth: INPUT_JSON_DEPTH });
    } catch (e) {
      if (e instanceof PfaError) {
        message = e.message;
        code = e.code ?? code;
      }
    }
    if (/unexpected "[NI]"|bad number/.test(message) && /(NaN|Infinity)/.test(text)) {
      message += ' (JSON has no NaN or Infinity: write them as the strings "nan", "inf" and "-inf")';
    }
    if (contentType !== undefined && !JSON_TYPE.test(contentType))
      message += ` (the body is read as JSON; its content-type is "${contentType}")`;
    throw new HttpError(400, message, code, '');
  }
}

const JSON_TYPE = /^\s*application\/([\w.+-]+\+)?json\s*(;|$)/i;

export interface Batch {
  records: unknown[];
  /** True when the answer is a list (the body was a batch). */
  batch: boolean;
  /** JSON Pointer of record i in the body. */
  pathOf(i: number): string;
}

export function splitBatch(payload: unknown, input: AvroType): Batch {
  if (Array.isArray(payload) && !takes(input, 'array')) {
    return { records: payload, batch: true, pathOf: (i) => `/${i}` };
  }
  // `'records' in` first: most bodies are one record, whose keys need not be listed.
  if (isObject(payload) && 'records' in payload && !takes(input, 'records')) {
    const keys = Object.keys(payload);
    if (keys.length === 1) {
      const records = payload.records;
      if (!Array.isArray(records))
        throw new HttpError(400, '"records" must be a JSON array of records', null, '/records');
      return { records, batch: true, pathOf: (i) => `/records/${i}` };
    }
  }
  return { records: [payload], batch: false, pathOf: () => '' };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Could one input of this type be a JSON array ('array') or the object {"records": ...} ('records')? */
export function takes(t: AvroType, shape: 'array' | 'records'): boolean {
  switch (t.kind) {
    case 'union':
      return t.types.some((u) => takes(u, shape));
    case 'array':
      return shape === 'array';
    case 'map':
      return shape === 'records';
    case 'record':
      return shape === 'records' && t.fields.some((f) => f.name === 'records');
    default:
      return false;
  }
}
