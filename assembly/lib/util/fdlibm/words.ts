/**
 * The Wasm side of the fdlibm port: the twin of src/lib/util/fdlibm/words.ts. The other files of
 * this folder are generated from src/lib/util/fdlibm/ by scripts/fdlibm-as.ts, except math.ts
 * (the port as a Math namespace, AS only); this one is written by hand because TypeScript has no `reinterpret` and AssemblyScript needs no typed
 * arrays. sqrt, abs and floor are Wasm instructions here (exact IEEE operations), never imports.
 */

/** The sign bit of a high word, 0x80000000 as an i32 (a constant global, which asc inlines). */
export const SIGN: i32 = i32.MIN_VALUE;

/** The high word: sign, exponent and the top 20 fraction bits. */
// @ts-ignore: decorator
@inline export function hi(x: f64): i32 { return <i32>(reinterpret<u64>(x) >>> 32); }

/** The low word: the other 32 fraction bits. */
// @ts-ignore: decorator
@inline export function lo(x: f64): i32 { return <i32>reinterpret<u64>(x); }

// @ts-ignore: decorator
@inline export function fromWords(h: i32, l: i32): f64 {
  return reinterpret<f64>((<u64><u32>h << 32) | <u64><u32>l);
}

// @ts-ignore: decorator
@inline export function withHi(x: f64, h: i32): f64 {
  return reinterpret<f64>((<u64><u32>h << 32) | (reinterpret<u64>(x) & 0xffffffff));
}

// @ts-ignore: decorator
@inline export function withLo(x: f64, l: i32): f64 {
  return reinterpret<f64>((reinterpret<u64>(x) & 0xffffffff00000000) | <u64><u32>l);
}

// @ts-ignore: decorator
@inline export function fabs(x: f64): f64 { return abs<f64>(x); }

// @ts-ignore: decorator
@inline export function fsqrt(x: f64): f64 { return sqrt<f64>(x); }

// @ts-ignore: decorator
@inline export function ffloor(x: f64): f64 { return floor<f64>(x); }
