/**
 * A JSON reader that keeps what JSON.parse loses and PFA needs: integers stay exact (`bigint`,
 * so 9223372036854775807 survives) and stay distinct from floating-point numbers (`1` is an int
 * literal, `1.0` a double). Floating-point numbers are `number`. Objects have no prototype, so
 * keys like "__proto__" are ordinary keys.
 */
import { PfaError } from '../errors/PfaError.js';

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

export interface JsonReadOptions {
  /** Deepest nesting of arrays and objects accepted (hostile-input limit). */
  maxDepth?: number;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseJson(text: string, options: JsonReadOptions = {}): JsonValue {
  const maxDepth = options.maxDepth ?? 10_000;
  let i = 0;
  const fail = (what: string): never => {
    throw new PfaError('syntax', `invalid JSON: ${what} at character ${i}`, { code: 1000 });
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
      if (c === 34) { out += text.slice(start, i); i++; return out; }
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
  const value = (depth: number): JsonValue => {
    ws();
    const c = text[i];
    if (c === '{') {
      if (depth >= maxDepth) fail(`nesting deeper than ${maxDepth}`);
      i++;
      const obj: { [k: string]: JsonValue } = Object.create(null);
      ws();
      if (text[i] === '}') { i++; return obj; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a string key');
        const k = str();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        obj[k] = value(depth + 1);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return obj; }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      if (depth >= maxDepth) fail(`nesting deeper than ${maxDepth}`);
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === ']') { i++; return arr; }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return arr; }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    if (c === 't' && text.startsWith('true', i)) { i += 4; return true; }
    if (c === 'f' && text.startsWith('false', i)) { i += 5; return false; }
    if (c === 'n' && text.startsWith('null', i)) { i += 4; return null; }
    if (c === '-' || (c >= '0' && c <= '9')) return num();
    return fail(c === undefined ? 'unexpected end' : `unexpected ${JSON.stringify(c)}`);
  };
  const v = value(0);
  ws();
  if (i < text.length) fail('trailing characters');
  return v;
}

/** Normalises a JS value given by an API caller: integral numbers become exact integers. */
export function fromJsValue(x: unknown): JsonValue {
  if (typeof x === 'number') return Number.isInteger(x) ? BigInt(x) : x;
  if (Array.isArray(x)) return x.map(fromJsValue);
  if (x !== null && typeof x === 'object') {
    const out: { [k: string]: JsonValue } = Object.create(null);
    for (const [k, v] of Object.entries(x)) out[k] = fromJsValue(v);
    return out;
  }
  return x as JsonValue;
}

/** JSON text of a JsonValue (bigints written exactly). */
export function jsonText(x: unknown): string {
  return JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `\u0000big${v}` : v)).replace(/"\\u0000big(-?\d+)"/g, '$1');
}
