/**
 * Inverse trigonometric functions (fdlibm e_asin.c, e_acos.c, s_atan.c, e_atan2.c
 * with FreeBSD msun's quadrant fix, which V8 has too): asin and
 * acos by a rational approximation of asin(x)/x − 1 in x², after the half-angle identity for
 * |x| >= 0.5; atan by reduction to |x| < 7/16 around 0.5, 1, 1.5 and ∞, then a polynomial.
 */
import { f64, i32, bits, hi, lo, withLo, fabs, fsqrt } from './words.js';

const one: f64 = 1.0;
const huge: f64 = 1.0e300;
const tiny: f64 = 1.0e-300;
const pi: f64 = bits(0x400921fb, 0x54442d18); // 3.14159265358979311600e+00
const pi_lo: f64 = bits(0x3ca1a626, 0x33145c07); // 1.2246467991473531772e-16, π − pi
const pio2_hi: f64 = bits(0x3ff921fb, 0x54442d18); // 1.57079632679489655800e+00
const pio2_lo: f64 = bits(0x3c91a626, 0x33145c07); // 6.12323399573676603587e-17
const pio4_hi: f64 = bits(0x3fe921fb, 0x54442d18); // 7.85398163397448278999e-01
// e_asin.c: asin(x) ≈ x + x·x²·R(x²), R = p/q
const pS0: f64 = bits(0x3fc55555, 0x55555555); // 1.66666666666666657415e-01
const pS1: f64 = bits(0xbfd4d612, 0x03eb6f7d); // -3.25565818622400915405e-01
const pS2: f64 = bits(0x3fc9c155, 0x0e884455); // 2.01212532134862925881e-01
const pS3: f64 = bits(0xbfa48228, 0xb5688f3b); // -4.00555345006794114027e-02
const pS4: f64 = bits(0x3f49efe0, 0x7501b288); // 7.91534994289814532176e-04
const pS5: f64 = bits(0x3f023de1, 0x0dfdf709); // 3.47933107596021167570e-05
const qS1: f64 = bits(0xc0033a27, 0x1c8a2d4b); // -2.40339491173441421878e+00
const qS2: f64 = bits(0x40002ae5, 0x9c598ac8); // 2.02094576023350569471e+00
const qS3: f64 = bits(0xbfe6066c, 0x1b8d0159); // -6.88283971605453293030e-01
const qS4: f64 = bits(0x3fb3b8c5, 0xb12e9282); // 7.70381505559019352791e-02
// s_atan.c: atan(0.5), atan(1), atan(1.5), atan(∞) as hi + lo
const atanhi0: f64 = bits(0x3fddac67, 0x0561bb4f); // 4.63647609000806093515e-01
const atanhi1: f64 = bits(0x3fe921fb, 0x54442d18); // 7.85398163397448278999e-01
const atanhi2: f64 = bits(0x3fef730b, 0xd281f69b); // 9.82793723247329054082e-01
const atanhi3: f64 = bits(0x3ff921fb, 0x54442d18); // 1.57079632679489655800e+00
const atanlo0: f64 = bits(0x3c7a2b7f, 0x222f65e2); // 2.26987774529616870924e-17
const atanlo1: f64 = bits(0x3c81a626, 0x33145c07); // 3.06161699786838301793e-17
const atanlo2: f64 = bits(0x3c700788, 0x7af0cbbd); // 1.39033110312309984516e-17
const atanlo3: f64 = bits(0x3c91a626, 0x33145c07); // 6.12323399573676603587e-17
const aT0: f64 = bits(0x3fd55555, 0x5555550d); // 3.33333333333329318027e-01
const aT1: f64 = bits(0xbfc99999, 0x9998ebc4); // -1.99999999998764832476e-01
const aT2: f64 = bits(0x3fc24924, 0x920083ff); // 1.42857142725034663711e-01
const aT3: f64 = bits(0xbfbc71c6, 0xfe231671); // -1.11111104054623557880e-01
const aT4: f64 = bits(0x3fb745cd, 0xc54c206e); // 9.09088713343650656196e-02
const aT5: f64 = bits(0xbfb3b0f2, 0xaf749a6d); // -7.69187620504482999495e-02
const aT6: f64 = bits(0x3fb10d66, 0xa0d03d51); // 6.66107313738753120669e-02
const aT7: f64 = bits(0xbfadde2d, 0x52defd9a); // -5.83357013379057348645e-02
const aT8: f64 = bits(0x3fa97b4b, 0x24760deb); // 4.97687799461593236017e-02
const aT9: f64 = bits(0xbfa2b444, 0x2c6a6c2f); // -3.65315727442169155270e-02
const aT10: f64 = bits(0x3f90ad3a, 0xe322da11); // 1.62858201153657823623e-02

/** p(t)/q(t) of e_asin.c and e_acos.c */
function asinRatio(t: f64): f64 {
  const p: f64 = t * (pS0 + t * (pS1 + t * (pS2 + t * (pS3 + t * (pS4 + t * pS5)))));
  const q: f64 = one + t * (qS1 + t * (qS2 + t * (qS3 + t * qS4)));
  return p / q;
}

/** fdlibm e_asin.c */
export function asin(x: f64): f64 {
  const hx: i32 = hi(x);
  const ix: i32 = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    // |x| >= 1
    if (((ix - 0x3ff00000) | lo(x)) == 0) return x * pio2_hi + x * pio2_lo; // asin(±1) = ±π/2
    return (x - x) / (x - x); // NaN
  }
  if (ix < 0x3fe00000) {
    // |x| < 0.5
    if (ix < 0x3e400000) {
      // |x| < 2^-27
      if (huge + x > one) return x; // with inexact unless x is 0
    }
    return x + x * asinRatio(x * x);
  }
  // 1 > |x| >= 0.5: asin(x) = π/2 − 2·asin(√((1 − x)/2))
  const w: f64 = one - fabs(x);
  const t: f64 = w * 0.5;
  const s: f64 = fsqrt(t);
  let r: f64 = 0;
  if (ix >= 0x3fef3333) {
    // |x| > 0.975
    r = pio2_hi - (2.0 * (s + s * asinRatio(t)) - pio2_lo);
  } else {
    const df: f64 = withLo(s, 0); // s's high part, exact when squared
    const c: f64 = (t - df * df) / (s + df); // s − df
    const p: f64 = 2.0 * s * asinRatio(t) - (pio2_lo - 2.0 * c);
    const q: f64 = pio4_hi - 2.0 * df;
    r = pio4_hi - (p - q);
  }
  return hx > 0 ? r : -r;
}

/** fdlibm e_acos.c */
export function acos(x: f64): f64 {
  const hx: i32 = hi(x);
  const ix: i32 = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    // |x| >= 1
    if (((ix - 0x3ff00000) | lo(x)) == 0) {
      // |x| = 1
      if (hx > 0) return 0.0; // acos(1) = 0
      return pi + 2.0 * pio2_lo; // acos(-1) = π
    }
    return (x - x) / (x - x); // NaN
  }
  if (ix < 0x3fe00000) {
    // |x| < 0.5
    if (ix <= 0x3c600000) return pio2_hi + pio2_lo; // |x| < 2^-57
    const z: f64 = x * x;
    return pio2_hi - (x - (pio2_lo - x * asinRatio(z)));
  }
  if (hx < 0) {
    // x < -0.5: acos(x) = π − 2·asin(√((1 + x)/2))
    const z: f64 = (one + x) * 0.5;
    const s: f64 = fsqrt(z);
    const w: f64 = asinRatio(z) * s - pio2_lo;
    return pi - 2.0 * (s + w);
  }
  // x > 0.5: acos(x) = 2·asin(√((1 − x)/2))
  const z: f64 = (one - x) * 0.5;
  const s: f64 = fsqrt(z);
  const df: f64 = withLo(s, 0);
  const c: f64 = (z - df * df) / (s + df);
  const w: f64 = asinRatio(z) * s + c;
  return 2.0 * (df + w);
}

/** fdlibm s_atan.c */
export function atan(x: f64): f64 {
  const hx: i32 = hi(x);
  const ix: i32 = hx & 0x7fffffff;
  if (ix >= 0x44100000) {
    // |x| >= 2^66
    if (ix > 0x7ff00000 || (ix == 0x7ff00000 && lo(x) != 0)) return x + x; // NaN
    if (hx > 0) return atanhi3 + atanlo3;
    return -atanhi3 - atanlo3;
  }
  let id: i32 = -1;
  if (ix < 0x3fdc0000) {
    // |x| < 0.4375
    if (ix < 0x3e200000) {
      // |x| < 2^-29
      if (huge + x > one) return x; // with inexact unless x is 0
    }
  } else {
    x = fabs(x);
    if (ix < 0x3ff30000) {
      // |x| < 1.1875
      if (ix < 0x3fe60000) {
        id = 0;
        x = (2.0 * x - one) / (2.0 + x);
      } // 7/16 <= |x| < 11/16
      else {
        id = 1;
        x = (x - one) / (x + one);
      } // 11/16 <= |x| < 19/16
    } else if (ix < 0x40038000) {
      id = 2;
      x = (x - 1.5) / (one + 1.5 * x);
    } // |x| < 39/16
    else {
      id = 3;
      x = -1.0 / x;
    } // 39/16 <= |x| < 2^66
  }
  const z: f64 = x * x;
  const w: f64 = z * z;
  // odd and even terms separately
  const s1: f64 = z * (aT0 + w * (aT2 + w * (aT4 + w * (aT6 + w * (aT8 + w * aT10)))));
  const s2: f64 = w * (aT1 + w * (aT3 + w * (aT5 + w * (aT7 + w * aT9))));
  if (id < 0) return x - x * (s1 + s2);
  const ah: f64 = id == 0 ? atanhi0 : id == 1 ? atanhi1 : id == 2 ? atanhi2 : atanhi3;
  const al: f64 = id == 0 ? atanlo0 : id == 1 ? atanlo1 : id == 2 ? atanlo2 : atanlo3;
  const r: f64 = ah - (x * (s1 + s2) - al - x);
  return hx < 0 ? -r : r;
}

/** fdlibm e_atan2.c: the angle of (x, y), from atan(|y/x|) and the quadrant. */
export function atan2(y: f64, x: f64): f64 {
  const hx: i32 = hi(x);
  const lx: i32 = lo(x);
  const ix: i32 = hx & 0x7fffffff;
  const hy: i32 = hi(y);
  const ly: i32 = lo(y);
  const iy: i32 = hy & 0x7fffffff;
  if ((ix | ((lx | -lx) >>> 31)) > 0x7ff00000 || (iy | ((ly | -ly) >>> 31)) > 0x7ff00000) return x + y; // NaN
  if (((hx - 0x3ff00000) | lx) == 0) return atan(y); // x = 1
  const m: i32 = ((hy >> 31) & 1) | ((hx >> 30) & 2); // 2·sign(x) + sign(y)
  if ((iy | ly) == 0) {
    // y = 0
    if (m <= 1) return y; // atan(±0, +anything) = ±0
    if (m == 2) return pi + tiny; // atan(+0, -anything) = π
    return -pi - tiny; // atan(-0, -anything) = −π
  }
  if ((ix | lx) == 0) return hy < 0 ? -pio2_hi - tiny : pio2_hi + tiny; // x = 0
  if (ix == 0x7ff00000) {
    // x = ±inf
    if (iy == 0x7ff00000) {
      if (m == 0) return pio4_hi + tiny;
      if (m == 1) return -pio4_hi - tiny;
      if (m == 2) return 3.0 * pio4_hi + tiny;
      return -3.0 * pio4_hi - tiny;
    }
    if (m == 0) return 0.0;
    if (m == 1) return -0.0;
    if (m == 2) return pi + tiny;
    return -pi - tiny;
  }
  if (iy == 0x7ff00000) return hy < 0 ? -pio2_hi - tiny : pio2_hi + tiny; // y = ±inf
  const k: i32 = (iy - ix) >> 20;
  let z: f64 = 0;
  let q: i32 = m;
  if (k > 60) {
    // |y/x| > 2^60: ±π/2 whatever x's sign (FreeBSD msun's fix, as V8)
    z = pio2_hi + 0.5 * pi_lo;
    q = m & 1;
  } else if (hx < 0 && k < -60)
    z = 0.0; // |y|/x < -2^60
  else z = atan(fabs(y / x));
  if (q == 0) return z; // atan(+, +)
  if (q == 1) return -z; // atan(-, +)
  if (q == 2) return pi - (z - pi_lo); // atan(+, -)
  return z - pi_lo - pi; // atan(-, -)
}
