/**
 * Regularized incomplete gamma and beta functions, each returned as the pair (lower, upper) so a
 * caller can take whichever tail it needs without the cancellation of 1 - x. Every loop is
 * bounded (MAX_ITER), so no parameter can make them hang. The one TypeScript copy (prob.dist,
 * stat.test.chi2Prob and model.reg.chi2Prob use it); assembly/lib/prob/dist.ts is its AS twin,
 * operation for operation (test/assembly/lib/prob/dist.test.ts compares the bits).
 */
import { lnBetaKernel, lnGamma1p, lnGammaKernel, tMinusLog1p } from '../../util/special.js';
import * as fdlibm from '../../util/fdlibm/index.js';

const EPS = 1e-16;
const TINY = 1e-300;
// Series and fractions need O(sqrt(a)) terms near x = a; this bound keeps a up to ~1e10 exact.
const MAX_ITER = 2000000;

export interface Tails {
  lower: number;
  upper: number;
}

/**
 * P(a, x) and Q(a, x) for a > 0, x >= 0: power series when x < a + 1, else the continued
 * fraction for Q evaluated by the modified Lentz method (Numerical Recipes 6.2).
 */
export function gammaTails(a: number, x: number): Tails {
  if (!(x > 0)) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  if (a >= TEMME_MIN) return gammaTailsTemme(a, x);
  const pre = fdlibm.exp(lnGammaKernel(a, x));
  if (x < a + 1) {
    let term = 1 / a,
      sum = term;
    for (let n = 1; n < MAX_ITER; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * EPS) break;
    }
    const lower = Math.min(1, sum * pre);
    if (a < 1) {
      // 1 - lower would cancel when the lower tail is near 1 (small a): take Q separately.
      const upper = smallShapeUpper(a, x);
      return { lower: upper < 0.5 ? 1 - upper : lower, upper };
    }
    return { lower, upper: 1 - lower };
  }
  let b = x + 1 - a,
    c = 1 / TINY,
    d = 1 / b,
    h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
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
  return { lower: 1 - upper, upper };
}

/**
 * Q(a, x) for a < 1 and x < 2 without cancellation (the approach of DiDonato & Morris 1986):
 * with t = x^a / Gamma(1+a), Q = (1 - t) - t S where S = sum_{n>=1} (-x)^n a / (n! (a+n));
 * 1 - t is taken with expm1 and ln Gamma(1+a) by its series, so both parts keep their digits.
 */
function smallShapeUpper(a: number, x: number): number {
  const lnt = a * fdlibm.log(x) - lnGamma1p(a);
  let s = 0,
    term = 1;
  for (let n = 1; n < 200; n++) {
    term *= -x / n;
    const add = (term * a) / (a + n);
    s += add;
    if (Math.abs(add) <= 1e-17 * Math.abs(s)) break;
  }
  return -fdlibm.expm1(lnt) - fdlibm.exp(lnt) * s;
}

const TEMME_MIN = 1e5;

/**
 * Temme's uniform asymptotic expansion for large a (DLMF 8.12.3-8.12.11), with the first two
 * coefficient functions c0 and c1 (their Maclaurin series near the transition point eta = 0):
 * Q = erfc(eta sqrt(a/2))/2 + e^(-a eta^2/2)/sqrt(2 pi a) (c0 + c1/a). For a >= 1e5 the omitted
 * c2/a^2 term is below double precision, and each evaluation costs O(1) instead of O(sqrt a).
 */
function gammaTailsTemme(a: number, x: number): Tails {
  const lambda = x / a,
    d = (x - a) / a; // d = lambda - 1, computed from x - a
  const eta = Math.sign(d) * Math.sqrt(2 * tMinusLog1p(d, lambda));
  let c0: number, c1: number;
  if (Math.abs(eta) < 1e-3) {
    c0 = -1 / 3 + eta * (1 / 12 - eta * (2 / 135 - eta / 864));
    c1 = -1 / 540 - eta / 288;
  } else {
    c0 = 1 / d - 1 / eta;
    c1 = 1 / (eta * eta * eta) - 1 / (d * d * d) - 1 / (d * d) - 1 / (12 * d);
  }
  const r = (fdlibm.exp(-0.5 * a * eta * eta) / Math.sqrt(2 * Math.PI * a)) * (c0 + c1 / a);
  const n = normalTails(eta * Math.sqrt(a));
  return { lower: n.lower - r, upper: n.upper + r };
}

/**
 * The continued fraction of the incomplete beta function (Numerical Recipes 6.4, modified Lentz);
 * converges fast for x < (a + 1)/(a + b + 2).
 */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b,
    qap = a + 1,
    qam = a - 1;
  let c = 1,
    d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * I_x(a, b) and 1 - I_x(a, b) for a, b > 0; y = 1 - x is passed separately so that callers with
 * x near 1 keep the digits of y. Above the fraction's switch point it uses I_x(a, b) = 1 - I_y(b, a)
 * (DLMF 8.17.4), as Numerical Recipes 6.4 does.
 */
export function betaTails(a: number, b: number, x: number, y: number = 1 - x): Tails {
  if (!(x > 0)) return { lower: 0, upper: 1 };
  if (!(y > 0)) return { lower: 1, upper: 0 };
  const pre = fdlibm.exp(lnBetaKernel(a, b, x, y));
  const lowerSide = x < (a + 1) / (a + b + 2);
  // All mass on the other side of x (also keeps 0 * NaN out of extreme fractions).
  if (pre === 0) return lowerSide ? { lower: 0, upper: 1 } : { lower: 1, upper: 0 };
  if (lowerSide) {
    const lower = Math.min(1, (pre * betaFraction(a, b, x)) / a);
    return { lower, upper: 1 - lower };
  }
  const upper = Math.min(1, (pre * betaFraction(b, a, y)) / b);
  return { lower: 1 - upper, upper };
}

/** The standard normal tails Phi(z) and 1 - Phi(z), through erfc(t) = Q(1/2, t^2) (DLMF 8.4.6). */
export function normalTails(z: number): Tails {
  if (Number.isNaN(z)) return { lower: NaN, upper: NaN };
  const half = 0.5 * gammaTails(0.5, 0.5 * z * z).upper; // the tail beyond |z|
  return z < 0 ? { lower: half, upper: 1 - half } : { lower: 1 - half, upper: half };
}
