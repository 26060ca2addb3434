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
import {
  STRING_TO_BYTES,
  decodeAscii,
  decodeLatin1,
  decodeUtf16,
  decodeUtf16be,
  decodeUtf16le,
  decodeUtf8,
  Decoder,
  maxByte,
  maxCodeUnit,
  wellFormed,
} from './util/textBytes.js';
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

/** The tests of a string's text, by the index `validity` is given, and their Wasm forms (of the text). */
const STRING_TESTS: readonly ((s: string) => boolean)[] = [
  (s) => maxCodeUnit(s, 0x7f),
  (s) => maxCodeUnit(s, 0xff),
  wellFormed,
];
const STRING_TESTS_WASM: readonly ((text: string) => string)[] = [
  (t) => `${RT.textAtMost}(${t}, 0x7f)`,
  (t) => `${RT.textAtMost}(${t}, 0xff)`,
  (t) => `${RT.textWellFormed}(${t})`,
];

/** The text of string argument 0 in the kernel (assembly/lib/util/text.ts). */
const text = (c: WasmCall) => `${RT.textOf}(${c.args[0]})`;

/**
 * A test with a bytes signature (can these bytes be decoded?) and a string one (encoded?). The Wasm
 * form tests bytes (`bytesWasm`: an expression given the argument) or a string's text
 * (`textTest`: its index in STRING_TESTS) in the kernel (assembly/lib/util/textBytes.ts).
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
    wasm: (c) => (c.site.sig === 0 ? bytesWasm(c.args[0]) : STRING_TESTS_WASM[textTest](text(c))),
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

/**
 * A conversion that can fail, in Wasm: `made` is an expression of the result or null, `name` the
 * function's error; a made string is interned.
 */
function convertWasm(c: WasmCall, asType: 'String' | 'Uint8Array', made: string, name: string): string {
  const r = c.temp(`${asType} | null`, made);
  c.emit(`if (${r} === null) ${c.fail(name)}`);
  const value = `changetype<${asType}>(${r})`;
  return asType === 'String' ? c.temp('i32', `${RT.textCode}(${value})`) : c.temp(asType, value);
}

// The conversions between text and bytes are numbered in the order of the bytes.encode* and
// bytes.decode* functions (STRING_TO_BYTES; assembly/lib/util/textBytes.ts, textEncode and textDecode).
function decoder(name: string, code: number, decode: Decoder, conversion: number) {
  return defineFunction({
    name,
    sigs: ['(x: bytes) -> string'],
    errors: { invalidBytes: code },
    js: (site) => (x: Uint8Array) => decode(x) ?? site.fail('invalidBytes'),
    wasm: (c) => convertWasm(c, 'String', `${RT.textDecode}(${c.args[0]}, ${conversion})`, 'invalidBytes'),
  });
}

const decAscii = decoder('bytes.decodeAscii', 16090, decodeAscii, 0);
const decLatin1 = decoder('bytes.decodeLatin1', 16100, decodeLatin1, 1);
const decUtf8 = decoder('bytes.decodeUtf8', 16110, decodeUtf8, 2);
const decUtf16 = decoder('bytes.decodeUtf16', 16120, decodeUtf16, 3);
const decUtf16be = decoder('bytes.decodeUtf16be', 16130, decodeUtf16be, 4);
const decUtf16le = decoder('bytes.decodeUtf16le', 16140, decodeUtf16le, 5);

function encoder(name: string, code: number, conversion: number, unstable = false) {
  const encode = STRING_TO_BYTES[conversion];
  return defineFunction({
    name,
    sigs: ['(s: string) -> bytes'],
    errors: { invalidString: code },
    ...(unstable ? { nondeterministic: 'unstable' as const } : {}),
    js: (site) => (s: string) => encode(s) ?? site.fail('invalidString'),
    wasm: (c) => convertWasm(c, 'Uint8Array', `${RT.textEncode}(${text(c)}, ${conversion})`, 'invalidString'),
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
  wasm: (c) => c.temp('i32', `${RT.textCode}(${RT.bytesToBase64}(${c.args[0]}))`),
});

const fromBase64 = defineFunction({
  name: 'bytes.fromBase64',
  sigs: ['(s: string) -> bytes'],
  errors: { invalidBase64: 16220 },
  js: (site) => (s: string) => base64Decode(s) ?? site.fail('invalidBase64'),
  wasm: (c) => convertWasm(c, 'Uint8Array', `${RT.bytesFromBase64}(${text(c)})`, 'invalidBase64'),
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
