/**
 * Item equality for the collection functions of `a` and `map` (a.contains, a.distinct, a.seteq,
 * map.containsValue, ...). It is `valuesEqual` except that NaN equals NaN: membership follows
 * the Avro order, where NaN compares equal to itself (Java's Double.compare, titus's compare),
 * so that, e.g., a.distinct keeps one NaN and a.subset(x, x) is true for any x.
 */
import { AvroType } from '../../types/avro.js';
import { PfaRecord, Tagged, heldAlike } from '../../values.js';

export function sameItem(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number') return typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Tagged || b instanceof Tagged) {
    return a instanceof Tagged && b instanceof Tagged && a.branch === b.branch && sameItem(a.value, b.value);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameItem(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !sameItem(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(b) || b instanceof Uint8Array || b instanceof Map) return false;
  const x = a as PfaRecord,
    y = b as PfaRecord;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  for (const k of kx) if (!(k in y) || !sameItem(x[k], y[k])) return false;
  return true;
}

/** A growable collection answering "is an item equal (sameItem) to x in here?". */
export interface ItemPool {
  has(x: unknown): boolean;
  add(x: unknown): void;
}

/** Do all values of `t` live as JS primitives (so that a Set's SameValueZero is sameItem)? */
export function primitiveValued(t: AvroType): boolean {
  switch (t.kind) {
    case 'null':
    case 'boolean':
    case 'int':
    case 'long':
    case 'float':
    case 'double':
    case 'string':
    case 'enum':
      return true;
    case 'union':
      // (branches held alike are boxed: values.ts Tagged)
      return !heldAlike(t).some((x) => x) && t.types.every(primitiveValued);
    default:
      return false;
  }
}

/**
 * A pool factory for items of type `t`. Primitive items go in a Set, whose SameValueZero equality
 * (NaN equals NaN, 0 equals -0) is exactly sameItem on numbers, so set operations stay linear;
 * other items are compared pairwise.
 */
export function poolFor(t: AvroType): (items?: Iterable<unknown>) => ItemPool {
  if (primitiveValued(t)) return (items) => new Set(items);
  return (items) => {
    const list: unknown[] = items ? [...items] : [];
    return {
      has: (x) => list.some((y) => sameItem(y, x)),
      add: (x) => {
        list.push(x);
      },
    };
  };
}
