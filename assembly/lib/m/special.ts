// Special-function kernels for the Wasm forms of m.special, m.link and prob.dist (spec sec.
// "Special functions" and "Probability distributions"): an operation-for-operation port of
// src/lib/util/special.ts (log-gamma by the series of Abramowitz & Stegun 6.1.33 and Stirling's
// series, DLMF 5.11.1; ln Gamma(1 + a); log-beta; the incomplete gamma and beta prefactors; the
// error functions by A&S 7.1.6 and 7.1.14), so that results equal the JS backend's bit for bit.
// Math.* is the fdlibm port, as the JS forms' (--use Math=FdlibmMath); `%` on doubles is
// NativeMath.mod (fmod, exact, as JS's %). Keep the two files in step: any change there must be
// mirrored here (test/assembly/lib/m/special.test.ts compares the bits).

import { distGammaTails, distUpper } from '../prob/dist'; // erfc on [1/2, 2); a cycle of functions only

const SQRT_PI: f64 = 1.7724538509055160273; // sqrt(pi)
const LN_SQRT_2PI: f64 = 0.91893853320467274178; // ln(sqrt(2*pi))
const EULER_GAMMA: f64 = 0.57721566490153286061;
const EPS: f64 = 2.220446049250313e-16;

// ---- Log-gamma

const ZETA_TERMS: i32 = 60;

// zeta(k) - 1 for k = 0..ZETA_TERMS, in static memory (never dropped by an arena), made at the
// first call that reads it rather than at kernel start: a kernel that links this file without
// calling log-gamma (the runtime's imports bring it into every kernel) would otherwise make the
// table, about 3,000 pow calls, each time an instance starts.
const ZETA_M1: usize = memory.data((ZETA_TERMS + 1) << 3, 8);
let zetaMade = false;

/**
 * The table's address, filled the first time: zeta(k) - 1 for k = 0..ZETA_TERMS by Euler-Maclaurin
 * summation, as ZETA_M1 in special.ts (the same operations: `**` there is Math.pow here).
 */
function zetaMinusOne(): usize {
  if (zetaMade) return ZETA_M1;
  const N: f64 = 50;
  store<f64>(ZETA_M1, NaN);
  store<f64>(ZETA_M1 + 8, NaN);
  for (let ki = 2; ki <= ZETA_TERMS; ki++) {
    const k = <f64>ki;
    let tail = Math.pow(N, 1 - k) / (k - 1) + 0.5 * Math.pow(N, -k);
    tail += (k / 12) * Math.pow(N, -k - 1);
    tail -= (k * (k + 1) * (k + 2) / 720) * Math.pow(N, -k - 3);
    tail += (k * (k + 1) * (k + 2) * (k + 3) * (k + 4) / 30240) * Math.pow(N, -k - 5);
    tail -= (k * (k + 1) * (k + 2) * (k + 3) * (k + 4) * (k + 5) * (k + 6) / 1209600) * Math.pow(N, -k - 7);
    let s = tail;
    for (let n: i32 = 49; n >= 2; n--) s += Math.pow(<f64>n, -k); // smallest terms first
    store<f64>(ZETA_M1 + (<usize>ki << 3), s);
  }
  zetaMade = true;
  return ZETA_M1;
}

/** ln Gamma(2 + z) for |z| < 1 (lnGamma2 in special.ts, A&S 6.1.33). */
function lnGamma2(z: f64): f64 {
  const zeta = zetaMinusOne();
  let sum: f64 = 0;
  let zk: f64 = -z; // (-z)^k
  for (let k: i32 = 2; k <= ZETA_TERMS; k++) {
    zk *= -z;
    const term = load<f64>(zeta + (<usize>k << 3)) * zk / <f64>k;
    sum += term;
    if (Math.abs(term) < 1e-18 * Math.abs(sum)) break;
  }
  return (1 - EULER_GAMMA) * z + sum;
}

/** Stirling's series coefficients B2k / (2k(2k-1)), each rounded from the same quotient as in JS. */
const STIRLING: StaticArray<f64> = [
  1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156, -3617.0 / 122400,
  43867.0 / 244188, -174611.0 / 125400,
];

export function stirlingCorrection(x: f64): f64 {
  const r = 1 / x;
  const r2 = r * r;
  let s: f64 = 0;
  for (let i = STIRLING.length - 1; i >= 0; i--) s = s * r2 + unchecked(STIRLING[i]);
  return s * r;
}

/** ln |Gamma(x)| (lnGamma in special.ts). */
export function lnGamma(x: f64): f64 {
  if (isNaN(x)) return NaN;
  if (x == Infinity) return Infinity;
  if (x <= 0) {
    if (x == -Infinity || NativeMath.floor(x) == x) return Infinity;
    return Math.log(Math.PI / Math.abs(sinPi(x))) - lnGamma(1 - x);
  }
  if (x < 0.5) return lnGamma2(x - 1) - Math.log(x);
  if (x < 1.5) return lnGamma2(x - 1) - Math.log1p(x - 1);
  if (x <= 2.5) return lnGamma2(x - 2);
  if (x < 10) {
    let prod: f64 = 1;
    let y = x;
    while (y > 2.5) { y -= 1; prod *= y; }
    return lnGamma2(y - 2) + Math.log(prod);
  }
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
}

/** sin(pi x) with the argument reduced exactly first. */
function sinPi(x: f64): f64 {
  let r = NativeMath.mod(x, 2); // exact, as JS's %
  if (r > 1) r -= 2;
  else if (r < -1) r += 2;
  if (r > 0.5) r = 1 - r;
  else if (r < -0.5) r = -1 - r;
  return Math.sin(Math.PI * r);
}

/** ln Gamma(1 + a), by its zeta series for |a| < 0.2 (lnGamma1p in special.ts, A&S 6.1.33). */
export function lnGamma1p(a: f64): f64 {
  if (Math.abs(a) >= 0.2) return lnGamma(1 + a);
  const zeta = zetaMinusOne();
  let sum = -EULER_GAMMA * a;
  let pow = -a;
  for (let k: i32 = 2; k <= ZETA_TERMS; k++) {
    pow *= -a;
    const term = (1 + load<f64>(zeta + (<usize>k << 3))) * pow / <f64>k;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** ln B(a, b): Stirling's series forms when an argument is 10 or more (lnBeta in special.ts). */
export function lnBeta(a: f64, b: f64): f64 {
  if (a >= 10 && b >= 10) {
    const s = a + b;
    return LN_SQRT_2PI - 0.5 * Math.log(b) + (a - 0.5) * Math.log(a / s) + b * Math.log(b / s)
      + stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(s);
  }
  if (a >= 10) return lnGamma(b) + lnGammaRatio(a, b);
  if (b >= 10) return lnGamma(a) + lnGammaRatio(b, a);
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** lnGamma(a) - lnGamma(a + b) for a >= 10 (lnGammaRatio in special.ts). */
function lnGammaRatio(a: f64, b: f64): f64 {
  return -(a - 0.5) * Math.log1p(b / a) - b * Math.log(a + b) + b + stirlingCorrection(a) - stirlingCorrection(a + b);
}

/** t - ln(1 + t) with r = 1 + t given directly; Maclaurin series for |t| <= 1/4 (tMinusLog1p in special.ts). */
export function tMinusLog1p(t: f64, r: f64): f64 {
  if (Math.abs(t) > 0.25) return t - Math.log(r);
  let term = t * t;
  let sum: f64 = 0;
  for (let k: i32 = 2; k < 200; k++) {
    const add = term / <f64>k;
    sum += k % 2 == 0 ? add : -add;
    if (Math.abs(add) <= 1e-17 * Math.abs(sum)) break;
    term *= t;
  }
  return sum;
}

/** ln(x^a e^-x / Gamma(a)) (lnGammaKernel in special.ts). */
export function lnGammaKernel(a: f64, x: f64): f64 {
  if (a >= 10) return -a * tMinusLog1p((x - a) / a, x / a) + 0.5 * Math.log(a) - LN_SQRT_2PI - stirlingCorrection(a);
  return a * Math.log(x) - x - lnGamma(a);
}

/** ln(x^a y^b / B(a, b)) with y = 1 - x given separately (lnBetaKernel in special.ts). */
export function lnBetaKernel(a: f64, b: f64, x: f64, y: f64): f64 {
  if (a >= 10 && b >= 10) {
    const s = a + b;
    return -a * tMinusLog1p((x * s - a) / a, x * (s / a)) - b * tMinusLog1p((y * s - b) / b, y * (s / b))
      + 0.5 * Math.log(a * b / s) - LN_SQRT_2PI - stirlingCorrection(a) - stirlingCorrection(b) + stirlingCorrection(s);
  }
  const lnx = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const lny = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  return a * lnx + b * lny - lnBeta(a, b);
}

// ---- Error functions

/** e^(-x^2) with x^2 split into exact high and low parts (Math.fround is the f32 demotion). */
function expMinusSquare(x: f64): f64 {
  const hi = <f64><f32>x;
  const lo = x - hi;
  return Math.exp(-hi * hi) * Math.exp(-lo * (x + hi));
}

/** erf(x) for |x| < 2 by the series of A&S 7.1.6. */
function erfSeries(x: f64): f64 {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n: i32 = 1; n < 200; n++) {
    term *= (2 * x2) / <f64>(2 * n + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * expMinusSquare(x) * sum;
}

/** erfc(x) for x >= 2 by the continued fraction of A&S 7.1.14 (modified Lentz). */
function erfcFraction(x: f64): f64 {
  const tiny: f64 = 1e-300;
  let f = x;
  let C = x;
  let D: f64 = 0;
  for (let n: i32 = 1; n < 500; n++) {
    const an = <f64>n / 2;
    D = x + an * D;
    D = D == 0 ? 1 / tiny : 1 / D;
    C = x + an / C;
    if (C == 0) C = tiny;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return expMinusSquare(x) / (SQRT_PI * f);
}

export function erf(x: f64): f64 {
  if (isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 2) return erfSeries(x);
  const r = ax > 6 ? 1 : 1 - erfcFraction(ax);
  return x < 0 ? -r : r;
}

/** erfc(x) (erfc in special.ts): Q(1/2, x^2) on [1/2, 2), DLMF 8.4.6. */
export function erfc(x: f64): f64 {
  if (isNaN(x)) return NaN;
  if (x < 0.5) return 1 - erf(x);
  if (x < 2) {
    distGammaTails(0.5, x * x);
    return distUpper;
  }
  if (x > 27.3) return 0;
  return erfcFraction(x);
}

// ---- n choose k modulo 2^32 (chooseInt32 in src/lib/m/special.ts)

/** The inverse of an odd number modulo 2^32 by Newton's iteration (i32 multiplication wraps as Math.imul). */
function inverse32(b: i32): i32 {
  let x = b;
  for (let i = 0; i < 4; i++) x = x * (2 - b * x);
  return x;
}

/** n choose k wrapped to 32 bits, for 0 < k < n. */
export function chooseInt32(n: i32, k: i32): i32 {
  const kk = min(k, n - k);
  let odd: i32 = 1;
  let twos: i32 = 0;
  for (let i: i32 = 1; i <= kk; i++) {
    const a = n - kk + i;
    const ta = ctz(a);
    const tb = ctz(i);
    twos += ta - tb;
    odd = odd * (<i32>(<u32>a >> ta)) * inverse32(<i32>(<u32>i >> tb));
  }
  return twos >= 32 ? 0 : odd * (1 << twos);
}
