/**
 * `a` namespace, arrays treated as sets: distinct, seteq, union, intersection, diff, symdiff,
 * subset, disjoint. Membership is structural equality (util/sameItem) and the order of the
 * original arrays is preserved, as the spec says.
 *
 * intersection, diff and symdiff filter their inputs without removing repeats, following the
 * reference (titus and the conformance suite): intersection([1, -1], [1, -1]) is
 * [1, -1, 1, -1], the items of a found in b followed by the items of b found in a.
 */
import { defineFunction } from '../registry.js';
import { sameItem } from '../util/sameItem.js';

type Arr = readonly unknown[];

function has(a: Arr, x: unknown): boolean {
  for (let i = 0; i < a.length; i++) if (sameItem(a[i], x)) return true;
  return false;
}

/** Appends the items of `from` that are not in `out` yet. */
function addDistinct(out: unknown[], from: Arr): unknown[] {
  for (const x of from) if (!has(out, x)) out.push(x);
  return out;
}

const TWO = '(a: array<any A>, b: array<A>) -> ';

export const distinct = defineFunction({
  name: 'a.distinct',
  sigs: ['(a: array<any A>) -> array<A>'],
  js: () => (a: Arr) => addDistinct([], a),
});

export const seteq = defineFunction({
  name: 'a.seteq',
  sigs: [TWO + 'boolean'],
  js: () => (a: Arr, b: Arr) => a.every((x) => has(b, x)) && b.every((x) => has(a, x)),
});

export const union = defineFunction({
  name: 'a.union',
  sigs: [TWO + 'array<A>'],
  js: () => (a: Arr, b: Arr) => addDistinct(addDistinct([], a), b),
});

export const intersection = defineFunction({
  name: 'a.intersection',
  sigs: [TWO + 'array<A>'],
  js: () => (a: Arr, b: Arr) => [...a.filter((x) => has(b, x)), ...b.filter((x) => has(a, x))],
});

export const diff = defineFunction({
  name: 'a.diff',
  sigs: [TWO + 'array<A>'],
  js: () => (a: Arr, b: Arr) => a.filter((x) => !has(b, x)),
});

export const symdiff = defineFunction({
  name: 'a.symdiff',
  sigs: [TWO + 'array<A>'],
  js: () => (a: Arr, b: Arr) => [...a.filter((x) => !has(b, x)), ...b.filter((x) => !has(a, x))],
});

export const subset = defineFunction({
  name: 'a.subset',
  sigs: ['(little: array<any A>, big: array<A>) -> boolean'],
  js: () => (little: Arr, big: Arr) => little.every((x) => has(big, x)),
});

export const disjoint = defineFunction({
  name: 'a.disjoint',
  sigs: [TWO + 'boolean'],
  js: () => (a: Arr, b: Arr) => !a.some((x) => has(b, x)),
});
