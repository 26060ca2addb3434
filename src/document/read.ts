/**
 * Reading a PFA document from JSON text, YAML text or a JS object into the exact JSON model of
 * document/json.ts (integers exact and distinct from floating-point numbers).
 */
import { parse as parseYaml } from 'yaml';
import { PfaError } from '../errors/PfaError.js';
import { JsonValue, fromJsValue, parseJson } from './json.js';

export type DocumentSource = string | object;

function fromYaml(text: string): JsonValue {
  let value: unknown;
  try {
    // YAML 1.2 core schema: `y`, `n`, `on`, `off` stay strings (1.1 would make symbol names booleans); integers exact.
    value = parseYaml(text, { version: '1.2', intAsBigInt: true, maxAliasCount: 1000 });
  } catch (e) {
    throw new PfaError('syntax', `invalid YAML: ${(e as Error).message.split('\n')[0]}`, { code: 1000 });
  }
  return normalizeYaml(value);
}

/** YAML objects come with prototypes and YAML floats that are whole (1.0) as numbers: keep them double. */
function normalizeYaml(x: unknown): JsonValue {
  if (Array.isArray(x)) return x.map(normalizeYaml);
  if (x instanceof Map) x = Object.fromEntries(x);
  if (x !== null && typeof x === 'object') {
    const out: { [k: string]: JsonValue } = Object.create(null);
    for (const [k, v] of Object.entries(x)) out[k] = normalizeYaml(v);
    return out;
  }
  return x as JsonValue;
}

/** Parses a document given as JSON text, YAML text or an object (whose whole numbers become ints). */
export function readDocument(source: DocumentSource): JsonValue {
  if (typeof source === 'string') {
    const t = source.trimStart();
    return t.startsWith('{') ? parseJson(source) : fromYaml(source);
  }
  if (isExact(source)) return source as JsonValue;
  return fromJsValue(source);
}

/** An object already in the exact model (from parseJson): prototype-less objects at the top. */
function isExact(o: object): boolean {
  return Object.getPrototypeOf(o) === null;
}
