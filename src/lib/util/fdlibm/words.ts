/**
 * The host side of the fdlibm port: word access to doubles and the exact IEEE operations the
 * algorithms need. Every other file of this folder is written in the subset of TypeScript that is
 * also AssemblyScript, and scripts/fdlibm-as.ts copies them to assembly/lib/util/fdlibm/, where
 * this file's hand-written twin uses `reinterpret` and Wasm's own sqrt/abs/floor. So the two
 * backends run the same operations in the same order and give the same bits.
 *
 * fdlibm reads doubles as two 32-bit words (high: sign, exponent, top 20 fraction bits; low: the
 * rest); here one Float64Array and an Int32Array share a buffer, and the words are signed int32s
 * as in AssemblyScript's i32.
 */

const f = new Float64Array(1);
const w = new Int32Array(f.buffer);
// Typed arrays use the platform's byte order; every platform Node and browsers run on is
// little-endian, but the word order is checked rather than assumed.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** AssemblyScript's f64 and i32 are both a type and a conversion; these are their TS twins. */
export type f64 = number;
export type i32 = number;
export function f64(x: number): number {
  return x;
}
/** Truncation toward zero, as Wasm's i32.trunc_f64_s for the in-range values fdlibm converts. */
export function i32(x: number): number {
  return x | 0;
}

/** The sign bit of a high word, 0x80000000 as an i32. */
export const SIGN = -2147483648;

export function hi(x: number): number {
  f[0] = x;
  return w[HI];
}
export function lo(x: number): number {
  f[0] = x;
  return w[LO];
}
export function fromWords(h: number, l: number): number {
  w[HI] = h;
  w[LO] = l;
  return f[0];
}
export function withHi(x: number, h: number): number {
  f[0] = x;
  w[HI] = h;
  return f[0];
}
export function withLo(x: number, l: number): number {
  f[0] = x;
  w[LO] = l;
  return f[0];
}
/** A constant given by its bit pattern; the AS copy turns each call into `reinterpret<f64>`. */
export const bits = fromWords;

// Exact IEEE operations: every platform rounds these alike.
export const fabs = Math.abs;
export const fsqrt = Math.sqrt;
export const ffloor = Math.floor;
