/**
 * Picking the items with the smallest distances, for model.cluster and model.neighbor. The
 * reference engines insert each item before the first kept item it is strictly closer than and
 * keep at most n: ties stay in their original order. Without NaN distances that is exactly a
 * stable sort; a NaN distance is never "closer", so with NaNs the insertion itself is replayed.
 */

/** Indexes of the n smallest distances, closest first. */
export function lowestN(distances: readonly number[], n: number): number[] {
  if (n <= 0 || distances.length === 0) return [];
  if (!distances.some(Number.isNaN)) {
    const order = distances.map((_, i) => i).sort((i, j) => distances[i] - distances[j]);
    return order.length > n ? order.slice(0, n) : order;
  }
  const out: number[] = [];
  for (let i = 0; i < distances.length; i++) {
    let at = out.length;
    for (let j = 0; j < out.length; j++) {
      if (distances[i] < distances[out[j]]) {
        at = j;
        break;
      }
    }
    if (at >= n) continue;
    out.splice(at, 0, i);
    if (out.length > n) out.pop();
  }
  return out;
}

/** Index of the first smallest distance (a NaN first item is never displaced, as above). */
export function lowest(distances: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < distances.length; i++) if (distances[i] < distances[best]) best = i;
  return best;
}

/** Squared Euclidean distance over the common length of two vectors. */
export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i] - b[i]) ** 2;
  return s;
}
