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

/**
 * A field whose key, quotes included, is at most 8 bytes: `key` holds them (little-endian) and
 * `mask` covers them. Reads the key, ":" and the number after it; where the number ends, or 0.
 * (One shared copy for every such field keeps a record's reader small.)
 */
export function jsonShortField(p: usize, key: u64, mask: u64, len: usize): usize {
  if ((load<u64>(p) & mask) != key) return 0;
  p = jsonColon(p + len);
  if (p == 0) return 0;
  return jsonNumber(p);
}

