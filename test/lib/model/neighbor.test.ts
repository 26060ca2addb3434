import { describe, expect, it } from 'vitest';
import { call, callEach, score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';
import { source } from '../../backend/wasm/lowered.js';
import { BLOCK_LOOP, vectors } from './vectors.js';

const code = (o: unknown) => (o as { code?: number }).code;
const V = { type: 'array', items: 'double' };
const VV = { type: 'array', items: V };

bothBackends(() => {
  describe('model.neighbor.mean', () => {
    it('averages points, optionally weighted (30000, 30001)', () => {
      expect(
        call('model.neighbor.mean', [VV], V, [
          [
            [1, 2],
            [3, 4],
          ],
        ]),
      ).toEqual([2, 3]);
      const doc = {
        input: VV,
        output: V,
        action: {
          'model.neighbor.mean': ['input', { params: [{ p: V }], ret: 'double', do: { attr: 'p', path: [0] } }],
        },
      };
      expect(
        score(doc, [
          [
            [1, 2],
            [3, 4],
          ],
        ]),
      ).toEqual([[2.5, 3.5]]);
      expect(code(call('model.neighbor.mean', [VV], V, [[]]))).toBe(30000);
      expect(code(call('model.neighbor.mean', [VV], V, [[[1], [1, 2]]]))).toBe(30001);
    });
  });

  describe('model.neighbor.nearestK and ballR', () => {
    const book = [[3], [1], [-2], [1]];
    it('returns the k nearest, ties in codebook order (30010, 30011)', () => {
      const t = ['int', V, VV];
      expect(call('model.neighbor.nearestK', t, VV, [2, [0], book])).toEqual([[1], [1]]);
      expect(call('model.neighbor.nearestK', t, VV, [3, [0], book])).toEqual([[1], [1], [-2]]);
      expect(call('model.neighbor.nearestK', t, VV, [9, [0], []])).toEqual([]);
      // Squared distances 4, 9, NaN, 1: NaN is kept last, and 1 still goes first. With 4, NaN, 9,
      // 1: 9 is kept after NaN, and 1 drops the last kept (an index goes before the first it is below).
      expect(call('model.neighbor.nearestK', t, VV, [3, [0], [[2], [3], [Number.NaN], [1]]])).toEqual([[1], [2], [3]]);
      expect(call('model.neighbor.nearestK', t, VV, [3, [0], [[2], [Number.NaN], [3], [1]]])).toEqual([
        [1],
        [2],
        ['nan'],
      ]);
      expect(code(call('model.neighbor.nearestK', t, VV, [-1, [0], book]))).toBe(30010);
      expect(code(call('model.neighbor.nearestK', t, VV, [1, [0, 0], book]))).toBe(30011);
    });
    it('returns the points strictly within r', () => {
      expect(call('model.neighbor.ballR', ['double', V, VV], VV, [2, [0], book])).toEqual([[1], [1]]);
      expect(call('model.neighbor.ballR', ['double', V, VV], VV, [2.5, [0], book])).toEqual([[1], [-2], [1]]);
    });
    it('gives the JS bits on random codebooks, four distances at a time on Wasm', () => {
      // 0 to 13 points (blocks of four and remainders); nearestK's points now and then of another
      // length (30011), ballR's of any length (each distance runs over the common length).
      const { u, int, vector } = vectors(30);
      const cases = Array.from({ length: 250 }, () => {
        const dim = int(0, 9);
        const book = Array.from({ length: int(0, 13) }, () => vector(u() < 0.03 ? int(0, 9) : dim));
        return { dim, book };
      });
      const nearest = callEach(
        'model.neighbor.nearestK',
        ['int', V, VV],
        VV,
        cases.map(({ dim, book }) => [int(-1, 6), vector(dim), book]),
      );
      expect(nearest.filter((a) => code(a) === 30011).length).toBeGreaterThan(5);
      expect(nearest.filter((a) => Array.isArray(a) && a.length >= 2).length).toBeGreaterThan(100);
      const radii = [0.5, 1, 2, 1e16, 3e16, Infinity, Number.NaN];
      const ragged = cases.map(({ dim, book }) => [
        radii[int(0, radii.length - 1)],
        vector(dim),
        book.map((p) => (u() < 0.3 ? vector(int(0, 9)) : p)),
      ]);
      const within = callEach('model.neighbor.ballR', ['double', V, VV], VV, ragged);
      expect(within.filter((a) => Array.isArray(a) && a.length >= 2).length).toBeGreaterThan(50);
    });
    it('takes a metric over any types', () => {
      const doc = (fn: string, first: unknown) => ({
        input: {
          type: 'record',
          name: 'In',
          fields: [
            { name: 'a', type: first },
            { name: 'x', type: 'double' },
            { name: 'book', type: { type: 'array', items: 'double' } },
          ],
        },
        output: { type: 'array', items: 'double' },
        action: { [fn]: ['input.a', 'input.x', 'input.book', { fcn: 'metric.absDiff' }] },
      });
      expect(score(doc('model.neighbor.nearestK', 'int'), [{ a: 1, x: 0, book: [3, -1, 2] }])).toEqual([[-1]]);
      expect(score(doc('model.neighbor.ballR', 'double'), [{ a: 2.5, x: 0, book: [3, -1, 2] }])).toEqual([[-1, 2]]);
    });
  });
});

describe('model.neighbor on Wasm', () => {
  it('computes squared distances to the codebook in blocks of four', () => {
    for (const [fn, first] of [
      ['model.neighbor.nearestK', 5],
      ['model.neighbor.ballR', 1.5],
    ] as const) {
      const doc = {
        input: V,
        output: VV,
        cells: { book: { type: VV, init: [[1]] } },
        action: { [fn]: [first, 'input', { cell: 'book' }] },
      };
      expect(source(doc), fn).toMatch(BLOCK_LOOP);
    }
  });
});
