import { describe, expect, it } from 'vitest';
import { call, score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const INTS = { type: 'array', items: 'int' };
const DOUBLES = { type: 'array', items: 'double' };
const STRINGS = { type: 'array', items: 'string' };
const REC = {
  type: 'record',
  name: 'R',
  fields: [
    { name: 'k', type: 'int' },
    { name: 'tag', type: 'string', order: 'ignore' },
  ],
};
const RECS = { type: 'array', items: REC };

/** Calls fn(a, [n,] lessThan) where lessThan compares ints by absolute value. */
function byAbs(fn: string, a: number[], n: number | undefined, output: unknown): unknown {
  const lt = {
    params: [{ x: 'int' }, { y: 'int' }],
    ret: 'boolean',
    do: { '<': [{ 'm.abs': 'x' }, { 'm.abs': 'y' }] },
  };
  const fields = [
    { name: 'a', type: INTS },
    { name: 'n', type: 'int' },
  ];
  const args = n === undefined ? ['input.a', lt] : ['input.a', 'input.n', lt];
  const doc = { input: { type: 'record', name: 'In', fields }, output, action: { [fn]: args } };
  return score(doc, [{ a, n: n ?? 0 }])[0];
}

bothBackends(() => {
  describe('a: reordering', () => {
    it('a.sort sorts in Avro order, stably (ignored record fields keep input order)', () => {
      expect(call('a.sort', [INTS], INTS, [[3, -1, 2]])).toEqual([-1, 2, 3]);
      expect(call('a.sort', [STRINGS], STRINGS, [['b', 'a', 'B']])).toEqual(['B', 'a', 'b']);
      expect(call('a.sort', [DOUBLES], DOUBLES, [['nan', 1, '-inf']])).toEqual(['-inf', 1, 'nan']);
      const recs = [
        { k: 2, tag: 'x' },
        { k: 1, tag: 'y' },
        { k: 2, tag: 'a' },
      ];
      expect(call('a.sort', [RECS], RECS, [recs])).toEqual([
        { k: 1, tag: 'y' },
        { k: 2, tag: 'x' },
        { k: 2, tag: 'a' },
      ]);
    });

    it('a.sortLT sorts with a lessThan function, stably', () => {
      const doc = {
        input: INTS,
        output: INTS,
        action: {
          'a.sortLT': [
            'input',
            { params: [{ x: 'int' }, { y: 'int' }], ret: 'boolean', do: { '<': [{ 'm.abs': 'x' }, { 'm.abs': 'y' }] } },
          ],
        },
      };
      expect(score(doc, [[3, -1, 1, -3, 2]])).toEqual([[-1, 1, 2, 3, -3]]);
    });

    it('a.reverse and a.shuffle keep the items', () => {
      expect(call('a.reverse', [INTS], INTS, [[1, 2, 3]])).toEqual([3, 2, 1]);
      const shuffled = call('a.shuffle', [INTS], INTS, [[1, 2, 3, 4, 5]]) as number[];
      expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5]);
    });
  });

  describe('a: extreme values', () => {
    const a = [3, -5, 5, 1, -5];

    it('a.max/min and argmax/argmin return the first extreme', () => {
      expect(call('a.max', [INTS], 'int', [a])).toBe(5);
      expect(call('a.min', [INTS], 'int', [a])).toBe(-5);
      expect(call('a.argmax', [INTS], 'int', [a])).toBe(2);
      expect(call('a.argmin', [INTS], 'int', [a])).toBe(1);
      expect(call('a.max', [DOUBLES], 'double', [[1, 'nan', 'inf']])).toBe('nan');
    });

    it('the N forms return the n best, ties in input order', () => {
      expect(call('a.maxN', [INTS, 'int'], INTS, [a, 3])).toEqual([5, 3, 1]);
      expect(call('a.minN', [INTS, 'int'], INTS, [a, 2])).toEqual([-5, -5]);
      expect(call('a.argminN', [INTS, 'int'], INTS, [a, 3])).toEqual([1, 4, 3]);
      expect(call('a.argmaxN', [INTS, 'int'], INTS, [a, 10])).toEqual([2, 0, 3, 1, 4]);
      expect(call('a.maxN', [INTS, 'int'], INTS, [a, 0])).toEqual([]);
    });

    it('the LT forms use the lessThan function', () => {
      expect(byAbs('a.maxLT', a, undefined, 'int')).toBe(-5);
      expect(byAbs('a.minLT', a, undefined, 'int')).toBe(1);
      expect(byAbs('a.argmaxLT', a, undefined, 'int')).toBe(1);
      expect(byAbs('a.argminLT', a, undefined, 'int')).toBe(3);
      expect(byAbs('a.maxNLT', a, 2, INTS)).toEqual([-5, 5]);
      expect(byAbs('a.minNLT', a, 2, INTS)).toEqual([1, 3]);
      expect(byAbs('a.argmaxNLT', a, 3, INTS)).toEqual([1, 2, 4]);
      expect(byAbs('a.argminNLT', a, 2, INTS)).toEqual([3, 0]);
    });

    it('raises "empty array" and "n < 0"', () => {
      const cases: [string, number, boolean][] = [
        ['a.max', 15240, false],
        ['a.min', 15250, false],
        ['a.argmax', 15320, false],
        ['a.argmin', 15330, false],
      ];
      for (const [fn, code] of cases)
        expect(call(fn, [INTS], 'int', [[]])).toMatchObject({ code, error: 'empty array' });
      const withN: [string, number][] = [
        ['a.maxN', 15280],
        ['a.minN', 15290],
        ['a.argmaxN', 15360],
        ['a.argminN', 15370],
      ];
      for (const [fn, code] of withN) {
        expect(call(fn, [INTS, 'int'], INTS, [[], 1])).toMatchObject({ code, error: 'empty array' });
        expect(call(fn, [INTS, 'int'], INTS, [[1], -1])).toMatchObject({ code: code + 1, error: 'n < 0' });
      }
      expect(byAbs('a.maxLT', [], undefined, 'int')).toMatchObject({ code: 15260 });
      expect(byAbs('a.minLT', [], undefined, 'int')).toMatchObject({ code: 15270 });
      expect(byAbs('a.argmaxLT', [], undefined, 'int')).toMatchObject({ code: 15340 });
      expect(byAbs('a.argminLT', [], undefined, 'int')).toMatchObject({ code: 15350 });
      for (const [fn, code] of [
        ['a.maxNLT', 15300],
        ['a.minNLT', 15310],
        ['a.argmaxNLT', 15380],
        ['a.argminNLT', 15390],
      ] as const) {
        expect(byAbs(fn, [], 1, INTS)).toMatchObject({ code });
        expect(byAbs(fn, [1], -1, INTS)).toMatchObject({ code: code + 1, error: 'n < 0' });
      }
    });
  });
});
