/**
 * Argument reduction for the trigonometric functions: x − n·π/2 as y0 + y1 (fdlibm
 * e_rem_pio2.c), by π/2 split in three 33-bit parts for |x| up to 2^19·π/2 and by Payne–Hanek
 * multiplication with 2/π's bits for larger x (k_rem_pio2.c, double precision, prec = 2).
 * The two results go through module variables because AssemblyScript has no tuples.
 */
import { f64, i32, bits, hi, lo, fromWords, fabs, ffloor } from './words.js';
import { scalbn } from './scalbn.js';

export let y0: f64 = 0;
export let y1: f64 = 0;

const zero: f64 = 0.0;
const one: f64 = 1.0;
const half: f64 = 0.5;
const two24: f64 = bits(0x41700000, 0x00000000); // 1.67772160000000000000e+07
const twon24: f64 = bits(0x3e700000, 0x00000000); // 5.96046447753906250000e-08
const invpio2: f64 = bits(0x3fe45f30, 0x6dc9c883); // 6.36619772367581382433e-01, 53 bits of 2/π
const pio2_1: f64 = bits(0x3ff921fb, 0x54400000); // 1.57079632673412561417e+00, first 33 bits of π/2
const pio2_1t: f64 = bits(0x3dd0b461, 0x1a626331); // 6.07710050650619224932e-11, π/2 − pio2_1
const pio2_2: f64 = bits(0x3dd0b461, 0x1a600000); // 6.07710050630396597660e-11, second 33 bits
const pio2_2t: f64 = bits(0x3ba3198a, 0x2e037073); // 2.02226624879595063154e-21, π/2 − (pio2_1 + pio2_2)
const pio2_3: f64 = bits(0x3ba3198a, 0x2e000000); // 2.02226624871116645580e-21, third 33 bits
const pio2_3t: f64 = bits(0x397b839a, 0x252049c1); // 8.47842766036889956997e-32

/** High words of n·π/2 for n = 1..32: when |x|'s equals one, cancellation is possible. */
const npio2_hw: Int32Array = new Int32Array([
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a,
  0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a,
  0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac,
  0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
]);

/** 2/π in 24-bit chunks: floor(2/π·2^(24·(i+1))) mod 2^24, enough for the largest double. */
const ipio2: Int32Array = new Int32Array([
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163, 0xabdebb, 0xc561b7,
  0x246e3a, 0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129, 0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c,
  0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c, 0x845f8b, 0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11,
  0x8b5a0a, 0x6d1f6d, 0x367ecf, 0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d, 0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7,
  0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3, 0x91615e,
  0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880, 0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b, 0xc08c6b,
]);

/** π/2 in 24-bit pieces, each a double with trailing zeros (k_rem_pio2.c's PIo2). */
const PIo2: Float64Array = new Float64Array([
  bits(0x3ff921fb, 0x40000000), // 1.57079625129699707031e+00
  bits(0x3e74442d, 0x00000000), // 7.54978941586159635335e-08
  bits(0x3cf84698, 0x80000000), // 5.39030252995776476554e-15
  bits(0x3b78cc51, 0x60000000), // 3.28200341580791294123e-22
  bits(0x39f01b83, 0x80000000), // 1.27065575308067607349e-29
  bits(0x387a2520, 0x40000000), // 1.22933308981111328932e-36
  bits(0x36e38222, 0x80000000), // 2.73370053816464559624e-44
  bits(0x3569f31d, 0x00000000), // 2.16741683877804819444e-51
]);

// k_rem_pio2.c's work arrays, kept between calls (all code here runs on one thread)
const tx: Float64Array = new Float64Array(3);
const f: Float64Array = new Float64Array(20);
const q: Float64Array = new Float64Array(20);
const fq: Float64Array = new Float64Array(20);
const iq: Int32Array = new Int32Array(20);

/** fdlibm e_rem_pio2.c: returns n mod 8 (or n for |x| < 2^19·π/2), sets y0 + y1 = x − n·π/2. */
export function remPio2(x: f64): i32 {
  const hx: i32 = hi(x);
  const ix: i32 = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    y0 = x;
    y1 = 0;
    return 0;
  } // |x| <= π/4: no reduction
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: one subtraction of π/2
    if (hx > 0) {
      let z: f64 = x - pio2_1;
      if (ix != 0x3ff921fb) {
        // 33+53 bits of π/2 suffice
        y0 = z - pio2_1t;
        y1 = z - y0 - pio2_1t;
      } else {
        // x is near π/2: use 33+33+53 bits
        z -= pio2_2;
        y0 = z - pio2_2t;
        y1 = z - y0 - pio2_2t;
      }
      return 1;
    }
    let z: f64 = x + pio2_1;
    if (ix != 0x3ff921fb) {
      y0 = z + pio2_1t;
      y1 = z - y0 + pio2_1t;
    } else {
      z += pio2_2;
      y0 = z + pio2_2t;
      y1 = z - y0 + pio2_2t;
    }
    return -1;
  }
  if (ix <= 0x413921fb) {
    // |x| <= 2^19·π/2: medium size
    let t: f64 = fabs(x);
    const n: i32 = i32(t * invpio2 + half);
    const fn: f64 = f64(n);
    let r: f64 = t - fn * pio2_1;
    let w: f64 = fn * pio2_1t; // first round, good to 85 bits
    if (n < 32 && ix != npio2_hw[n - 1]) {
      y0 = r - w; // no cancellation possible
    } else {
      const j: i32 = ix >> 20;
      y0 = r - w;
      let i: i32 = j - ((hi(y0) >> 20) & 0x7ff);
      if (i > 16) {
        // second iteration, good to 118 bits
        t = r;
        w = fn * pio2_2;
        r = t - w;
        w = fn * pio2_2t - (t - r - w);
        y0 = r - w;
        i = j - ((hi(y0) >> 20) & 0x7ff);
        if (i > 49) {
          // third iteration, 151 bits: enough for every double
          t = r;
          w = fn * pio2_3;
          r = t - w;
          w = fn * pio2_3t - (t - r - w);
          y0 = r - w;
        }
      }
    }
    y1 = r - y0 - w;
    if (hx < 0) {
      y0 = -y0;
      y1 = -y1;
      return -n;
    }
    return n;
  }
  if (ix >= 0x7ff00000) {
    y0 = x - x;
    y1 = y0;
    return 0;
  } // inf or NaN
  // z = |x|·2^-e0 with 24 integer bits; its three 24-bit pieces go to kernelRemPio2
  const e0: i32 = (ix >> 20) - 1046;
  let z: f64 = fromWords(ix - (e0 << 20), lo(x));
  for (let i: i32 = 0; i < 2; i++) {
    tx[i] = f64(i32(z));
    z = (z - tx[i]) * two24;
  }
  tx[2] = z;
  let nx: i32 = 3;
  while (tx[nx - 1] == zero) nx--; // skip zero terms
  const n: i32 = kernelRemPio2(e0, nx);
  if (hx < 0) {
    y0 = -y0;
    y1 = -y1;
    return -n;
  }
  return n;
}

/**
 * fdlibm k_rem_pio2.c for double precision (jk = 4 terms of 2/π beyond need): multiplies the
 * pieces tx[0..nx) of x·2^-e0 by the needed 24-bit chunks of 2/π, keeps the fraction, and
 * recomputes with more chunks when the fraction cancels to zero.
 */
function kernelRemPio2(e0: i32, nx: i32): i32 {
  const jk: i32 = 4;
  const jp: i32 = jk;
  const jx: i32 = nx - 1;
  let jv: i32 = i32((e0 - 3) / 24);
  if (jv < 0) jv = 0;
  let q0: i32 = e0 - 24 * (jv + 1);
  // f[0..jx+jk] = ipio2[jv-jx..jv+jk], zero below the table
  let j: i32 = jv - jx;
  const m: i32 = jx + jk;
  for (let i: i32 = 0; i <= m; i++, j++) f[i] = j < 0 ? zero : f64(ipio2[j]);
  for (let i: i32 = 0; i <= jk; i++) {
    let fw: f64 = 0.0;
    for (let jj: i32 = 0; jj <= jx; jj++) fw += tx[jj] * f[jx + i - jj];
    q[i] = fw;
  }
  let jz: i32 = jk;
  let z: f64 = 0;
  let n: i32 = 0;
  let ih: i32 = 0;
  for (;;) {
    // 'recompute' in k_rem_pio2.c
    // distill q[] into iq[], most significant last
    z = q[jz];
    for (let i: i32 = 0, jj: i32 = jz; jj > 0; i++, jj--) {
      const fw: f64 = f64(i32(twon24 * z));
      iq[i] = i32(z - two24 * fw);
      z = q[jj - 1] + fw;
    }
    // n and the fraction
    z = scalbn(z, q0);
    z -= 8.0 * ffloor(z * 0.125); // trim off the integer part >= 8
    n = i32(z);
    z -= f64(n);
    ih = 0;
    if (q0 > 0) {
      // iq[jz-1] holds bits of n
      const i: i32 = iq[jz - 1] >> (24 - q0);
      n += i;
      iq[jz - 1] -= i << (24 - q0);
      ih = iq[jz - 1] >> (23 - q0);
    } else if (q0 == 0) ih = iq[jz - 1] >> 23;
    else if (z >= 0.5) ih = 2;
    if (ih > 0) {
      // fraction > 0.5: use 1 − fraction and n + 1
      n += 1;
      let carry: i32 = 0;
      for (let i: i32 = 0; i < jz; i++) {
        const v: i32 = iq[i];
        if (carry == 0) {
          if (v != 0) {
            carry = 1;
            iq[i] = 0x1000000 - v;
          }
        } else iq[i] = 0xffffff - v;
      }
      if (q0 == 1)
        iq[jz - 1] &= 0x7fffff; // rare
      else if (q0 == 2) iq[jz - 1] &= 0x3fffff;
      if (ih == 2) {
        z = one - z;
        if (carry != 0) z -= scalbn(one, q0);
      }
    }
    if (z != zero) break;
    let rest: i32 = 0;
    for (let i: i32 = jz - 1; i >= jk; i--) rest |= iq[i];
    if (rest != 0) break;
    // the fraction cancelled: take k more chunks of 2/π and recompute
    let k: i32 = 1;
    while (iq[jk - k] == 0) k++;
    for (let i: i32 = jz + 1; i <= jz + k; i++) {
      f[jx + i] = f64(ipio2[jv + i]);
      let fw: f64 = 0.0;
      for (let jj: i32 = 0; jj <= jx; jj++) fw += tx[jj] * f[jx + i - jj];
      q[i] = fw;
    }
    jz += k;
  }
  if (z == 0.0) {
    // chop off zero terms
    jz -= 1;
    q0 -= 24;
    while (iq[jz] == 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    // break z into 24-bit pieces if needed
    z = scalbn(z, -q0);
    if (z >= two24) {
      const fw: f64 = f64(i32(twon24 * z));
      iq[jz] = i32(z - two24 * fw);
      jz += 1;
      q0 += 24;
      iq[jz] = i32(fw);
    } else iq[jz] = i32(z);
  }
  // the integer chunks back to doubles
  let scale: f64 = scalbn(one, q0);
  for (let i: i32 = jz; i >= 0; i--) {
    q[i] = scale * f64(iq[i]);
    scale *= twon24;
  }
  // PIo2[0..jp]·q[jz..0]
  for (let i: i32 = jz; i >= 0; i--) {
    let s: f64 = 0.0;
    for (let k: i32 = 0; k <= jp && k <= jz - i; k++) s += PIo2[k] * q[i + k];
    fq[jz - i] = s;
  }
  // compress fq[] into y0 + y1
  let s: f64 = 0.0;
  for (let i: i32 = jz; i >= 0; i--) s += fq[i];
  y0 = ih == 0 ? s : -s;
  s = fq[0] - s;
  for (let i: i32 = 1; i <= jz; i++) s += fq[i];
  y1 = ih == 0 ? s : -s;
  return n & 7;
}
