/**
 * A JSON reader that keeps what JSON.parse loses and PFA needs: integers stay exact (`bigint`,
 * so 9223372036854775807 survives) and stay distinct from floating-point numbers (`1` is an int
 * literal, `1.0` a double). Floating-point numbers are `number`. Objects have no prototype, so
 * keys like "__proto__" are ordinary keys.
 */
import { pointer } from '../errors/PfaError.js';
import { documentMessages as M } from '../errors/messages.js';

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

export interface JsonReadOptions {
  /** Deepest nesting of arrays and objects accepted (hostile-input limit). */
  maxDepth?: number;
  /** Most values (of any kind, containers included) accepted (hostile-input limit). */
  maxElements?: number;
  /** The code of the error when maxDepth is passed (documents: 1006; default: 1000, a JSON error). */
  depthCode?: number;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseJson(text: string, options: JsonReadOptions = {}): JsonValue {
  const maxDepth = options.maxDepth ?? 10_000;
  const maxElements = options.maxElements ?? Infinity;
  let i = 0;
  let elements = 0;
  const fail = (what: string): never => {
    throw M.invalidJson.error(what, i);
  };
  const tooDeep = (): never => {
    throw M.jsonTooDeep.with({ code: options.depthCode ?? M.jsonTooDeep.code }, maxDepth, i);
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  const str = (): string => {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c === 92) {
        out += text.slice(start, i);
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && e in ESCAPES) {
          out += ESCAPES[e];
          i += 2;
        } else fail('bad escape');
        start = i;
        continue;
      }
      if (Number.isNaN(c)) fail('unterminated string');
      if (c < 32) fail('control character in string');
      i++;
    }
  };
  const num = (): number | bigint => {
    const m = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    m.lastIndex = i;
    const r = m.exec(text);
    if (!r || r[0] === '-' || r[0] === '') fail('bad number');
    i += r![0].length;
    return r![2] === undefined && r![3] === undefined ? BigInt(r![0]) : Number(r![0]);
  };
  const key = (): string => {
    ws();
    if (text[i] !== '"') fail('expected a string key');
    const k = str();
    ws();
    if (text[i] !== ':') fail('expected ":"');
    i++;
    return k;
  };
  const scalar = (c: string): JsonValue => {
    if (c === '"') return str();
    if (c === 't' && text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (c === 'f' && text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (c === 'n' && text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    if (c === '-' || (c >= '0' && c <= '9')) return num();
    return fail(c === undefined ? 'unexpected end' : `unexpected ${JSON.stringify(c)}`);
  };
  // Containers open on an explicit stack, not the call stack: a recursive reader ran out of call
  // stack before maxDepth, at a depth that depended on how deep its caller already was, so the
  // same text could fail with different messages (or pass) from different callers.
  interface Open {
    readonly arr: JsonValue[] | null;
    readonly obj: { [k: string]: JsonValue } | null;
    key: string;
  }
  const stack: Open[] = [];
  let v: JsonValue;
  next: for (;;) {
    // A value starts: a scalar, an empty container, or a container left open on the stack.
    ws();
    if (++elements > maxElements) tooMany(maxElements);
    const c = text[i];
    if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) tooDeep();
      i++;
      ws();
      if (c === '{') {
        const obj: { [k: string]: JsonValue } = Object.create(null);
        if (text[i] !== '}') {
          stack.push({ arr: null, obj, key: key() });
          continue;
        }
        i++;
        v = obj;
      } else {
        const arr: JsonValue[] = [];
        if (text[i] !== ']') {
          stack.push({ arr, obj: null, key: '' });
          continue;
        }
        i++;
        v = arr;
      }
    } else {
      v = scalar(c);
    }
    // The value is complete: it goes into the innermost open container, which may close in turn.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) break next;
      if (top.arr !== null) {
        top.arr.push(v);
        ws();
        if (text[i] === ',') {
          i++;
          continue next;
        }
        if (text[i] !== ']') fail('expected "," or "]"');
        i++;
        v = top.arr;
      } else {
        top.obj![top.key] = v;
        ws();
        if (text[i] === ',') {
          i++;
          top.key = key();
          continue next;
        }
        if (text[i] !== '}') fail('expected "," or "}"');
        i++;
        v = top.obj!;
      }
      stack.pop();
    }
  }
  ws();
  if (i < text.length) fail('trailing characters');
  return v;
}

function tooMany(max: number): never {
  throw M.tooManyJsonValues.error(max);
}

/**
 * Normalises a JS value given by an API caller: integral numbers become exact integers. Nesting
 * and size are limited as parseJson limits them (a caller's object may be as hostile as text).
 */
export function fromJsValue(x: unknown, options: JsonReadOptions = {}): JsonValue {
  const maxDepth = options.maxDepth ?? 10_000;
  const maxElements = options.maxElements ?? Infinity;
  let elements = 0;
  // The path to the current value, kept as a stack so that it costs nothing until it is needed.
  const at: (string | number)[] = [];
  const walk = (x: unknown): JsonValue => {
    if (++elements > maxElements) tooMany(maxElements);
    if (typeof x === 'number') return Number.isInteger(x) ? BigInt(x) : x;
    if (x === null || typeof x !== 'object') return x as JsonValue;
    if (at.length >= maxDepth) {
      const path = at.reduce<string>((p, k) => pointer(p, k), '');
      throw M.tooDeep.at(path, maxDepth);
    }
    if (Array.isArray(x)) {
      if (x.length > maxElements - elements) tooMany(maxElements);
      const out: JsonValue[] = new Array(x.length);
      for (let i = 0; i < x.length; i++) {
        at.push(i);
        out[i] = walk(x[i]);
        at.pop();
      }
      return out;
    }
    const out: { [k: string]: JsonValue } = Object.create(null);
    for (const [k, v] of Object.entries(x)) {
      at.push(k);
      out[k] = walk(v);
      at.pop();
    }
    return out;
  };
  return walk(x);
}

/** JSON text of a JsonValue (bigints written exactly). */
export function jsonText(x: unknown): string {
  return JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `\u0000big${v}` : v)).replace(
    /"\\u0000big(-?\d+)"/g,
    '$1',
  );
}
