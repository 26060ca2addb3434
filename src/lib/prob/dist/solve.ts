/**
 * Root finding for the quantile functions: safeguarded Newton inside a shrinking bracket, with
 * bisection whenever a Newton step would leave it (the "rtsafe" scheme of Numerical Recipes 9.4).
 * Iterations are bounded, so a quantile can be inaccurate in a pathological case but never hang.
 */

const MAX_STEPS = 1200; // enough for plain bisection across the whole double range

/** Midpoint of a bracket: geometric when it spans orders of magnitude of positive numbers. */
function middle(lo: number, hi: number): number {
  if (lo > 0 && hi > 8 * lo) return Math.sqrt(lo) * Math.sqrt(hi);
  if (lo === 0 && hi > 1e-300) return hi / 16;
  return lo + (hi - lo) / 2;
}

/**
 * The x in [lo, hi] where the increasing function `residual` crosses zero; `slope` is its
 * derivative (may be 0 or infinite, which forces bisection). `start` is the first guess.
 */
export function solveIncreasing(
  residual: (x: number) => number,
  slope: (x: number) => number,
  lo: number,
  hi: number,
  start: number,
): number {
  let x = start > lo && start < hi ? start : middle(lo, hi);
  for (let i = 0; i < MAX_STEPS; i++) {
    const f = residual(x);
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    let next = x - f / slope(x);
    if (!(next > lo && next < hi)) next = middle(lo, hi);
    if (next === x || Math.abs(next - x) <= 2e-16 * Math.abs(x)) return next;
    if (!(hi - lo > 2e-16 * Math.max(Math.abs(lo), Math.abs(hi)))) return next;
    x = next;
  }
  return x;
}

/** Doubles `hi` (at most 1100 times) until `below(hi)` is false: a finite upper bracket. */
export function expandUpper(below: (x: number) => boolean, start: number): number {
  let hi = start;
  for (let i = 0; i < 1100 && hi < Number.MAX_VALUE && below(hi); i++) hi *= 2;
  return hi;
}
