/**
 * What the text readers can read, asked before any reader is built: the depth gate on a type
 * (the kernel's reader and the JS reader, fastpath/reader.ts, apply it alike, and the output
 * writer, fastpath/writer.ts, to output types) and the tests on map keys that the key table shares
 * with the JS reader. Apart from reader.ts, which the Lambda handler's cold path does not carry
 * (issue 17, deploy/build-lambda.ts `DEFERRED`).
 */
import { AvroType } from '../../../types/avro.js';

/** Why a type has no fast reader (it then always takes the general path). */
export class NoFastReader extends Error {}

/**
 * Whether values of `t` nest records at most `maxDepth` deep (the decoder's maxInputDepth) and `t`
 * is not recursive: the gate valueReader applies before it builds anything.
 */
/*! @eager */
export function withinDepth(t: AvroType, maxDepth: number): boolean {
  const d = recordDepth(t, []);
  return d !== Infinity && d <= maxDepth;
}

/**
 * Deepest nesting of records in values of `t` (what the decoder's maxInputDepth counts), Infinity
 * for a recursive type. `open` holds the types on the path from the root (a stack rather than a
 * Set: a Set that every field enters and leaves is rebuilt as its deleted entries pile up, which
 * was 7 KB of garbage for the Sonar model's 60 fields in each cold start).
 */
/*! @eager */
export function recordDepth(t: AvroType, open: AvroType[]): number {
  if (open.includes(t)) return Infinity;
  open.push(t);
  let d = 0;
  switch (t.kind) {
    case 'array':
      d = recordDepth(t.items, open);
      break;
    case 'map':
      d = recordDepth(t.values, open);
      break;
    case 'union':
      for (const b of t.types) d = Math.max(d, recordDepth(b, open));
      break;
    case 'record':
      for (const f of t.fields) d = Math.max(d, 1 + recordDepth(f.type, open));
      if (t.fields.length === 0) d = 1;
      break;
    default:
      break;
  }
  open.pop();
  return d;
}

/** Whether a string's JSON text is the string between quotes (nothing to escape). */
export function plain(key: string): boolean {
  for (let k = 0; k < key.length; k++) {
    const c = key.charCodeAt(k);
    if (c < 32 || c === 34 || c === 92) return false;
  }
  return true;
}

/** An array index as Object.keys orders it: a canonical integer below 2^32 - 1. */
export function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return false;
  if (!/^(?:0|[1-9][0-9]{0,9})$/.test(key)) return false;
  return Number(key) < 4294967295;
}
