/**
 * x^y (fdlibm e_pow.c): log2(x) in extra precision as t1 + t2 (t1 with a short significand),
 * y·log2(x) as p_h + p_l, then 2^(p_h + p_l) by the same reduction as exp. Special cases follow
 * C99 except (±1)^±inf and 1^NaN, which are NaN here as in ECMAScript.
 */
import { f64, i32, bits, hi, lo, withHi, withLo, fromWords, fabs, fsqrt } from './words.js';
import { scalbn } from './scalbn.js';

const zero: f64 = 0.0;
const one: f64 = 1.0;
const two: f64 = 2.0;
const two53: f64 = bits(0x43400000, 0x00000000); // 9007199254740992.0
const huge: f64 = 1.0e300;
const tiny: f64 = 1.0e-300;
// bp[1] = 1.5, dp_h[1] + dp_l[1] = log2(1.5)
const dp_h1: f64 = bits(0x3fe2b803, 0x40000000); // 5.84962487220764160156e-01
const dp_l1: f64 = bits(0x3e4cfdeb, 0x43cfd006); // 1.35003920212974897128e-08
// polynomial for log((1 + s)/(1 − s)) − 2s − 2s³/3, in s²
const L1: f64 = bits(0x3fe33333, 0x33333303); // 5.99999999999994648725e-01
const L2: f64 = bits(0x3fdb6db6, 0xdb6fabff); // 4.28571428578550184252e-01
const L3: f64 = bits(0x3fd55555, 0x518f264d); // 3.33333329818377432918e-01
const L4: f64 = bits(0x3fd17460, 0xa91d4101); // 2.72728123808534006489e-01
const L5: f64 = bits(0x3fcd864a, 0x93c9db65); // 2.30660745775561754067e-01
const L6: f64 = bits(0x3fca7e28, 0x4a454eef); // 2.06975017800338417784e-01
// e_exp.c's polynomial
const P1: f64 = bits(0x3fc55555, 0x5555553e); // 1.66666666666666019037e-01
const P2: f64 = bits(0xbf66c16c, 0x16bebd93); // -2.77777777770155933842e-03
const P3: f64 = bits(0x3f11566a, 0xaf25de2c); // 6.61375632143793436117e-05
const P4: f64 = bits(0xbebbbd41, 0xc5d26bf1); // -1.65339022054652515390e-06
const P5: f64 = bits(0x3e663769, 0x72bea4d0); // 4.13813679705723846039e-08
const lg2: f64 = bits(0x3fe62e42, 0xfefa39ef); // 6.93147180559945286227e-01
const lg2_h: f64 = bits(0x3fe62e43, 0x00000000); // 6.93147182464599609375e-01
const lg2_l: f64 = bits(0xbe205c61, 0x0ca86c39); // -1.90465429995776804525e-09
const ovt: f64 = bits(0x3c971547, 0x652b82fe); // 8.0085662595372944372e-17, -(1024 − log2(ovfl + ulp/2))
const cp: f64 = bits(0x3feec709, 0xdc3a03fd); // 9.61796693925975554329e-01 = 2/(3·ln2)
const cp_h: f64 = bits(0x3feec709, 0xe0000000); // 9.61796700954437255859e-01
const cp_l: f64 = bits(0xbe3e2fe0, 0x145b01f5); // -7.02846165095275826516e-09
const ivln2: f64 = bits(0x3ff71547, 0x652b82fe); // 1.44269504088896338700e+00 = 1/ln2
const ivln2_h: f64 = bits(0x3ff71547, 0x60000000); // 1.44269502162933349609e+00
const ivln2_l: f64 = bits(0x3e54ae0b, 0xf85ddf44); // 1.92596299112661746887e-08

/** fdlibm e_pow.c */
export function pow(x: f64, y: f64): f64 {
  const hx: i32 = hi(x);
  const lx: i32 = lo(x);
  const hy: i32 = hi(y);
  const ly: i32 = lo(y);
  let ix: i32 = hx & 0x7fffffff;
  const iy: i32 = hy & 0x7fffffff;

  if ((iy | ly) == 0) return one; // y = ±0
  if (ix > 0x7ff00000 || (ix == 0x7ff00000 && lx != 0) || iy > 0x7ff00000 || (iy == 0x7ff00000 && ly != 0)) {
    return x + y; // NaN
  }
  // yisint: 0 when y is not an integer, 1 when odd, 2 when even (only needed for x < 0)
  let yisint: i32 = 0;
  if (hx < 0) {
    if (iy >= 0x43400000)
      yisint = 2; // |y| >= 2^53: even
    else if (iy >= 0x3ff00000) {
      const e: i32 = (iy >> 20) - 0x3ff; // exponent
      if (e > 20) {
        const j: i32 = i32(ly >>> (52 - e));
        if (j << (52 - e) == ly) yisint = 2 - (j & 1);
      } else if (ly == 0) {
        const j: i32 = iy >> (20 - e);
        if (j << (20 - e) == iy) yisint = 2 - (j & 1);
      }
    }
  }
  if (ly == 0) {
    // special values of y
    if (iy == 0x7ff00000) {
      // y = ±inf
      if (((ix - 0x3ff00000) | lx) == 0) return y - y; // (±1)^±inf is NaN
      if (ix >= 0x3ff00000) return hy >= 0 ? y : zero; // (|x| > 1)^±inf = inf, 0
      return hy < 0 ? -y : zero; // (|x| < 1)^∓inf = inf, 0
    }
    if (iy == 0x3ff00000) return hy < 0 ? one / x : x; // y = ±1
    if (hy == 0x40000000) return x * x; // y = 2
    if (hy == 0x3fe00000 && hx >= 0) return fsqrt(x); // y = 0.5 and x >= +0
  }
  let ax: f64 = fabs(x);
  if (lx == 0 && (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000)) {
    // x = ±0, ±inf, ±1
    let z: f64 = ax;
    if (hy < 0) z = one / z; // z = 1/|x|
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) == 0)
        z = (z - z) / (z - z); // (-1)^non-integer is NaN
      else if (yisint == 1) z = -z; // (x < 0)^odd = -(|x|^odd)
    }
    return z;
  }
  let n: i32 = (hx >> 31) + 1; // 0 for x < 0
  if ((n | yisint) == 0) return (x - x) / (x - x); // (x < 0)^non-integer is NaN
  let s: f64 = one; // the sign of the result
  if ((n | (yisint - 1)) == 0) s = -one; // (x < 0)^odd

  let t1: f64 = 0;
  let t2: f64 = 0;
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: must overflow or underflow
      if (ix <= 0x3fefffff) return hy < 0 ? huge * huge : tiny * tiny;
      if (ix >= 0x3ff00000) return hy > 0 ? huge * huge : tiny * tiny;
    }
    // over- or underflow unless x is near 1
    if (ix < 0x3fefffff) return hy < 0 ? s * huge * huge : s * tiny * tiny;
    if (ix > 0x3ff00000) return hy > 0 ? s * huge * huge : s * tiny * tiny;
    // |1 − x| <= 2^-20: log(x) by the series for log(1 + t)
    const t: f64 = ax - one;
    const w: f64 = t * t * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    const u: f64 = ivln2_h * t; // ivln2_h has 21 significant bits
    const v: f64 = t * ivln2_l - w * ivln2;
    t1 = withLo(u + v, 0);
    t2 = v - (t1 - u);
  } else {
    n = 0;
    if (ix < 0x00100000) {
      // subnormal x
      ax *= two53;
      n -= 53;
      ix = hi(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j: i32 = ix & 0x000fffff;
    // the interval: |x| in [1, √(3/2)) with bp = 1, [√(3/2), √3) with bp = 1.5, else halve it
    ix = j | 0x3ff00000;
    let k: i32 = 0;
    if (j <= 0x3988e) k = 0;
    else if (j < 0xbb67a) k = 1;
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHi(ax, ix);
    const bp: f64 = k == 0 ? one : 1.5;
    const dp_h: f64 = k == 0 ? zero : dp_h1;
    const dp_l: f64 = k == 0 ? zero : dp_l1;

    // ss = s_h + s_l = (x − bp)/(x + bp)
    let u: f64 = ax - bp;
    let v: f64 = one / (ax + bp);
    const ss: f64 = u * v;
    const s_h: f64 = withLo(ss, 0);
    let t_h: f64 = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0); // ax + bp, high part
    let t_l: f64 = ax - (t_h - bp);
    const s_l: f64 = v * (u - s_h * t_h - s_h * t_l);
    // log(ax)
    let s2: f64 = ss * ss;
    let r: f64 = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += s_l * (s_h + ss);
    s2 = s_h * s_h;
    t_h = withLo(3.0 + s2 + r, 0);
    t_l = r - (t_h - 3.0 - s2);
    // u + v = ss·(1 + …)
    u = s_h * t_h;
    v = s_l * t_h + t_l * ss;
    // 2/(3·ln2)·(ss + …)
    const p_h: f64 = withLo(u + v, 0);
    const p_l: f64 = v - (p_h - u);
    const z_h: f64 = cp_h * p_h; // cp_h + cp_l = 2/(3·ln2)
    const z_l: f64 = cp_l * p_h + p_l * cp + dp_l;
    // log2(ax) = (ss + …)·2/(3·ln2) = n + dp_h + z_h + z_l
    const t: f64 = f64(n);
    t1 = withLo(z_h + z_l + dp_h + t, 0);
    t2 = z_l - (t1 - t - dp_h - z_h);
  }
  return s * exp2Split(y, t1, t2);
}

/** 2^(y·(t1 + t2)) for pow, after splitting y into y1 + y2 (the tail of e_pow.c). */
function exp2Split(y: f64, t1: f64, t2: f64): f64 {
  const y1: f64 = withLo(y, 0);
  const p_l: f64 = (y - y1) * t1 + y * t2;
  let p_h: f64 = y1 * t1;
  let z: f64 = p_l + p_h;
  let j: i32 = hi(z);
  let i: i32 = lo(z);
  if (j >= 0x40900000) {
    // z >= 1024
    if (((j - 0x40900000) | i) != 0) return huge * huge; // overflow
    if (p_l + ovt > z - p_h) return huge * huge; // overflow
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z <= -1075 (j is negative here)
    if ((((j & 0x7fffffff) - 0x4090cc00) | i) != 0) return tiny * tiny; // underflow
    if (p_l <= z - p_h) return tiny * tiny; // underflow
  }
  // 2^(p_h + p_l)
  i = j & 0x7fffffff;
  let k: i32 = (i >> 20) - 0x3ff;
  let n: i32 = 0;
  if (i > 0x3fe00000) {
    // |z| > 0.5: n = [z + 0.5]
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff; // the new k for n
    const t: f64 = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    p_h -= t;
  }
  const t: f64 = withLo(p_l + p_h, 0);
  const u: f64 = t * lg2_h;
  const v: f64 = (p_l - (t - p_h)) * lg2 + t * lg2_l;
  z = u + v;
  const w: f64 = v - (z - u);
  const tt: f64 = z * z;
  const c: f64 = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const r: f64 = (z * c) / (c - two) - (w + z * w);
  z = one - (r - z);
  j = hi(z);
  j += n << 20;
  if (j >> 20 <= 0) return scalbn(z, n); // subnormal result
  return withHi(z, j);
}
