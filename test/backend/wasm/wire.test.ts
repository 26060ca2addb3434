/**
 * The host side of the wire (src/backend/wasm/wire.ts): what the encoders write must decode to the
 * same value, whatever they remember between calls (map keys by position, and their codes).
 */
import { describe, expect, it } from 'vitest';
import { StringDict, WireReader, WireWriter, wireDecoder, wireEncoder } from '../../../src/backend/wasm/wire.js';
import { decoderFor } from '../../../src/codec/avroJson.js';
import type { AvroType } from '../../../src/types/avro.js';
import type { Value } from '../../../src/values.js';

const scalars: AvroType = {
  kind: 'map',
  values: { kind: 'union', types: [{ kind: 'null' }, { kind: 'string' }, { kind: 'double' }, { kind: 'boolean' }] },
} as AvroType;

function roundTrip(t: AvroType, dict: StringDict, encode: ReturnType<typeof wireEncoder>, v: Value): Value {
  const w = new WireWriter();
  encode(v, w);
  const bytes = w.bytes();
  return wireDecoder(t)(
    new WireReader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 0, dict),
  );
}

describe('wire encoders', () => {
  it('encode maps of scalar unions (aurelius inputs) with the current codes of their keys, in any key order, after the dictionary forgot them', () => {
    const dict = new StringDict();
    dict.code('constant');
    const encode = wireEncoder(scalars, dict);
    const a = new Map<string, Value>([
      ['x', 1.5],
      ['y', null],
      ['z', 'red'],
      ['w', true],
    ]);
    const b = new Map<string, Value>([
      ['y', -0],
      ['x', 'blue'],
      ['q', false],
      ['z', null],
    ]);
    for (const v of [a, a, b, a, b, b, a]) expect(roundTrip(scalars, dict, encode, v)).toEqual(v);
    // Input strings are forgotten (as the Wasm host does past its limit); then coded again in another order.
    dict.truncate(1);
    dict.code('z');
    dict.code('red');
    for (const v of [a, a, b, a]) expect(roundTrip(scalars, dict, encode, v)).toEqual(v);
  });

  it('refuses a map value outside its union instead of writing a wrong branch', () => {
    const dict = new StringDict();
    const encode = wireEncoder(scalars, dict);
    expect(() => encode(new Map<string, Value>([['x', 3n]]), new WireWriter())).toThrow(/wrong type/);
  });

  it('encode bytes and fixed values as their length and whole slots of bytes, padded with zeros', () => {
    const dict = new StringDict();
    const t = { kind: 'array', items: { kind: 'bytes' } } as AvroType;
    const encode = wireEncoder(t, dict);
    const values = [
      [],
      [0],
      [1, 2, 3, 4, 5, 6, 7, 8],
      [255, 0, 128, 1, 2, 3, 4, 5, 6],
      Array.from({ length: 100 }, (_, i) => (i * 37) & 255),
    ].map((b) => Uint8Array.from(b));
    expect(roundTrip(t, dict, encode, values)).toEqual(values);
    const w = new WireWriter();
    // (slots written before and dropped: the padding must not keep their bytes)
    w.putF64(-1);
    w.putF64(-1);
    w.reset();
    wireEncoder({ kind: 'fixed', name: 'F', size: 3 } as AvroType, dict)(Uint8Array.from([9, 8, 7]), w);
    // (the count slot, then one slot: 9 8 7 and five zero bytes)
    expect(Array.from(w.bytes())).toEqual([3, 0, 0, 0, 0, 0, 0, 0, 9, 8, 7, 0, 0, 0, 0, 0]);
  });

  // The numeric shapes have codecs of their own (wireNumbers.ts): the same slots as one putF64 or
  // putI32 per item, also over a buffer holding older bytes (the i32 slots' high halves are zeroed).
  const numberCases: [AvroType, Value, (w: WireWriter) => void][] = [
    [{ kind: 'array', items: { kind: 'double' } } as AvroType, [], (w) => w.putI32(0)],
    [
      { kind: 'array', items: { kind: 'double' } } as AvroType,
      [1.5, -0, Number.NaN, -Infinity, 5e-324],
      (w) => {
        w.putI32(5);
        for (const x of [1.5, -0, Number.NaN, -Infinity, 5e-324]) w.putF64(x);
      },
    ],
    [
      { kind: 'array', items: { kind: 'float' } } as AvroType,
      [Math.fround(0.1), -0],
      (w) => {
        w.putI32(2);
        w.putF64(Math.fround(0.1));
        w.putF64(-0);
      },
    ],
    [
      { kind: 'array', items: { kind: 'int' } } as AvroType,
      [-2147483648, 0, 7, 2147483647],
      (w) => {
        w.putI32(4);
        for (const x of [-2147483648, 0, 7, 2147483647]) w.putI32(x);
      },
    ],
    [
      { kind: 'map', values: { kind: 'double' } } as AvroType,
      new Map<string, Value>([
        ['b', -0],
        ['a', 2.5],
        ['c', Number.NaN],
      ]),
      (w) => {
        w.putI32(3);
        for (const [k, x] of [
          [1, -0],
          [2, 2.5],
          [3, Number.NaN],
        ]) {
          w.putI32(k);
          w.putF64(x);
        }
      },
    ],
    [
      { kind: 'map', values: { kind: 'int' } } as AvroType,
      new Map<string, Value>([
        ['a', -1],
        ['c', 3],
      ]),
      (w) => {
        w.putI32(2);
        w.putI32(2);
        w.putI32(-1);
        w.putI32(3);
        w.putI32(3);
      },
    ],
  ];

  it.each(numberCases.map(([t, v, slots], i) => ({ i, t, v, slots })))(
    'encode numeric shape $i as one put per slot would, over old bytes, and decode it back',
    ({ t, v, slots }) => {
      const dict = new StringDict();
      for (const k of ['constant', 'b', 'a', 'c']) dict.code(k);
      const encode = wireEncoder(t, dict);
      const want = new WireWriter();
      slots(want);
      const w = new WireWriter();
      for (let k = 0; k < 16; k++) w.putF64(-1);
      w.reset();
      // (twice: the second time with the keys remembered by position)
      for (let k = 0; k < 2; k++) {
        w.reset();
        encode(v, w);
        expect(Array.from(w.bytes())).toEqual(Array.from(want.bytes()));
      }
      expect(roundTrip(t, dict, encode, v)).toEqual(v);
    },
  );

  // A record of doubles is read in the object's own key order when that is the schema's
  // (wireNumbers.ts numberRecordEncoder), else by name: the slots must not depend on which.
  it('encode a record of doubles the same whatever its keys order, extra keys or prototype', () => {
    const names = Array.from({ length: 40 }, (_, i) => `f${i}`).concat(['__proto__', 'toString']);
    const t = {
      kind: 'record',
      name: 'R',
      fields: names.map((name, i) => ({ name, type: { kind: i % 3 === 0 ? 'float' : 'double' } })),
    } as AvroType;
    const values = names.map((_, i) => (i % 3 === 0 ? Math.fround(i / 7) : i === 5 ? -0 : i * 1.25 - 3));
    const want = new WireWriter();
    for (const x of values) want.putF64(x);
    const entries = names.map((k, i): [string, Value] => [k, values[i]]);
    const inOrder = decoderFor(t)(Object.fromEntries(entries), '');
    const reversed = Object.fromEntries([...entries].reverse());
    const extra = Object.fromEntries([...entries, ['zzz', 9]]);
    // (an inherited enumerable key: a for-in sees it, reading by name does not)
    const inherited = Object.setPrototypeOf(Object.fromEntries(entries), { zzz: 9 }) as object;
    const encode = wireEncoder(t, new StringDict());
    // (past the pause after a record read by name: FOR_IN_PAUSE is 256)
    for (let k = 0; k < 300; k++)
      for (const v of [inOrder, reversed, inOrder, extra, inherited, inOrder]) {
        const w = new WireWriter();
        encode(v, w);
        expect(Array.from(w.bytes())).toEqual(Array.from(want.bytes()));
      }
    // A record whose keys are the schema's first ones, in order, but not all of them: the walk ends
    // short, and the missing field is read by name (undefined, so NaN on the wire).
    const short = Object.fromEntries(entries.slice(0, -1));
    const wantShort = new WireWriter();
    for (const x of [...values.slice(0, -1), NaN]) wantShort.putF64(x);
    for (let k = 0; k < 300; k++)
      for (const v of [inOrder, short]) {
        const w = new WireWriter();
        encode(v, w);
        expect(Array.from(w.bytes())).toEqual(Array.from((v === short ? wantShort : want).bytes()));
      }
  });
});
