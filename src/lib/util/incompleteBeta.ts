/**
 * The regularized incomplete beta function I_x(a, b) and its inverse, for the beta, F, t and
 * binomial distributions. Split from util/special.ts (whose log-gamma and Stirling helpers it
 * uses) to keep each file to one job. Accuracy goal and conventions as there: double precision,
 * NaN outside the domain.
 */
import { lnBeta, log1pmx, stirlingCorrection } from './special.js';

const EPS = 2.220446049250313e-16;
const LN_SQRT_2PI = 0.91893853320467274178; // ln(sqrt(2*pi))

/** The continued fraction of I_x(a, b), modified Lentz (Numerical Recipes 6.4). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * x^a (1-x)^b / B(a, b), the common factor of the incomplete beta function. For a, b >= 10 the
 * logarithm is expanded with Stirling's series around the mode x0 = a/(a+b):
 * a ln(x/x0) + b ln((1-x)/(1-x0)) = a log1pmx(t) + b log1pmx(u) (since a t + b u = 0), plus
 * ln sqrt(ab / (2 pi (a+b))) and the series corrections, which avoids cancelling large logarithms.
 */
export function betaPrefactor(a: number, b: number, x: number): number {
  if (a < 10 || b < 10) return Math.exp(a * Math.log(x) + b * Math.log1p(-x) - lnBeta(a, b));
  const s = a + b;
  const t = (x * s - a) / a;
  const u = ((1 - x) * s - b) / b;
  const main = Math.abs(t) <= 0.25 && Math.abs(u) <= 0.25
    ? a * log1pmx(t) + b * log1pmx(u)
    : a * Math.log((x * s) / a) + b * Math.log(((1 - x) * s) / b);
  const corr = stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(s);
  return Math.exp(main + 0.5 * Math.log((a / s) * b) - LN_SQRT_2PI - corr);
}

/** The regularized incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1. */
export function betaI(a: number, b: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(x) || a <= 0 || b <= 0 || x < 0 || x > 1) return NaN;
  if (x === 0) return 0;
  if (x === 1) return 1;
  // The fraction converges fast for x < (a + 1) / (a + b + 2); otherwise use I_x(a, b) = 1 - I_(1-x)(b, a).
  if (x < (a + 1) / (a + b + 2)) return (betaPrefactor(a, b, x) * betaFraction(a, b, x)) / a;
  return 1 - (betaPrefactor(b, a, 1 - x) * betaFraction(b, a, 1 - x)) / b;
}

/**
 * The inverse of I_.(a, b): the x with I_x(a, b) = p. Starting point as in Numerical Recipes
 * 6.4.1 (a normal approximation for a, b >= 1, a power law otherwise), then Halley steps kept
 * inside (0, 1).
 */
export function betaIInv(a: number, b: number, p: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(p) || a <= 0 || b <= 0 || p < 0 || p > 1) return NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const a1 = a - 1;
  const b1 = b - 1;
  let x: number;
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    x = a / (a + b * Math.exp(2 * w));
  } else {
    const lna = Math.log(a / (a + b));
    const lnb = Math.log(b / (a + b));
    const t = Math.exp(a * lna) / a;
    const u = Math.exp(b * lnb) / b;
    const w = t + u;
    x = p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
  }
  const afac = -lnBeta(a, b);
  for (let j = 0; j < 200; j++) {
    if (x <= 0 || x >= 1) x = Math.min(Math.max(x, 1e-300), 1 - 1e-16);
    const err = betaI(a, b, x) - p;
    const dens = Math.exp(a1 * Math.log(x) + b1 * Math.log1p(-x) + afac);
    if (dens === 0 || !Number.isFinite(dens)) break;
    const u = err / dens;
    const step = u / (1 - 0.5 * Math.min(1, u * (a1 / x - b1 / (1 - x))));
    let xn = x - step;
    if (xn <= 0) xn = 0.5 * x;
    if (xn >= 1) xn = 0.5 * (x + 1);
    const done = Math.abs(xn - x) <= 1e-15 * xn;
    x = xn;
    if (done) break;
  }
  return x;
}
