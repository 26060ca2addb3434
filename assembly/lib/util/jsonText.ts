// Byte scanning for JSON text in linear memory: the pieces of the kernel's JSON-lines reader
// (src/backend/wasm/textAs.ts generates one per input type). Every reader answers "not read" (0)
// rather than failing: the host then reads that line with its own reader or the general decoder,
// whose errors are the ones users see. So each rule here is the JS text reader's
// (src/fastpath/scan.ts), or stricter: when in doubt, decline.
//
// The text ends with a "\n" the host writes after it (a sentinel): no scanner steps over "\n",
// so none needs a bounds check. Addresses are never 0, so 0 can mean "not read".

/** 10^0 .. 10^22: the powers of ten a double holds exactly (Clinger's fast path, as scan.ts). */
// @ts-ignore: decorator
@lazy const POW10: StaticArray<f64> = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/** 2^53 - 1: a decimal mantissa up to this is exact in a double. */
// @ts-ignore: decorator
@inline const MAX_SAFE: i64 = 9007199254740991;

/** The last number read: its value as JSON.parse gives it. */
export let jsonNum: f64 = 0;
/** Whether the last number was written as an integer (no fraction, no exponent); it is then exact. */
export let jsonIntLit: bool = false;

/** Skips JSON whitespace within a line (space, tab, carriage return; "\n" ends the line). */
// @ts-ignore: decorator
@inline
export function jsonWs(p: usize): usize {
  let c = load<u8>(p);
  while (c == 32 || c == 9 || c == 13) c = load<u8>(++p);
  return p;
}

/** After a key's closing quote: whitespace, ":", whitespace; the value's start, or 0. */
// @ts-ignore: decorator
@inline
export function jsonColon(p: usize): usize {
  p = jsonWs(p);
  if (load<u8>(p) != 58) return 0;
  return jsonWs(p + 1);
}

/** After a value: whitespace, then `sep` ("," or "}"), then whitespace; the next token's start, or 0. */
// @ts-ignore: decorator
@inline
export function jsonAfter(p: usize, sep: u32): usize {
  p = jsonWs(p);
  if (<u32>load<u8>(p) != sep) return 0;
  return jsonWs(p + 1);
}

/**
 * The end of the line after a value's closing "}": whitespace then "\n" (or the sentinel); the
 * next line's start, or 0 when anything else follows.
 */
// @ts-ignore: decorator
@inline
export function jsonLineEnd(p: usize): usize {
  p = jsonWs(p);
  if (load<u8>(p) != 10) return 0;
  return p + 1;
}

/**
 * At a number: reads it into `jsonNum`/`jsonIntLit` and returns where it ends, or 0 (not read).
 * Read only when scan.ts reads it bit for bit by Clinger's fast path: a decimal mantissa below
 * 2^53 (fraction digits included) and a decimal exponent within +-22, so the value is one exact
 * multiply or divide by a power of ten, correctly rounded as JSON.parse rounds. Anything else
 * (more digits, larger exponents, -0 written as an integer, and every text that is not a JSON
 * number: "01", "1.", ".5", "+1") is not read.
 */
export function jsonNumber(p: usize): usize {
  // The common shape first: an integer part and a fraction of fewer than 8 digits each, read
  // eight bytes at a time (no loop per digit, whose varying length the branch predictor misses).
  const start = p;
  const neg = load<u8>(p) == 45;
  if (neg) p++;
  const n1 = digitRun(p);
  if (n1 == 0 || n1 == 8 || (n1 > 1 && load<u8>(p) == 48)) return jsonNumberLoop(start);
  let m = eightDigits(load<u64>(p), n1);
  p += n1;
  let c = <u32>load<u8>(p);
  let intLit = true;
  let scale: i32 = 0;
  if (c == 46) {
    const n2 = digitRun(p + 1);
    if (n2 == 0 || n2 == 8) return jsonNumberLoop(start);
    // (at most 7 + 7 digits: below 2^53, exact)
    m = m * unchecked(POW10I[n2]) + eightDigits(load<u64>(p + 1), n2);
    p += 1 + n2;
    scale = -n2;
    intLit = false;
    c = <u32>load<u8>(p);
  }
  if (c == 101 || c == 69) return jsonNumberLoop(start);
  if (intLit && neg && m == 0) return 0; // -0: JSON.parse reads -0, the exact readers 0
  const v = scale == 0 ? <f64>m : <f64>m / unchecked(POW10[-scale]);
  jsonNum = neg ? -v : v;
  jsonIntLit = intLit;
  return p;
}

/** 10^0 .. 10^7 as integers. */
// @ts-ignore: decorator
@lazy const POW10I: StaticArray<i64> = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000];

/**
 * How many of the 8 bytes at p are ASCII digits before the first that is not (8: all of them).
 * Per byte: a digit is 0x3_ and stays 0x3_ when 6 is added. (A carry out of a byte that is not a
 * digit only disturbs the bytes after it.)
 */
// @ts-ignore: decorator
@inline
function digitRun(p: usize): i32 {
  const v = load<u64>(p);
  const hi: u64 = 0xF0F0F0F0F0F0F0F0;
  const threes: u64 = 0x3030303030303030;
  const not = ((v & hi) ^ threes) | (((v + 0x0606060606060606) & hi) ^ threes);
  return <i32>(ctz(not) >> 3);
}

/** The value of the first n (1..7) digits of the 8 bytes v (little-endian), as simdjson reads eight. */
// @ts-ignore: decorator
@inline
function eightDigits(v: u64, n: i32): i64 {
  // The n digits become the last n of eight, after leading zeros; what followed them drops out.
  let x = (v - 0x3030303030303030) << (<u64>(8 - n) << 3);
  x = x * 10 + (x >> 8);
  x = (((x & 0x000000FF000000FF) * 0x000F424000000064) + (((x >> 16) & 0x000000FF000000FF) * 0x0000271000000001)) >> 32;
  return <i64>(x & 0xFFFFFFFF);
}

/** jsonNumber one byte at a time: any JSON number (long digit runs, exponents), or 0. */
function jsonNumberLoop(p: usize): usize {
  let c = <u32>load<u8>(p);
  const neg = c == 45;
  if (neg) c = <u32>load<u8>(++p);
  let m: i64 = 0; // (signed: converts to f64 in one instruction)
  if (c == 48) {
    c = <u32>load<u8>(++p);
    if (c - 48 < 10) return 0; // a leading zero
  } else if (c - 49 < 9) {
    do {
      m = m * 10 + <i64>(c - 48);
      if (m > MAX_SAFE) return 0; // (m only grows: past 2^53 - 1 it stays past)
      c = <u32>load<u8>(++p);
    } while (c - 48 < 10);
  } else return 0;
  let intLit = true;
  let scale: i32 = 0;
  if (c == 46) {
    intLit = false;
    c = <u32>load<u8>(++p);
    if (c - 48 >= 10) return 0;
    do {
      m = m * 10 + <i64>(c - 48);
      if (m > MAX_SAFE) return 0;
      scale--;
      c = <u32>load<u8>(++p);
    } while (c - 48 < 10);
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
  const e = scale + exp;
  if (e < -22 || e > 22) return 0;
  const v = e >= 0 ? <f64>m * unchecked(POW10[e]) : <f64>m / unchecked(POW10[-e]);
  jsonNum = neg ? -v : v;
  jsonIntLit = intLit;
  return p;
}
