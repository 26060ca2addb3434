/**
 * "pack" and "unpack" (spec sec. 5.11) on both backends: every format in both byte orders, with
 * byte layouts written out here (not taken from either backend), the errors and their order, and
 * unpack's test of fit (too short, left over, no terminator) with and without "else". The Wasm
 * pass must also answer exactly as the JS pass did (helpers/backends.ts).
 */
import { describe, expect, it } from 'vitest';
import { score } from '../../../helpers/pfa.js';
import { bothBackends } from '../../../helpers/backends.js';
import { PFAEngine, PfaError } from '../../../../src/index.js';

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const hex = (o: unknown) => Buffer.from(o as string, 'base64').toString('hex');
const fail = (code: number | undefined, error: string) => ({ error, code });

/** The bytes `spec` packs of each input (of PFA type `type`), as hex. */
function packed(spec: string, type: string, inputs: unknown[]): unknown[] {
  const doc = { input: type, output: 'bytes', action: { pack: [{ [spec]: 'input' }] } };
  return score(doc, inputs).map((o) => (typeof o === 'string' ? hex(o) : o));
}

/** The value `spec` unpacks from each input (hex), or null when the bytes do not fit. */
function unpacked(spec: string, type: string, inputs: string[]): unknown[] {
  const doc = {
    input: 'bytes',
    output: ['null', type],
    action: { unpack: 'input', format: [{ x: spec }], then: 'x', else: null },
  };
  return score(doc, inputs.map(b64));
}

/** ToBigUint64(BigInt(x)) as hex: what "unsigned long" writes of an integral double. */
const u64 = (x: number) => BigInt.asUintN(64, BigInt(x)).toString(16).padStart(16, '0');

bothBackends(() => {
  describe('pack: numbers in every format and byte order', () => {
    it('writes 8-bit integers modulo 2^8', () => {
      expect(packed('byte', 'int', [1, -1, 300])).toEqual(['01', 'ff', '2c']);
      expect(packed('unsigned int8', 'int', [255, -1])).toEqual(['ff', 'ff']);
    });

    it('writes 16-bit integers big-endian by default, little-endian on request', () => {
      expect(packed('short', 'int', [258, -2])).toEqual(['0102', 'fffe']);
      expect(packed('<int16', 'int', [258])).toEqual(['0201']);
      expect(packed('unsigned short', 'int', [65535, 65537])).toEqual(['ffff', '0001']);
      expect(packed('little unsigned short', 'int', [258])).toEqual(['0201']);
    });

    it('writes 32-bit integers; unsigned int of a long as Number() rounds it', () => {
      expect(packed('int', 'int', [0x01020304, -1])).toEqual(['01020304', 'ffffffff']);
      expect(packed('<int32', 'int', [0x01020304])).toEqual(['04030201']);
      expect(packed('network int', 'int', [0x01020304])).toEqual(['01020304']);
      // 2^53 + 1 rounds to 2^53 (low bits 0); 2^63 - 1 rounds to 2^63, past i64 (low bits 0)
      expect(packed('unsigned int', 'long', [4294967295, -1, 9007199254740993n, 9223372036854775807n])).toEqual([
        'ffffffff',
        'ffffffff',
        '00000000',
        '00000000',
      ]);
      expect(packed('<unsigned int32', 'long', [1, 4294967297])).toEqual(['01000000', '01000000']);
    });

    it('writes 64-bit integers; unsigned long of a double truncated, modulo 2^64', () => {
      expect(packed('long', 'long', [-2, 0x0102030405060708n])).toEqual(['fffffffffffffffe', '0102030405060708']);
      expect(packed('<int64', 'long', [0x0102030405060708n])).toEqual(['0807060504030201']);
      const xs = [1.5, -1, -0.5, 1e30, 2 ** 64 + 4096, -(2 ** 64 + 4096), 2 ** 63, -1e300];
      expect(packed('unsigned long', 'double', xs)).toEqual(xs.map((x) => u64(Math.trunc(x))));
      expect(packed('<unsigned long long', 'double', [1])).toEqual(['0100000000000000']);
    });

    it('writes IEEE floats and doubles, -0 included', () => {
      expect(packed('float', 'float', [1.5, -0])).toEqual(['3fc00000', '80000000']);
      expect(packed('<float32', 'float', [1.5])).toEqual(['0000c03f']);
      expect(packed('double', 'double', [1.5, -0, Infinity])).toEqual([
        '3ff8000000000000',
        '8000000000000000',
        '7ff0000000000000',
      ]);
      expect(packed('little float64', 'double', [1.5])).toEqual(['000000000000f83f']);
    });

    it('refuses unsigned long of NaN or an infinity on both backends alike', () => {
      const message = 'unsigned long cannot hold a non-finite number';
      expect(packed('unsigned long', 'double', [NaN, -Infinity])).toEqual([
        fail(undefined, message),
        fail(undefined, message),
      ]);
    });
  });

  describe('pack: booleans, pad and bytes', () => {
    const text = (s: string) => ({ 'bytes.encodeUtf8': [{ string: s }] });

    it('concatenates items; strings go in as their UTF-8 bytes, non-ASCII included', () => {
      const doc = {
        input: 'bytes',
        output: 'bytes',
        action: {
          pack: [
            { boolean: true },
            { pad: null },
            { boolean: false },
            { raw: 'input' },
            { 'raw 2': { base64: 'AAE=' } }, // 00 01
            { 'null terminated': text('é€') },
            { 'length prefixed': text('é€') },
            { 'length prefixed': text('') },
          ],
        },
      };
      expect(score(doc, [b64('abcd'), '']).map(hex)).toEqual([
        '010000abcd0001c3a9e282ac0005c3a9e282ac00',
        '0100000001c3a9e282ac0005c3a9e282ac00',
      ]);
    });

    it('raises 3001 past 255 bytes and 3000 for raw N of another size, the first item first', () => {
      const doc = {
        input: 'bytes',
        output: 'bytes',
        action: { pack: [{ 'length prefixed': 'input' }, { 'raw 3': 'input' }] },
      };
      expect(score(doc, [b64('000102'), b64('00'.repeat(256)), b64('00')])).toEqual([
        b64('03000102000102'),
        fail(3001, 'length prefixed bytes is larger than 255 bytes'),
        fail(3000, 'raw bytes does not have specified size'),
      ]);
    });

    it('takes raw N past 2^31 as a size no bytes have', () => {
      const doc = { input: 'bytes', output: 'bytes', action: { pack: [{ 'raw 99999999999': 'input' }] } };
      expect(score(doc, [b64('00')])).toEqual([fail(3000, 'raw bytes does not have specified size')]);
      const back = {
        input: 'bytes',
        output: 'int',
        action: { unpack: 'input', format: [{ x: 'raw 4294967297' }], then: 1, else: 0 },
      };
      expect(score(back, [b64('00')])).toEqual([0]);
    });

    it('computes every value before checking any size', () => {
      const doc = {
        input: 'bytes',
        output: 'bytes',
        action: { pack: [{ 'raw 3': 'input' }, { int: { '//': [1, { 'bytes.len': 'input' }] } }] },
      };
      expect(score(doc, [b64(''), b64('00')])).toEqual([
        fail(18040, 'integer division by zero'),
        fail(3000, 'raw bytes does not have specified size'),
      ]);
    });
  });

  describe('unpack: every format and byte order', () => {
    it('reads integers signed or unsigned, in either order', () => {
      expect(unpacked('byte', 'int', ['ff', '7f'])).toEqual([{ int: -1 }, { int: 127 }]);
      expect(unpacked('unsigned byte', 'int', ['ff'])).toEqual([{ int: 255 }]);
      expect(unpacked('short', 'int', ['fffe', '0102'])).toEqual([{ int: -2 }, { int: 258 }]);
      expect(unpacked('<unsigned short', 'int', ['fffe'])).toEqual([{ int: 0xfeff }]);
      expect(unpacked('<int', 'int', ['04030201', 'ffffff7f'])).toEqual([{ int: 0x01020304 }, { int: 0x7fffffff }]);
      expect(unpacked('unsigned int', 'long', ['ffffffff'])).toEqual([{ long: 4294967295n }]);
      expect(unpacked('big long', 'long', ['fffffffffffffffe'])).toEqual([{ long: -2n }]);
      expect(unpacked('<long', 'long', ['0807060504030201'])).toEqual([{ long: 0x0102030405060708n }]);
    });

    it('reads unsigned long as the nearest double and floats bit for bit', () => {
      expect(unpacked('unsigned long', 'double', ['ffffffffffffffff', '0000000000000401'])).toEqual([
        { double: 18446744073709551616 },
        { double: 1025 },
      ]);
      expect(unpacked('float', 'float', ['3fc00000', '80000000'])).toEqual([{ float: 1.5 }, { float: -0 }]);
      expect(unpacked('<double', 'double', ['000000000000f83f'])).toEqual([{ double: 1.5 }]);
    });

    it("keeps a quiet NaN's payload from bytes to bytes (DataView writes the value it read)", () => {
      const doc = {
        input: 'bytes',
        output: 'bytes',
        action: {
          unpack: 'input',
          format: [{ f: '<float' }, { d: 'double' }],
          then: { pack: [{ double: 'd' }, { '<float': 'f' }, { double: 'f' }] },
          else: { base64: '' },
        },
      };
      // a float NaN with payload 0x123, a negative double NaN with payload 0x123; the float as a
      // double keeps its payload, shifted up (f64.promote_f32 and V8's conversion alike)
      expect(score(doc, [b64('2301c07ffff8000000000123')]).map(hex)).toEqual([
        'fff80000000001232301c07f7ff8002460000000',
      ]);
    });

    it('reads booleans, pad and bytes; strings come back from their UTF-8', () => {
      const doc = {
        input: 'bytes',
        output: { type: 'array', items: 'string' },
        action: {
          unpack: 'input',
          format: [{ a: 'boolean' }, { p: 'pad' }, { r: 'raw 2' }, { n: 'null terminated' }, { l: 'length prefixed' }],
          then: {
            new: [
              { if: 'a', then: { string: 'yes' }, else: { string: 'no' } },
              { 'bytes.toBase64': 'r' },
              { 'bytes.decodeUtf8': 'n' },
              { 'bytes.decodeUtf8': 'l' },
            ],
            type: { type: 'array', items: 'string' },
          },
          else: { value: ['no fit'], type: { type: 'array', items: 'string' } },
        },
      };
      expect(score(doc, [b64('02ff0001c3a9e282ac0003e282ac'), b64('000000010000'), b64('00000001000000')])).toEqual([
        ['yes', 'AAE=', 'é€', '€'],
        ['no', 'AAE=', '', ''],
        ['no fit'],
      ]);
    });
  });

  describe('unpack: bytes that do not fit', () => {
    const doc = {
      input: 'bytes',
      output: ['null', 'int'],
      action: {
        unpack: 'input',
        format: [{ n: 'null terminated' }, { x: 'short' }, { l: 'length prefixed' }],
        then: { '+': [{ 'bytes.len': 'n' }, { '+': ['x', { 'bytes.len': 'l' }] }] },
        else: null,
      },
    };

    it('runs else when bytes are short, left over, unterminated or under-length', () => {
      const inputs = ['61000002020000', '6100000201', '610000020001', '6100000205aabb', '616263', '6100', ''];
      expect(score(doc, inputs.map(b64))).toEqual([{ int: 1 + 2 + 2 }, null, null, null, null, null, null]);
    });

    it('without else: then runs only when they fit, and the value is null', () => {
      const noElse = {
        input: 'bytes',
        output: 'int',
        cells: { seen: { type: 'int', init: 0 } },
        action: [{ unpack: 'input', format: [{ x: '<short' }], then: { cell: 'seen', to: 'x' } }, { cell: 'seen' }],
      };
      expect(score(noElse, [b64('0201'), b64('02'), b64('020100'), b64('0300')])).toEqual([258, 258, 258, 3]);
    });

    it('nests: unpack of a pack, unpack in then, pack of an unpack, failures inside try', () => {
      const doc = {
        input: 'bytes',
        output: ['null', 'bytes'],
        action: {
          try: {
            unpack: { pack: [{ raw: 'input' }, { '<short': 7 }] },
            format: [{ head: 'raw 2' }, { rest: 'raw 2' }],
            then: {
              unpack: 'rest',
              format: [{ x: '<short' }],
              then: {
                pack: [
                  { 'raw 2': 'head' },
                  { int: { unpack: 'head', format: [{ y: 'short' }], then: { '+': ['x', 'y'] }, else: -1 } },
                ],
              },
              else: { base64: '' },
            },
            else: { pack: [{ 'raw 1': 'input' }] },
          },
        },
      };
      // 0102 then 0700 (7): head 0x0102 = 258, 258 + 7 = 0x109; three bytes do not fit 2 + 2 and
      // raw 1 of them fails inside the try (null)
      expect(score(doc, [b64('0102'), b64('010203'), b64('01')])).toEqual([
        { bytes: b64('010200000109') },
        null,
        { bytes: b64('01') },
      ]);
    });
  });
});

describe('pack: errors name their place in the document', () => {
  for (const backend of ['js', 'wasm'] as const) {
    it(`${backend}: a packing error carries the path of its "pack" form`, async () => {
      const doc = {
        input: 'double',
        output: 'bytes',
        action: [{ let: { x: 1 } }, { pack: [{ 'unsigned long': 'input' }] }],
      };
      const engine = await PFAEngine.create(doc, { backend });
      expect(engine.backend).toBe(backend);
      const e = (() => {
        try {
          engine.action(NaN);
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(e).toBeInstanceOf(PfaError);
      expect((e as PfaError).path).toBe('/action/1');
    });
  }
});
