/**
 * The bytes library (spec sec. "Bytes manipulation"): lengths and slices count bytes; the
 * encoders and decoders are strict, raising the spec's error on anything they cannot convert
 * (lone surrogates, invalid UTF-8, odd-length UTF-16, characters outside ASCII or Latin-1).
 * UTF-16 without a byte-order mark is read as big-endian (the Unicode default), and
 * bytes.encodeUtf16 writes a big-endian mark (FE FF) first.
 */
import { WasmCall, defineFunction, defineNamespace } from './registry.js';
import { sliceBounds } from './util/codepoints.js';
import { base64Decode, base64Encode } from '../codec/base64.js';
import { STRING_TESTS, STRING_TO_BYTES } from './util/stringBytes.js';
import { RT } from '../backend/wasm/emit/names.js';

const len = defineFunction({
  name: 'bytes.len',
  sigs: ['(x: bytes) -> int'],
  js: () => (x: Uint8Array) => x.length,
  wasm: (c) => `${c.args[0]}.length`,
});

const subseq = defineFunction({
  name: 'bytes.subseq',
  sigs: ['(x: bytes, start: int, end: int) -> bytes'],
  js: () => (x: Uint8Array, start: number, end: number) => {
    const [a, b] = sliceBounds(x.length, start, end);
    return x.slice(a, b);
  },
  wasm: (c) => `${RT.bytesSubseq}(${c.args.join(', ')})`,
});

const subseqto = defineFunction({
  name: 'bytes.subseqto',
  sigs: ['(x: bytes, start: int, end: int, replacement: bytes) -> bytes'],
  js: () => (x: Uint8Array, start: number, end: number, replacement: Uint8Array) => {
    const [a, b] = sliceBounds(x.length, start, end);
    const out = new Uint8Array(a + replacement.length + x.length - b);
    out.set(x.subarray(0, a), 0);
    out.set(replacement, a);
    out.set(x.subarray(b), a + replacement.length);
    return out;
  },
  wasm: (c) => `${RT.bytesSubseqto}(${c.args.join(', ')})`,
});

function maxByte(x: Uint8Array, limit: number): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] > limit) return false;
  return true;
}

type Decoder = (x: Uint8Array) => string | undefined;

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

const decodeUtf8 = textDecoder('utf-8');
const decodeUtf16be = textDecoder('utf-16be');
const decodeUtf16le = textDecoder('utf-16le');

function decodeUtf16(x: Uint8Array): string | undefined {
  if (x.length >= 2 && x[0] === 0xfe && x[1] === 0xff) return decodeUtf16be(x.subarray(2));
  if (x.length >= 2 && x[0] === 0xff && x[1] === 0xfe) return decodeUtf16le(x.subarray(2));
  return decodeUtf16be(x);
}

function decodeAscii(x: Uint8Array): string | undefined {
  return maxByte(x, 0x7f) ? decodeLatin1(x) : undefined;
}

function decodeLatin1(x: Uint8Array): string {
  let out = '';
  for (let i = 0; i < x.length; i += 8192) out += String.fromCharCode(...x.subarray(i, i + 8192));
  return out;
}

/**
 * A test with a bytes signature (can these bytes be decoded?) and a string one (encoded?). The Wasm
 * form tests bytes in the kernel (`bytesWasm`: an expression given the argument) and a string's text
 * through the host (`textTest`: its index in STRING_TESTS).
 */
function validity(
  name: string,
  bytesOk: (x: Uint8Array) => boolean,
  textTest: number,
  bytesWasm: (x: string) => string,
) {
  const stringOk = STRING_TESTS[textTest];
  return defineFunction({
    name,
    sigs: ['(x: bytes) -> boolean', '(x: string) -> boolean'],
    js: (site) => (site.sig === 0 ? bytesOk : stringOk),
    wasm: (c) => (c.site.sig === 0 ? bytesWasm(c.args[0]) : `${RT.stringIs}(${c.args[0]}, ${textTest})`),
  });
}

const isAscii = validity(
  'bytes.isAscii',
  (x) => maxByte(x, 0x7f),
  0,
  (x) => `${RT.bytesAtMost}(${x}, 0x7f)`,
);
const isLatin1 = validity(
  'bytes.isLatin1',
  () => true,
  1,
  () => 'true',
);
const isUtf8 = validity(
  'bytes.isUtf8',
  (x) => decodeUtf8(x) !== undefined,
  2,
  (x) => `${RT.bytesIsUtf8}(${x})`,
);
const isUtf16 = validity(
  'bytes.isUtf16',
  (x) => decodeUtf16(x) !== undefined,
  2,
  (x) => `${RT.bytesIsUtf16Marked}(${x})`,
);
const isUtf16be = validity(
  'bytes.isUtf16be',
  (x) => decodeUtf16be(x) !== undefined,
  2,
  (x) => `${RT.bytesIsUtf16}(${x}, 0, true)`,
);
const isUtf16le = validity(
  'bytes.isUtf16le',
  (x) => decodeUtf16le(x) !== undefined,
  2,
  (x) => `${RT.bytesIsUtf16}(${x}, 0, false)`,
);

function decoder(name: string, code: number, decode: Decoder) {
  return defineFunction({
    name,
    sigs: ['(x: bytes) -> string'],
    errors: { invalidBytes: code },
    js: (site) => (x: Uint8Array) => decode(x) ?? site.fail('invalidBytes'),
  });
}

const decAscii = decoder('bytes.decodeAscii', 16090, decodeAscii);
const decLatin1 = decoder('bytes.decodeLatin1', 16100, decodeLatin1);
const decUtf8 = decoder('bytes.decodeUtf8', 16110, decodeUtf8);
const decUtf16 = decoder('bytes.decodeUtf16', 16120, decodeUtf16);
const decUtf16be = decoder('bytes.decodeUtf16be', 16130, decodeUtf16be);
const decUtf16le = decoder('bytes.decodeUtf16le', 16140, decodeUtf16le);

/** The Wasm form of a string-to-bytes function: the host converts (STRING_TO_BYTES[conversion]), or it fails with `error`. */
function wasmToBytes(conversion: number, error: string) {
  return (c: WasmCall) => {
    const r = c.temp('Uint8Array | null', `${RT.stringToBytes}(${c.args[0]}, ${conversion})`);
    c.emit(`if (${r} === null) ${c.fail(error)}`);
    return `${r}!`;
  };
}

function encoder(name: string, code: number, conversion: number, unstable = false) {
  const encode = STRING_TO_BYTES[conversion];
  return defineFunction({
    name,
    sigs: ['(s: string) -> bytes'],
    errors: { invalidString: code },
    ...(unstable ? { nondeterministic: 'unstable' as const } : {}),
    js: (site) => (s: string) => encode(s) ?? site.fail('invalidString'),
    wasm: wasmToBytes(conversion, 'invalidString'),
  });
}

const encAscii = encoder('bytes.encodeAscii', 16150, 0);
const encLatin1 = encoder('bytes.encodeLatin1', 16160, 1);
const encUtf8 = encoder('bytes.encodeUtf8', 16170, 2);
const encUtf16 = encoder('bytes.encodeUtf16', 16180, 3, true);
const encUtf16be = encoder('bytes.encodeUtf16be', 16190, 4);
const encUtf16le = encoder('bytes.encodeUtf16le', 16200, 5);

const toBase64 = defineFunction({
  name: 'bytes.toBase64',
  sigs: ['(x: bytes) -> string'],
  js: () => base64Encode,
});

const fromBase64 = defineFunction({
  name: 'bytes.fromBase64',
  sigs: ['(s: string) -> bytes'],
  errors: { invalidBase64: 16220 },
  js: (site) => (s: string) => base64Decode(s) ?? site.fail('invalidBase64'),
  wasm: wasmToBytes(6, 'invalidBase64'),
});

export default defineNamespace('bytes', [
  len,
  subseq,
  subseqto,
  isAscii,
  isLatin1,
  isUtf8,
  isUtf16,
  isUtf16be,
  isUtf16le,
  decAscii,
  decLatin1,
  decUtf8,
  decUtf16,
  decUtf16be,
  decUtf16le,
  encAscii,
  encLatin1,
  encUtf8,
  encUtf16,
  encUtf16be,
  encUtf16le,
  toBase64,
  fromBase64,
]);
