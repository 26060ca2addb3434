/** rand: ranges, reproducibility under randseed, and every documented error. */
import { describe, expect, it } from 'vitest';
import { call, score } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

/** A document that calls `fn` on the input record's fields, with a fixed seed. */
function seeded(fn: string, types: unknown[], output: unknown, seed = 12345) {
  const fields = types.map((t, i) => ({ name: `a${i}`, type: t }));
  return {
    input: { type: 'record', name: 'Args', fields },
    output,
    randseed: seed,
    action: { [fn]: fields.map((f) => `input.${f.name}`) },
  };
}
const args = (...xs: unknown[]) => Object.fromEntries(xs.map((x, i) => [`a${i}`, x]));
const STR_ARR = { type: 'array', items: 'string' };

bothBackends(() => {
  describe('rand', () => {
    it('is reproducible under randseed, and the seed matters', () => {
      const doc = seeded('rand.double', ['double', 'double'], 'double');
      const inputs = Array.from({ length: 5 }, () => args(0, 1));
      const a = score(doc, inputs),
        b = score(doc, inputs);
      expect(a).toEqual(b);
      expect(new Set(a).size).toBe(5);
      expect(score(seeded('rand.double', ['double', 'double'], 'double', 99), inputs)).not.toEqual(a);
    });

    it('int, long, float and double stay in [low, high)', () => {
      const n = 200;
      const ints = score(
        seeded('rand.int', ['int', 'int'], 'int'),
        Array.from({ length: n }, () => args(-3, 4)),
      ) as number[];
      expect(ints.every((v) => Number.isInteger(v) && v >= -3 && v < 4)).toBe(true);
      expect(new Set(ints).size).toBe(7);
      const longs = score(
        seeded('rand.long', ['long', 'long'], 'long'),
        Array.from({ length: n }, () => args(-(2n ** 62n), 2n ** 62n)),
      ) as bigint[];
      expect(longs.every((v) => typeof v === 'bigint' && v >= -(2n ** 62n) && v < 2n ** 62n)).toBe(true);
      const floats = score(
        seeded('rand.float', ['float', 'float'], 'float'),
        Array.from({ length: n }, () => args(1, 2)),
      ) as number[];
      expect(floats.every((v) => v >= 1 && v <= 2 && Math.fround(v) === v)).toBe(true);
      const wide = score(
        seeded('rand.double', ['double', 'double'], 'double'),
        Array.from({ length: 50 }, () => args(-1e308, 1e308)),
      ) as number[];
      expect(wide.every((v) => Number.isFinite(v))).toBe(true);
      const full = score(
        seeded('rand.int', [], 'int'),
        Array.from({ length: n }, () => ({})),
      ) as number[];
      expect(full.every((v) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31)).toBe(true);
      const fullLong = score(seeded('rand.long', [], 'long'), [{}]) as bigint[];
      expect(typeof fullLong[0]).toBe('bigint');
    });

    it('high <= low is an error in int, long, float, double (34000-34030)', () => {
      expect(call('rand.int', ['int', 'int'], 'int', [3, 3])).toMatchObject({ code: 34000 });
      expect(call('rand.long', ['long', 'long'], 'long', [3n, 2n])).toMatchObject({ code: 34010 });
      expect(call('rand.float', ['float', 'float'], 'float', [1, 1])).toMatchObject({ code: 34020 });
      expect(call('rand.double', ['double', 'double'], 'double', [2, 1])).toMatchObject({ code: 34030 });
    });

    it('choice, choices and sample draw from the population', () => {
      const pop = ['a', 'b', 'c', 'd'];
      expect(pop).toContain(call('rand.choice', [STR_ARR], 'string', [pop]));
      const cs = call('rand.choices', ['int', STR_ARR], STR_ARR, [10, pop]) as string[];
      expect(cs).toHaveLength(10);
      expect(cs.every((c) => pop.includes(c))).toBe(true);
      expect(call('rand.choices', ['int', STR_ARR], STR_ARR, [-1, pop])).toEqual([]);
      const s = call('rand.sample', ['int', STR_ARR], STR_ARR, [4, pop]) as string[];
      expect([...s].sort()).toEqual(pop);
    });

    it('empty populations and oversized samples (34040, 34050, 34060, 34061)', () => {
      expect(call('rand.choice', [STR_ARR], 'string', [[]])).toMatchObject({ code: 34040 });
      expect(call('rand.choices', ['int', STR_ARR], STR_ARR, [0, []])).toMatchObject({ code: 34050 });
      expect(call('rand.sample', ['int', STR_ARR], STR_ARR, [1, []])).toMatchObject({ code: 34060 });
      expect(call('rand.sample', ['int', STR_ARR], STR_ARR, [3, ['a', 'b']])).toMatchObject({ code: 34061 });
    });

    it('histogram: indexes and records by weight; errors 34070-34072 checked item by item', () => {
      const D = { type: 'array', items: 'double' };
      expect(call('rand.histogram', [D], 'int', [[0, 0, 5, 0]])).toBe(2);
      const huge = score(
        seeded('rand.histogram', [D], 'int'),
        Array.from({ length: 200 }, () => args([1e308, 1e308])),
      ) as number[];
      expect(new Set(huge)).toEqual(new Set([0, 1]));
      const R = {
        type: 'record',
        name: 'R',
        fields: [
          { name: 'prob', type: 'double' },
          { name: 'v', type: 'string' },
        ],
      };
      expect(
        call('rand.histogram', [{ type: 'array', items: R }], 'R', [
          [
            { prob: 0, v: 'no' },
            { prob: 1, v: 'yes' },
          ],
        ]),
      ).toEqual({ prob: 1, v: 'yes' });
      expect(call('rand.histogram', [D], 'int', [[]])).toMatchObject({ code: 34070 });
      expect(call('rand.histogram', [D], 'int', [[0, 0]])).toMatchObject({ code: 34070 });
      expect(call('rand.histogram', [D], 'int', [[1, 'nan']])).toMatchObject({ code: 34071 });
      expect(call('rand.histogram', [D], 'int', [[1, '-inf', -1]])).toMatchObject({ code: 34071 });
      expect(call('rand.histogram', [D], 'int', [[1, -1, 'inf']])).toMatchObject({ code: 34072 });
    });

    it('string: sizes, populations (by code point) and ranges', () => {
      const s = call('rand.string', ['int'], 'string', [20]) as string;
      expect([...s]).toHaveLength(20);
      const p = call('rand.string', ['int', 'string'], 'string', [30, 'x\u{1F600}']) as string;
      expect([...p].every((c) => c === 'x' || c === '\u{1F600}')).toBe(true);
      expect([...p]).toHaveLength(30);
      const r = call('rand.string', ['int', 'int', 'int'], 'string', [50, 97, 100]) as string;
      expect(/^[abc]{50}$/.test(r)).toBe(true);
    });

    it('string errors 34080-34083', () => {
      expect(call('rand.string', ['int'], 'string', [0])).toMatchObject({ code: 34080 });
      expect(call('rand.string', ['int', 'string'], 'string', [-1, 'ab'])).toMatchObject({ code: 34080 });
      expect(call('rand.string', ['int', 'int', 'int'], 'string', [5, 64, 64])).toMatchObject({ code: 34081 });
      expect(call('rand.string', ['int', 'int', 'int'], 'string', [5, 0, 64])).toMatchObject({ code: 34082 });
      expect(call('rand.string', ['int', 'int', 'int'], 'string', [5, 64, 0xd801])).toMatchObject({ code: 34082 });
      expect(call('rand.string', ['int', 'string'], 'string', [1, ''])).toMatchObject({ code: 34083 });
    });

    it('bytes and its errors 34090-34093', () => {
      expect(call('rand.bytes', ['int'], 'bytes', [6])).toMatch(/^[A-Za-z0-9+/]{8}$/);
      expect(call('rand.bytes', ['int', 'bytes'], 'bytes', [3, 'QUFB'])).toBe('QUFB'); // population "AAA"
      expect(call('rand.bytes', ['int', 'int', 'int'], 'bytes', [3, 65, 66])).toBe('QUFB');
      expect(call('rand.bytes', ['int'], 'bytes', [0])).toMatchObject({ code: 34090 });
      expect(call('rand.bytes', ['int', 'int', 'int'], 'bytes', [3, 7, 7])).toMatchObject({ code: 34091 });
      expect(call('rand.bytes', ['int', 'int', 'int'], 'bytes', [3, -1, 7])).toMatchObject({ code: 34092 });
      expect(call('rand.bytes', ['int', 'int', 'int'], 'bytes', [3, 0, 257])).toMatchObject({ code: 34092 });
      expect(call('rand.bytes', ['int', 'bytes'], 'bytes', [3, ''])).toMatchObject({ code: 34093 });
    });

    it('uuid4 and uuid have the spec form', () => {
      for (const fn of ['rand.uuid4', 'rand.uuid']) {
        expect(call(fn, [], 'string', [])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
      }
    });

    it('gaussian deviates have about the right mean and spread', () => {
      const xs = score(
        seeded('rand.gaussian', ['double', 'double'], 'double'),
        Array.from({ length: 4000 }, () => args(10, 2)),
      ) as number[];
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
      expect(Math.abs(mean - 10)).toBeLessThan(0.15);
      expect(Math.abs(sd - 2)).toBeLessThan(0.15);
    });
  });
});
