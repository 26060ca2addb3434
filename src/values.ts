/**
 * Runtime values of the JS backend, and the three questions asked of them by type:
 * is this value of that type (union branches), how do two values compare (Avro sort order), are
 * they equal.
 *
 * Representation: null → null; boolean → boolean; int, float, double → number (floats already
 * rounded to float32); long → bigint (exact); string → string; bytes and fixed → Uint8Array;
 * enum → its symbol (string); array → Array; map → Map<string, V> (keeps insertion order);
 * record → a prototype-less object with one property per field. Values are never mutated.
 *
 * A union value is its branch's value, bare, except where another branch of the same union is
 * held alike (int, float and double are all numbers; string and enum, bytes and fixed, enums that
 * share a symbol, records with the same field names): there the value is a `Tagged` naming its
 * branch, so `{"double": 3}` stays a double (issue 16). `heldAlike` says which branches are boxed;
 * the input codec and the checker's `convert` nodes make the boxes, and whatever matches a branch
 * unwraps them (`branchIndex`, `branchValue`). A bare value in a boxed branch (a caller's own
 * runtime value) is taken by its runtime type, as `branchIndex` picks.
 */
import { AvroType, RecordType, UnionType } from './types/avro.js';
import { runtimeMessages } from './errors/runtime.js';
import { branchName, hasTagged, heldAlike } from './types/convert.js';

export { branchName, hasTagged, heldAlike } from './types/convert.js';

export type Value = unknown;
export type PfaRecord = { [field: string]: Value };

/** A value of a union branch that another branch of its union holds alike (see above). */
export class Tagged {
  /** `branch` is the branch's Avro-JSON tag: the primitive's name or the full name. */
  constructor(
    readonly branch: string,
    readonly value: Value,
  ) {}
}

/** The branch's own value of a union value (a `Tagged` unwrapped). */
export function branchValue(v: Value): Value {
  return v instanceof Tagged ? v.value : v;
}

/**
 * A record's object. Like `Object.create(null)`, nothing is inherited (the prototype's prototype is
 * null and it has no `constructor`), so a field named `__proto__` or `toString` is only a field; but
 * V8 keeps an instance of a class in fast mode up to about 20 fields filled by keyed stores, where it
 * keeps every `Object.create(null)` object in dictionary mode (ARCHITECTURE "Notes").
 */
function RecordObject(): void {}
Object.setPrototypeOf(RecordObject.prototype, null);
delete (RecordObject.prototype as { constructor?: unknown }).constructor;

export function makeRecord(): PfaRecord {
  return new (RecordObject as unknown as new () => PfaRecord)();
}

/**
 * A maker of records of the given fields, each null until the caller stores it: for decoders,
 * which fill every field of every record of one type. A wide record filled field by field from
 * makeRecord is in dictionary mode, where each later read by name is a hash lookup and a for-in
 * gathers its keys first. A copy of an object JSON.parse built is in fast mode whatever its width
 * (JSON.parse is not held to the keyed-store limit), and every copy has one hidden class, so the
 * encoders' for-in walks (wireNumbers.ts) read it from the enum cache. Its prototype is then set
 * to null, as makeRecord's is, so a field named `__proto__` or `toString` is only a field (the
 * template's fields are own properties too, and stores to them never reach a setter); the
 * object stays in fast mode (`%HasFastProperties`, Node 22, 60 fields).
 */
export function recordMaker(fields: readonly string[]): () => PfaRecord {
  // (null values: the fields stay tagged, so a read by name returns the stored number unboxed)
  const template = JSON.parse(JSON.stringify(Object.fromEntries(fields.map((f) => [f, null])))) as PfaRecord;
  return () => {
    const r = { ...template };
    Object.setPrototypeOf(r, null);
    return r;
  };
}

/**
 * A reader of records of the given fields; `read(c, i)` gives field i's value, called in field
 * order. Up to four fields, each store is a line of its own with the field's name in a constant, so
 * V8's store there sees one name and one hidden class; a loop of keyed stores sees every name, goes
 * megamorphic and costs a stub-cache probe or a runtime call per field. Another record type of the
 * same width shares these lines (feedback is kept per closure site) and brings them to the loop's
 * cost. Wider records take recordMaker, which keeps them in fast mode.
 */
export function recordReader<C>(fields: readonly string[], read: (c: C, i: number) => Value): (c: C) => PfaRecord {
  const [f0, f1, f2, f3] = fields;
  switch (fields.length) {
    case 1:
      return (c) => {
        const o = makeRecord();
        o[f0] = read(c, 0);
        return o;
      };
    case 2:
      return (c) => {
        const o = makeRecord();
        o[f0] = read(c, 0);
        o[f1] = read(c, 1);
        return o;
      };
    case 3:
      return (c) => {
        const o = makeRecord();
        o[f0] = read(c, 0);
        o[f1] = read(c, 1);
        o[f2] = read(c, 2);
        return o;
      };
    case 4:
      return (c) => {
        const o = makeRecord();
        o[f0] = read(c, 0);
        o[f1] = read(c, 1);
        o[f2] = read(c, 2);
        o[f3] = read(c, 3);
        return o;
      };
  }
  const make = recordMaker(fields);
  return (c) => {
    const o = make();
    for (let i = 0; i < fields.length; i++) o[fields[i]] = read(c, i);
    return o;
  };
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/**
 * Deepest nesting of records that isInstance, the encoder and the decoder's callers walk: only
 * recursive types nest deeper than their type, and a model can build such a value in a loop.
 * Past it they raise a PfaError (code 1202) instead of exhausting the stack.
 */
export const MAX_VALUE_DEPTH = 1000;

/** Does `v` belong to type `t`? Structural, used to pick union branches at run time. */
export function isInstance(v: Value, t: AvroType, depth = 0): boolean {
  switch (t.kind) {
    case 'null':
      return v === null;
    case 'boolean':
      return typeof v === 'boolean';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= INT_MIN && v <= INT_MAX;
    case 'long':
      return typeof v === 'bigint';
    case 'float':
    case 'double':
      return typeof v === 'number';
    case 'string':
      return typeof v === 'string';
    case 'bytes':
      return v instanceof Uint8Array;
    case 'fixed':
      return v instanceof Uint8Array && v.length === t.size;
    case 'enum':
      return typeof v === 'string' && t.symbols.includes(v);
    case 'array':
      return Array.isArray(v) && (v.length === 0 || isInstance(v[0], t.items, depth));
    case 'map': {
      if (!(v instanceof Map)) return false;
      for (const x of v.values()) return isInstance(x, t.values, depth);
      return true;
    }
    case 'record':
      return isRecordOf(v, t, depth + 1);
    case 'union': {
      if (v instanceof Tagged) return t.types.some((u) => branchName(u) === v.branch && isInstance(v.value, u, depth));
      for (const u of t.types) if (isInstance(v, u, depth)) return true;
      return false;
    }
  }
}

function isRecordOf(v: Value, t: RecordType, depth: number): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Map || v instanceof Uint8Array)
    return false;
  const r = v as PfaRecord;
  const keys = Object.keys(r);
  if (keys.length !== t.fields.length) return false;
  if (depth > MAX_VALUE_DEPTH) {
    throw runtimeMessages.valueTooDeep.error(MAX_VALUE_DEPTH);
  }
  for (const f of t.fields) if (!(f.name in r) || !isInstance(r[f.name], f.type, depth)) return false;
  return true;
}

/** Index of the union branch that holds `v` (the first that matches, in declaration order). */
export function branchIndex(v: Value, u: UnionType): number {
  if (v instanceof Tagged) return u.types.findIndex((t) => branchName(t) === v.branch);
  // Exact kinds first, so that 3 in union<double, int> is an int and 3.5 a double.
  const ts = u.types;
  if (typeof v === 'number' && Number.isInteger(v)) {
    const i = ts.findIndex((t) => t.kind === 'int');
    if (i >= 0 && isInstance(v, ts[i])) return i;
  }
  for (let i = 0; i < ts.length; i++) if (isInstance(v, ts[i])) return i;
  return -1;
}

/** Compares Unicode strings by code point, as Avro orders strings (JS `<` compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF: they sort after 0xE000-0xFFFF.
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length < 0 ? -1 : a.length > b.length ? 1 : 0;
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  // NaN sorts above every number and equals itself (Java's Double.compare; titus's compare).
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
}

export type Comparator = (a: Value, b: Value) => number;

const comparators = new WeakMap<object, Comparator>();

/** A comparator in Avro's sort order for values of type `t` (maps compare by their entries). */
export function comparatorFor(t: AvroType): Comparator {
  const cached = comparators.get(t);
  if (cached) return cached;
  let c: Comparator;
  switch (t.kind) {
    case 'null':
      c = () => 0;
      break;
    case 'boolean':
      c = (a, b) => (a === b ? 0 : a ? 1 : -1);
      break;
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      c = compareNumbers as Comparator;
      break;
    case 'string':
      c = compareStrings as Comparator;
      break;
    case 'bytes':
    case 'fixed':
      c = compareBytes as Comparator;
      break;
    case 'enum': {
      const syms = t.symbols;
      c = (a, b) => compareNumbers(syms.indexOf(a as string), syms.indexOf(b as string));
      break;
    }
    case 'array': {
      let item: Comparator | undefined;
      c = (a, b) => {
        item ??= comparatorFor(t.items);
        const x = a as Value[],
          y = b as Value[];
        const n = Math.min(x.length, y.length);
        for (let i = 0; i < n; i++) {
          const r = item(x[i], y[i]);
          if (r !== 0) return r;
        }
        return compareNumbers(x.length, y.length);
      };
      break;
    }
    case 'map': {
      let value: Comparator | undefined;
      c = (a, b) => {
        value ??= comparatorFor(t.values);
        const x = [...(a as Map<string, Value>)].sort((p, q) => compareStrings(p[0], q[0]));
        const y = [...(b as Map<string, Value>)].sort((p, q) => compareStrings(p[0], q[0]));
        const n = Math.min(x.length, y.length);
        for (let i = 0; i < n; i++) {
          const k = compareStrings(x[i][0], y[i][0]);
          if (k !== 0) return k;
          const r = value(x[i][1], y[i][1]);
          if (r !== 0) return r;
        }
        return compareNumbers(x.length, y.length);
      };
      break;
    }
    case 'record': {
      c = (a, b) => {
        const x = a as PfaRecord,
          y = b as PfaRecord;
        for (const f of t.fields) {
          if (f.order === 'ignore') continue;
          const r = comparatorFor(f.type)(x[f.name], y[f.name]);
          if (r !== 0) return f.order === 'descending' ? -r : r;
        }
        return 0;
      };
      break;
    }
    case 'union': {
      const u = t;
      c = (a, b) => {
        const i = branchIndex(a, u),
          j = branchIndex(b, u);
        return i !== j ? compareNumbers(i, j) : comparatorFor(u.types[i])(branchValue(a), branchValue(b));
      };
      break;
    }
  }
  comparators.set(t, c);
  return c;
}

/** Structural equality of two values (NaN equals NaN, as in Avro's sort order). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  // Inside structures and unions the reference engines compare by Avro order, where NaN equals NaN.
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== typeof b || typeof a !== 'object' || a === null || b === null) return false;
  if (a instanceof Tagged || b instanceof Tagged) {
    return a instanceof Tagged && b instanceof Tagged && a.branch === b.branch && valuesEqual(a.value, b.value);
  }
  if (Array.isArray(a)) {
    const y = b as Value[];
    if (!Array.isArray(y) || a.length !== y.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], y[i])) return false;
    return true;
  }
  if (a instanceof Uint8Array) {
    return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !valuesEqual(v, b.get(k))) return false;
    return true;
  }
  const x = a as PfaRecord,
    y = b as PfaRecord;
  const kx = Object.keys(x),
    ky = Object.keys(y);
  if (kx.length !== ky.length) return false;
  for (const k of kx) if (!(k in y) || !valuesEqual(x[k], y[k])) return false;
  return true;
}

const boxers = new WeakMap<object, (v: Value) => Value>();

/**
 * The engine API's rule for a caller's runtime values: a bare value in a union whose branches are
 * held alike goes to the branch `branchIndex` picks by its runtime type (a whole number in range
 * is the int if there is one, another number the first of float and double),
 * boxed as the JS backend holds it; `Tagged` values keep their branch. Null when `t` boxes nothing.
 * (Any other value: the first branch, in declaration order, that holds it.)
 */
export function boxerFor(t: AvroType): ((v: Value) => Value) | null {
  return hasTagged(t) ? boxer(t) : null;
}

function boxer(t: AvroType): (v: Value) => Value {
  const cached = boxers.get(t);
  if (cached) return cached;
  // (built lazily below, so a recursive type refers to its own boxer through the cache)
  const inner = (u: AvroType) => {
    let b: ((v: Value) => Value) | undefined;
    return (v: Value) => (b ??= hasTagged(u) ? boxer(u) : (x: Value) => x)(v);
  };
  let f: (v: Value) => Value;
  switch (t.kind) {
    case 'array': {
      const item = inner(t.items);
      f = (v) => (v as Value[]).map(item);
      break;
    }
    case 'map': {
      const value = inner(t.values);
      f = (v) => {
        const out = new Map<string, Value>();
        for (const [k, x] of v as Map<string, Value>) out.set(k, value(x));
        return out;
      };
      break;
    }
    case 'record': {
      const fields = t.fields.map((g) => ({ name: g.name, box: inner(g.type) }));
      f = (v) => {
        const r = v as PfaRecord;
        const out = makeRecord();
        for (const g of fields) out[g.name] = g.box(r[g.name]);
        return out;
      };
      break;
    }
    case 'union': {
      const u = t;
      const boxed = heldAlike(u);
      const branches = u.types.map((b) => inner(b));
      f = (v) => {
        const i = branchIndex(v, u);
        if (i < 0) return v;
        const x = branches[i](branchValue(v));
        return boxed[i] ? new Tagged(branchName(u.types[i]), x) : x;
      };
      break;
    }
    default:
      f = (v) => v;
  }
  boxers.set(t, f);
  return f;
}
