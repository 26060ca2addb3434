// JSON numbers in linear memory, read exactly as JSON.parse reads them (the kernel's JSON-lines
// reader, jsonText.ts and jsonFields.ts; parse.double and parse.float, assembly/lib/parse.ts).
// A number is read only when its double is certain; otherwise the caller declines the text.
import { eiselLemire } from "./eiselLemire";

/** 10^0 .. 10^22: the powers of ten a double holds exactly (Clinger's fast path, as scan.ts). */
// @ts-ignore: decorator
@lazy export const POW10: StaticArray<f64> = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/** 2^53 - 1: a decimal mantissa up to this is exact in a double. */
// @ts-ignore: decorator
@inline const MAX_SAFE: u64 = 9007199254740991;

/**
 * 10^18: a mantissa this large has 19 significant digits, and one more would make 20. Up to 19,
 * a mantissa fits in a u64 (10^19 - 1 < 2^64), and Eisel-Lemire reads it.
 */
// @ts-ignore: decorator
@inline const M19: u64 = 1000000000000000000;

/** The last number read: its value as JSON.parse gives it. */
export let jsonNum: f64 = 0;
/** Whether the last number was written as an integer (no fraction, no exponent); it is then exact. */
export let jsonIntLit: bool = false;

/**
 * At a number: reads it into `jsonNum`/`jsonIntLit` and returns where it ends, or 0 (not read).
 * Read only when it converts bit for bit as JSON.parse (correctly rounded, ties to even):
 * - Clinger's fast path, as scan.ts: a decimal mantissa below 2^53 (fraction digits included)
 *   and a decimal exponent within +-22: one exact multiply or divide by a power of ten;
 * - else, a mantissa of at most 19 significant digits (it fits in a u64), by Eisel-Lemire
 *   (`eiselLemire`), which declines what it cannot decide and every subnormal or infinite result.
 * Anything else (20 digits or more, -0 written as an integer, and every text that is not a JSON
 * number: "01", "1.", ".5", "+1") is not read.
 */
export function jsonNumber(p: usize): usize {
  let c = <u32>load<u8>(p);
  const neg = c == 45;
  if (neg) c = <u32>load<u8>(++p);
  let m: u64 = 0;
  if (c == 48) {
    c = <u32>load<u8>(++p);
    if (c - 48 < 10) return 0; // a leading zero
  } else if (c - 49 < 9) {
    do {
      if (m >= M19) return 0; // a 20th significant digit
      m = m * 10 + <u64>(c - 48);
      c = <u32>load<u8>(++p);
    } while (c - 48 < 10);
  } else return 0;
  let intLit = true;
  let scale: i32 = 0;
  if (c == 46) {
    intLit = false;
    c = <u32>load<u8>(++p);
    if (c - 48 >= 10) return 0;
    const frac = p;
    do {
      if (m >= M19) return 0; // (leading zeros, as in 0.000123, leave m at 0: they do not count)
      m = m * 10 + <u64>(c - 48);
      c = <u32>load<u8>(++p);
    } while (c - 48 < 10);
    scale = <i32>(frac - p);
  }
  let exp: i32 = 0;
  if (c == 101 || c == 69) {
    intLit = false;
    c = <u32>load<u8>(++p);
    let eneg = false;
    if (c == 43 || c == 45) {
      eneg = c == 45;
      c = <u32>load<u8>(++p);
    }
    if (c - 48 >= 10) return 0;
    do {
      if (exp < 1000000) exp = exp * 10 + <i32>(c - 48);
      c = <u32>load<u8>(++p);
    } while (c - 48 < 10);
    if (eneg) exp = -exp;
  }
  if (intLit && neg && m == 0) return 0; // -0: JSON.parse reads -0, the exact readers 0
  const v = decimalF64(m, scale + exp);
  if (v != v) return 0;
  jsonNum = neg ? -v : v;
  // An integer literal is exact in jsonNum only below 2^53 (beyond, longs are the JS reader's).
  jsonIntLit = intLit && m <= MAX_SAFE;
  return p;
}

/**
 * m * 10^e correctly rounded, for m below 10^19: Clinger's fast path, else Eisel-Lemire; NaN where
 * neither decides (then the caller declines). Also parse.double's and parse.float's (assembly/lib/parse.ts).
 */
// @ts-ignore: decorator
@inline export function decimalF64(m: u64, e: i32): f64 {
  // (signed: converts to f64 in one instruction)
  if (m <= MAX_SAFE && e >= -22 && e <= 22) return e >= 0 ? <f64><i64>m * unchecked(POW10[e]) : <f64><i64>m / unchecked(POW10[-e]);
  return eiselLemire(m, e);
}
