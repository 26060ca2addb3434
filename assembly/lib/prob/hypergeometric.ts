// The hypergeometric distribution for the Wasm forms of prob.dist.hypergeometricPDF, CDF and QF
// (spec sec. "Probability distributions"): an operation-for-operation port of the Hyper class of
// src/lib/prob/dist/hypergeometric.ts. Up to EXACT_LIMIT balls, ratios of exact binomial
// coefficients (bignat.ts) rounded once; above, log-binomials in doubles, the tails summed by the
// term ratio and the quantile by distDiscreteQuantile. Parameters are doubles as in the JS form
// (products such as (k + 1) (m + 1) round as they do there). Keep the files in step.

import { BigNat, bigAdd, bigDivSmall, bigMul, bigMulSmall, bigOf, bigRatio } from './bignat';
import { HYPERGEOMETRIC, distDiscreteQuantile } from './dist';
import { lnBeta } from '../m/special';

const EXACT_LIMIT: f64 = 2000;
const EPSILON: f64 = 2.220446049250313e-16;

// The distribution the last hyperSet chose (distDiscreteQuantile's cdf reads it via hyperTails).
let m: f64 = 0, n: f64 = 0, k: f64 = 0, lo: f64 = 0, hi: f64 = 0;
let exact = false;
let den: BigNat = bigOf(1);

/** check() of hypergeometric.ts: whether (m, n, k) is invalid (n = 0 too, as the references). */
export function hyperInvalid(mi: i32, ni: i32, ki: i32): bool {
  const M = <f64>mi, N = <f64>ni, K = <f64>ki;
  return M + N < K || M < 0 || N <= 0 || M + N == 0 || K < 0;
}

function chooseBig(nn: f64, kk: f64): BigNat {
  let r = bigOf(1);
  for (let i: f64 = 1; i <= kk; i++) r = bigDivSmall(bigMulSmall(r, <u32>(nn - kk + i)), <u32>i);
  return r;
}

/** ln C(nn, kk) (lnChoose of discrete.ts). */
function lnChoose(nn: f64, kk: f64): f64 {
  if (kk == 0 || kk == nn) return 0;
  return -Math.log(nn + 1) - lnBeta(kk + 1, nn - kk + 1);
}

/** new Hyper(m, n, k) for valid parameters. */
export function hyperSet(mi: i32, ni: i32, ki: i32): void {
  m = <f64>mi;
  n = <f64>ni;
  k = <f64>ki;
  lo = Math.max(0, k - n);
  hi = Math.min(k, m);
  exact = m + n <= EXACT_LIMIT;
  if (exact) den = chooseBig(m + n, k);
}

/** pmf(x). */
export function hyperPmf(x: f64): f64 {
  if (x < lo || x > hi) return 0;
  if (exact) return bigRatio(bigMul(chooseBig(m, x), chooseBig(n, k - x)), den);
  return Math.exp(lnChoose(m, x) + lnChoose(n, k - x) - lnChoose(m + n, k));
}

/**
 * walk() on the exact path: sums C(m, x) C(n, k-x) from lo up, stopping at x = stop (the CDF's
 * walk) or, when quantile, at the first x whose CDF reaches target; returns the CDF there, or x.
 */
function walk(stop: f64, quantile: bool, target: f64): f64 {
  let a = chooseBig(m, lo), b = chooseBig(n, k - lo);
  let sum = bigOf(0);
  for (let x = lo; x <= hi; x++) {
    sum = bigAdd(sum, bigMul(a, b));
    if (quantile) {
      if (bigRatio(sum, den) >= target || x == hi) return x;
    } else if (x >= stop || x == hi) return bigRatio(sum, den);
    a = bigDivSmall(bigMulSmall(a, <u32>(m - x)), <u32>(x + 1));
    b = bigDivSmall(bigMulSmall(b, <u32>(k - x)), <u32>(n - k + x + 1));
  }
  return quantile ? hi : 0;
}

/** The upper tail of the last hyperTails call. */
export let hyperUpper: f64 = 0;

/** tails(x) for lo <= x < hi, doubles only: returns the lower tail, sets hyperUpper. */
function tails(x: f64): f64 {
  const mode = Math.floor(((k + 1) * (m + 1)) / (m + n + 2));
  if (x < mode) {
    let t = hyperPmf(x), sum = t;
    for (let i = x; i > lo && t > sum * 1e-17; i--) {
      t *= (i * (n - k + i)) / ((m - i + 1) * (k - i + 1));
      sum += t;
    }
    hyperUpper = Math.max(0, 1 - sum);
    return Math.min(1, sum);
  }
  let t = hyperPmf(x + 1), sum = t;
  for (let i = x + 1; i < hi && t > sum * 1e-17; i++) {
    t *= ((m - i) * (k - i)) / ((i + 1) * (n - k + i + 1));
    sum += t;
  }
  hyperUpper = Math.min(1, sum);
  return Math.max(0, 1 - sum);
}

/** The cdf and sf closures quantile() gives discreteQuantile: the lower tail, hyperUpper set. */
export function hyperTails(x: f64): f64 {
  if (x >= hi) {
    hyperUpper = 0;
    return 1;
  }
  return tails(x);
}

/** cdf(x). */
export function hyperCdf(x: f64): f64 {
  if (x < lo) return 0;
  if (x >= hi) return 1;
  if (!exact) return tails(x);
  return walk(x, false, 0);
}

/** The quantile of hypergeometricQF for a probability p: hi at 1, else quantile(p). */
export function hyperQuantile(p: f64): f64 {
  if (p == 1) return hi;
  if (exact) return walk(0, true, p * (1 - 64 * EPSILON));
  return distDiscreteQuantile(HYPERGEOMETRIC, p, lo, hi, (k * m) / (m + n), 0, 0);
}
