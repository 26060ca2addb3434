/**
 * The text codecs of the bytes library (src/lib/bytes.ts), strict: each answers undefined for what
 * it cannot convert (lone surrogates, invalid UTF-8, odd-length UTF-16, characters outside ASCII or
 * Latin-1). UTF-16 without a byte-order mark is read as big-endian (the Unicode default);
 * encodeUtf16 with a mark writes a big-endian one (FE FF).
 */
import { base64Decode } from '../../codec/base64.js';

/** Does the JS string hold only well-formed UTF-16 (no lone surrogates)? */
export function wellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d < 0xdc00 || d > 0xdfff) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

export function maxCodeUnit(s: string, limit: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > limit) return false;
  return true;
}

export function maxByte(x: Uint8Array, limit: number): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] > limit) return false;
  return true;
}

export type Decoder = (x: Uint8Array) => string | undefined;

/** A strict TextDecoder that keeps a leading byte-order mark as a character, as Python and Java do. */
function textDecoder(label: string): Decoder {
  const d = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  return (x) => {
    try {
      return d.decode(x);
    } catch {
      return undefined;
    }
  };
}

// (pure: a bundle that uses none of them, such as the Lambda handler's, leaves them out; each
// strict decoder opens an ICU converter when it is made)
export const decodeUtf8 = /* @__PURE__ */ textDecoder('utf-8');
export const decodeUtf16be = /* @__PURE__ */ textDecoder('utf-16be');
export const decodeUtf16le = /* @__PURE__ */ textDecoder('utf-16le');

export function decodeUtf16(x: Uint8Array): string | undefined {
  if (x.length >= 2 && x[0] === 0xfe && x[1] === 0xff) return decodeUtf16be(x.subarray(2));
  if (x.length >= 2 && x[0] === 0xff && x[1] === 0xfe) return decodeUtf16le(x.subarray(2));
  return decodeUtf16be(x);
}

export function decodeAscii(x: Uint8Array): string | undefined {
  return maxByte(x, 0x7f) ? decodeLatin1(x) : undefined;
}

export function decodeLatin1(x: Uint8Array): string {
  return fromCharCodes(x);
}

/** The string of these UTF-16 units (or Latin-1 bytes), lone surrogates kept; in chunks, for the engine's limit on arguments. */
export function fromCharCodes(x: Uint8Array | Uint16Array): string {
  let out = '';
  for (let i = 0; i < x.length; i += 8192) out += String.fromCharCode(...x.subarray(i, i + 8192));
  return out;
}

export type Encoder = (s: string) => Uint8Array | undefined;

export function encodeSingle(limit: number): Encoder {
  return (s) => {
    if (!maxCodeUnit(s, limit)) return undefined;
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  };
}

const utf8 = /* @__PURE__ */ new TextEncoder();

export function encodeUtf16(bigEndian: boolean, bom: boolean): Encoder {
  return (s) => {
    if (!wellFormed(s)) return undefined;
    const o = bom ? 2 : 0;
    const out = new Uint8Array(o + 2 * s.length);
    if (bom) {
      out[0] = 0xfe;
      out[1] = 0xff;
    }
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      out[o + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
      out[o + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    }
    return out;
  };
}

/**
 * The conversions of a string's text to bytes, in the order of the
 * bytes.encode* functions, then base64 decoding.
 */
export const STRING_TO_BYTES: readonly Encoder[] = [
  /* @__PURE__ */ encodeSingle(0x7f),
  /* @__PURE__ */ encodeSingle(0xff),
  (s) => (wellFormed(s) ? utf8.encode(s) : undefined),
  /* @__PURE__ */ encodeUtf16(true, true),
  /* @__PURE__ */ encodeUtf16(true, false),
  /* @__PURE__ */ encodeUtf16(false, false),
  base64Decode,
];
