/**
 * Prepares a trial's sample as the upstream harness did (animator/pfa
 * `conformance-tests/runTest.py`, `convertIn`): a record keeps only the fields its schema
 * declares. A few samples carry an extra field (stat.test.residual's input has the misspelt
 * field "prediciton" and its samples also give "prediction"); the reference values were computed
 * with that field dropped, while our decoder rejects unknown fields. Nothing else is changed:
 * numbers, "inf"/"nan", base64 and union tags go to the engine's decoder as they are.
 */
type Json = unknown;

/** The sample with undeclared record fields removed, following the input schema (Avro JSON). */
export function projectSample(sample: Json, inputSchema: Json): Json {
  const named = new Map<string, Json>();
  collectNames(inputSchema, named);
  return project(sample, inputSchema, named, 0);
}

const MAX_DEPTH = 200;

function project(x: Json, t: Json, named: Map<string, Json>, depth: number): Json {
  if (depth > MAX_DEPTH) return x;
  if (typeof t === 'string') {
    const def = named.get(t);
    return def === undefined ? x : project(x, def, named, depth + 1);
  }
  if (Array.isArray(t)) {
    // A union value is null or {"tag": value}.
    if (!isObject(x)) return x;
    const tags = Object.keys(x);
    if (tags.length !== 1) return x;
    const branch = t.find((b) => unionTag(b) === tags[0]);
    if (branch === undefined) return x;
    return { [tags[0]]: project(x[tags[0]], branch, named, depth + 1) };
  }
  if (!isObject(t)) return x;
  switch (t.type) {
    case 'array':
      return Array.isArray(x) ? x.map((v) => project(v, t.items, named, depth + 1)) : x;
    case 'map': {
      if (!isObject(x)) return x;
      const out: Record<string, Json> = Object.create(null);
      for (const k of Object.keys(x)) out[k] = project(x[k], t.values, named, depth + 1);
      return out;
    }
    case 'record': {
      if (!isObject(x) || !Array.isArray(t.fields)) return x;
      const out: Record<string, Json> = Object.create(null);
      for (const f of t.fields) {
        if (isObject(f) && typeof f.name === 'string' && Object.hasOwn(x, f.name)) {
          out[f.name] = project(x[f.name], f.type, named, depth + 1);
        }
      }
      // Missing fields stay missing: the decoder reports them (or fills defaults).
      return out;
    }
    default:
      return x;
  }
}

/** The tag of a union branch, as runTest.py matches it: a named type's name, else its type. */
function unionTag(t: Json): string | undefined {
  if (typeof t === 'string') return t;
  if (!isObject(t)) return undefined;
  if ((t.type === 'record' || t.type === 'enum' || t.type === 'fixed') && typeof t.name === 'string') return t.name;
  return typeof t.type === 'string' ? t.type : undefined;
}

/** Named types defined anywhere in the schema, by name and by full name. */
function collectNames(t: Json, named: Map<string, Json>): void {
  if (Array.isArray(t)) {
    for (const b of t) collectNames(b, named);
    return;
  }
  if (!isObject(t)) return;
  if ((t.type === 'record' || t.type === 'enum' || t.type === 'fixed') && typeof t.name === 'string') {
    named.set(t.name, t);
    if (typeof t.namespace === 'string' && t.namespace !== '') named.set(`${t.namespace}.${t.name}`, t);
  }
  if (t.type === 'array') collectNames(t.items, named);
  if (t.type === 'map') collectNames(t.values, named);
  if (t.type === 'record' && Array.isArray(t.fields))
    for (const f of t.fields) if (isObject(f)) collectNames(f.type, named);
}

function isObject(x: Json): x is Record<string, Json> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
