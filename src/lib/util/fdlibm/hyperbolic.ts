/**
 * Hyperbolic functions (fdlibm e_sinh.c, e_cosh.c, s_tanh.c;
 * tanh's tiny-argument bound as in FreeBSD msun, which V8 ports), from expm1 near 0, where
 * e^x − e^-x cancels, and from exp further out, halving the exponent near overflow.
 */
import { f64, i32, SIGN, hi, lo, fabs } from './words.js';
import { exp, expm1 } from './exp.js';

const one: f64 = 1.0;
const two: f64 = 2.0;
const half: f64 = 0.5;
const huge: f64 = 1.0e300;
const shuge: f64 = 1.0e307;
const tiny: f64 = 1.0e-300;

/** |x| at most the overflow threshold of sinh and cosh, 710.4758600739439 (0x408633ce8fb9f87d). */
function belowOverflow(ix: i32, x: f64): boolean {
  // the low word compared as unsigned: flipping the sign bits makes a signed comparison do it
  return ix < 0x408633ce || (ix == 0x408633ce && (lo(x) ^ SIGN) <= 0x0fb9f87d);
}

/** fdlibm e_sinh.c */
export function sinh(x: f64): f64 {
  const jx: i32 = hi(x);
  const ix: i32 = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x; // inf or NaN
  const h: f64 = jx < 0 ? -half : half;
  if (ix < 0x40360000) {
    // |x| < 22: sign(x)·(E + E/(E + 1))/2 with E = expm1(|x|)
    if (ix < 0x3e300000) {
      // |x| < 2^-28
      if (shuge + x > one) return x; // sinh(tiny) = tiny with inexact
    }
    const t: f64 = expm1(fabs(x));
    if (ix < 0x3ff00000) return h * (2.0 * t - (t * t) / (t + one));
    return h * (t + t / (t + one));
  }
  if (ix < 0x40862e42) return h * exp(fabs(x)); // |x| in [22, log(maxdouble)]
  if (belowOverflow(ix, x)) {
    // |x| in [log(maxdouble), overflow threshold]
    const w: f64 = exp(0.5 * fabs(x));
    const t: f64 = h * w;
    return t * w;
  }
  return x * shuge; // overflow
}

/** fdlibm e_cosh.c */
export function cosh(x: f64): f64 {
  const ix: i32 = hi(x) & 0x7fffffff;
  if (ix >= 0x7ff00000) return x * x; // inf or NaN
  if (ix < 0x3fd62e43) {
    // |x| in [0, ln2/2]: 1 + t²/(2(1 + t)) with t = expm1(|x|)
    const t: f64 = expm1(fabs(x));
    const w: f64 = one + t;
    if (ix < 0x3c800000) return w; // cosh(tiny) = 1
    return one + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    // |x| in [ln2/2, 22]: (e^|x| + 1/e^|x|)/2
    const t: f64 = exp(fabs(x));
    return half * t + half / t;
  }
  if (ix < 0x40862e42) return half * exp(fabs(x)); // |x| in [22, log(maxdouble)]
  if (belowOverflow(ix, x)) {
    const w: f64 = exp(half * fabs(x));
    const t: f64 = half * w;
    return t * w;
  }
  return huge * huge; // overflow
}

/** fdlibm s_tanh.c */
export function tanh(x: f64): f64 {
  const jx: i32 = hi(x);
  const ix: i32 = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) {
    // tanh(±inf) = ±1, tanh(NaN) = NaN
    if (jx >= 0) return one / x + one;
    return one / x - one;
  }
  let z: f64 = 0;
  if (ix < 0x40360000) {
    // |x| < 22
    if (ix < 0x3e300000) {
      // |x| < 2^-28 (FreeBSD msun's bound, as V8; fdlibm: 2^-55)
      if (huge + x > one) return x; // tanh(tiny) = tiny with inexact
    }
    if (ix >= 0x3ff00000) {
      // |x| >= 1
      const t: f64 = expm1(two * fabs(x));
      z = one - two / (t + two);
    } else {
      const t: f64 = expm1(-two * fabs(x));
      z = -t / (t + two);
    }
  } else z = one - tiny; // |x| >= 22: ±1 with inexact
  return jx >= 0 ? z : -z;
}
