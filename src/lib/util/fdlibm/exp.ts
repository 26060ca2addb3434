/**
 * e^x and e^x − 1 (fdlibm e_exp.c and s_expm1.c; exp(1)
 * returns e correctly rounded, as V8's port does): reduce x = k·ln2 + r with |r| ≤ ln2/2, where
 * ln2 is split in a high part with trailing zeros (k·ln2hi is exact) and a low part, then a
 * rational approximation of e^r, then scale by 2^k through the exponent field.
 */
import { f64, i32, SIGN, bits, hi, lo, withHi, fromWords } from './words.js';

const one: f64 = 1.0;
const huge: f64 = 1.0e300;
const tiny: f64 = 1.0e-300;
const twom1000: f64 = bits(0x01700000, 0x00000000); // 9.33263618503218878990e-302 = 2^-1000
const o_threshold: f64 = bits(0x40862e42, 0xfefa39ef); // 7.09782712893383973096e+02
const u_threshold: f64 = bits(0xc0874910, 0xd52d3051); // -7.45133219101941108420e+02
const ln2_hi: f64 = bits(0x3fe62e42, 0xfee00000); // 6.93147180369123816490e-01
const ln2_lo: f64 = bits(0x3dea39ef, 0x35793c76); // 1.90821492927058770002e-10
const E: f64 = bits(0x4005bf0a, 0x8b145769); // 2.718281828459045, e rounded
const invln2: f64 = bits(0x3ff71547, 0x652b82fe); // 1.44269504088896338700e+00
// e_exp.c: Remez polynomial for R(r²) ≈ r·(e^r + 1)/(e^r − 1), |error| < 2^-59
const P1: f64 = bits(0x3fc55555, 0x5555553e); // 1.66666666666666019037e-01
const P2: f64 = bits(0xbf66c16c, 0x16bebd93); // -2.77777777770155933842e-03
const P3: f64 = bits(0x3f11566a, 0xaf25de2c); // 6.61375632143793436117e-05
const P4: f64 = bits(0xbebbbd41, 0xc5d26bf1); // -1.65339022054652515390e-06
const P5: f64 = bits(0x3e663769, 0x72bea4d0); // 4.13813679705723846039e-08
// s_expm1.c: polynomial for the scaled e^r − 1, |error| < 2^-61
const Q1: f64 = bits(0xbfa11111, 0x111110f4); // -3.33333333333331316428e-02
const Q2: f64 = bits(0x3f5a01a0, 0x19fe5585); // 1.58730158725481460165e-03
const Q3: f64 = bits(0xbf14ce19, 0x9eaadbb7); // -7.93650757867487942473e-05
const Q4: f64 = bits(0x3ed0cfca, 0x86e65239); // 4.00821782732936239552e-06
const Q5: f64 = bits(0xbe8afdb7, 0x6e09c32d); // -2.01099218183624371326e-07

/** fdlibm e_exp.c */
export function exp(x: f64): f64 {
  let hx: i32 = hi(x);
  const xsb: i32 = (hx >> 31) & 1; // sign of x
  hx &= 0x7fffffff; // |x|'s high word
  let hiPart: f64 = 0;
  let loPart: f64 = 0;
  let k: i32 = 0;
  if (hx >= 0x40862e42) {
    // |x| >= 709.78...
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lo(x)) != 0) return x + x; // NaN
      return xsb == 0 ? x : 0.0; // e^+inf = inf, e^-inf = 0
    }
    if (x > o_threshold) return huge * huge; // overflow
    if (x < u_threshold) return twom1000 * twom1000; // underflow
  }
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2: reduce
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5·ln2: k = ±1
      // V8's addition: the steps below give e one ulp high, so exp(1) returns e rounded
      if (x == 1.0) return E;
      hiPart = xsb == 0 ? x - ln2_hi : x + ln2_hi;
      loPart = xsb == 0 ? ln2_lo : -ln2_lo;
      k = 1 - xsb - xsb;
    } else {
      k = i32(invln2 * x + (xsb == 0 ? 0.5 : -0.5));
      const t: f64 = f64(k);
      hiPart = x - t * ln2_hi; // exact: t·ln2_hi has trailing zeros
      loPart = t * ln2_lo;
    }
    x = hiPart - loPart;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28
    if (huge + x > one) return one + x; // with inexact unless x is 0
  }
  const t: f64 = x * x;
  const c: f64 = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return one - ((x * c) / (c - 2.0) - x);
  const y: f64 = one - (loPart - (x * c) / (2.0 - c) - hiPart);
  if (k >= -1021) return withHi(y, hi(y) + (k << 20));
  return withHi(y, hi(y) + ((k + 1000) << 20)) * twom1000; // subnormal result
}

/** fdlibm s_expm1.c */
export function expm1(x: f64): f64 {
  let hx: i32 = hi(x);
  const xsb: i32 = hx & SIGN; // sign of x
  hx &= 0x7fffffff;
  let k: i32 = 0;
  let c: f64 = 0;
  if (hx >= 0x4043687a) {
    // |x| >= 56·ln2
    if (hx >= 0x40862e42) {
      // |x| >= 709.78...
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | lo(x)) != 0) return x + x; // NaN
        return xsb == 0 ? x : -1.0; // expm1(±inf) = {inf, -1}
      }
      if (x > o_threshold) return huge * huge; // overflow
    }
    if (xsb != 0) {
      // x < -56·ln2: the result is -1 with inexact
      if (x + tiny < 0.0) return tiny - one;
    }
  }
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2: reduce
    let hiPart: f64 = 0;
    let loPart: f64 = 0;
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5·ln2
      if (xsb == 0) {
        hiPart = x - ln2_hi;
        loPart = ln2_lo;
        k = 1;
      } else {
        hiPart = x + ln2_hi;
        loPart = -ln2_lo;
        k = -1;
      }
    } else {
      k = i32(invln2 * x + (xsb == 0 ? 0.5 : -0.5));
      const t: f64 = f64(k);
      hiPart = x - t * ln2_hi; // exact
      loPart = t * ln2_lo;
    }
    x = hiPart - loPart;
    c = hiPart - x - loPart; // the rounding error of x
  } else if (hx < 0x3c900000) {
    // |x| < 2^-54: expm1(x) = x with inexact
    const t: f64 = huge + x;
    return x - (t - (huge + x));
  }
  const hfx: f64 = 0.5 * x;
  const hxs: f64 = x * hfx;
  const r1: f64 = one + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t: f64 = 3.0 - r1 * hfx;
  let e: f64 = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs); // c is 0
  e = x * (e - c) - c;
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return one + 2.0 * (x - e);
  }
  let y: f64 = 0;
  if (k <= -2 || k > 56) {
    // suffices to return e^x − 1
    y = one - (e - x);
    y = withHi(y, hi(y) + (k << 20));
    return y - one;
  }
  if (k < 20) {
    t = fromWords(0x3ff00000 - (0x200000 >> k), 0); // 1 − 2^-k
    y = t - (e - x);
  } else {
    t = fromWords((0x3ff - k) << 20, 0); // 2^-k
    y = x - (e + t);
    y += one;
  }
  return withHi(y, hi(y) + (k << 20));
}
