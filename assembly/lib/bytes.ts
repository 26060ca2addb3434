// Bytes and fixed values in kernels (src/lib/bytes.ts, src/lib/fixed.ts hold the JS forms): both
// are Uint8Arrays, fixed ones of their type's size. Values are never changed in place once made,
// so a function that hands back its argument unchanged may share it.

/** Three-way comparison in Avro order: byte by byte as unsigned numbers, then the shorter first. */
export function bytesCompare(a: Uint8Array, b: Uint8Array): i32 {
  const na = a.length, nb = b.length;
  const n = min(na, nb);
  for (let i = 0; i < n; i++) {
    const x = unchecked(a[i]), y = unchecked(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** A start or end index as PFA's slices read it (negative counts from the end), clamped to [0, n]. */
// @ts-ignore: decorator
@inline function bound(i: i32, n: i32): i32 {
  const j = i < 0 ? i + n : i;
  return j < 0 ? 0 : j > n ? n : j;
}

/** bytes.subseq: x[start:end] (src/lib/util/codepoints.ts sliceBounds: an end before start is empty). */
export function bytesSubseq(x: Uint8Array, start: i32, end: i32): Uint8Array {
  const n = x.length;
  const a = bound(start, n);
  const b = max(a, bound(end, n));
  const out = new Uint8Array(b - a);
  memory.copy(out.dataStart, x.dataStart + <usize>a, <usize>(b - a));
  return out;
}

/** bytes.subseqto: x with x[start:end] replaced by `replacement`. */
export function bytesSubseqto(x: Uint8Array, start: i32, end: i32, replacement: Uint8Array): Uint8Array {
  const n = x.length;
  const a = bound(start, n);
  const b = max(a, bound(end, n));
  const r = replacement.length;
  const out = new Uint8Array(a + r + n - b);
  memory.copy(out.dataStart, x.dataStart, <usize>a);
  memory.copy(out.dataStart + <usize>a, replacement.dataStart, <usize>r);
  memory.copy(out.dataStart + <usize>(a + r), x.dataStart + <usize>b, <usize>(n - b));
  return out;
}

/** Whether every byte is at most `limit` (bytes.isAscii: 0x7f). */
export function bytesAtMost(x: Uint8Array, limit: u8): bool {
  const n = x.length;
  for (let i = 0; i < n; i++) if (unchecked(x[i]) > limit) return false;
  return true;
}

/**
 * Whether the bytes are well-formed UTF-8 (The Unicode Standard, table 3-7: no overlong forms, no
 * surrogates, nothing above U+10FFFF), which is what a fatal TextDecoder("utf-8") accepts.
 */
export function bytesIsUtf8(x: Uint8Array): bool {
  const n = x.length;
  let i = 0;
  while (i < n) {
    const b0 = <u32>unchecked(x[i]);
    if (b0 < 0x80) { i++; continue; }
    let more: i32, lo: u32 = 0x80, hi: u32 = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) more = 1;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      more = 2;
      if (b0 == 0xe0) lo = 0xa0;
      else if (b0 == 0xed) hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      more = 3;
      if (b0 == 0xf0) lo = 0x90;
      else if (b0 == 0xf4) hi = 0x8f;
    } else return false;
    if (i + more >= n) return false; // (truncated at the end)
    // (the second byte has the narrowed range, the others 80..BF)
    const b1 = <u32>unchecked(x[i + 1]);
    if (b1 < lo || b1 > hi) return false;
    for (let k = 2; k <= more; k++) {
      const b = <u32>unchecked(x[i + k]);
      if (b < 0x80 || b > 0xbf) return false;
    }
    i += more + 1;
  }
  return true;
}

/**
 * Whether x[from:] is well-formed UTF-16 in this byte order: whole code units, every high
 * surrogate followed by a low one and no low one alone (what a fatal TextDecoder accepts).
 */
export function bytesIsUtf16(x: Uint8Array, from: i32, bigEndian: bool): bool {
  const n = x.length;
  if (((n - from) & 1) != 0) return false;
  const hiByte = bigEndian ? 0 : 1, loByte = 1 - hiByte;
  let i = from;
  while (i < n) {
    const u = (<u32>unchecked(x[i + hiByte]) << 8) | <u32>unchecked(x[i + loByte]);
    i += 2;
    if (u >= 0xdc00 && u <= 0xdfff) return false;
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i >= n) return false;
      const v = (<u32>unchecked(x[i + hiByte]) << 8) | <u32>unchecked(x[i + loByte]);
      if (v < 0xdc00 || v > 0xdfff) return false;
      i += 2;
    }
  }
  return true;
}

/** bytes.isUtf16: a byte-order mark (FE FF big-endian, FF FE little-endian) is read; none means big-endian. */
export function bytesIsUtf16Marked(x: Uint8Array): bool {
  if (x.length >= 2) {
    const b0 = unchecked(x[0]), b1 = unchecked(x[1]);
    if (b0 == 0xfe && b1 == 0xff) return bytesIsUtf16(x, 2, true);
    if (b0 == 0xff && b1 == 0xfe) return bytesIsUtf16(x, 2, false);
  }
  return bytesIsUtf16(x, 0, true);
}

/** fixed.fromBytes: `original` with its first bytes overwritten by `replacement` (cut to the size). */
export function fixedOverlay(original: Uint8Array, replacement: Uint8Array): Uint8Array {
  const n = original.length;
  const out = new Uint8Array(n);
  memory.copy(out.dataStart, original.dataStart, <usize>n);
  memory.copy(out.dataStart, replacement.dataStart, <usize>min(n, replacement.length));
  return out;
}
