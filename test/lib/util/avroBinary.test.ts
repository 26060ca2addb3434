import { describe, expect, it } from 'vitest';
import { avroBinary, setKey } from '../../../src/lib/util/avroBinary.js';
import { AvroType, T, arrayOf, mapOf } from '../../../src/types/avro.js';
import { makeRecord } from '../../../src/values.js';

const hex = (t: AvroType, v: unknown) => Buffer.from(avroBinary(t, v)).toString('hex');

describe('avroBinary (Avro 1.x binary encoding)', () => {
  it('zig-zag varints for int and long', () => {
    const table: [number, string][] = [
      [0, '00'],
      [-1, '01'],
      [1, '02'],
      [-64, '7f'],
      [64, '8001'],
      [2147483647, 'feffffff0f'],
      [-2147483648, 'ffffffff0f'],
    ];
    for (const [x, want] of table) expect(hex(T.int, x)).toBe(want);
    expect(hex(T.long, 9223372036854775807n)).toBe('feffffffffffffffff01');
    expect(hex(T.long, -9223372036854775808n)).toBe('ffffffffffffffffff01');
  });

  it('little-endian IEEE floats, length-prefixed strings and bytes, raw fixed', () => {
    expect(hex(T.float, 1)).toBe('0000803f');
    expect(hex(T.double, -2)).toBe('00000000000000c0');
    expect(hex(T.string, 'é')).toBe('04c3a9');
    expect(hex(T.bytes, new Uint8Array([1, 2]))).toBe('040102');
    expect(hex({ kind: 'fixed', name: 'F', size: 2 }, new Uint8Array([1, 2]))).toBe('0102');
    expect(hex(T.null, null)).toBe('');
    expect(hex(T.boolean, true)).toBe('01');
  });

  it('one block per non-empty array or map, then a zero count', () => {
    expect(hex(arrayOf(T.int), [])).toBe('00');
    expect(hex(arrayOf(T.int), [1, 2])).toBe('04020400');
    expect(hex(mapOf(T.int), new Map([['a', 1]]))).toBe('0202610200');
  });

  it('records field by field, enums by index, unions by branch then value', () => {
    const rec: AvroType = {
      kind: 'record',
      name: 'R',
      fields: [
        { name: 'x', type: T.int },
        { name: 'y', type: T.string },
      ],
    };
    const r = makeRecord();
    r.x = 1;
    r.y = 'a';
    expect(hex(rec, r)).toBe('020261');
    expect(hex({ kind: 'enum', name: 'E', symbols: ['a', 'b', 'c'] }, 'c')).toBe('04');
    const u: AvroType = { kind: 'union', types: [T.null, T.double] };
    expect(hex(u, null)).toBe('00');
    expect(hex(u, 1)).toBe('02000000000000f03f');
  });

  it('setKey is the base64 of the encoding', () => {
    expect(setKey(T.int, 1)).toBe('Ag==');
    expect(setKey(T.string, 'hi')).toBe('BGhp');
  });
});
