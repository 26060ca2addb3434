/**
 * PFA counts string positions in Unicode code points (spec sec. 3.1: strings are sequences of
 * Unicode characters), while JS strings index UTF-16 code units. These helpers translate between
 * the two; strings without surrogates (the common case) take a fast path where both agree.
 * A lone surrogate counts as one character, as JS string iteration treats it.
 */
const SURROGATE = /[\uD800-\uDFFF]/;

export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

/** Number of code points in `s`. */
export function cpLength(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The code points of `s` as one-character strings (surrogate pairs kept together). */
export function cpArray(s: string): string[] {
  return hasSurrogates(s) ? Array.from(s) : s.split('');
}

/** UTF-16 offset of code point index `cp` (0 ≤ cp ≤ cpLength(s)). */
export function unitOffset(s: string, cp: number): number {
  if (!hasSurrogates(s)) return cp;
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

/** Code point index of UTF-16 offset `unit` (which must not split a surrogate pair). */
export function cpOffset(s: string, unit: number): number {
  if (!hasSurrogates(s)) return unit;
  return cpLength(s.slice(0, unit));
}

/**
 * Python's slice bounds (spec: "negative indexes count from the right, indexes beyond the legal
 * range are truncated, and end ≤ start specifies a zero-length subsequence just before start"):
 * returns [start, end] with 0 ≤ start ≤ end ≤ length.
 */
export function sliceBounds(length: number, start: number, end: number): [number, number] {
  let a = start < 0 ? start + length : start;
  let b = end < 0 ? end + length : end;
  a = a < 0 ? 0 : a > length ? length : a;
  b = b < 0 ? 0 : b > length ? length : b;
  return [a, b < a ? a : b];
}
