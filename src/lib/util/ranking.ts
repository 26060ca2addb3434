/**
 * Ranked selection for the "extreme values" functions of `a` and `map` (a.maxN, a.argminLT,
 * map.argmaxN, ...). The spec asks for the n best items with ties in their original order (or,
 * for maps, in key order, which the caller folds into `before`). A bounded insertion keeps only
 * n items, which is linear for the common n = 1; for larger n a stable sort gives the same answer
 * whenever `before` is a strict weak order (always true for Avro order).
 */

/** `before(x, y)`: x ranks strictly before y. */
export type Before<T> = (x: T, y: T) => boolean;

const INSERTION_LIMIT = 8;

export function topN<T>(items: readonly T[], n: number, before: Before<T>): T[] {
  if (n <= 0 || items.length === 0) return [];
  if (n > INSERTION_LIMIT) {
    // Array.prototype.sort is stable (ES2019), so ties keep their original order.
    const sorted = items.slice().sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0));
    return sorted.length > n ? sorted.slice(0, n) : sorted;
  }
  const out: T[] = [];
  for (const x of items) {
    let at = out.length;
    for (let j = 0; j < out.length; j++) {
      if (before(x, out[j])) {
        at = j;
        break;
      }
    }
    if (at >= n) continue;
    out.splice(at, 0, x);
    if (out.length > n) out.pop();
  }
  return out;
}

/** The first best item (n = 1 without the list). `items` must not be empty. */
export function best<T>(items: readonly T[], before: Before<T>): T {
  let b = items[0];
  for (let i = 1; i < items.length; i++) if (before(items[i], b)) b = items[i];
  return b;
}
