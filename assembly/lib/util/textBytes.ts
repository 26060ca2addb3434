// The text codecs of the bytes library in kernels (src/lib/util/textBytes.ts and src/codec/base64.ts
// hold the JS forms): strings' text (util/text.ts) to bytes and back, strict: null for what a codec
// cannot convert (lone surrogates, invalid UTF-8, odd-length UTF-16, characters outside ASCII or
// Latin-1, text that is not base64). UTF-16 without a byte-order mark is read as big-endian; a
// leading mark read by a UTF-8 or one-order UTF-16 decoder stays a character (the JS decoders'
// ignoreBOM); bytes.encodeUtf16 writes a big-endian mark first.
import { bytesAtMost, bytesIsUtf8, bytesIsUtf16, bytesIsUtf16Marked } from "../bytes";

/** The conversions, in the order of the bytes.encode* and bytes.decode* functions (src/lib/bytes.ts). */
// @ts-ignore: decorator
@inline const ASCII = 0;
// @ts-ignore: decorator
@inline const LATIN1 = 1;
// @ts-ignore: decorator
@inline const UTF8 = 2;
// @ts-ignore: decorator
@inline const UTF16 = 3;
// @ts-ignore: decorator
@inline const UTF16BE = 4;
// @ts-ignore: decorator
@inline const UTF16LE = 5;

/** Whether every UTF-16 unit is at most `limit` (maxCodeUnit: the string tests of isAscii, isLatin1). */
export function textAtMost(s: String, limit: u32): bool {
  const n = s.length;
  for (let i = 0; i < n; i++) if (<u32>s.charCodeAt(i) > limit) return false;
  return true;
}

/** Whether the text is well-formed UTF-16: no lone surrogates (wellFormed). */
export function textWellFormed(s: String): bool {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = <u32>s.charCodeAt(i);
    if (c - 0xd800 < 0x400) {
      if (i + 1 >= n || (<u32>s.charCodeAt(i + 1) & 0xfc00) != 0xdc00) return false;
      i++;
    } else if (c - 0xdc00 < 0x400) return false;
  }
  return true;
}

/** bytes.encode*: the text as bytes by `conversion`, or null. */
export function textEncode(s: String, conversion: i32): Uint8Array | null {
  const n = s.length;
  if (conversion == ASCII || conversion == LATIN1) {
    if (!textAtMost(s, conversion == ASCII ? 0x7f : 0xff)) return null;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) unchecked((out[i] = <u8>s.charCodeAt(i)));
    return out;
  }
  if (!textWellFormed(s)) return null;
  if (conversion == UTF8) return utf8Encode(s);
  const bom = conversion == UTF16 ? 2 : 0;
  const hi = conversion == UTF16LE ? 1 : 0;
  const out = new Uint8Array(bom + 2 * n);
  if (bom) {
    unchecked((out[0] = 0xfe));
    unchecked((out[1] = 0xff));
  }
  for (let i = 0; i < n; i++) {
    const c = <u32>s.charCodeAt(i);
    unchecked((out[bom + 2 * i + hi] = <u8>(c >> 8)));
    unchecked((out[bom + 2 * i + 1 - hi] = <u8>c));
  }
  return out;
}

/** Well-formed text as UTF-8 (The Unicode Standard, table 3-6). */
function utf8Encode(s: String): Uint8Array {
  const n = s.length;
  let size = 0;
  for (let i = 0; i < n; i++) {
    const c = <u32>s.charCodeAt(i);
    if (c < 0x80) size += 1;
    else if (c < 0x800) size += 2;
    else if (c - 0xd800 < 0x400) {
      size += 4;
      i++;
    } else size += 3;
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (let i = 0; i < n; i++) {
    let c = <u32>s.charCodeAt(i);
    if (c < 0x80) {
      unchecked((out[o++] = <u8>c));
    } else if (c < 0x800) {
      unchecked((out[o++] = <u8>(0xc0 | (c >> 6))));
      unchecked((out[o++] = <u8>(0x80 | (c & 0x3f))));
    } else if (c - 0xd800 < 0x400) {
      c = ((c - 0xd800) << 10) + (<u32>s.charCodeAt(++i) - 0xdc00) + 0x10000;
      unchecked((out[o++] = <u8>(0xf0 | (c >> 18))));
      unchecked((out[o++] = <u8>(0x80 | ((c >> 12) & 0x3f))));
      unchecked((out[o++] = <u8>(0x80 | ((c >> 6) & 0x3f))));
      unchecked((out[o++] = <u8>(0x80 | (c & 0x3f))));
    } else {
      unchecked((out[o++] = <u8>(0xe0 | (c >> 12))));
      unchecked((out[o++] = <u8>(0x80 | ((c >> 6) & 0x3f))));
      unchecked((out[o++] = <u8>(0x80 | (c & 0x3f))));
    }
  }
  return out;
}

/** bytes.decode*: the bytes as text by `conversion`, or null (the validity tests of assembly/lib/bytes.ts first). */
export function textDecode(x: Uint8Array, conversion: i32): String | null {
  const n = x.length;
  if (conversion == ASCII || conversion == LATIN1) {
    if (conversion == ASCII && !bytesAtMost(x, 0x7f)) return null;
    const s = changetype<String>(__new(<usize>n << 1, idof<String>()));
    for (let i = 0; i < n; i++) store<u16>(changetype<usize>(s) + (<usize>i << 1), <u16>unchecked(x[i]));
    return s;
  }
  if (conversion == UTF8) return bytesIsUtf8(x) ? utf8Decode(x) : null;
  if (conversion == UTF16) {
    if (!bytesIsUtf16Marked(x)) return null;
    if (n >= 2 && unchecked(x[0]) == 0xfe && unchecked(x[1]) == 0xff) return utf16Decode(x, 2, true);
    if (n >= 2 && unchecked(x[0]) == 0xff && unchecked(x[1]) == 0xfe) return utf16Decode(x, 2, false);
    return utf16Decode(x, 0, true);
  }
  const bigEndian = conversion == UTF16BE;
  return bytesIsUtf16(x, 0, bigEndian) ? utf16Decode(x, 0, bigEndian) : null;
}

/** Well-formed UTF-8 (bytesIsUtf8) as text. */
function utf8Decode(x: Uint8Array): String {
  const n = x.length;
  let units = 0;
  for (let i = 0; i < n; i++) {
    const b = <u32>unchecked(x[i]);
    if ((b & 0xc0) != 0x80) units += b >= 0xf0 ? 2 : 1; // (one per lead byte; two for a pair)
  }
  const s = changetype<String>(__new(<usize>units << 1, idof<String>()));
  let at = changetype<usize>(s);
  for (let i = 0; i < n; ) {
    const b = <u32>unchecked(x[i]);
    let c: u32;
    if (b < 0x80) {
      c = b;
      i += 1;
    } else if (b < 0xe0) {
      c = ((b & 0x1f) << 6) | (<u32>unchecked(x[i + 1]) & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      c = ((b & 0x0f) << 12) | ((<u32>unchecked(x[i + 1]) & 0x3f) << 6) | (<u32>unchecked(x[i + 2]) & 0x3f);
      i += 3;
    } else {
      c = ((b & 0x07) << 18) | ((<u32>unchecked(x[i + 1]) & 0x3f) << 12) | ((<u32>unchecked(x[i + 2]) & 0x3f) << 6) | (<u32>unchecked(x[i + 3]) & 0x3f);
      i += 4;
      c -= 0x10000;
      store<u16>(at, <u16>(0xd800 + (c >> 10)));
      at += 2;
      c = 0xdc00 + (c & 0x3ff);
    }
    store<u16>(at, <u16>c);
    at += 2;
  }
  return s;
}

/** Well-formed UTF-16 bytes from `from` on (bytesIsUtf16) as text. */
function utf16Decode(x: Uint8Array, from: i32, bigEndian: bool): String {
  const units = (x.length - from) >> 1;
  const hi = bigEndian ? 0 : 1;
  const s = changetype<String>(__new(<usize>units << 1, idof<String>()));
  for (let i = 0; i < units; i++) {
    const at = from + 2 * i;
    const u = (<u32>unchecked(x[at + hi]) << 8) | <u32>unchecked(x[at + 1 - hi]);
    store<u16>(changetype<usize>(s) + (<usize>i << 1), <u16>u);
  }
  return s;
}

// ---- Base64 (RFC 4648 sec. 4), as src/codec/base64.ts: padded when written, padded or not when read.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** bytes.toBase64. */
export function bytesToBase64(b: Uint8Array): String {
  const n = b.length;
  const units = ((n + 2) / 3) * 4;
  const s = changetype<String>(__new(<usize>units << 1, idof<String>()));
  const out = changetype<usize>(s);
  let o: usize = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (<u32>unchecked(b[i]) << 16) | (<u32>unchecked(b[i + 1]) << 8) | <u32>unchecked(b[i + 2]);
    store<u16>(out + o, <u16>ALPHABET.charCodeAt(v >> 18));
    store<u16>(out + o, <u16>ALPHABET.charCodeAt((v >> 12) & 63), 2);
    store<u16>(out + o, <u16>ALPHABET.charCodeAt((v >> 6) & 63), 4);
    store<u16>(out + o, <u16>ALPHABET.charCodeAt(v & 63), 6);
    o += 8;
  }
  if (i < n) {
    const v = (<u32>unchecked(b[i]) << 16) | (i + 1 < n ? <u32>unchecked(b[i + 1]) << 8 : 0);
    store<u16>(out + o, <u16>ALPHABET.charCodeAt(v >> 18));
    store<u16>(out + o, <u16>ALPHABET.charCodeAt((v >> 12) & 63), 2);
    store<u16>(out + o, i + 1 < n ? <u16>ALPHABET.charCodeAt((v >> 6) & 63) : 61, 4);
    store<u16>(out + o, 61, 6);
  }
  return s;
}

/** The value of a base64 character, or -1. */
function sextet(c: u32): i32 {
  if (c - 65 < 26) return c - 65;
  if (c - 97 < 26) return c - 71;
  if (c - 48 < 10) return c + 4;
  if (c == 43) return 62;
  if (c == 47) return 63;
  return -1;
}

/** bytes.fromBase64: padded or unpadded base64, or null. */
export function bytesFromBase64(s: String): Uint8Array | null {
  const n = s.length;
  let end = n;
  while (end > 0 && s.charCodeAt(end - 1) == 61) end--;
  if (n - end > 2 || end % 4 == 1) return null;
  const out = new Uint8Array((end * 3) / 4);
  let o = 0;
  let acc: u32 = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const v = sextet(<u32>s.charCodeAt(i));
    if (v < 0) return null;
    acc = (acc << 6) | <u32>v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      unchecked((out[o++] = <u8>(acc >> bits)));
    }
  }
  return out;
}
