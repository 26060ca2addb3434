// The string library in kernels (src/lib/s.ts holds the JS forms, which these follow step for
// step). Strings arrive as text (util/text.ts textOf) and leave as text for the form to intern.
// Positions count code points; searches run on UTF-16 units as JS's do, and a match of a
// well-formed needle never starts inside a surrogate pair, so its unit offset converts exactly.
import { cpAt, cpCount, cpLength, cpUnits, unitOffset } from "./util/text";
import { lowerFrom, lowerTo, upperFrom, upperTo } from "./util/caseExceptions";
import { isCased, isCaseIgnorable } from "~lib/util/string";
import { fixedDigits, scientificDigits, sciExponent } from "./util/decimal";

/** Python's slice bounds on a length (src/lib/util/codepoints.ts sliceBounds): start in the low half, end in the high. */
function sliceBounds(length: i32, start: i32, end: i32): i64 {
  let a = start < 0 ? start + length : start;
  let b = end < 0 ? end + length : end;
  a = a < 0 ? 0 : a > length ? length : a;
  b = b < 0 ? 0 : b > length ? length : b;
  if (b < a) b = a;
  return <i64><u32>a | (<i64>b << 32);
}

/** s.substr: the code points [start, end) as Python slices them. */
export function sSubstr(s: String, start: i32, end: i32): String {
  const ab = sliceBounds(cpLength(s), start, end);
  return s.substring(unitOffset(s, <i32>ab), unitOffset(s, <i32>(ab >> 32)));
}

/** s.substrto: s with the code points [start, end) replaced. */
export function sSubstrto(s: String, start: i32, end: i32, replacement: String): String {
  const ab = sliceBounds(cpLength(s), start, end);
  return s.substring(0, unitOffset(s, <i32>ab)) + replacement + s.substring(unitOffset(s, <i32>(ab >> 32)));
}

/** s.count: non-overlapping occurrences; an empty needle counts zero times (the spec). */
export function sCount(haystack: String, needle: String): i32 {
  if (needle.length == 0) return 0;
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** s.index: the code point index of the first occurrence, or -1. */
export function sIndex(haystack: String, needle: String): i32 {
  const i = haystack.indexOf(needle);
  return i < 0 ? -1 : cpCount(haystack, i);
}

/** s.rindex: the code point index of the last occurrence, or -1. */
export function sRindex(haystack: String, needle: String): i32 {
  const i = haystack.lastIndexOf(needle);
  return i < 0 ? -1 : cpCount(haystack, i);
}

/** s.split: JS's split; an empty separator gives an empty array (the spec). */
export function sSplit(s: String, sep: String): Array<String> {
  return sep.length == 0 ? new Array<String>(0) : s.split(sep);
}

/** s.repeat: n copies, none for n <= 0. */
export function sRepeat(s: String, n: i32): String {
  return n <= 0 ? "" : s.repeat(n);
}

/** Whether code point c is one of the code points of `set`. */
function among(set: String, c: i32): bool {
  const n = set.length;
  for (let i = 0; i < n; i += cpUnits(set, i, n)) if (cpAt(set, i, n) == c) return true;
  return false;
}

/** s.lstrip, s.rstrip, s.strip: drops code points of `chars` from the chosen ends. */
export function sStrip(s: String, chars: String, left: bool, right: bool): String {
  const n = s.length;
  if (chars.length == 0 || n == 0) return s;
  let a = 0;
  let b = n;
  if (left) while (a < b && among(chars, cpAt(s, a, n))) a += cpUnits(s, a, n);
  if (right) {
    while (b > a) {
      // the code point that ends at unit b (a low surrogate after a high one is a pair's end)
      const pair = b - 2 >= a && cpUnits(s, b - 2, n) == 2;
      const from = pair ? b - 2 : b - 1;
      if (!among(chars, cpAt(s, from, n))) break;
      b = from;
    }
  }
  return a == 0 && b == n ? s : s.substring(a, b);
}

/** s.replaceall; an empty `original` matches before and after every code point (Python's rule). */
export function sReplaceall(s: String, original: String, replacement: String): String {
  if (original.length != 0) return s.split(original).join(replacement);
  const n = s.length;
  let out = replacement;
  for (let i = 0; i < n; ) {
    const u = cpUnits(s, i, n);
    out += s.substring(i, i + u) + replacement;
    i += u;
  }
  return out;
}

/** s.replacefirst. */
export function sReplacefirst(s: String, original: String, replacement: String): String {
  const i = s.indexOf(original);
  return i < 0 ? s : s.substring(0, i) + replacement + s.substring(i + original.length);
}

/** s.replacelast. */
export function sReplacelast(s: String, original: String, replacement: String): String {
  const i = s.lastIndexOf(original);
  return i < 0 ? s : s.substring(0, i) + replacement + s.substring(i + original.length);
}

/** s.translate: like POSIX tr; oldchars beyond newchars' length are deleted, the first duplicate wins. */
export function sTranslate(s: String, oldchars: String, newchars: String): String {
  if (oldchars.length == 0) return s;
  const from = new Array<i32>(0);
  const fromUnits = new Array<i32>(0);
  const on = oldchars.length;
  for (let i = 0; i < on; i += cpUnits(oldchars, i, on)) {
    from.push(cpAt(oldchars, i, on));
    fromUnits.push(i);
  }
  const nn = newchars.length;
  const to = new Array<String>(0);
  for (let i = 0; i < nn; ) {
    const u = cpUnits(newchars, i, nn);
    to.push(newchars.substring(i, i + u));
    i += u;
  }
  const n = s.length;
  let out = "";
  for (let i = 0; i < n; ) {
    const u = cpUnits(s, i, n);
    const c = cpAt(s, i, n);
    const k = from.indexOf(c);
    if (k < 0) out += s.substring(i, i + u);
    else if (k < to.length) out += unchecked(to[k]);
    i += u;
  }
  return out;
}

/**
 * s.lower and s.upper: JS's toLowerCase and toUpperCase (full Unicode case mapping, V8's ICU
 * tables). AS's std maps from older tables; the code points where the two differ are mapped
 * from util/caseExceptions.ts (found by test/backend/wasm/caseMapping.test.ts over every code point).
 */
export function sLower(s: String): String {
  return caseMapped(s, false);
}

export function sUpper(s: String): String {
  return caseMapped(s, true);
}

/** V8's case of c where AS's differs (a binary search of util/caseExceptions.ts), else null. */
function caseException(from: StaticArray<i32>, to: StaticArray<i32>, c: i32): String | null {
  let lo = 0;
  let hi = from.length - 1;
  if (hi < 0 || c < unchecked(from[0])) return null; // (most text: below every entry)
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = unchecked(from[mid]);
    if (x == c) return String.fromCodePoint(unchecked(to[mid]));
    if (x < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

/**
 * Unicode's Final_Sigma condition (The Unicode Standard, sec. 3.13, table 3-17) for the capital
 * sigma at unit i: a cased letter before it, case-ignorable code points between, and no cased letter
 * after them. (AS's own test stops 30 units away and goes on past the cased letter it finds.)
 */
function finalSigma(s: String, i: i32, n: i32): bool {
  let j = i;
  let cased = false;
  while (j > 0) {
    const from = j >= 2 && cpUnits(s, j - 2, n) == 2 ? j - 2 : j - 1;
    const c = <u32>cpAt(s, from, n);
    j = from;
    if (!isCaseIgnorable(c)) {
      cased = isCased(c);
      break;
    }
  }
  if (!cased) return false;
  for (j = i + 1; j < n; j += cpUnits(s, j, n)) {
    const c = <u32>cpAt(s, j, n);
    if (!isCaseIgnorable(c)) return !isCased(c);
  }
  return true;
}

function caseMapped(s: String, upper: bool): String {
  const n = s.length;
  // Runs without an exception go to AS's mapping whole (its final-sigma rule looks at neighbours).
  let out = "";
  let run = 0;
  for (let i = 0; i < n; ) {
    const u = cpUnits(s, i, n);
    const c = cpAt(s, i, n);
    const x = upper ? caseException(upperFrom, upperTo, c) : c == 0x3a3 ? (finalSigma(s, i, n) ? "\u03c2" : "\u03c3") : caseException(lowerFrom, lowerTo, c);
    if (x !== null) {
      if (run < i) out += upper ? s.substring(run, i).toUpperCase() : s.substring(run, i).toLowerCase();
      out += x;
      run = i + u;
    }
    i += u;
  }
  if (run == 0) return upper ? s.toUpperCase() : s.toLowerCase();
  if (run < n) out += upper ? s.substring(run).toUpperCase() : s.substring(run).toLowerCase();
  return out;
}

/**
 * Pads a formatted number to `width` like printf (src/lib/s.ts pad): positive widths
 * right-justify, negative widths left-justify, zeroPad puts zeros after the sign; a width of
 * exactly 0 gives "" (the reference engine's answer).
 */
export function sPad(text: String, width: i32, zeroPad: bool): String {
  if (width == 0) return "";
  if (width < 0) return text.padEnd(-width, " ");
  if (!zeroPad) return text.padStart(width, " ");
  const sign = text.startsWith("-") ? "-" : "";
  return sign + text.substring(sign.length).padStart(width - sign.length, "0");
}

/** A long in base `radix` (JS's BigInt toString: lower-case digits, a minus sign). */
export function sLong(x: i64, radix: i32): String {
  return x.toString(radix);
}

/** Drops trailing zeros after the decimal point, keeping at least one digit there (src/lib/s.ts trimZeros). */
function trimZeros(d: String): String {
  const dot = d.indexOf(".");
  if (dot < 0) return d;
  let end = d.length;
  while (end > dot + 1 && d.charCodeAt(end - 1) == 48) end--;
  if (end == d.length) return d;
  return end == dot + 1 ? d.substring(0, dot + 1) + "0" : d.substring(0, end);
}

/**
 * s.number of a double (src/lib/s.ts formatDouble, then the width): `precision` -1 for none (the
 * form has raised the error of a negative one), `hasWidth` false for none.
 */
export function sNumberDouble(x: f64, hasWidth: bool, width: i32, precision: i32, minNoExp: f64, maxNoExp: f64): String {
  let text: String;
  if (isNaN(x)) text = "nan";
  else if (!isFinite(x)) text = x > 0 ? "inf" : "-inf";
  else {
    const sign = x < 0 ? "-" : ""; // (-0 has no sign: x < 0 is false for it)
    const a = abs(x);
    if (a == 0 || (a >= minNoExp && a <= maxNoExp)) {
      text = sign + (precision < 0 ? trimZeros(fixedDigits(a, 6)) : fixedDigits(a, precision));
    } else {
      const mantissa = scientificDigits(a, precision < 0 ? 6 : precision);
      const exponent = sciExponent;
      const e = abs(exponent).toString().padStart(2, "0");
      text = sign + (precision < 0 ? trimZeros(mantissa) : mantissa) + "e" + (exponent < 0 ? "-" : "+") + e;
    }
  }
  if (!hasWidth || width == 0) return text;
  return width < 0 ? text.padEnd(-width, " ") : text.padStart(width, " ");
}
