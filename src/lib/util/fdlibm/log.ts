/**
 * Logarithms (fdlibm e_log.c, s_log1p.c, e_log10.c; log2 after FreeBSD msun e_log2.c, the same
 * reduction): write x = 2^k·(1 + f) with √2/2 < 1 + f < √2, then log(1 + f) = 2s + 2s³/3 + …
 * with s = f/(2 + f), by a Remez polynomial in s², and add k·ln2 split in two parts.
 */
import { f64, i32, bits, hi, lo, withHi, withLo } from './words.js';

const zero: f64 = 0.0;
const ln2_hi: f64 = bits(0x3fe62e42, 0xfee00000); // 6.93147180369123816490e-01
const ln2_lo: f64 = bits(0x3dea39ef, 0x35793c76); // 1.90821492927058770002e-10
const two54: f64 = bits(0x43500000, 0x00000000); // 1.80143985094819840000e+16
// e_log.c's Lg1..Lg7, which s_log1p.c also uses as Lp1..Lp7: |error| < 2^-58.45
const Lg1: f64 = bits(0x3fe55555, 0x55555593); // 6.666666666666735130e-01
const Lg2: f64 = bits(0x3fd99999, 0x9997fa04); // 3.999999999940941908e-01
const Lg3: f64 = bits(0x3fd24924, 0x94229359); // 2.857142874366239149e-01
const Lg4: f64 = bits(0x3fcc71c5, 0x1d8e78af); // 2.222219843214978396e-01
const Lg5: f64 = bits(0x3fc74664, 0x96cb03de); // 1.818357216161805012e-01
const Lg6: f64 = bits(0x3fc39a09, 0xd078c69f); // 1.531383769920937332e-01
const Lg7: f64 = bits(0x3fc2f112, 0xdf3e5244); // 1.479819860511658591e-01
const ivln10: f64 = bits(0x3fdbcb7b, 0x1526e50e); // 4.34294481903251816668e-01
const log10_2hi: f64 = bits(0x3fd34413, 0x509f6000); // 3.01029995663611771306e-01
const log10_2lo: f64 = bits(0x3d59fef3, 0x11f12b36); // 3.69423907715893078616e-13
const ivln2hi: f64 = bits(0x3ff71547, 0x65200000); // 1.44269504072144627571e+00
const ivln2lo: f64 = bits(0x3de705fc, 0x2eefa200); // 1.67517131648865118353e-10

/** fdlibm e_log.c */
export function log(x: f64): f64 {
  let hx: i32 = hi(x);
  const lx: i32 = lo(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022
    if (((hx & 0x7fffffff) | lx) == 0) return -two54 / zero; // log(±0) = -inf
    if (hx < 0) return (x - x) / zero; // log(-#) = NaN
    k -= 54; // subnormal: scale up
    x *= two54;
    hx = hi(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i: i32 = (hx + 0x95f64) & 0x100000;
  x = withHi(x, hx | (i ^ 0x3ff00000)); // normalise x or x/2 into [√2/2, √2)
  k += i >> 20;
  const f: f64 = x - 1.0;
  const dk: f64 = f64(k);
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20
    if (f == zero) {
      if (k == 0) return zero;
      return dk * ln2_hi + dk * ln2_lo;
    }
    const R: f64 = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R;
    return dk * ln2_hi - (R - dk * ln2_lo - f);
  }
  const s: f64 = f / (2.0 + f);
  const z: f64 = s * s;
  i = hx - 0x6147a;
  const w: f64 = z * z;
  const j: i32 = 0x6b851 - hx;
  const t1: f64 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2: f64 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  const R: f64 = t2 + t1;
  if (i > 0) {
    // f far from 0: keep f²/2 apart
    const hfsq: f64 = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2_hi - (hfsq - (s * (hfsq + R) + dk * ln2_lo) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * ln2_hi - (s * (f - R) - dk * ln2_lo - f);
}

/** fdlibm s_log1p.c */
export function log1p(x: f64): f64 {
  const hx: i32 = hi(x);
  const ax: i32 = hx & 0x7fffffff;
  let k: i32 = 1;
  let f: f64 = 0;
  let c: f64 = 0;
  let hu: i32 = 0;
  if (hx < 0x3fda827a) {
    // x < 0.41422
    if (ax >= 0x3ff00000) {
      // x <= -1.0
      if (x == -1.0) return -two54 / zero; // log1p(-1) = -inf
      return (x - x) / (x - x); // log1p(x < -1) = NaN
    }
    if (ax < 0x3e200000) {
      // |x| < 2^-29
      if (two54 + x > zero && ax < 0x3c900000) return x; // |x| < 2^-54
      return x - x * x * 0.5;
    }
    if (hx > 0 || ax <= 0x3fd2bec3) {
      // -0.2929 < x < 0.41422: f = x, no reduction
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k != 0) {
    let u: f64 = 0;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = hi(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // the rounding error of 1 + x
      c /= u;
    } else {
      u = x;
      hu = hi(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      // u < √2
      u = withHi(u, hu | 0x3ff00000);
    } else {
      k += 1;
      u = withHi(u, hu | 0x3fe00000); // u/2
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq: f64 = 0.5 * f * f;
  const dk: f64 = f64(k);
  if (hu == 0) {
    // |f| < 2^-20
    if (f == zero) {
      if (k == 0) return zero;
      c += dk * ln2_lo;
      return dk * ln2_hi + c;
    }
    const R: f64 = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k == 0) return f - R;
    return dk * ln2_hi - (R - (dk * ln2_lo + c) - f);
  }
  const s: f64 = f / (2.0 + f);
  const z: f64 = s * s;
  const R: f64 = z * (Lg1 + z * (Lg2 + z * (Lg3 + z * (Lg4 + z * (Lg5 + z * (Lg6 + z * Lg7))))));
  if (k == 0) return f - (hfsq - s * (hfsq + R));
  return dk * ln2_hi - (hfsq - (s * (hfsq + R) + (dk * ln2_lo + c)) - f);
}

/** fdlibm e_log10.c: log10(x) = k·log10(2) + log10(e)·log(x/2^k). */
export function log10(x: f64): f64 {
  let hx: i32 = hi(x);
  const lx: i32 = lo(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022
    if (((hx & 0x7fffffff) | lx) == 0) return -two54 / zero; // log(±0) = -inf
    if (hx < 0) return (x - x) / zero; // log(-#) = NaN
    k -= 54;
    x *= two54;
    hx = hi(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  const i: i32 = (k >>> 31) & 1; // 1 when k < 0
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y: f64 = f64(k + i);
  x = withHi(x, hx);
  const z: f64 = y * log10_2lo + ivln10 * log(x);
  return z + y * log10_2hi;
}

/** log(1 + f) − f + f²/2 for √2/2 <= 1 + f < √2 (FreeBSD msun k_log.h, e_log.c's polynomial). */
function kLog1p(f: f64): f64 {
  const s: f64 = f / (2.0 + f);
  const z: f64 = s * s;
  const w: f64 = z * z;
  const t1: f64 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2: f64 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const R: f64 = t2 + t1;
  const hfsq: f64 = 0.5 * f * f;
  return s * (hfsq + R);
}

/** FreeBSD msun e_log2.c: log2(x) = k + (f − f²/2 + kLog1p(f))/ln2, with 1/ln2 split in two. */
export function log2(x: f64): f64 {
  let hx: i32 = hi(x);
  const lx: i32 = lo(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022
    if (((hx & 0x7fffffff) | lx) == 0) return -two54 / zero; // log(±0) = -inf
    if (hx < 0) return (x - x) / zero; // log(-#) = NaN
    k -= 54;
    x *= two54;
    hx = hi(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  if (hx == 0x3ff00000 && lx == 0) return zero; // log2(1) = +0
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i: i32 = (hx + 0x95f64) & 0x100000;
  x = withHi(x, hx | (i ^ 0x3ff00000)); // normalise x or x/2
  k += i >> 20;
  const y: f64 = f64(k);
  const f: f64 = x - 1.0;
  const hfsq: f64 = 0.5 * f * f;
  const r: f64 = kLog1p(f);
  const h: f64 = withLo(f - hfsq, 0); // f − f²/2 with its low word cleared, so h·ivln2hi is exact
  const l: f64 = f - h - hfsq + r;
  let valHi: f64 = h * ivln2hi;
  let valLo: f64 = (l + h) * ivln2lo + l * ivln2hi;
  const w: f64 = y + valHi; // Dekker's sum: y + valHi exactly as w + error
  valLo += y - w + valHi;
  valHi = w;
  return valLo + valHi;
}
