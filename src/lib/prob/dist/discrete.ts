/** Helpers of the discrete distributions: log binomial coefficients and quantile search. */
import { lnBeta } from '../../util/special.js';
import * as fdlibm from '../../util/fdlibm/index.js';

/** ln C(n, k) for integers 0 <= k <= n, as -ln(n+1) - ln B(k+1, n-k+1). */
export function lnChoose(n: number, k: number): number {
  if (k === 0 || k === n) return 0;
  return -fdlibm.log(n + 1) - lnBeta(k + 1, n - k + 1);
}

/** x ln(p), with 0 ln 0 = 0 (the convention that makes p^0 = 1 for p = 0). */
export function xLogY(x: number, lnY: number): number {
  return x === 0 ? 0 : x * lnY;
}

// A discrete CDF within 64 ulps of p (absolute, relative to p) counts as reaching it, so that
// rounding in the CDF or in 1 - p cannot push a quantile one step too far when CDF(x) = p in
// decimal terms (R's qbinom and qpois use the same fuzz).
const FUZZ = 64 * Number.EPSILON;

/**
 * The smallest integer x >= lo with CDF(x) >= p, given cdf (or, when p > 1/2, the survival
 * function sf = 1 - CDF, which keeps its digits there). Exponential then binary search from
 * `guess`: O(log) evaluations, bounded by `hi` (the support's top, possibly Infinity).
 */
export function discreteQuantile(
  p: number,
  lo: number,
  hi: number,
  guess: number,
  cdf: (x: number) => number,
  sf: (x: number) => number,
): number {
  const reached = p > 0.5 ? (x: number) => sf(x) <= 1 - p + FUZZ * p : (x: number) => cdf(x) >= p * (1 - FUZZ);
  let a = lo - 1; // invariant: not reached at a (or a below the support)
  let b = Math.min(hi, Math.max(lo, Math.floor(guess)));
  if (reached(b)) {
    // Walk down until a point below the quantile is found.
    let step = 1;
    for (let i = 0; i < 64; i++) {
      const c = b - step;
      if (c < lo) {
        a = lo - 1;
        break;
      }
      if (!reached(c)) {
        a = c;
        break;
      }
      b = c;
      step *= 2;
    }
  } else {
    let step = 1;
    a = b;
    for (let i = 0; i < 1100; i++) {
      const c = Math.min(hi, a + step);
      if (reached(c) || c >= hi) {
        b = c;
        break;
      }
      a = c;
      step *= 2;
    }
  }
  // Binary search in (a, b]: reached(b), not reached(a).
  for (let i = 0; i < 1100 && b - a > 1; i++) {
    const c = Math.floor(a + (b - a) / 2);
    if (reached(c)) b = c;
    else a = c;
  }
  return b;
}
