// The kernel's fast reader of fields whose values are numbers, in the layouts JSON.stringify
// (`"k":1.5,`) and Python's json (`"k": 1.5, `) write. A generated line reader (textAs.ts) tries
// it first; when it declines, the line is read again by the general one (jsonText.ts), so what
// it reads it must read as that one does, and anything else it declines.
//
// Why it is shaped this way: reading a field byte by byte makes each position depend on the one
// before, one load after another, and the profile of Sonar's rows (60 numbers of 4 to 6 bytes)
// is bound by that chain. Here a number's eight bytes are classified at once, SWAR style (bytes
// compared in a u64 without carries between them; Lamport, "Multiple byte processing with
// full-word instructions", CACM 1975), and the layout around it is tested with branches, which
// the processor predicts (a file keeps one layout), rather than with loads each waiting for the
// last. Numbers of more than seven bytes, and exponents, go to jsonNumber.
//
// As in jsonText.ts, the text ends with "\n" and 64 bytes of slack, so an 8-byte load past a
// line's last byte stays inside the buffer.
import { jsonNum, jsonNumber, POW10 } from "./jsonNumber";

// @ts-ignore: decorator
@inline const HIGH: u64 = 0x8080808080808080;
// @ts-ignore: decorator
@inline const LOW7: u64 = 0x7F7F7F7F7F7F7F7F;

/**
 * 0x80 in each byte of x not in [lo, lo + 0x79 - up] (lo and up repeated in every byte), 0
 * elsewhere. Exact for every byte: the high bit is set before subtracting and cleared before
 * adding, so no borrow or carry crosses into the next byte; a byte of 0x80 or more is outside.
 */
// @ts-ignore: decorator
@inline
function outside(x: u64, lo: u64, up: u64): u64 {
  return (~((x | HIGH) - lo) | ((x & LOW7) + up) | x) & HIGH;
}

/** The value of the n (1..8) decimal digits in the low n bytes of v (one digit, 0..9, a byte; the first the most significant). */
// @ts-ignore: decorator
@inline
function digitsValue(v: u64, n: u32): u64 {
  // Pairs, then quads, then the eight: each step multiplies the higher half by 10^k and adds.
  v <<= <u64>(8 - n) << 3;
  v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FF;
  v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFF;
  return (v * 10000 + (v >> 32)) & 0xFFFFFFFF;
}

/** jsonNumber's answer, its value stored at o (the number does not fit the fast path). */
function numberAt(p: usize, o: usize): usize {
  p = jsonNumber(p);
  store<f64>(o, jsonNum);
  return p;
}

/**
 * The number at p stored at o as a double; where it ends, or 0 (not read). A number of at most
 * seven bytes after its sign with no exponent, "d+" or "d+.d+", has at most seven digits: its
 * mantissa and 10^(fraction digits) are exact doubles, and their quotient is correctly rounded
 * (Clinger's fast path), so it is JSON.parse's double. "-0" written as an integer and leading zeros
 * are declined, as jsonNumber declines them; longer numbers and exponents are jsonNumber's.
 */
// @ts-ignore: decorator
@inline
function numberFast(p: usize, o: usize): usize {
  // The sign is data: a select, not a branch (signs in a column vary).
  const x0 = load<u64>(p);
  const x1 = load<u64>(p, 1);
  const neg = (x0 & 0xFF) == 45;
  const x = select<u64>(x1, x0, neg);
  const q = p + <usize>neg;
  // The number's bytes: digits, "." and "/" (0x2E..0x39; a "/" is refused below).
  const end = <u32>ctz(outside(x, 0x2E2E2E2E2E2E2E2E, 0x4646464646464646)) >> 3;
  if (end - 1 >= 7) return numberAt(p, o); // no digit first, or eight bytes and maybe more
  const below = (<u64>1 << (<u64>end << 3)) - 1;
  const notDigits = outside(x, 0x3030303030303030, 0x4646464646464646) & below;
  const v = x & 0x0F0F0F0F0F0F0F0F;
  let m: u64;
  let f: u32 = 0;
  if (notDigits == 0) {
    m = digitsValue(v & below, end);
    if (neg && m == 0) return 0; // -0 written as an integer (jsonNumber declines it too)
  } else {
    // One ".", neither first nor last: the fraction's digits move down over it.
    const i = <u32>ctz(notDigits) >> 3;
    f = end - i - 1;
    if ((notDigits & (notDigits - 1)) != 0 || i == 0 || f == 0) return 0;
    if ((<u32>(x >> (<u64>i << 3)) & 0xFF) != 46) return 0;
    const intMask = (<u64>1 << (<u64>i << 3)) - 1;
    m = digitsValue((v & intMask) | ((v >> 8) & ~intMask), end - 1);
  }
  if ((x & 0xFF) == 48 && ((x >> 8) & 0xFF) - 48 < 10) return 0; // a leading zero
  if ((<u32>(x >> (<u64>end << 3)) & 0xDF) == 69) return numberAt(p, o); // "e" or "E"
  const d = <f64><i64>m / unchecked(POW10[f]);
  store<f64>(o, neg ? -d : d);
  return q + end;
}

/**
 * After a key's closing quote: ":" (or ": "), a number stored at o as a double, then `sep`
 * ("," or "}") alone or with one space before or after it, or both; the next token's start, or 0.
 */
// @ts-ignore: decorator
@inline
function valueF64(p: usize, o: usize, sep: u32): usize {
  const colon = <u32>load<u16>(p);
  if (colon == 0x203A) p += 2;
  else if ((colon & 0xFF) == 58) p += 1;
  else return 0;
  p = numberFast(p, o);
  if (p == 0) return 0;
  // (each layout a branch of its own: the next position never waits for these loads)
  const s = load<u32>(p);
  if ((s & 0xFFFF) == (sep | 0x2000)) return p + 2;
  if ((s & 0xFF) == sep) return p + 1;
  if ((s & 0xFFFFFF) == (0x200020 | (sep << 8))) return p + 3;
  if ((s & 0xFFFF) == (0x20 | (sep << 8))) return p + 2;
  return 0;
}

/** valueF64 after a key the caller has tested (keys of more than eight bytes, quotes included). */
export function jsonValueF64(p: usize, o: usize, sep: u32): usize {
  return valueF64(p, o, sep);
}

/**
 * A field whose key, quotes included, is at most 8 bytes (`key`, little-endian, under `mask`),
 * then valueF64; the next token's start, or 0. One shared copy keeps a record's reader small.
 */
export function jsonFieldF64(p: usize, key: u64, mask: u64, len: usize, o: usize, sep: u32): usize {
  if ((load<u64>(p) & mask) != key) return 0;
  return valueF64(p + len, o, sep);
}
