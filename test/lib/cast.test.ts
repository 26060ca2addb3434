/** cast: two's complement truncation (17000, 17010), exact int/long ranges (17020, 17030), fanouts (17060-17100), serialization. */
import { describe, expect, it } from 'vitest';
import { call, callEach, score } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

bothBackends(() => {
  describe('cast: signed and unsigned', () => {
    it('truncate to the given width', () => {
      expect(call('cast.signed', ['long', 'int'], 'long', [255, 8])).toBe(-1n);
      expect(call('cast.signed', ['long', 'int'], 'long', [-129, 8])).toBe(127n);
      expect(call('cast.signed', ['long', 'int'], 'long', [-9223372036854775808n, 64])).toBe(-9223372036854775808n);
      expect(call('cast.unsigned', ['long', 'int'], 'long', [-1, 8])).toBe(255n);
      expect(call('cast.unsigned', ['long', 'int'], 'long', [-1, 63])).toBe(9223372036854775807n);
    });
    it('reject impossible widths', () => {
      for (const bits of [1, 65, 0, -3])
        expect(call('cast.signed', ['long', 'int'], 'long', [5, bits])).toMatchObject({ code: 17000 });
      for (const bits of [0, 64, -1])
        expect(call('cast.unsigned', ['long', 'int'], 'long', [5, bits])).toMatchObject({ code: 17010 });
    });
  });

  describe('cast: precision changes', () => {
    it('int: rounds half up and checks the exact range', () => {
      expect(call('cast.int', ['double'], 'int', [2.5])).toBe(3);
      expect(call('cast.int', ['double'], 'int', [-2.5])).toBe(-2);
      expect(call('cast.int', ['double'], 'int', [-0.4])).toBe(0);
      expect(call('cast.int', ['double'], 'int', [2147483647.4])).toBe(2147483647);
      expect(call('cast.int', ['double'], 'int', [2147483647.5])).toMatchObject({ code: 17020 });
      expect(call('cast.int', ['long'], 'int', [-2147483648])).toBe(-2147483648);
      expect(call('cast.int', ['long'], 'int', [-2147483649])).toMatchObject({ code: 17020 });
      for (const x of ['nan', 'inf', '-inf'])
        expect(call('cast.int', ['float'], 'int', [x])).toMatchObject({ code: 17020 });
    });
    it('long: 2^63 is out of range, -2^63 is in', () => {
      expect(call('cast.long', ['double'], 'long', [-9223372036854775808])).toBe(-9223372036854775808n);
      expect(call('cast.long', ['double'], 'long', [9223372036854775808])).toMatchObject({ code: 17030 });
      expect(call('cast.long', ['double'], 'long', [1e18 + 0.0])).toBe(1000000000000000000n);
      expect(call('cast.long', ['double'], 'long', ['nan'])).toMatchObject({ code: 17030 });
      expect(call('cast.long', ['int'], 'long', [7])).toBe(7n);
    });
    it('float: a long is rounded once', () => {
      // 2^60 + 2^36 + 1 lies just above the midpoint of two floats; via a double it would round down.
      expect(call('cast.float', ['long'], 'float', [(1n << 60n) + (1n << 36n) + 1n])).toBe(2 ** 60 + 2 ** 37);
      expect(call('cast.float', ['double'], 'float', [0.1])).toBe(Math.fround(0.1));
      expect(call('cast.double', ['long'], 'double', [9007199254740993n])).toBe(9007199254740992);
    });
  });

  describe('cast: fanouts', () => {
    const E = { type: 'enum', name: 'E', symbols: ['a', 'b', 'c'] };
    it('enum, dictionary and integer range', () => {
      expect(call('cast.fanoutBoolean', [E], { type: 'array', items: 'boolean' }, ['b'])).toEqual([false, true, false]);
      expect(
        call(
          'cast.fanoutInt',
          ['string', { type: 'array', items: 'string' }, 'boolean'],
          { type: 'array', items: 'int' },
          ['z', ['x', 'y'], true],
        ),
      ).toEqual([0, 0, 1]);
      expect(
        call('cast.fanoutDouble', ['int', 'int', 'int', 'boolean'], { type: 'array', items: 'double' }, [
          3,
          2,
          5,
          false,
        ]),
      ).toEqual([0, 1, 0]);
      expect(
        call('cast.fanoutLong', ['int', 'int', 'int', 'boolean'], { type: 'array', items: 'long' }, [9, 2, 4, true]),
      ).toEqual([0n, 0n, 1n]);
    });
    it("non-distinct dictionaries raise each function's code", () => {
      const cases: [string, string, number][] = [
        ['cast.fanoutBoolean', 'boolean', 17060],
        ['cast.fanoutInt', 'int', 17070],
        ['cast.fanoutLong', 'long', 17080],
        ['cast.fanoutFloat', 'float', 17090],
        ['cast.fanoutDouble', 'double', 17100],
      ];
      for (const [fn, t, code] of cases) {
        expect(
          call(fn, ['string', { type: 'array', items: 'string' }, 'boolean'], { type: 'array', items: t }, [
            'a',
            ['a', 'a'],
            false,
          ]),
        ).toMatchObject({ code });
      }
    });
  });

  describe('cast: serialization', () => {
    it('avro: Avro binary of any value', () => {
      const R = {
        type: 'record',
        name: 'R',
        fields: [
          { name: 'x', type: 'int' },
          { name: 'y', type: 'string' },
        ],
      };
      expect(call('cast.avro', [R], 'bytes', [{ x: -1, y: 'hi' }])).toBe(
        Buffer.from([1, 4, 104, 105]).toString('base64'),
      );
      expect(call('cast.avro', [['null', 'double']], 'bytes', [null])).toBe('AA==');
    });
    it('json: compact Avro-JSON', () => {
      expect(call('cast.json', [{ type: 'array', items: 'long' }], 'string', [[1, 2]])).toBe('[1,2]');
      expect(call('cast.json', [['null', 'string']], 'string', [{ string: 'a' }])).toBe('{"string":"a"}');
    });
  });

  describe('cast in Wasm', () => {
    it('signed and unsigned: the same bits and the same width errors', () => {
      const cases = [
        [255, 8],
        [-129, 8],
        [-9223372036854775808n, 64],
        [-1, 63],
        [-1, 1],
        [5, 65],
        [5, 0],
        [1n << 62n, 2],
      ];
      const signed = callEach('cast.signed', ['long', 'int'], 'long', cases);
      expect(signed.slice(0, 3)).toEqual([-1n, 127n, -9223372036854775808n]);
      expect(signed[5]).toMatchObject({ code: 17000 });
      const unsigned = callEach('cast.unsigned', ['long', 'int'], 'long', cases);
      expect(unsigned[3]).toBe(9223372036854775807n);
      expect(unsigned[2]).toMatchObject({ code: 17010 });
    }, 120_000);

    it('fanouts over an enum, a dictionary of strings and an int range', () => {
      const E = { type: 'enum', name: 'Colour', symbols: ['red', 'green', 'blue'] };
      const In = {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'e', type: E },
          { name: 's', type: 'string' },
          { name: 'd', type: { type: 'array', items: 'string' } },
          { name: 'i', type: 'int' },
          { name: 'lo', type: 'int' },
          { name: 'hi', type: 'int' },
          { name: 'o', type: 'boolean' },
        ],
      };
      const arr = (t: string) => ({ type: 'array', items: t });
      const Out = {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'b', type: arr('boolean') },
          { name: 'i', type: arr('int') },
          { name: 'l', type: arr('long') },
          { name: 'f', type: arr('float') },
          { name: 'd', type: arr('double') },
          { name: 'r', type: arr('double') },
        ],
      };
      const doc = {
        input: In,
        output: Out,
        action: {
          type: 'Out',
          new: {
            b: { 'cast.fanoutBoolean': ['input.e'] },
            i: { 'cast.fanoutInt': ['input.s', 'input.d', 'input.o'] },
            l: { 'cast.fanoutLong': ['input.s', 'input.d', 'input.o'] },
            f: { 'cast.fanoutFloat': ['input.i', 'input.lo', 'input.hi', 'input.o'] },
            d: { 'cast.fanoutDouble': ['input.e'] },
            r: { 'cast.fanoutDouble': ['input.i', 'input.lo', 'input.hi', 'input.o'] },
          },
        },
      };
      const row = (e: string, s: string, d: string[], i: number, lo: number, hi: number, o: boolean) => ({
        e,
        s,
        d,
        i,
        lo,
        hi,
        o,
      });
      const out = score(doc, [
        row('green', 'b', ['a', 'b', 'c'], 3, 2, 5, true),
        row('red', 'z', ['a', 'b'], 9, 2, 5, true),
        row('blue', 'a', ['a'], 1, 5, 2, false),
        row('blue', 'a', ['a', 'b', 'a'], 1, 0, 3, false),
      ]);
      expect(out[0]).toEqual({
        b: [false, true, false],
        i: [0, 1, 0, 0],
        l: [0n, 1n, 0n, 0n],
        f: [0, 1, 0, 0],
        d: [0, 1, 0],
        r: [0, 1, 0, 0],
      });
      expect(out[1]).toMatchObject({ i: [0, 0, 1], r: [0, 0, 0, 1] });
      expect(out[2]).toMatchObject({ i: [1], f: [], r: [] });
      expect(out[3]).toMatchObject({ code: 17070 });
    }, 120_000);
  });
});
