/**
 * What a Wasm kernel asks its host about a string's text (host.ts strTest and strBytes; the bytes
 * library's Wasm forms, src/lib/bytes.ts, choose the index). A leaf module: the host loads it in
 * every cold start, and src/lib/bytes.ts would bring the function registry and the Wasm emitter.
 */
import { base64Decode } from '../../codec/base64.js';

/** Does the JS string hold only well-formed UTF-16 (no lone surrogates)? */
function wellFormed(s: string): boolean {
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

function maxCodeUnit(s: string, limit: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > limit) return false;
  return true;
}

// Kernels hold strings as dictionary codes, the host holds their text. Indexes are the kernels'.

/** The tests of a string's text, by the index a kernel passes (host.ts strTest). */
export const STRING_TESTS: readonly ((s: string) => boolean)[] = [
  (s) => maxCodeUnit(s, 0x7f),
  (s) => maxCodeUnit(s, 0xff),
  wellFormed,
];

export type Encoder = (s: string) => Uint8Array | undefined;

function encodeSingle(limit: number): Encoder {
  return (s) => {
    if (!maxCodeUnit(s, limit)) return undefined;
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  };
}

const utf8 = new TextEncoder();

function encodeUtf16(bigEndian: boolean, bom: boolean): Encoder {
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
 * The conversions of a string's text to bytes, by the index a kernel passes (host.ts strBytes):
 * the encoders in the order of their functions in src/lib/bytes.ts, then base64 decoding.
 */
export const STRING_TO_BYTES: readonly Encoder[] = [
  encodeSingle(0x7f),
  encodeSingle(0xff),
  (s) => (wellFormed(s) ? utf8.encode(s) : undefined),
  encodeUtf16(true, true),
  encodeUtf16(true, false),
  encodeUtf16(false, false),
  base64Decode,
];
