/**
 * Numeric kernels of the special functions, shared by m.special, m.link and prob.dist: log-gamma,
 * error functions, the regularized incomplete gamma functions and their inverse, and the
 * standard normal quantile (the incomplete beta function is in util/incompleteBeta.ts). All work in double precision and aim at a few ulps of relative error
 * (the conformance suite compares at 1e-9). These are plain math: domain errors are the callers'
 * business; outside the domain the kernels return NaN (or the mathematical limit).
 */

const SQRT_PI = 1.7724538509055160273; // sqrt(pi)
const LN_SQRT_2PI = 0.91893853320467274178; // ln(sqrt(2*pi))
const EULER_GAMMA = 0.57721566490153286061;
const EPS = 2.220446049250313e-16;

// ---------------------------------------------------------------------------------------------
// Log-gamma

/**
 * zeta(k) - 1 for k = 0..ZETA_TERMS, computed once by Euler-Maclaurin summation: the sum of
 * n^-k for n = 2..N-1 plus the integral tail and Bernoulli corrections up to B8 (N = 50 leaves a
 * remainder below 1e-17 for every k >= 2).
 */
const ZETA_TERMS = 60;
const ZETA_M1: number[] = (() => {
  const N = 50;
  const out = [NaN, NaN];
  for (let k = 2; k <= ZETA_TERMS; k++) {
    let tail = N ** (1 - k) / (k - 1) + 0.5 * N ** -k;
    tail += (k / 12) * N ** (-k - 1);
    tail -= (k * (k + 1) * (k + 2) / 720) * N ** (-k - 3);
    tail += (k * (k + 1) * (k + 2) * (k + 3) * (k + 4) / 30240) * N ** (-k - 5);
    tail -= (k * (k + 1) * (k + 2) * (k + 3) * (k + 4) * (k + 5) * (k + 6) / 1209600) * N ** (-k - 7);
    let s = tail;
    for (let n = N - 1; n >= 2; n--) s += n ** -k; // smallest terms first
    out.push(s);
  }
  return out;
})();

/** ln Gamma(2 + z) for |z| <= 0.5, from its Taylor series: (1 - gamma) z + sum (-1)^k (zeta(k) - 1) z^k / k. */
function lnGamma2(z: number): number {
  let sum = 0;
  let zk = -z; // (-z)^k
  for (let k = 2; k <= ZETA_TERMS; k++) {
    zk *= -z;
    const term = ZETA_M1[k] * zk / k;
    sum += term;
    if (Math.abs(term) < 1e-18 * Math.abs(sum)) break;
  }
  return (1 - EULER_GAMMA) * z + sum;
}

/** Bernoulli numbers B2..B20 over (2k(2k-1)): the coefficients of Stirling's series. */
const STIRLING = [
  1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400,
  43867 / 244188, -174611 / 125400,
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
 * the reflection formula for negative x. +Infinity at the poles (0, -1, -2, ...).
 */
export function lnGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (x === -Infinity || Number.isInteger(x)) return Infinity;
    // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x); sinPi keeps the argument exact.
    return Math.log(Math.PI / Math.abs(sinPi(x))) - lnGamma(1 - x);
  }
  if (x < 0.5) return lnGamma2(x - 1) - Math.log(x); // Gamma(x) = Gamma(x + 1) / x
  if (x < 1.5) return lnGamma2(x - 1) - Math.log1p(x - 1);
  if (x <= 2.5) return lnGamma2(x - 2);
  if (x < 10) {
    let prod = 1;
    let y = x;
    while (y > 2.5) { y -= 1; prod *= y; }
    return lnGamma2(y - 2) + Math.log(prod);
  }
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
}

/** sin(pi x) with the argument reduced exactly first (so that integers give exactly 0). */
function sinPi(x: number): number {
  let r = x % 2; // exact
  if (r > 1) r -= 2;
  else if (r < -1) r += 2;
  if (r > 0.5) r = 1 - r;
  else if (r < -0.5) r = -1 - r;
  return Math.sin(Math.PI * r);
}

/** ln B(a, b) = lnGamma(a) + lnGamma(b) - lnGamma(a + b), for a, b > 0. */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

// ---------------------------------------------------------------------------------------------
// Error functions

/** e^(-x^2) with x^2 split into exact high and low parts (so large x keep full relative accuracy). */
function expMinusSquare(x: number): number {
  const hi = Math.fround(x); // 24 significant bits: hi*hi is exact
  const lo = x - hi;
  return Math.exp(-hi * hi) * Math.exp(-lo * (x + hi));
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

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) return 1 - erf(x);
  if (x < 2) return 1 - erfSeries(x);
  if (x > 27.3) return 0; // below the smallest subnormal
  return erfcFraction(x);
}

/** The standard normal CDF, Phi(x) = erfc(-x / sqrt 2) / 2 (accurate in both tails). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** The standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / (2 * SQRT_PI / Math.SQRT2);
}

/**
 * The standard normal quantile Phi^-1(p): a starting point from A&S 26.2.23 (error < 4.5e-4),
 * refined by Halley steps on the tail probability (cubic convergence; three steps reach full
 * double precision). p outside [0, 1] gives NaN; 0 and 1 give -Infinity and +Infinity.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const lower = p < 0.5;
  const q = lower ? p : 1 - p; // tail probability, q < 0.5
  const t = Math.sqrt(-2 * Math.log(q));
  let z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  // Solve Q(z) = q for the upper tail Q(z) = erfc(z / sqrt 2) / 2 (z > 0 here).
  for (let i = 0; i < 6; i++) {
    const err = 0.5 * erfc(z / Math.SQRT2) - q;
    const dens = normalPdf(z);
    if (dens === 0) break;
    const u = err / dens; // Newton step for -Q' = density
    const step = u / (1 - 0.5 * z * u); // Halley: Q'' / Q' = -z
    z += step;
    if (Math.abs(step) <= 1e-16 * Math.abs(z)) break;
  }
  return lower ? -z : z;
}

// ---------------------------------------------------------------------------------------------
// Incomplete gamma

/** log(1 + t) - t, accurate for small t (series) as well as large. */
export function log1pmx(t: number): number {
  if (Math.abs(t) > 0.25) return Math.log1p(t) - t;
  // -t^2/2 + t^3/3 - t^4/4 + ...
  let term = t;
  let sum = 0;
  for (let k = 2; k < 80; k++) {
    term *= -t;
    const s = term / k;
    sum += s;
    if (Math.abs(s) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/**
 * x^a e^-x / Gamma(a), the common factor of both incomplete gamma functions. For large a the
 * logarithm is rearranged as a*log1pmx((x-a)/a) + ... (the idea of Temme's and DiDonato & Morris's
 * prefactor), which avoids cancelling a ln x against lnGamma(a).
 */
export function gammaPrefactor(a: number, x: number): number {
  if (x === 0) return a === 1 ? 1 : 0;
  if (a < 10) return Math.exp(a * Math.log(x) - x - lnGamma(a));
  // a ln x - x - lnGamma(a) = a (ln(x/a) - (x-a)/a) + ln sqrt(a/(2 pi)) - stirlingCorrection(a)
  const t = (x - a) / a;
  const main = Math.abs(t) <= 0.25 ? a * log1pmx(t) : a * Math.log(x / a) - (x - a);
  return Math.exp(main + 0.5 * Math.log(a) - LN_SQRT_2PI - stirlingCorrection(a));
}

/** P(a, x) by its power series (Numerical Recipes 6.2), for x < a + 1. */
function gammaPSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < 100000; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * gammaPrefactor(a, x);
}

/** Q(a, x) by Legendre's continued fraction, modified Lentz (Numerical Recipes 6.2), for x >= a + 1. */
function gammaQFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return gammaPrefactor(a, x) * h;
}

/** The regularized lower incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a), a > 0, x >= 0. */
export function gammaP(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  if (a === Infinity) return 0;
  return x < a + 1 ? gammaPSeries(a, x) : 1 - gammaQFraction(a, x);
}

/** The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x). */
export function gammaQ(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (a === Infinity) return 1;
  return x < a + 1 ? 1 - gammaPSeries(a, x) : gammaQFraction(a, x);
}

/**
 * The inverse of P(a, .): the x with P(a, x) = p. Starting point and Halley iteration as
 * described in Numerical Recipes 6.2.1 (Wilson-Hilferty for a > 1, a power-law guess below),
 * with the iterate kept positive.
 */
export function gammaPInv(a: number, p: number): number {
  if (Number.isNaN(a) || Number.isNaN(p) || a <= 0 || p < 0 || p > 1) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  let x: number;
  const a1 = a - 1;
  const lna1 = a > 1 ? Math.log(a1) : 0;
  const afac = a > 1 ? Math.exp(a1 * (lna1 - 1) - lnGamma(a)) : 0;
  const gln = lnGamma(a);
  if (a > 1) {
    const z = normalQuantile(p);
    const base = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
    // Far in the lower tail Wilson-Hilferty fails; there P(a, x) ~ x^a / Gamma(a + 1).
    x = base > 0.1 ? a * base * base * base : Math.exp((Math.log(p) + lnGamma(a + 1)) / a);
  } else {
    const t = 1 - a * (0.253 + a * 0.12);
    x = p < t ? Math.pow(p / t, 1 / a) : 1 - Math.log(1 - (p - t) / (1 - t));
  }
  for (let j = 0; j < 100; j++) {
    if (x <= 0) return 0;
    const err = gammaP(a, x) - p;
    // Density of the gamma(a) distribution at x, scaled to avoid overflow for large a.
    const dens = a > 1 ? afac * Math.exp(-(x - a1) + a1 * (Math.log(x) - lna1)) : Math.exp(-x + a1 * Math.log(x) - gln);
    if (dens === 0) break;
    const u = err / dens;
    const step = u / (1 - 0.5 * Math.min(1, u * (a1 / x - 1)));
    let xn = x - step;
    if (xn <= 0) xn = 0.5 * x;
    const done = Math.abs(xn - x) <= 1e-15 * xn;
    x = xn;
    if (done) break;
  }
  return x;
}
