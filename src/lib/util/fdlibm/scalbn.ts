/**
 * x·2^n by exponent arithmetic (fdlibm s_scalbn.c), for pow's subnormal results and the large
 * argument reduction of the trigonometric functions.
 */
import { f64, i32, SIGN, bits, hi, lo, withHi } from './words.js';

const two54: f64 = bits(0x43500000, 0x00000000); // 1.80143985094819840000e+16
const twom54: f64 = bits(0x3c900000, 0x00000000); // 5.55111512312578270212e-17
const huge: f64 = 1.0e300;
const tiny: f64 = 1.0e-300;

/** |a| with the sign of b (fdlibm s_copysign.c). */
export function withSignOf(a: f64, b: f64): f64 {
  return withHi(a, (hi(a) & 0x7fffffff) | (hi(b) & SIGN));
}

export function scalbn(x: f64, n: i32): f64 {
  let hx: i32 = hi(x);
  const lx: i32 = lo(x);
  let k: i32 = (hx & 0x7ff00000) >> 20;
  if (k == 0) {
    // 0 or subnormal
    if ((lx | (hx & 0x7fffffff)) == 0) return x;
    x *= two54;
    hx = hi(x);
    k = ((hx & 0x7ff00000) >> 20) - 54;
    if (n < -50000) return tiny * x;
  }
  if (k == 0x7ff) return x + x; // NaN or Inf
  k = k + n;
  if (k > 0x7fe) return huge * withSignOf(huge, x);
  if (k > 0) return withHi(x, (hx & ~0x7ff00000) | (k << 20));
  if (k <= -54) {
    if (n > 50000) return huge * withSignOf(huge, x);
    return tiny * withSignOf(tiny, x);
  }
  k += 54; // subnormal result
  x = withHi(x, (hx & ~0x7ff00000) | (k << 20));
  return x * twom54;
}
