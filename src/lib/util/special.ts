/**
 * The one TypeScript copy of the special-function kernels shared by m.special, m.link, prob.dist,
 * stat.test and model.reg: log-gamma, ln Gamma(1 + a), log-beta, the logarithms of the incomplete
 * gamma and beta prefactors, t - ln(1 + t), and the error functions. The incomplete gamma and
 * beta functions themselves are in prob/dist/incomplete.ts. assembly/lib/m/special.ts is the
 * AssemblyScript twin, operation for operation (test/assembly/lib/m/special.test.ts checks the
 * bits). All work in double precision and aim at a few ulps of relative error (the conformance
 * suite compares at 1e-9). These are plain math: domain errors are the callers' business; outside
 * the domain the kernels return NaN (or the mathematical limit).
 */
import { gammaTails } from '../prob/dist/incomplete.js'; // erfc on [1/2, 2); a cycle of functions only
import * as fdlibm from './fdlibm/index.js';

const SQRT_PI = 1.7724538509055160273; // sqrt(pi)
const LN_SQRT_2PI = 0.91893853320467274178; // ln(sqrt(2*pi))
const EULER_GAMMA = 0.57721566490153286061;
const EPS = 2.220446049250313e-16; // Number.EPSILON

// ---------------------------------------------------------------------------------------------
// Log-gamma

/**
 * zeta(k) - 1 for k = 0..ZETA_TERMS, computed once by Euler-Maclaurin summation: the sum of
 * n^-k for n = 2..N-1 plus the integral tail and Bernoulli corrections up to B8 (N = 50 leaves a
 * remainder below 1e-17 for every k >= 2; DLMF 25.2.9).
 */
const ZETA_TERMS = 60;
const ZETA_M1: number[] = (() => {
  const N = 50;
  const out = [NaN, NaN];
  for (let k = 2; k <= ZETA_TERMS; k++) {
    let tail = fdlibm.pow(N, 1 - k) / (k - 1) + 0.5 * fdlibm.pow(N, -k);
    tail += (k / 12) * fdlibm.pow(N, -k - 1);
    tail -= ((k * (k + 1) * (k + 2)) / 720) * fdlibm.pow(N, -k - 3);
    tail += ((k * (k + 1) * (k + 2) * (k + 3) * (k + 4)) / 30240) * fdlibm.pow(N, -k - 5);
    tail -= ((k * (k + 1) * (k + 2) * (k + 3) * (k + 4) * (k + 5) * (k + 6)) / 1209600) * fdlibm.pow(N, -k - 7);
    let s = tail;
    for (let n = N - 1; n >= 2; n--) s += fdlibm.pow(n, -k); // smallest terms first
    out.push(s);
  }
  return out;
})();

/**
 * ln Gamma(2 + z) for |z| < 1 (it converges for |z| < 2), from its Taylor series (1 - gamma) z + sum (-1)^k (zeta(k) - 1) z^k / k
 * (Abramowitz & Stegun 6.1.33 plus ln(1 + z)).
 */
function lnGamma2(z: number): number {
  let sum = 0;
  let zk = -z; // (-z)^k
  for (let k = 2; k <= ZETA_TERMS; k++) {
    zk *= -z;
    const term = (ZETA_M1[k] * zk) / k;
    sum += term;
    if (Math.abs(term) < 1e-18 * Math.abs(sum)) break;
  }
  return (1 - EULER_GAMMA) * z + sum;
}

/** Bernoulli numbers B2..B20 over (2k(2k-1)): the coefficients of Stirling's series (DLMF 5.11.1). */
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
  43867 / 244188,
  -174611 / 125400,
];

/** The correction term of Stirling's series, lnGamma(x) - ((x - 1/2) ln x - x + ln sqrt(2 pi)), for x >= 10. */
export function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  let s = 0;
  for (let i = STIRLING.length - 1; i >= 0; i--) s = s * r2 + STIRLING[i];
  return s * r;
}

/**
 * ln |Gamma(x)|. Taylor series around 2 for x in [0.5, 2.5] (with lnGamma(x) = lnGamma(x + 1) -
 * ln x below 1.5), the recurrence down to that interval for x < 10, Stirling's series above, and
 * the reflection formula (DLMF 5.5.3) for negative x. +Infinity at the poles (0, -1, -2, ...).
 */
export function lnGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (x === -Infinity || Number.isInteger(x)) return Infinity;
    // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x); sinPi keeps the argument exact.
    return fdlibm.log(Math.PI / Math.abs(sinPi(x))) - lnGamma(1 - x);
  }
  if (x < 0.5) return lnGamma2(x - 1) - fdlibm.log(x); // Gamma(x) = Gamma(x + 1) / x
  if (x < 1.5) return lnGamma2(x - 1) - fdlibm.log1p(x - 1);
  if (x <= 2.5) return lnGamma2(x - 2);
  if (x < 10) {
    let prod = 1;
    let y = x;
    while (y > 2.5) {
      y -= 1;
      prod *= y;
    }
    return lnGamma2(y - 2) + fdlibm.log(prod);
  }
  return (x - 0.5) * fdlibm.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
}

/** sin(pi x) with the argument reduced exactly first (so that integers give exactly 0), as C's sinpi does. */
function sinPi(x: number): number {
  let r = x % 2; // exact
  if (r > 1) r -= 2;
  else if (r < -1) r += 2;
  if (r > 0.5) r = 1 - r;
  else if (r < -0.5) r = -1 - r;
  return fdlibm.sin(Math.PI * r);
}

/**
 * ln Gamma(1 + a), with full relative accuracy also for small |a| (where it is ~ -0.577 a), by its
 * Taylor series -gamma a + sum_k (-1)^k zeta(k) a^k / k for |a| < 0.2 (Abramowitz & Stegun
 * 6.1.33), zeta(k) = 1 + ZETA_M1[k].
 */
export function lnGamma1p(a: number): number {
  if (Math.abs(a) >= 0.2) return lnGamma(1 + a);
  let sum = -EULER_GAMMA * a;
  let pow = -a;
  for (let k = 2; k <= ZETA_TERMS; k++) {
    pow *= -a;
    const term = ((1 + ZETA_M1[k]) * pow) / k;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/**
 * ln B(a, b) for a, b > 0. lnGamma(a) + lnGamma(b) - lnGamma(a + b) when both are below 10; else
 * Stirling's series written so that the large (a - 1/2) ln a terms cancel analytically, not
 * numerically (the arrangement of Loader's binomial density and of DiDonato & Morris's bratio).
 */
export function lnBeta(a: number, b: number): number {
  if (a >= 10 && b >= 10) {
    const s = a + b;
    return (
      LN_SQRT_2PI -
      0.5 * fdlibm.log(b) +
      (a - 0.5) * fdlibm.log(a / s) +
      b * fdlibm.log(b / s) +
      stirlingCorrection(a) +
      stirlingCorrection(b) -
      stirlingCorrection(s)
    );
  }
  if (a >= 10) return lnGamma(b) + lnGammaRatio(a, b);
  if (b >= 10) return lnGamma(a) + lnGammaRatio(b, a);
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** lnGamma(a) - lnGamma(a + b) for a >= 10, b > 0: -(a - 1/2) ln(1 + b/a) - b ln(a + b) + b + S(a) - S(a + b), S = stirlingCorrection. */
function lnGammaRatio(a: number, b: number): number {
  return (
    -(a - 0.5) * fdlibm.log1p(b / a) - b * fdlibm.log(a + b) + b + stirlingCorrection(a) - stirlingCorrection(a + b)
  );
}

/**
 * t - ln(1 + t), where r = 1 + t is also given, computed directly by the caller (t itself loses
 * the relative digits of r when r is tiny). Its Maclaurin series t^2/2 - t^3/3 + ... for |t| <= 1/4.
 */
export function tMinusLog1p(t: number, r: number): number {
  if (Math.abs(t) > 0.25) return t - fdlibm.log(r);
  let term = t * t;
  let sum = 0;
  for (let k = 2; k < 200; k++) {
    const add = term / k;
    sum += k % 2 === 0 ? add : -add;
    if (Math.abs(add) <= 1e-17 * Math.abs(sum)) break;
    term *= t;
  }
  return sum;
}

/**
 * ln(x^a e^-x / Gamma(a)), the common factor of the gamma density and the incomplete gamma
 * function, for a > 0, x > 0. For a >= 10 it is -a (t - ln(1 + t)) + ln sqrt(a / 2 pi) - S(a) with
 * t = (x - a)/a, which avoids cancelling terms of size a ln a (Temme's and Loader's device).
 */
export function lnGammaKernel(a: number, x: number): number {
  if (a >= 10) return -a * tMinusLog1p((x - a) / a, x / a) + 0.5 * fdlibm.log(a) - LN_SQRT_2PI - stirlingCorrection(a);
  return a * fdlibm.log(x) - x - lnGamma(a);
}

/**
 * ln(x^a y^b / B(a, b)) with y = 1 - x given separately. For a, b >= 10 it is
 * -a D(u) - b D(v) + ln sqrt(ab / (2 pi (a+b))) - S(a) - S(b) + S(a+b), where u = x(a+b)/a - 1,
 * v = y(a+b)/b - 1 and D(t) = t - ln(1+t): the large logarithms cancel analytically (a u + b v
 * = 0), which keeps ~1e-15 relative accuracy (as in Loader's binomial and Temme's expansions).
 */
export function lnBetaKernel(a: number, b: number, x: number, y: number): number {
  if (a >= 10 && b >= 10) {
    const s = a + b;
    return (
      -a * tMinusLog1p((x * s - a) / a, x * (s / a)) -
      b * tMinusLog1p((y * s - b) / b, y * (s / b)) +
      0.5 * fdlibm.log((a * b) / s) -
      LN_SQRT_2PI -
      stirlingCorrection(a) -
      stirlingCorrection(b) +
      stirlingCorrection(s)
    );
  }
  const lnx = x < 0.5 ? fdlibm.log(x) : fdlibm.log1p(-y);
  const lny = y < 0.5 ? fdlibm.log(y) : fdlibm.log1p(-x);
  return a * lnx + b * lny - lnBeta(a, b);
}

// ---------------------------------------------------------------------------------------------
// Error functions

/**
 * e^(-x^2) with x^2 split into exact high and low parts (so large x keep full relative accuracy):
 * x = hi + lo with hi on 24 bits, x^2 = hi^2 + lo (x + hi), Dekker's exact splitting (1971).
 */
function expMinusSquare(x: number): number {
  const hi = Math.fround(x); // 24 significant bits: hi*hi is exact
  const lo = x - hi;
  return fdlibm.exp(-hi * hi) * fdlibm.exp(-lo * (x + hi));
}

/**
 * erf(x) for |x| < 2 by the everywhere-positive series erf(x) = 2/sqrt(pi) e^(-x^2)
 * sum 2^n x^(2n+1) / (1*3*...*(2n+1)) (Abramowitz & Stegun 7.1.6).
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * expMinusSquare(x) * sum;
}

/**
 * erfc(x) for x >= 2 by the continued fraction erfc(x) = e^(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x +
 * 1/(x + (3/2)/(x + ...)))) (A&S 7.1.14), evaluated with the modified Lentz method.
 */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let C = x;
  let D = 0;
  for (let n = 1; n < 500; n++) {
    const an = n / 2;
    D = x + an * D;
    D = D === 0 ? 1 / tiny : 1 / D;
    C = x + an / C;
    if (C === 0) C = tiny;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return expMinusSquare(x) / (SQRT_PI * f);
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 2) return erfSeries(x);
  const r = ax > 6 ? 1 : 1 - erfcFraction(ax);
  return x < 0 ? -r : r;
}

/**
 * erfc(x): 1 - erf(x) below 1/2; Q(1/2, x^2) (DLMF 8.4.6) on [1/2, 2), where 1 - erf(x) would lose
 * up to 1,200 ulps to cancellation and the fraction converges slowly (Q(1/2, .) keeps 40 ulps,
 * the rounding of x^2 included); the continued fraction from 2 on, where that rounding would cost
 * more.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) return 1 - erf(x);
  if (x < 2) return gammaTails(0.5, x * x).upper;
  if (x > 27.3) return 0; // below the smallest subnormal
  return erfcFraction(x);
}
