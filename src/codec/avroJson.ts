/**
 * Avro-JSON ⇄ runtime values (see values.ts for the representation). Decoders and
 * encoders are built once per type, as closures, and cached. Decoding accepts numbers from
 * JSON.parse or exact integers (bigint) from document/json.ts; longs never pass through doubles
 * when given as bigint. Errors name the path into the datum.
 */
import { PfaError, pointer } from '../errors/PfaError.js';
import { inputMessages, runtimeMessages } from '../errors/runtime.js';
import { AvroType, NamedType, UnionType, typeToString } from '../types/avro.js';
import {
  Tagged,
  Value,
  branchName,
  PfaRecord,
  recordReader,
  branchIndex,
  branchValue,
  heldAlike,
  MAX_VALUE_DEPTH,
} from '../values.js';
import { base64Decode, base64Encode } from './base64.js';
import { DEFAULT_LIMITS, LIMIT_CODES } from '../limits.js';

export type Decoder = (json: unknown, path: string) => Value;
export type Encoder = (v: Value) => unknown;

const INT_MIN = -2147483648n,
  INT_MAX = 2147483647n;
const LONG_MIN = -(2n ** 63n),
  LONG_MAX = 2n ** 63n - 1n;

function bad(path: string, what: string, json: unknown): PfaError {
  return inputMessages.mismatch.atInput(path, what, preview(json));
}

/**
 * At most 60 characters of a JSON value, for messages. Never walks the whole value: a hostile
 * one may be nested 100,000 deep (JSON.stringify and String would exhaust the stack) or huge.
 */
export function preview(json: unknown, room = 60): string {
  let out = '';
  const put = (s: string) => {
    out += s;
    return out.length < room;
  };
  const walk = (x: unknown): boolean => {
    if (typeof x === 'bigint') return put(String(x));
    if (typeof x === 'number') return put(String(x));
    if (typeof x === 'string') return put(JSON.stringify(x.length > room ? x.slice(0, room) : x));
    if (x === null || typeof x !== 'object') return put(String(x));
    if (Array.isArray(x)) {
      if (!put('[')) return false;
      for (let i = 0; i < x.length; i++) if ((i > 0 && !put(',')) || !walk(x[i])) return false;
      return put(']');
    }
    if (!put('{')) return false;
    let first = true;
    for (const k in x) {
      if (
        (!first && !put(',')) ||
        !put(JSON.stringify(k.length > room ? k.slice(0, room) : k) + ':') ||
        !walk((x as Record<string, unknown>)[k])
      )
        return false;
      first = false;
    }
    return put('}');
  };
  walk(json);
  return out.length > room ? out.slice(0, room - 3) + '...' : out;
}

// Records nest only as deep as the type unless the type is recursive; this bounds the recursive
// case (one counter: decoding is synchronous). PFAEngine.decode sets the limit from its options.
let inputDepth = 0;
let maxInputDepth = DEFAULT_LIMITS.maxInputDepth;

export function setInputDepthLimit(max: number): void {
  maxInputDepth = max;
}

function tooDeep(path: string): PfaError {
  return inputMessages.tooDeep.atInput(path, maxInputDepth);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Map) && !(x instanceof Uint8Array);
}

function special(json: unknown): number | undefined {
  if (json === 'inf' || json === 'Infinity') return Infinity;
  if (json === '-inf' || json === '-Infinity') return -Infinity;
  if (json === 'nan' || json === 'NaN') return NaN;
  return undefined;
}

function toInteger(json: unknown): bigint | undefined {
  if (typeof json === 'bigint') return json;
  if (typeof json === 'number' && Number.isInteger(json)) return BigInt(json);
  return undefined;
}

const decoders = new WeakMap<object, Decoder>();
const encoders = new WeakMap<object, Encoder>();

/** Short name of a named type (the part after the last dot), accepted as a union tag too. */
function shortName(t: NamedType): string {
  return t.name.slice(t.name.lastIndexOf('.') + 1);
}

export { branchName as unionTag } from '../values.js';

export function decoderFor(t: AvroType): Decoder {
  const cached = decoders.get(t);
  if (cached) return cached;
  let d: Decoder;
  switch (t.kind) {
    case 'null':
      d = (j, p) => {
        if (j !== null) throw bad(p, 'null', j);
        return null;
      };
      break;
    case 'boolean':
      d = (j, p) => {
        if (typeof j !== 'boolean') throw bad(p, 'a boolean', j);
        return j;
      };
      break;
    case 'int':
      d = (j, p) => {
        if (typeof j === 'number' && Number.isInteger(j) && j >= -2147483648 && j <= 2147483647) return j;
        const n = toInteger(j);
        if (n === undefined || n < INT_MIN || n > INT_MAX) throw bad(p, 'an int (32-bit integer)', j);
        return Number(n);
      };
      break;
    case 'long':
      d = (j, p) => {
        if (typeof j === 'number' && !Number.isSafeInteger(j))
          throw bad(p, 'a long written exactly (this integer is beyond 2^53 and was rounded by the JSON reader)', j);
        const n = toInteger(j);
        if (n === undefined || n < LONG_MIN || n > LONG_MAX) throw bad(p, 'a long (64-bit integer)', j);
        return n;
      };
      break;
    case 'float':
    case 'double': {
      const round = t.kind === 'float' ? Math.fround : (x: number) => x;
      d = (j, p) => {
        if (typeof j === 'number') return round(j);
        if (typeof j === 'bigint') return round(Number(j));
        const s = special(j);
        if (s === undefined) throw bad(p, `a ${t.kind}`, j);
        return s;
      };
      break;
    }
    case 'string':
      d = (j, p) => {
        if (typeof j !== 'string') throw bad(p, 'a string', j);
        return j;
      };
      break;
    case 'bytes':
    case 'fixed': {
      const size = t.kind === 'fixed' ? t.size : -1;
      d = (j, p) => {
        if (typeof j !== 'string') throw bad(p, 'base64 text', j);
        const b = base64Decode(j);
        if (b === undefined) throw bad(p, 'valid base64 text', j);
        if (size >= 0 && b.length !== size) throw bad(p, `${size} bytes for ${typeToString(t)}`, j);
        return b;
      };
      break;
    }
    case 'enum': {
      const symbols = new Set(t.symbols);
      d = (j, p) => {
        if (typeof j !== 'string' || !symbols.has(j)) throw bad(p, `a symbol of ${typeToString(t)}`, j);
        return j;
      };
      break;
    }
    case 'array': {
      let items: Decoder | undefined;
      d = (j, p) => {
        if (!Array.isArray(j)) throw bad(p, 'an array', j);
        items ??= decoderFor(t.items);
        const out = new Array(j.length);
        for (let i = 0; i < j.length; i++) out[i] = items(j[i], pointer(p, i));
        return out;
      };
      break;
    }
    case 'map': {
      let values: Decoder | undefined;
      d = (j, p) => {
        if (j instanceof Map) j = Object.fromEntries(j);
        if (!isPlainObject(j)) throw bad(p, 'a map (JSON object)', j);
        values ??= decoderFor(t.values);
        const out = new Map<string, Value>();
        for (const k of Object.keys(j)) out.set(k, values(j[k], pointer(p, k)));
        return out;
      };
      break;
    }
    case 'record': {
      const rec = t;
      let fields: { name: string; segment: string; dec: Decoder; hasDefault: boolean; def: unknown }[] | undefined;
      let read: ((c: FieldsOf) => PfaRecord) | undefined;
      d = (j, p) => {
        if (!isPlainObject(j)) throw bad(p, `a record ${rec.name} (JSON object)`, j);
        if (inputDepth >= maxInputDepth) throw tooDeep(p);
        inputDepth++;
        try {
          return fill(j, p);
        } finally {
          inputDepth--;
        }
      };
      const fill = (j: Record<string, unknown>, p: string): Value => {
        // (each field's escaped path segment once: pointer() per field per record was most of the decoding)
        fields ??= rec.fields.map((f) => ({
          name: f.name,
          segment: pointer('', f.name),
          dec: decoderFor(f.type),
          hasDefault: 'default' in f,
          def: f.default,
        }));
        const all = fields;
        read ??= recordReader<FieldsOf>(
          all.map((f) => f.name),
          (c, i) => {
            const f = all[i];
            if (Object.hasOwn(c.j, f.name)) {
              c.seen++;
              return f.dec(c.j[f.name], c.p + f.segment);
            }
            if (f.hasDefault) return f.dec(f.def, c.p + f.segment);
            throw inputMessages.missingField.atInput(pointer(c.p, f.name), f.name, rec.name);
          },
        );
        // (the count of fields found is the call's own: a field's value may be a record of this type)
        const c: FieldsOf = { j, p, seen: 0 };
        const out = read(c);
        if (c.seen !== Object.keys(j).length) {
          const extra = Object.keys(j).find((k) => !rec.fields.some((f) => f.name === k));
          throw inputMessages.unexpectedField.atInput(pointer(p, extra ?? ''), String(extra), rec.name);
        }
        return out;
      };
      break;
    }
    case 'union':
      d = unionDecoder(t);
      break;
  }
  decoders.set(t, d);
  return d;
}

/** A record decoder's JSON object, its path, and how many of its keys were fields (recordReader's context). */
type FieldsOf = { j: Record<string, unknown>; p: string; seen: number };

function unionDecoder(u: UnionType): Decoder {
  const byTag = new Map<string, AvroType>();
  for (const b of u.types) byTag.set(branchName(b), b);
  // A named branch may also be tagged by its short name, unless two branches share it.
  const named = u.types.filter((b): b is NamedType => b.kind === 'record' || b.kind === 'enum' || b.kind === 'fixed');
  for (const b of named) {
    const short = shortName(b);
    if (!byTag.has(short) && named.filter((c) => shortName(c) === short).length === 1) byTag.set(short, b);
  }
  const hasNull = u.types.some((b) => b.kind === 'null');
  // A branch held alike with another keeps its name in a box (values.ts Tagged).
  const boxed = heldAlike(u);
  const decodeBranch = (b: AvroType, j: unknown, p: string): Value => {
    const v = decoderFor(b)(j, p);
    return boxed[u.types.indexOf(b)] ? new Tagged(branchName(b), v) : v;
  };
  return (j, p) => {
    if (j === null) {
      if (hasNull) return null;
      throw bad(p, typeToString(u), j);
    }
    if (isPlainObject(j)) {
      const keys = Object.keys(j);
      if (keys.length === 1 && byTag.has(keys[0]))
        return decodeBranch(byTag.get(keys[0])!, j[keys[0]], pointer(p, keys[0]));
    }
    // Untagged values are accepted when a branch reads them (a convenience for callers who send
    // plain JSON; Avro-JSON itself always tags). Trying branch after branch of nested unions can
    // take time exponential in the nesting, so the failed tries of one datum are counted.
    if (untaggedDepth === 0) untaggedFailures = 0;
    untaggedDepth++;
    try {
      for (const b of u.types) {
        if (b.kind === 'null') continue;
        try {
          return decodeBranch(b, j, p);
        } catch (e) {
          if (e instanceof PfaError && e.code === LIMIT_CODES.inputTooAmbiguous) throw e;
          if (++untaggedFailures > MAX_UNTAGGED_FAILURES) {
            throw inputMessages.tooAmbiguous.atInput(p, MAX_UNTAGGED_FAILURES);
          }
        }
      }
    } finally {
      untaggedDepth--;
    }
    throw bad(p, `${typeToString(u)} (tagged as {"type": value})`, j);
  };
}

let untaggedDepth = 0;
let untaggedFailures = 0;
const MAX_UNTAGGED_FAILURES = 10_000;

let outputDepth = 0;

/** Encodes a value as Avro-JSON (bigints stay bigints: write them with document/json.ts jsonText). */
export function encoderFor(t: AvroType): Encoder {
  const cached = encoders.get(t);
  if (cached) return cached;
  let e: Encoder;
  switch (t.kind) {
    case 'float':
    case 'double':
      e = (v) => {
        const x = v as number;
        return Number.isFinite(x) ? x : Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
      };
      break;
    case 'bytes':
    case 'fixed':
      e = (v) => base64Encode(v as Uint8Array);
      break;
    case 'array': {
      let items: Encoder | undefined;
      e = (v) => {
        items ??= encoderFor(t.items);
        return (v as Value[]).map(items);
      };
      break;
    }
    case 'map': {
      let values: Encoder | undefined;
      e = (v) => {
        values ??= encoderFor(t.values);
        const out: Record<string, unknown> = Object.create(null);
        for (const [k, x] of v as Map<string, Value>) out[k] = values(x);
        return out;
      };
      break;
    }
    case 'record': {
      const rec = t;
      e = (v) => {
        const r = v as Record<string, Value>;
        const out: Record<string, unknown> = {};
        // A model can build values deeper than any input (a list grown in a loop).
        if (outputDepth >= MAX_VALUE_DEPTH) {
          throw runtimeMessages.outputTooDeep.error(MAX_VALUE_DEPTH);
        }
        outputDepth++;
        try {
          for (const f of rec.fields) out[f.name] = encoderFor(f.type)(r[f.name]);
        } finally {
          outputDepth--;
        }
        return out;
      };
      break;
    }
    case 'union': {
      const u = t;
      e = (v) => {
        if (v === null && u.types.some((b) => b.kind === 'null')) return null;
        const i = branchIndex(v, u);
        if (i < 0) throw runtimeMessages.notInUnion.error(typeToString(u));
        return { [branchName(u.types[i])]: encoderFor(u.types[i])(branchValue(v)) };
      };
      break;
    }
    default:
      e = (v) => v;
  }
  encoders.set(t, e);
  return e;
}
