/**
 * Reading a PFA document from JSON text, YAML text or a JS object into the exact JSON model of
 * document/json.ts (integers exact and distinct from floating-point numbers).
 */
import { parse as parseYaml } from 'yaml';
import { documentMessages as M } from '../errors/messages.js';
import { JsonValue, JsonReadOptions, fromJsValue, parseJson } from './json.js';
import { DEFAULT_LIMITS, DocumentLimits, LIMIT_CODES } from '../limits.js';

export type DocumentSource = string | object;

function fromYaml(text: string, limits: JsonReadOptions): JsonValue {
  let value: unknown;
  try {
    // YAML 1.2 core schema: `y`, `n`, `on`, `off` stay strings (1.1 would make symbol names booleans); integers exact.
    value = parseYaml(text, { version: '1.2', intAsBigInt: true, maxAliasCount: 1000 });
  } catch (e) {
    if (e instanceof RangeError || /call stack/i.test((e as Error).message)) throw M.yamlTooDeep.error();
    throw M.invalidYaml.error((e as Error).message.split('\n')[0]);
  }
  return normalizeYaml(value, limits);
}

/**
 * YAML objects come with prototypes and YAML floats that are whole (1.0) as numbers: keep them
 * double. Depth and element count are limited here, after aliases are expanded, so the element
 * limit also stops an alias bomb that stays within the alias budget.
 */
function normalizeYaml(root: unknown, limits: JsonReadOptions): JsonValue {
  const maxDepth = limits.maxDepth!,
    maxElements = limits.maxElements!;
  let elements = 0;
  const walk = (x: unknown, depth: number): JsonValue => {
    if (++elements > maxElements) {
      throw M.tooManyYamlValues.error(maxElements);
    }
    if (x === null || typeof x !== 'object') return x as JsonValue;
    if (depth >= maxDepth) throw M.tooDeep.error(maxDepth);
    if (Array.isArray(x)) return x.map((v) => walk(v, depth + 1));
    if (x instanceof Map) x = Object.fromEntries(x);
    const out: { [k: string]: JsonValue } = Object.create(null);
    for (const [k, v] of Object.entries(x as object)) out[k] = walk(v, depth + 1);
    return out;
  };
  return walk(root, 0);
}

/** Parses a document given as JSON text, YAML text or an object (whose whole numbers become ints). */
export function readDocument(source: DocumentSource, limits: Partial<DocumentLimits> = {}): JsonValue {
  const { maxDocumentSize, maxDocumentDepth, maxDocumentElements } = { ...DEFAULT_LIMITS, ...limits };
  const options: JsonReadOptions = {
    maxDepth: maxDocumentDepth,
    maxElements: maxDocumentElements,
    depthCode: LIMIT_CODES.documentTooDeep,
  };
  if (typeof source === 'string') {
    if (source.length > maxDocumentSize) {
      throw M.tooLarge.error(source.length, maxDocumentSize);
    }
    const t = source.trimStart();
    return t.startsWith('{') ? parseJson(source, options) : fromYaml(source, options);
  }
  if (isExact(source)) return source as JsonValue;
  return fromJsValue(source, options);
}

/** An object already in the exact model (from parseJson): prototype-less objects at the top. */
function isExact(o: object): boolean {
  return Object.getPrototypeOf(o) === null;
}
