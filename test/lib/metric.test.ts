import { describe, expect, it } from 'vitest';
import { call, score } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

const V = { type: 'array', items: 'double' };
const NV = { type: 'array', items: ['null', 'double'] };
const B = { type: 'array', items: 'boolean' };
const code = (o: unknown) => (o as { code?: number }).code;

/** A document calling metric `fn` with metric.absDiff as the similarity, and optional extra arguments. */
function metricDoc(fn: string, extra: { name: string; type: unknown }[] = []) {
  return {
    input: { type: 'record', name: 'In', fields: [{ name: 'x', type: NV }, { name: 'y', type: NV }, ...extra] },
    output: 'double',
    action: { [fn]: [{ fcn: 'metric.absDiff' }, 'input.x', 'input.y', ...extra.map((e) => `input.${e.name}`)] },
  };
}

const W = { name: 'w', type: V };

bothBackends(() => {
  describe('one-dimensional similarities', () => {
    it('computes absDiff, gaussianSimilarity and simpleEuclidean', () => {
      expect(call('metric.absDiff', ['double', 'double'], 'double', [1, 3.5])).toBe(2.5);
      expect(call('metric.gaussianSimilarity', ['double', 'double', 'double'], 'double', [1, 3, 2])).toBeCloseTo(
        0.5,
        15,
      );
      expect(call('metric.gaussianSimilarity', ['double', 'double', 'double'], 'double', [1, 1, 0])).toBe('nan');
      expect(
        call('metric.simpleEuclidean', [V, V], 'double', [
          [0, 0],
          [3, 4],
        ]),
      ).toBe(5);
      expect(code(call('metric.simpleEuclidean', [V, V], 'double', [[0], [3, 4]]))).toBe(28000);
    });
  });

  describe('vectors longer than one clock charge (65,536 items)', () => {
    // (the loops are charged to the clock a run of 65,536 items at a time: lib/util/wasm.ts clockedLoop)
    const x = (n: number) => Array.from({ length: n }, (_, i) => i % 7);
    const y = (n: number) => Array.from({ length: n }, (_, i) => (3 * i) % 5);
    const sumSquares = (n: number) => {
      const [a, b] = [x(n), y(n)];
      return a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0);
    };
    it.each([65_535, 65_536, 65_537, 131_073])('reads all %i items', (n) => {
      expect(call('metric.simpleEuclidean', [V, V], 'double', [x(n), y(n)])).toBe(Math.sqrt(sumSquares(n)));
      expect(score(metricDoc('metric.euclidean'), [{ x: x(n), y: y(n) }])).toEqual([Math.sqrt(sumSquares(n))]);
      const odd = (v: number[]) => v.map((i) => i % 2 === 1);
      const b = y(n);
      const same = x(n).filter((v, i) => v % 2 === b[i] % 2).length;
      expect(call('metric.simpleMatching', [B, B], 'double', [odd(x(n)), odd(y(n))])).toBe(same / n);
    });
  });

  describe('metrics with missing values', () => {
    const x = [{ double: 1 }, null, { double: 5 }];
    const y = [{ double: 4 }, { double: 2 }, { double: 1 }];

    it('scales the sum over present components by the missing-value weights', () => {
      // present components differ by 3 and 4; weights (default 1) give 3/2
      expect(score(metricDoc('metric.euclidean'), [{ x, y }])).toEqual([Math.sqrt(25 * 1.5)]);
      expect(score(metricDoc('metric.squaredEuclidean'), [{ x, y }])).toEqual([25 * 1.5]);
      expect(score(metricDoc('metric.taxicab'), [{ x, y }])).toEqual([7 * 1.5]);
      expect(score(metricDoc('metric.chebyshev'), [{ x, y }])).toEqual([4 * 1.5]);
      expect(score(metricDoc('metric.taxicab', [W]), [{ x, y, w: [1, 2, 1] }])).toEqual([7 * 2]);
    });

    it('returns NaN when every component is missing', () => {
      expect(score(metricDoc('metric.euclidean'), [{ x: [null], y: [{ double: 1 }] }])).toEqual(['nan']);
    });

    it('raises the dimension errors 28030-28060', () => {
      const bad = { x: [null], y: [] };
      expect(code(score(metricDoc('metric.euclidean'), [bad])[0])).toBe(28030);
      expect(code(score(metricDoc('metric.squaredEuclidean'), [bad])[0])).toBe(28040);
      expect(code(score(metricDoc('metric.chebyshev'), [bad])[0])).toBe(28050);
      expect(code(score(metricDoc('metric.taxicab', [W]), [{ x: [null], y: [null], w: [] }])[0])).toBe(28060);
    });

    it('computes Minkowski distances, Chebyshev at p = inf, and checks p (28070, 28071)', () => {
      const P = { name: 'p', type: 'double' };
      const doc = metricDoc('metric.minkowski', [P]);
      expect(score(doc, [{ x, y, p: 1 }])).toEqual([7 * 1.5]);
      expect(score(doc, [{ x, y, p: 3 }])[0] as number).toBeCloseTo(Math.cbrt(91 * 1.5), 13);
      expect(score(doc, [{ x, y, p: 'inf' }])).toEqual([4 * 1.5]);
      expect(code(score(doc, [{ x, y, p: 0 }])[0])).toBe(28071);
      expect(code(score(doc, [{ x, y, p: 'nan' }])[0])).toBe(28071);
      expect(code(score(doc, [{ x: [], y, p: 2 }])[0])).toBe(28070);
    });

    it('passes non-null components of any type to the similarity function', () => {
      const doc = {
        input: {
          type: 'record',
          name: 'In',
          fields: [
            { name: 'x', type: { type: 'array', items: ['null', 'string'] } },
            { name: 'y', type: { type: 'array', items: ['null', 'int'] } },
          ],
        },
        output: 'double',
        action: {
          'metric.euclidean': [
            { params: [{ a: 'string' }, { b: 'int' }], ret: 'double', do: { '-': [{ 's.len': 'a' }, 'b'] } },
            'input.x',
            'input.y',
          ],
        },
      };
      expect(score(doc, [{ x: [{ string: 'abcd' }, null], y: [{ int: 1 }, { int: 7 }] }])).toEqual([Math.sqrt(9 * 2)]);
    });

    // The size of a union value as the similarity sees it: an int is its value, a string its
    // length, a double ten times its value (so an int and a double of one value differ).
    const SIZE: Record<string, (name: string) => unknown> = {
      int: (n) => ({ '+': [n, 0.0] }),
      string: (n) => ({ '+': [{ 's.len': n }, 0.0] }),
      double: (n) => ({ '*': [n, 10] }),
    };
    const size = (v: string, types: string[]) => ({
      cast: v,
      cases: types.map((t) => ({ as: t, named: `${v}_${t}`, do: SIZE[t](`${v}_${t}`) })),
    });

    /** metric.euclidean over items `union<null, ...types>`; the similarity is the difference of sizes. */
    function unionDoc(types: string[]) {
      const items = { type: 'array', items: ['null', ...types] };
      const similarity = {
        params: [{ a: types }, { b: types }],
        ret: 'double',
        do: { '-': [size('a', types), size('b', types)] },
      };
      return {
        input: {
          type: 'record',
          name: 'In',
          fields: [
            { name: 'x', type: items },
            { name: 'y', type: items },
          ],
        },
        output: 'double',
        action: { 'metric.euclidean': [similarity, 'input.x', 'input.y'] },
      };
    }

    it('passes items of a union of null and several types in their own branch', () => {
      const doc = unionDoc(['int', 'string']);
      const x = [{ int: 1 }, { string: 'abc' }, null, { int: 10 }];
      const y = [{ string: 'a' }, { int: 7 }, { int: 2 }, { int: 6 }];
      // present pairs differ by 0, -4 and 4; 4 weights over 3 present
      expect(
        score(doc, [
          { x, y },
          { x: [null, null], y: [{ int: 1 }, null] },
        ]),
      ).toEqual([Math.sqrt((32 * 4) / 3), 'nan']);
    });

    it('keeps the branch of items that JS holds alike (int and double)', () => {
      const doc = unionDoc(['int', 'double']);
      // {int: 3} is 3 and {double: 3} is 30 to the similarity: the pairs differ by -27 and 0
      const x = [{ int: 3 }, { double: 3 }, null];
      const y = [{ double: 3 }, { double: 3 }, { int: 1 }];
      expect(score(doc, [{ x, y }])).toEqual([Math.sqrt((27 * 27 * 3) / 2)]);
    });

    it('promotes plain items to the similarity function parameter type', () => {
      const ints = { type: 'array', items: 'int' };
      const doc = {
        input: {
          type: 'record',
          name: 'In',
          fields: [
            { name: 'x', type: ints },
            { name: 'y', type: NV },
          ],
        },
        output: 'double',
        action: { 'metric.taxicab': [{ fcn: 'metric.absDiff' }, 'input.x', 'input.y'] },
      };
      expect(score(doc, [{ x: [1, 2, 3], y: [{ double: 0.5 }, null, { double: 4 }] }])).toEqual([1.5 * 1.5]);
    });
  });

  describe('binary similarities', () => {
    const x = [true, true, false, false, true];
    const y = [true, false, true, false, true];
    // a11 = 2, a10 = 1, a01 = 1, a00 = 1

    it('counts the four kinds of pairs', () => {
      expect(call('metric.simpleMatching', [B, B], 'double', [x, y])).toBe(3 / 5);
      expect(call('metric.jaccard', [B, B], 'double', [x, y])).toBe(2 / 4);
      expect(call('metric.tanimoto', [B, B], 'double', [x, y])).toBe(3 / 7);
      const args = [x, y, 1, 2, 3, 4, 1, 1, 1, 1];
      expect(call('metric.binarySimilarity', [B, B, ...Array(8).fill('double')], 'double', args)).toBe(
        (4 * 2 + 3 + 2 + 1) / 5,
      );
      expect(call('metric.jaccard', [B, B], 'double', [[false], [false]])).toBe('nan');
    });

    it('raises the dimension errors 28080-28110', () => {
      expect(code(call('metric.simpleMatching', [B, B], 'double', [[true], []]))).toBe(28080);
      expect(code(call('metric.jaccard', [B, B], 'double', [[true], []]))).toBe(28090);
      expect(code(call('metric.tanimoto', [B, B], 'double', [[true], []]))).toBe(28100);
      expect(
        code(
          call('metric.binarySimilarity', [B, B, ...Array(8).fill('double')], 'double', [
            [true],
            [],
            1,
            1,
            1,
            1,
            1,
            1,
            1,
            1,
          ]),
        ),
      ).toBe(28110);
    });
  });
});
