/**
 * √(x² + y²) without undue overflow or underflow (fdlibm e_hypot.c): scale both by a power of
 * two when large or tiny, then the square root of a sum whose parts are computed exactly by
 * splitting the larger operand. V8's Math.hypot uses another algorithm (Kahan summation over
 * any number of arguments), so the JS backend needs this one to match the kernels.
 */
import { f64, i32, hi, lo, withHi, fromWords, fsqrt } from './words.js';

/** fdlibm e_hypot.c */
export function hypot(x: f64, y: f64): f64 {
  let ha: i32 = hi(x) & 0x7fffffff;
  let hb: i32 = hi(y) & 0x7fffffff;
  let a: f64 = x;
  let b: f64 = y;
  if (hb > ha) {
    a = y;
    b = x;
    const j: i32 = ha;
    ha = hb;
    hb = j;
  }
  a = withHi(a, ha); // |a|
  b = withHi(b, hb); // |b|
  if (ha - hb > 0x3c00000) return a + b; // a/b > 2^60
  let k: i32 = 0;
  if (ha > 0x5f300000) {
    // a > 2^500
    if (ha >= 0x7ff00000) {
      // inf or NaN: inf wins over NaN
      let w: f64 = a + b;
      if (((ha & 0xfffff) | lo(a)) == 0) w = a;
      if (((hb ^ 0x7ff00000) | lo(b)) == 0) w = b;
      return w;
    }
    ha -= 0x25800000; // scale a and b by 2^-600
    hb -= 0x25800000;
    k += 600;
    a = withHi(a, ha);
    b = withHi(b, hb);
  }
  if (hb < 0x20b00000) {
    // b < 2^-500
    if (hb <= 0x000fffff) {
      // b is subnormal or 0
      if ((hb | lo(b)) == 0) return a;
      const t1: f64 = fromWords(0x7fd00000, 0); // 2^1022
      b *= t1;
      a *= t1;
      k -= 1022;
    } else {
      // scale a and b by 2^600
      ha += 0x25800000;
      hb += 0x25800000;
      k -= 600;
      a = withHi(a, ha);
      b = withHi(b, hb);
    }
  }
  // medium-sized a and b
  let w: f64 = a - b;
  if (w > b) {
    const t1: f64 = fromWords(ha, 0); // a's high part
    const t2: f64 = a - t1;
    w = fsqrt(t1 * t1 - (b * -b - t2 * (a + t1)));
  } else {
    a = a + a;
    const y1: f64 = fromWords(hb, 0); // b's high part
    const y2: f64 = b - y1;
    const t1: f64 = fromWords(ha + 0x00100000, 0); // (2a)'s high part
    const t2: f64 = a - t1;
    w = fsqrt(t1 * y1 - (w * -w - (t1 * y2 + t2 * b)));
  }
  if (k != 0) return fromWords(0x3ff00000 + (k << 20), 0) * w;
  return w;
}
