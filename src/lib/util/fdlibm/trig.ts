/**
 * sin, cos and tan (fdlibm s_sin.c, s_cos.c, s_tan.c): reduce x by π/2 (remPio2.ts), then the
 * kernels on [-π/4, π/4] (k_sin.c, k_cos.c, k_tan.c), which take the reduced argument as a sum
 * x + y of a double and its tail.
 */
import { f64, i32, bits, hi, lo, withLo, fromWords, fabs } from './words.js';
import { remPio2, y0, y1 } from './remPio2.js';

const one: f64 = 1.0;
const half: f64 = 0.5;
// k_sin.c: sin(x) ≈ x + S1·x³ + … + S6·x¹³ on [-π/4, π/4], |error| < 2^-58
const S1: f64 = bits(0xbfc55555, 0x55555549); // -1.66666666666666324348e-01
const S2: f64 = bits(0x3f811111, 0x1110f8a6); // 8.33333333332248946124e-03
const S3: f64 = bits(0xbf2a01a0, 0x19c161d5); // -1.98412698298579493134e-04
const S4: f64 = bits(0x3ec71de3, 0x57b1fe7d); // 2.75573137070700676789e-06
const S5: f64 = bits(0xbe5ae5e6, 0x8a2b9ceb); // -2.50507602534068634195e-08
const S6: f64 = bits(0x3de5d93a, 0x5acfd57c); // 1.58969099521155010221e-10
// k_cos.c: cos(x) ≈ 1 − x²/2 + C1·x⁴ + … + C6·x¹⁴, |error| < 2^-58
const C1: f64 = bits(0x3fa55555, 0x5555554c); // 4.16666666666666019037e-02
const C2: f64 = bits(0xbf56c16c, 0x16c15177); // -1.38888888888741095749e-03
const C3: f64 = bits(0x3efa01a0, 0x19cb1590); // 2.48015872894767294178e-05
const C4: f64 = bits(0xbe927e4f, 0x809c52ad); // -2.75573143513906633035e-07
const C5: f64 = bits(0x3e21ee9e, 0xbdb4b1c4); // 2.08757232129817482790e-09
const C6: f64 = bits(0xbda8fae9, 0xbe8838d4); // -1.13596475577881948265e-11
// k_tan.c: tan(x) ≈ x + T0·x³ + … + T12·x²⁷ on [0, 0.67434]
const T0: f64 = bits(0x3fd55555, 0x55555563); // 3.33333333333334091986e-01
const T1: f64 = bits(0x3fc11111, 0x1110fe7a); // 1.33333333333201242699e-01
const T2: f64 = bits(0x3faba1ba, 0x1bb341fe); // 5.39682539762260521377e-02
const T3: f64 = bits(0x3f9664f4, 0x8406d637); // 2.18694882948595424599e-02
const T4: f64 = bits(0x3f8226e3, 0xe96e8493); // 8.86323982359930005737e-03
const T5: f64 = bits(0x3f6d6d22, 0xc9560328); // 3.59207910759131235356e-03
const T6: f64 = bits(0x3f57dbc8, 0xfee08315); // 1.45620945432529025516e-03
const T7: f64 = bits(0x3f4344d8, 0xf2f26501); // 5.88041240820264096874e-04
const T8: f64 = bits(0x3f3026f7, 0x1a8d1068); // 2.46463134818469906812e-04
const T9: f64 = bits(0x3f147e88, 0xa03792a6); // 7.81794442939557092300e-05
const T10: f64 = bits(0x3f12b80f, 0x32f0a7e9); // 7.14072491382608190305e-05
const T11: f64 = bits(0xbef375cb, 0xdb605373); // -1.85586374855275456654e-05
const T12: f64 = bits(0x3efb2a70, 0x74bf7ad4); // 2.59073051863633712884e-05
const pio4: f64 = bits(0x3fe921fb, 0x54442d18); // 7.85398163397448278999e-01
const pio4lo: f64 = bits(0x3c81a626, 0x33145c07); // 3.06161699786838301793e-17

/** fdlibm k_sin.c: sin(x + y) for |x| <= π/4; iy = 0 when y is known to be 0. */
function kernelSin(x: f64, y: f64, iy: i32): f64 {
  const ix: i32 = hi(x) & 0x7fffffff;
  if (ix < 0x3e400000) {
    // |x| < 2^-27
    if (i32(x) == 0) return x; // with inexact unless x is 0
  }
  const z: f64 = x * x;
  const v: f64 = z * x;
  const r: f64 = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy == 0) return x + v * (S1 + z * r);
  return x - (z * (half * y - v * r) - y - v * S1);
}

/** fdlibm k_cos.c: cos(x + y) for |x| <= π/4. */
function kernelCos(x: f64, y: f64): f64 {
  const ix: i32 = hi(x) & 0x7fffffff;
  if (ix < 0x3e400000) {
    // |x| < 2^-27
    if (i32(x) == 0) return one; // with inexact unless x is 0
  }
  const z: f64 = x * x;
  const r: f64 = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return one - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  // 1 − x²/2 loses bits here: subtract qx ≈ x²/2 exactly first
  const qx: f64 = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0); // x/4 or 0.28125
  const hz: f64 = 0.5 * z - qx;
  const a: f64 = one - qx;
  return a - (hz - (z * r - x * y));
}

/** fdlibm k_tan.c (1.5, 04/04/22): tan(x + y) if iy = 1, −1/tan(x + y) if iy = −1. */
function kernelTan(x: f64, y: f64, iy: i32): f64 {
  const hx: i32 = hi(x);
  const ix: i32 = hx & 0x7fffffff;
  if (ix < 0x3e300000) {
    // |x| < 2^-28
    if (i32(x) == 0) {
      // generate inexact
      if ((ix | lo(x) | (iy + 1)) == 0) return one / fabs(x); // −1/tan(±0) = ∓inf… as 1/|x|
      if (iy == 1) return x;
      // −1/(x + y), carefully
      const w: f64 = x + y;
      const z: f64 = withLo(w, 0);
      const v: f64 = y - (z - x);
      const a: f64 = -one / w;
      const t: f64 = withLo(a, 0);
      const s: f64 = one + t * z;
      return t + a * (s + t * v);
    }
  }
  const big: boolean = ix >= 0x3fe59428; // |x| >= 0.6744: use tan(π/4 − x)
  if (big) {
    if (hx < 0) {
      x = -x;
      y = -y;
    }
    const z: f64 = pio4 - x;
    const w: f64 = pio4lo - y;
    x = z + w;
    y = 0.0;
  }
  const z: f64 = x * x;
  const w: f64 = z * z;
  // odd and even terms separately, to break the dependency chain
  let r: f64 = T1 + w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * T11))));
  const v: f64 = z * (T2 + w * (T4 + w * (T6 + w * (T8 + w * (T10 + w * T12)))));
  const s: f64 = z * x;
  r = y + z * (s * (r + v) + y);
  r += T0 * s;
  const w2: f64 = x + r;
  if (big) {
    const fv: f64 = f64(iy);
    return f64(1 - ((hx >> 30) & 2)) * (fv - 2.0 * (x - ((w2 * w2) / (w2 + fv) - r)));
  }
  if (iy == 1) return w2;
  // −1/(x + r), carefully
  const zz: f64 = withLo(w2, 0);
  const vv: f64 = r - (zz - x);
  const a: f64 = -1.0 / w2;
  const t: f64 = withLo(a, 0);
  const ss: f64 = 1.0 + t * zz;
  return t + a * (ss + t * vv);
}

/** fdlibm s_sin.c */
export function sin(x: f64): f64 {
  const ix: i32 = hi(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0.0, 0); // |x| <= π/4
  if (ix >= 0x7ff00000) return x - x; // NaN
  const n: i32 = remPio2(x);
  const q: i32 = n & 3;
  if (q == 0) return kernelSin(y0, y1, 1);
  if (q == 1) return kernelCos(y0, y1);
  if (q == 2) return -kernelSin(y0, y1, 1);
  return -kernelCos(y0, y1);
}

/** fdlibm s_cos.c */
export function cos(x: f64): f64 {
  const ix: i32 = hi(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0.0); // |x| <= π/4
  if (ix >= 0x7ff00000) return x - x; // NaN
  const n: i32 = remPio2(x);
  const q: i32 = n & 3;
  if (q == 0) return kernelCos(y0, y1);
  if (q == 1) return -kernelSin(y0, y1, 1);
  if (q == 2) return -kernelCos(y0, y1);
  return kernelSin(y0, y1, 1);
}

/** fdlibm s_tan.c */
export function tan(x: f64): f64 {
  const ix: i32 = hi(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelTan(x, 0.0, 1); // |x| <= π/4
  if (ix >= 0x7ff00000) return x - x; // NaN
  const n: i32 = remPio2(x);
  return kernelTan(y0, y1, 1 - ((n & 1) << 1)); // 1 for even n, −1 for odd
}
