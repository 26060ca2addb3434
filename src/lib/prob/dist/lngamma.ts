/**
 * Private numeric kernels of prob.dist: log-gamma, log-beta and the Stirling remainder. Written
 * here because src/lib/util/special.ts (m.special's kernels) did not exist when this namespace
 * was written; prob.dist needs them accurate to a few ulps for its 1e-9 agreement target.
 */

const HALF_LN_2PI = 0.9189385332046728; // ln(sqrt(2*pi))

// Lanczos approximation with g = 7 and 9 coefficients (the published Godfrey set);
// relative error of Gamma about 1e-15 for positive real arguments.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/**
 * Stirling remainder S(a) = lnGamma(a) - [(a - 1/2) ln a - a + ln sqrt(2 pi)], by its asymptotic
 * series 1/(12a) - 1/(360a^3) + 1/(1260a^5) - 1/(1680a^7) (Bernoulli numbers); for a >= 10 the
 * first omitted term is below 1e-17 relative.
 */
export function stirlingRemainder(a: number): number {
  if (a < 10) return lnGamma(a) - ((a - 0.5) * Math.log(a) - a + HALF_LN_2PI);
  const r = 1 / a, r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 / 1188))));
}

/** ln |Gamma(z)| for z > 0 (reflection formula below 1/2). */
export function lnGamma(z: number): number {
  if (!(z > 0)) return z === 0 ? Infinity : NaN;
  if (z === Infinity) return Infinity;
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  if (z === 1 || z === 2) return 0;
  if (z >= 10) {
    // Stirling series: avoids the cancellation in Lanczos' power term for large z.
    return (z - 0.5) * Math.log(z) - z + HALF_LN_2PI + stirlingRemainder(z);
  }
  const x = z - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (x + i);
  const t = x + LANCZOS_G + 0.5;
  return HALF_LN_2PI + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EULER_GAMMA = 0.5772156649015329;

/**
 * zeta(k) for k = 2..29, by the Euler-Maclaurin formula on sum n^-k with 19 terms summed
 * directly (remainder below 1e-16 relative); zeta(2) = pi^2/6 exactly.
 */
const ZETA: readonly number[] = (() => {
  const z = [NaN, NaN];
  for (let k = 2; k < 30; k++) {
    const N = 20;
    let s = 0;
    for (let n = N - 1; n >= 1; n--) s += n ** -k;
    s += N ** (1 - k) / (k - 1) + N ** -k / 2 + k * N ** (-k - 1) / 12 - k * (k + 1) * (k + 2) * N ** (-k - 3) / 720
      + k * (k + 1) * (k + 2) * (k + 3) * (k + 4) * N ** (-k - 5) / 30240;
    z.push(k === 2 ? Math.PI * Math.PI / 6 : s);
  }
  return z;
})();

/**
 * ln Gamma(1 + a) with full relative accuracy also for small |a| (where it is ~ -0.577 a), by
 * its Taylor series -gamma a + sum_k (-1)^k zeta(k) a^k / k for |a| < 0.2 (Abramowitz & Stegun
 * 6.1.33).
 */
export function lnGamma1p(a: number): number {
  if (Math.abs(a) >= 0.2) return lnGamma(1 + a);
  let sum = -EULER_GAMMA * a, pow = -a;
  for (let k = 2; k < ZETA.length; k++) {
    pow *= -a;
    const term = ZETA[k] * pow / k;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** ln B(a, b) = lnGamma(a) + lnGamma(b) - lnGamma(a + b). */
export function lnBeta(a: number, b: number): number {
  if (a >= 10 && b >= 10) {
    // Stirling form: keeps the large (a-1/2) ln a terms from cancelling as badly.
    const s = a + b;
    return HALF_LN_2PI - 0.5 * Math.log(b) + (a - 0.5) * Math.log(a / s) + b * Math.log(b / s)
      + stirlingRemainder(a) + stirlingRemainder(b) - stirlingRemainder(s);
  }
  // One large argument: lnGamma(big) - lnGamma(big + small) by Stirling, without the big terms.
  if (a >= 10) return lnGamma(b) + lnGammaRatio(a, b);
  if (b >= 10) return lnGamma(a) + lnGammaRatio(b, a);
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** lnGamma(a) - lnGamma(a + b) for a >= 10, b > 0: -(a - 1/2) ln(1 + b/a) - b ln(a + b) + b + S(a) - S(a+b). */
function lnGammaRatio(a: number, b: number): number {
  return -(a - 0.5) * Math.log1p(b / a) - b * Math.log(a + b) + b + stirlingRemainder(a) - stirlingRemainder(a + b);
}

/**
 * ln( x^a y^b / B(a, b) ) with y = 1 - x given separately. For a, b >= 10 it is computed as
 * -a D(u) - b D(v) + ln sqrt(ab / (2 pi (a+b))) - S(a) - S(b) + S(a+b), where u = x(a+b)/a - 1,
 * v = y(a+b)/b - 1 and D(t) = t - ln(1+t): the large logarithms cancel analytically (a u + b v
 * = 0) instead of numerically, which keeps ~1e-15 relative accuracy (the device of Loader's
 * binomial and of Temme's uniform expansions).
 */
export function lnBetaKernel(a: number, b: number, x: number, y: number): number {
  if (a >= 10 && b >= 10) {
    const s = a + b;
    return -a * tMinusLog1p((x * s - a) / a, x * (s / a)) - b * tMinusLog1p((y * s - b) / b, y * (s / b))
      + 0.5 * Math.log(a * b / s) - HALF_LN_2PI - stirlingRemainder(a) - stirlingRemainder(b) + stirlingRemainder(s);
  }
  const lnx = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const lny = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  return a * lnx + b * lny - lnBeta(a, b);
}

/**
 * t - ln(1 + t) where r = 1 + t is also given as a ratio computed directly (t itself loses the
 * relative digits of r when r is tiny); power series for small |t|.
 */
export function tMinusLog1p(t: number, r: number): number {
  if (Math.abs(t) > 0.25) return t - Math.log(r);
  // t^2/2 - t^3/3 + t^4/4 - ...
  let term = t * t, sum = 0;
  for (let k = 2; k < 200; k++) {
    const add = term / k;
    sum += k % 2 === 0 ? add : -add;
    if (Math.abs(add) <= 1e-17 * Math.abs(sum)) break;
    term *= t;
  }
  return sum;
}

/**
 * ln( x^a e^-x / Gamma(a) ), the common factor of the gamma density and the incomplete gamma
 * function. For large a it is computed as -a (t - ln(1+t)) + ln sqrt(a/2pi) - S(a) with
 * t = (x - a)/a, which avoids cancelling terms of size a ln a (Temme's and Loader's device).
 */
export function lnGammaKernel(a: number, x: number): number {
  if (a >= 10) return -a * tMinusLog1p((x - a) / a, x / a) + 0.5 * Math.log(a) - HALF_LN_2PI - stirlingRemainder(a);
  return a * Math.log(x) - x - lnGamma(a);
}
