// Private numeric kernels of prob.dist for the Wasm forms (spec sec. "Probability distributions"):
// an operation-for-operation port of src/lib/prob/dist/incomplete.ts (regularized incomplete
// gamma: power series / modified Lentz continued fraction, Numerical Recipes 6.2; DiDonato-Morris
// for small shapes; Temme's expansion, DLMF 8.12, for large shapes; the normal tails through
// erfc(t) = Q(1/2, t^2); the incomplete beta continued fraction, Numerical Recipes 6.4) and of
// normal.ts, solve.ts, discrete.ts and the quantiles of gamma.ts, beta.ts, t.ts, f.ts. The log-gamma
// family is shared with m.special (../m/special.ts, the port of src/lib/util/special.ts). Math.* is
// the fdlibm port (--use Math=FdlibmMath); fdlibm.pow there is Math.pow here. Keep these files in
// step with the TypeScript ones (test/assembly/lib/prob/dist.test.ts compares the bits).

import { lnBeta, lnBetaKernel, lnGamma, lnGamma1p, lnGammaKernel, tMinusLog1p } from '../m/special';
import { hyperTails, hyperUpper } from './hypergeometric'; // a cycle of functions only

const INV_SQRT_2PI: f64 = 0.3989422804014327;
const EPS: f64 = 1e-16;
const TINY: f64 = 1e-300;
const MAX_ITER: i32 = 2000000;
const TEMME_MIN: f64 = 1e5;

/**
 * The names prob.dist's Wasm forms call m.special's lnGammaKernel and lnBeta by (emit/names.ts
 * lists them): forwards, not copies; binaryen inlines them.
 */
export function distLnGammaKernel(a: f64, x: f64): f64 {
  return lnGammaKernel(a, x);
}

export function distLnBeta(a: f64, b: f64): f64 {
  return lnBeta(a, b);
}

/** The upper tail of the last gammaTails / normalTails call (the return value is the lower one). */
export let distUpper: f64 = 0;

/** P(a, x), setting distUpper to Q(a, x): gammaTails of incomplete.ts. */
export function distGammaTails(a: f64, x: f64): f64 {
  if (!(x > 0)) { distUpper = 1; return 0; }
  if (x == Infinity) { distUpper = 0; return 1; }
  if (a >= TEMME_MIN) return gammaTailsTemme(a, x);
  const pre = Math.exp(lnGammaKernel(a, x));
  if (x < a + 1) {
    let term = 1 / a, sum = term;
    for (let n = 1; n < MAX_ITER; n++) {
      term *= x / (a + <f64>n);
      sum += term;
      if (term < sum * EPS) break;
    }
    const lower = Math.min(1, sum * pre);
    if (a < 1) {
      const upper = smallShapeUpper(a, x);
      distUpper = upper;
      return upper < 0.5 ? 1 - upper : lower;
    }
    distUpper = 1 - lower;
    return lower;
  }
  let b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const fi = <f64>i;
    const an = -fi * (fi - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  const upper = Math.min(1, pre * h);
  distUpper = upper;
  return 1 - upper;
}

/** Q(a, x) for a < 1 without cancellation (DiDonato & Morris 1986), smallShapeUpper of incomplete.ts. */
function smallShapeUpper(a: f64, x: f64): f64 {
  const lnt = a * Math.log(x) - lnGamma1p(a);
  let s: f64 = 0, term: f64 = 1;
  for (let n = 1; n < 200; n++) {
    term *= -x / <f64>n;
    const add = term * a / (a + <f64>n);
    s += add;
    if (Math.abs(add) <= 1e-17 * Math.abs(s)) break;
  }
  return -Math.expm1(lnt) - Math.exp(lnt) * s;
}

/** Temme's uniform expansion for large a (DLMF 8.12.3-8.12.11), gammaTailsTemme of incomplete.ts. */
function gammaTailsTemme(a: f64, x: f64): f64 {
  const lambda = x / a, d = (x - a) / a;
  const eta = Math.sign(d) * Math.sqrt(2 * tMinusLog1p(d, lambda));
  let c0: f64, c1: f64;
  if (Math.abs(eta) < 1e-3) {
    c0 = -1.0 / 3 + eta * (1.0 / 12 - eta * (2.0 / 135 - eta / 864));
    c1 = -1.0 / 540 - eta / 288;
  } else {
    c0 = 1 / d - 1 / eta;
    c1 = 1 / (eta * eta * eta) - 1 / (d * d * d) - 1 / (d * d) - 1 / (12 * d);
  }
  const r = Math.exp(-0.5 * a * eta * eta) / Math.sqrt(2 * Math.PI * a) * (c0 + c1 / a);
  const lower = distNormalTails(eta * Math.sqrt(a));
  const upper = distUpper;
  distUpper = upper + r;
  return lower - r;
}

/** Phi(z), setting distUpper to 1 - Phi(z): normalTails of incomplete.ts. */
export function distNormalTails(z: f64): f64 {
  if (isNaN(z)) { distUpper = NaN; return NaN; }
  distGammaTails(0.5, 0.5 * z * z);
  const half = 0.5 * distUpper;
  if (z < 0) { distUpper = 1 - half; return half; }
  distUpper = half;
  return 1 - half;
}

/** z with Phi(z) = p: normalQuantile of normal.ts (A&S 26.2.23, then Halley steps). */
export function distNormalQuantile(p: f64): f64 {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p == 0.5) return 0;
  const lowerHalf = p < 0.5;
  const q = lowerHalf ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(q));
  let z = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  for (let i = 0; i < 50; i++) {
    const density = INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    if (density == 0) break;
    const r = (distNormalTails(z) - q) / density;
    const step = r / (1 + 0.5 * z * r);
    z -= step;
    if (Math.abs(step) <= 1e-15 * Math.abs(z)) break;
  }
  return lowerHalf ? z : -z;
}

// ---- Quantiles: gammaQuantile of gamma.ts with solve.ts (safeguarded Newton in a shrinking
// bracket, the "rtsafe" scheme of Numerical Recipes 9.4), and discreteQuantile of discrete.ts for
// the Poisson distribution (exponential then binary search with R's 64-ulp fuzz).

const MAX_STEPS: i32 = 1200;
const FUZZ: f64 = 64 * 2.220446049250313e-16; // 64 * Number.EPSILON

/** Density of the standard gamma at y > 0 (gammaDensity of gamma.ts). */
function gammaDensity(a: f64, y: f64): f64 {
  if (y == Infinity) return 0;
  return Math.exp(lnGammaKernel(a, y) - Math.log(y));
}

/** The residual of gammaQuantile: in the tail that p lies in. */
function gammaResidual(a: f64, upper: bool, q: f64, y: f64): f64 {
  if (upper) {
    distGammaTails(a, y);
    return q - distUpper;
  }
  return distGammaTails(a, y) - q;
}

/** Winitzki's rough inverse error function, for starting points only (inverseErfApprox). */
function inverseErfApprox(x: f64): f64 {
  const k: f64 = 0.147;
  const l = Math.log(1 - x * x);
  const t = 2 / (Math.PI * k) + l / 2;
  return Math.sign(x) * Math.sqrt(Math.sqrt(t * t - l / k) - t);
}

/** Midpoint of a bracket (middle of solve.ts). */
function middle(lo: f64, hi: f64): f64 {
  if (lo > 0 && hi > 8 * lo) return Math.sqrt(lo) * Math.sqrt(hi);
  if (lo == 0 && hi > 1e-300) return hi / 16;
  return lo + (hi - lo) / 2;
}

/** y with P(a, y) = p for 0 < p < 1 (gammaQuantile of gamma.ts, solveIncreasing and expandUpper inlined). */
export function distGammaQuantile(a: f64, p: f64): f64 {
  const upper = p > 0.5;
  const q = upper ? 1 - p : p;
  const small = Math.exp((Math.log(p) + lnGamma(a + 1)) / a);
  let start: f64;
  if (!upper && small < 0.5 * a) start = small;
  else {
    const z = Math.sqrt(2) * inverseErfApprox(2 * p - 1);
    const c = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
    start = a * c * c * c;
  }
  if (!(start > 0) || !isFinite(start)) start = a;
  if (small == 0 && !upper) return 0;
  // expandUpper
  let hi = Math.max(2 * start, 1);
  for (let i = 0; i < 1100 && hi < f64.MAX_VALUE && gammaResidual(a, upper, q, hi) < 0; i++) hi *= 2;
  // solveIncreasing on [0, hi] from start
  let lo: f64 = 0;
  let x = start > lo && start < hi ? start : middle(lo, hi);
  for (let i = 0; i < MAX_STEPS; i++) {
    const f = gammaResidual(a, upper, q, x);
    if (f == 0) return x;
    if (f < 0) lo = x; else hi = x;
    let next = x - f / gammaDensity(a, x);
    if (!(next > lo && next < hi)) next = middle(lo, hi);
    if (next == x || Math.abs(next - x) <= 2e-16 * Math.abs(x)) return next;
    if (!(hi - lo > 2e-16 * Math.max(Math.abs(lo), Math.abs(hi)))) return next;
    x = next;
  }
  return x;
}

/** The discrete distributions whose quantiles discreteQuantile searches. */
export const POISSON: i32 = 0, BINOMIAL: i32 = 1, NEGATIVE_BINOMIAL: i32 = 2, HYPERGEOMETRIC: i32 = 3;

/**
 * The CDF at integer x of a discrete distribution, setting distUpper to the survival function:
 * Poisson Q(x + 1, lambda) (poisson.ts), binomial I_{1-p}(n - x, x + 1) (binomial.ts), negative
 * binomial I_p(size, x + 1) (negativeBinomial.ts), hypergeometric (hypergeometric.ts's tails); the
 * answers of their cdf and sf closures.
 */
function discreteTails(kind: i32, x: f64, q1: f64, q2: f64): f64 {
  if (kind == POISSON) {
    const lower = distGammaTails(x + 1, q1);
    const upper = distUpper;
    distUpper = lower;
    return upper;
  }
  if (kind == HYPERGEOMETRIC) {
    // (the distribution hypergeometric.ts's hyperSet chose; q1 and q2 are unused)
    const lower = hyperTails(x);
    distUpper = hyperUpper;
    return lower;
  }
  if (kind == BINOMIAL) {
    if (x >= q1) { distUpper = 0; return 1; }
    return distBetaTails(q1 - x, x + 1, 1 - q2, q2);
  }
  return distBetaTails(q1, x + 1, q2, 1 - q2);
}

/** reached(x) of discreteQuantile: the survival function when p > 1/2, else the CDF, with the fuzz. */
function reached(kind: i32, p: f64, q1: f64, q2: f64, x: f64): bool {
  const cdf = discreteTails(kind, x, q1, q2);
  if (p > 0.5) return distUpper <= (1 - p) + FUZZ * p;
  return cdf >= p * (1 - FUZZ);
}

/**
 * The smallest integer x >= lo with CDF(x) >= p (discreteQuantile of discrete.ts): exponential
 * then binary search from `guess`, bounded by hi; q1, q2 are the distribution's parameters.
 */
export function distDiscreteQuantile(kind: i32, p: f64, lo: f64, hi: f64, guess: f64, q1: f64, q2: f64): f64 {
  let a = lo - 1;
  let b = Math.min(hi, Math.max(lo, Math.floor(guess)));
  if (reached(kind, p, q1, q2, b)) {
    let step: f64 = 1;
    for (let i = 0; i < 64; i++) {
      const c = b - step;
      if (c < lo) { a = lo - 1; break; }
      if (!reached(kind, p, q1, q2, c)) { a = c; break; }
      b = c;
      step *= 2;
    }
  } else {
    let step: f64 = 1;
    a = b;
    for (let i = 0; i < 1100; i++) {
      const c = Math.min(hi, a + step);
      if (reached(kind, p, q1, q2, c) || c >= hi) { b = c; break; }
      a = c;
      step *= 2;
    }
  }
  for (let i = 0; i < 1100 && b - a > 1; i++) {
    const c = Math.floor(a + (b - a) / 2);
    if (reached(kind, p, q1, q2, c)) b = c; else a = c;
  }
  return b;
}

/** poissonQF's search: the guess floor(lambda +- sqrt(lambda)), support [0, +inf). */
export function distPoissonQuantile(p: f64, lambda: f64): f64 {
  const guess = Math.max(0, Math.floor(lambda + Math.sqrt(lambda) * (p < 0.5 ? -1 : 1)));
  return distDiscreteQuantile(POISSON, p, 0, Infinity, guess, lambda, 0);
}

// ---- Incomplete beta: the continued fraction by modified Lentz (Numerical Recipes 6.4) and
// betaTails (incomplete.ts), beta density and quantile (beta.ts).

/** The continued fraction of I_x(a, b) (betaFraction of incomplete.ts, modified Lentz). */
function betaFraction(a: f64, b: f64, x: f64): f64 {
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c: f64 = 1, d = 1 - qab * x / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let mi = 1; mi < MAX_ITER; mi++) {
    const m = <f64>mi;
    const m2 = 2 * m;
    let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c; if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d; if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c; if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** I_x(a, b), setting distUpper to 1 - I_x(a, b) (betaTails of incomplete.ts; y = 1 - x given). */
export function distBetaTails(a: f64, b: f64, x: f64, y: f64): f64 {
  if (!(x > 0)) { distUpper = 1; return 0; }
  if (!(y > 0)) { distUpper = 0; return 1; }
  const pre = Math.exp(lnBetaKernel(a, b, x, y));
  const lowerSide = x < (a + 1) / (a + b + 2);
  if (pre == 0) {
    if (lowerSide) { distUpper = 1; return 0; }
    distUpper = 0;
    return 1;
  }
  if (lowerSide) {
    const lower = Math.min(1, pre * betaFraction(a, b, x) / a);
    distUpper = 1 - lower;
    return lower;
  }
  const upper = Math.min(1, pre * betaFraction(b, a, y) / b);
  distUpper = upper;
  return 1 - upper;
}

/** Density of beta(a, b) at 0 < x < 1 (betaDensity of beta.ts). */
export function distBetaDensity(a: f64, b: f64, x: f64, y: f64): f64 {
  return Math.exp(lnBetaKernel(a, b, x, y)) / (x * y);
}

function betaResidual(a: f64, b: f64, upper: bool, q: f64, x: f64): f64 {
  if (upper) {
    distBetaTails(a, b, x, 1 - x);
    return q - distUpper;
  }
  return distBetaTails(a, b, x, 1 - x) - q;
}

/** x with I_x(a, b) = p (betaQuantile of beta.ts, solveIncreasing inlined on [0, 1]). */
export function distBetaQuantile(a: f64, b: f64, p: f64): f64 {
  const upper = p > 0.5;
  const q = upper ? 1 - p : p;
  const lnB = lnBeta(a, b);
  const nearZero = Math.exp((Math.log(p) + Math.log(a) + lnB) / a);
  const nearOne = 1 - Math.exp((Math.log1p(-p) + Math.log(b) + lnB) / b);
  const mean = a / (a + b);
  let start = mean;
  if (nearZero < mean && betaResidual(a, b, upper, q, nearZero) <= 0) start = nearZero;
  else if (nearOne > mean && betaResidual(a, b, upper, q, nearOne) >= 0) start = nearOne;
  if (!upper && nearZero == 0) return 0;
  let lo: f64 = 0, hi: f64 = 1;
  let x = start > lo && start < hi ? start : middle(lo, hi);
  for (let i = 0; i < MAX_STEPS; i++) {
    const f = betaResidual(a, b, upper, q, x);
    if (f == 0) return x;
    if (f < 0) lo = x; else hi = x;
    let next = x - f / distBetaDensity(a, b, x, 1 - x);
    if (!(next > lo && next < hi)) next = middle(lo, hi);
    if (next == x || Math.abs(next - x) <= 2e-16 * Math.abs(x)) return next;
    if (!(hi - lo > 2e-16 * Math.max(Math.abs(lo), Math.abs(hi)))) return next;
    x = next;
  }
  return x;
}

// ---- Student's t and F quantiles (upperQuantile of t.ts, fQF of f.ts): expandUpper then
// solveIncreasing on [0, hi] (solve.ts), residuals and slopes as there.

/** density(t, n) of t.ts. */
function tDensity(t: f64, n: f64): f64 {
  return Math.exp(-lnBeta(n / 2, 0.5) - (n + 1) / 2 * Math.log1p(t * t / n)) / Math.sqrt(n);
}

/** upperTail(s, n) of t.ts: P(T > s) for s >= 0. */
function tUpperTail(s: f64, n: f64): f64 {
  if (s == Infinity) return 0;
  const den = n + s * s;
  return 0.5 * distBetaTails(n / 2, 0.5, n / den, s * s / den);
}

/** s >= 0 with P(T > s) = q, 0 < q <= 1/2 (upperQuantile of t.ts). */
export function distTUpperQuantile(q: f64, n: f64): f64 {
  if (q == 0.5) return 0;
  if (n == 1) return 1 / Math.tan(Math.PI * q);
  if (n == 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  let hi: f64 = 1;
  for (let i = 0; i < 1100 && hi < f64.MAX_VALUE && q - tUpperTail(hi, n) < 0; i++) hi *= 2;
  const start = Math.min(1, hi / 2);
  let lo: f64 = 0;
  let x = start > lo && start < hi ? start : middle(lo, hi);
  for (let i = 0; i < MAX_STEPS; i++) {
    const f = q - tUpperTail(x, n);
    if (f == 0) return x;
    if (f < 0) lo = x; else hi = x;
    let next = x - f / tDensity(x, n);
    if (!(next > lo && next < hi)) next = middle(lo, hi);
    if (next == x || Math.abs(next - x) <= 2e-16 * Math.abs(x)) return next;
    if (!(hi - lo > 2e-16 * Math.max(Math.abs(lo), Math.abs(hi)))) return next;
    x = next;
  }
  return x;
}

/** The residual of fQF at x: toBeta, then the tail that p lies in. */
function fResidual(a: f64, b: f64, d1: f64, d2: f64, upper: bool, q: f64, x: f64): f64 {
  const den = d1 * x + d2;
  const lower = distBetaTails(a, b, d1 * x / den, d2 / den);
  return upper ? q - distUpper : lower - q;
}

/** The F quantile (fQF of f.ts): from the beta quantile, polished in x. */
export function distFQuantile(p: f64, d1: f64, d2: f64): f64 {
  const a = d1 / 2, b = d2 / 2;
  const u = distBetaQuantile(a, b, p);
  const start = u < 1 ? d2 * u / (d1 * (1 - u)) : f64.MAX_VALUE;
  const upper = p > 0.5;
  const q = upper ? 1 - p : p;
  let hi = Math.max(1, 2 * start);
  for (let i = 0; i < 1100 && hi < f64.MAX_VALUE && fResidual(a, b, d1, d2, upper, q, hi) < 0; i++) hi *= 2;
  let lo: f64 = 0;
  let x = start > lo && start < hi ? start : middle(lo, hi);
  for (let i = 0; i < MAX_STEPS; i++) {
    const f = fResidual(a, b, d1, d2, upper, q, x);
    if (f == 0) return x;
    if (f < 0) lo = x; else hi = x;
    const den = d1 * x + d2;
    const s = d1 * x / den, t = d2 / den;
    let next = x - f / (distBetaDensity(a, b, s, t) * s * t / x);
    if (!(next > lo && next < hi)) next = middle(lo, hi);
    if (next == x || Math.abs(next - x) <= 2e-16 * Math.abs(x)) return next;
    if (!(hi - lo > 2e-16 * Math.max(Math.abs(lo), Math.abs(hi)))) return next;
    x = next;
  }
  return x;
}
