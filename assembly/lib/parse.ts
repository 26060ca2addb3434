// The parse library in kernels (src/lib/parse.ts holds the JS forms, which these follow): text to
// numbers. Leading and trailing whitespace is dropped as JS's trim drops it (AS's trim tests the
// same characters) and letters may be in either case. Integers are exact in a u64 up to 2^63; a
// real number is converted bit for bit as JS's Number() does it where the kernel can decide
// (util/jsonNumber.ts decimalF64: up to 19 significant digits, neither subnormal nor infinite); the
// rest is declined and the form runs the JS form on the host for that call.
import { decimalF64 } from "./util/jsonNumber";
import { sLower } from "./s";

/** After a parse: 0 read, 1 not a number of the function's pattern (its error), 2 declined (ask the host). */
export let parseStatus: i32 = 0;

/**
 * parse.int and parse.long: the integer value of `str` in `base` (2 to 36: the form checks) within
 * [lo, hi], else parseStatus 1. The spec's pattern, [-+]?[0-9a-z]+ after trim and lower case (JS's
 * full lower case: the Kelvin sign is a "k").
 */
export function parseInteger(str: String, base: i32, lo: i64, hi: i64): i64 {
  parseStatus = 1;
  const s = sLower(str.trim());
  const n = s.length;
  let i = 0;
  let neg = false;
  if (n > 0 && (s.charCodeAt(0) == 45 || s.charCodeAt(0) == 43)) {
    neg = s.charCodeAt(0) == 45;
    i = 1;
  }
  if (i == n) return 0;
  // (beyond 2^63 the value is out of every range: the JS form stops there too)
  const limit: u64 = <u64>1 << 63;
  let v: u64 = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    let d: i32;
    if (c - 48 < 10 && c >= 48) d = c - 48;
    else if (c - 97 < 26 && c >= 97) d = c - 87;
    else return 0;
    if (d >= base) return 0;
    if (v > (limit - <u64>d) / <u64>base) return 0;
    v = v * <u64>base + <u64>d;
  }
  if (neg ? v > <u64>(-lo) : v > <u64>hi) return 0;
  parseStatus = 0;
  return neg ? -(<i64>v) : <i64>v;
}

/**
 * parse.double: the JS form's parseReal, "nan", "inf", "+inf", "-inf" or the spec's pattern
 * [-+]?(\.?[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?, converted as Number() converts it.
 */
export function parseDouble(str: String): f64 {
  parseStatus = 1;
  const s = str.trim();
  const n = s.length;
  for (let k = 0; k < n; k++) if (s.charCodeAt(k) >= 0x80) return 0; // (the patterns are ASCII)
  const t = s.toLowerCase();
  if (t == "nan") return ok(NaN);
  if (t == "inf" || t == "+inf") return ok(Infinity);
  if (t == "-inf") return ok(-Infinity);
  let i = 0;
  let neg = false;
  if (n > 0 && (t.charCodeAt(0) == 45 || t.charCodeAt(0) == 43)) {
    neg = t.charCodeAt(0) == 45;
    i = 1;
  }
  // Significant digits into m (at most 19), the decimal point's place into scale.
  let m: u64 = 0;
  let digits = 0;
  let scale = 0;
  let whole = 0;
  for (; i < n && digit(t, i); i++, whole++) {
    const d = <u64>(t.charCodeAt(i) - 48);
    if (m == 0 && d == 0) continue;
    if (digits == 19) return declined();
    m = m * 10 + d;
    digits++;
  }
  let frac = 0;
  if (i < n && t.charCodeAt(i) == 46) {
    for (i++; i < n && digit(t, i); i++, frac++) {
      const d = <u64>(t.charCodeAt(i) - 48);
      if (m == 0 && d == 0) {
        scale--;
        continue;
      }
      if (digits == 19) return declined();
      m = m * 10 + d;
      digits++;
      scale--;
    }
  }
  if (whole + frac == 0) return 0;
  let exp = 0;
  if (i < n && t.charCodeAt(i) == 101) {
    i++;
    let eneg = false;
    if (i < n && (t.charCodeAt(i) == 45 || t.charCodeAt(i) == 43)) {
      eneg = t.charCodeAt(i) == 45;
      i++;
    }
    if (i == n) return 0;
    for (; i < n && digit(t, i); i++) if (exp < 1000000) exp = exp * 10 + (t.charCodeAt(i) - 48);
    if (eneg) exp = -exp;
  }
  if (i != n) return 0;
  if (m == 0) return ok(neg ? -0.0 : 0.0);
  const v = decimalF64(m, scale + exp);
  if (v != v) return declined();
  return ok(neg ? -v : v);
}

/**
 * parse.float: parseDouble's value rounded to float32 once (src/lib/parse.ts toFloat): fround of
 * the double is right unless the double lies exactly halfway between two floats; then the decimal
 * text decides, and that is declined.
 */
export function parseFloat32(str: String): f32 {
  const d = parseDouble(str);
  if (parseStatus != 0) return 0;
  const f = <f32>d;
  if (!isFinite(d) || <f64>f == d) return f;
  const a = abs(d);
  const fa = <f64>abs(f);
  const bits = reinterpret<u32>(<f32>fa);
  const next = <f64>reinterpret<f32>(fa < a ? bits + 1 : bits - 1);
  if ((fa + next) / 2 != a) return f;
  parseStatus = 2;
  return 0;
}

// @ts-ignore: decorator
@inline function digit(t: String, i: i32): bool {
  return <u32>(t.charCodeAt(i) - 48) < 10;
}

// @ts-ignore: decorator
@inline function ok(v: f64): f64 {
  parseStatus = 0;
  return v;
}

// @ts-ignore: decorator
@inline function declined(): f64 {
  parseStatus = 2;
  return 0;
}
