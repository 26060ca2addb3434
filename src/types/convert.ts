/**
 * Where a value of one type goes where another type is expected (the spec's promotion), the JS
 * representation sometimes changes: an int becomes a bigint long, an int or long becomes a float32,
 * a value of a union branch held alike with another is boxed (values.ts `Tagged`) or unboxed.
 * The checker inserts a `convert` node exactly where `needsConversion` says so.
 */
import { AvroType, UnionType, accepts, someType, typeEquals } from './avro.js';

/** The branch's Avro-JSON tag, as it names the branch in a `Tagged` and in JSON. */
export function branchName(t: AvroType): string {
  return t.kind === 'record' || t.kind === 'enum' || t.kind === 'fixed' ? t.name : t.kind;
}

/** How JS holds a type's values when no box tells them apart (values.ts: a long is a bigint). */
export function holder(t: AvroType): string {
  switch (t.kind) {
    case 'int':
    case 'float':
    case 'double':
      return 'number';
    case 'string':
    case 'enum':
      return 'text';
    case 'bytes':
    case 'fixed':
      return 'bytes';
    default:
      return t.kind;
  }
}

/** Can one JS value belong to both branches (so that the value alone cannot say which)? */
function alike(a: AvroType, b: AvroType): boolean {
  if (holder(a) !== holder(b)) return false;
  if (a.kind === 'enum' && b.kind === 'enum') return a.symbols.some((s) => b.symbols.includes(s));
  if (a.kind === 'fixed' && b.kind === 'fixed') return a.size === b.size;
  if (a.kind === 'record' && b.kind === 'record') {
    return a.fields.length === b.fields.length && a.fields.every((f) => b.fields.some((g) => g.name === f.name));
  }
  return true;
}

const heldAlikeCache = new WeakMap<UnionType, readonly boolean[]>();

/** Per branch of `u`: is its value boxed in a `Tagged`, since another branch is held alike? */
export function heldAlike(u: UnionType): readonly boolean[] {
  let r = heldAlikeCache.get(u);
  if (!r) {
    r = u.types.map((a, i) => u.types.some((b, j) => i !== j && alike(a, b)));
    heldAlikeCache.set(u, r);
  }
  return r;
}

/** Does any union inside `t` box its values? (Then values of `t` may hold `Tagged`s.) */
export function hasTagged(t: AvroType): boolean {
  return someType(t, (u) => u.kind === 'union' && heldAlike(u).some((x) => x));
}

function branchFor(u: UnionType, t: AvroType): AvroType | undefined {
  return u.types.find((b) => typeEquals(b, t)) ?? u.types.find((b) => accepts(b, t));
}

/** Does a value of union `from`'s branch `i` change representation where it goes in `to`? */
function branchChanges(from: UnionType, i: number, to: AvroType): boolean {
  const b = from.types[i];
  const boxed = heldAlike(from)[i];
  if (to.kind !== 'union') return boxed || needsConversion(b, to);
  const c = branchFor(to, b);
  if (c === undefined) return false;
  const boxedTo = heldAlike(to)[to.types.indexOf(c)];
  return boxed !== boxedTo || (boxed && branchName(b) !== branchName(c)) || needsConversion(b, c);
}

export function needsConversion(from: AvroType, to: AvroType): boolean {
  if (from === to || typeEquals(from, to)) return false;
  if (from.kind === 'union') return from.types.some((_, i) => branchChanges(from, i, to));
  switch (to.kind) {
    case 'long':
      return from.kind === 'int';
    case 'float':
      return from.kind === 'int' || from.kind === 'long';
    case 'double':
      return from.kind === 'long';
    case 'array':
      return from.kind === 'array' && needsConversion(from.items, to.items);
    case 'map':
      return from.kind === 'map' && needsConversion(from.values, to.values);
    case 'union': {
      const b = branchFor(to, from);
      return b !== undefined && (heldAlike(to)[to.types.indexOf(b)] || needsConversion(from, b));
    }
    default:
      return false;
  }
}

export { branchFor };
