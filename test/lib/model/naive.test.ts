import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const code = (o: unknown) => (o as { code?: number }).code;
const V = { type: 'array', items: 'double' };
const M = { type: 'map', values: 'double' };
const G = {
  type: 'record',
  name: 'G',
  fields: [
    { name: 'mean', type: 'double' },
    { name: 'variance', type: 'double' },
  ],
};
const values = (t: unknown) => ({ type: 'record', name: 'C', fields: [{ name: 'values', type: t }] });

bothBackends(() => {
  describe('model.naive.gaussian', () => {
    const want = -0.5 * Math.log(2 * Math.PI * 4) - 0.5 * (1 / 4);
    it('sums Gaussian log-likelihoods over arrays and maps (10000, 10001)', () => {
      const t = [V, { type: 'array', items: G }];
      expect(call('model.naive.gaussian', t, 'double', [[1], [{ mean: 0, variance: 4 }]])).toBeCloseTo(want, 15);
      expect(call('model.naive.gaussian', t, 'double', [[], []])).toBe(0);
      expect(code(call('model.naive.gaussian', t, 'double', [[1, 2], [{ mean: 0, variance: 4 }]]))).toBe(10000);
      expect(code(call('model.naive.gaussian', t, 'double', [[1], [{ mean: 0, variance: 0 }]]))).toBe(10001);
      const tm = [M, { type: 'map', values: G }];
      expect(call('model.naive.gaussian', tm, 'double', [{ a: 1 }, { a: { mean: 0, variance: 4 } }])).toBeCloseTo(
        want,
        15,
      );
      expect(code(call('model.naive.gaussian', tm, 'double', [{ a: 1 }, { b: { mean: 0, variance: 4 } }]))).toBe(10000);
    });
  });

  describe('model.naive.multinomial', () => {
    const want = Math.log(0.25) + 2 * Math.log(0.75);
    it('normalises the class model in all four forms (10010, 10011)', () => {
      expect(
        call('model.naive.multinomial', [V, V], 'double', [
          [1, 2],
          [1, 3],
        ]),
      ).toBeCloseTo(want, 14);
      expect(
        call('model.naive.multinomial', [M, M], 'double', [
          { a: 1, b: 2 },
          { a: 1, b: 3 },
        ]),
      ).toBeCloseTo(want, 14);
      expect(call('model.naive.multinomial', [V, values(V)], 'double', [[1, 2], { values: [1, 3] }])).toBeCloseTo(
        want,
        14,
      );
      expect(
        call('model.naive.multinomial', [M, values(M)], 'double', [{ a: 1, b: 2 }, { values: { a: 1, b: 3 } }]),
      ).toBeCloseTo(want, 14);
      expect(code(call('model.naive.multinomial', [V, V], 'double', [[1], []]))).toBe(10011);
      expect(
        code(
          call('model.naive.multinomial', [V, V], 'double', [
            [1, 1],
            [1, 0],
          ]),
        ),
      ).toBe(10011);
      expect(code(call('model.naive.multinomial', [V, V], 'double', [[1], [1, 1]]))).toBe(10010);
      expect(code(call('model.naive.multinomial', [M, M], 'double', [{ a: 1 }, { b: 1 }]))).toBe(10010);
    });
  });

  describe('model.naive.bernoulli', () => {
    it('scores present and absent features (10020)', () => {
      const want = Math.log(0.5) + Math.log(0.75);
      const S = { type: 'array', items: 'string' };
      expect(call('model.naive.bernoulli', [S, M], 'double', [['a', 'c'], { a: 0.5, b: 0.25 }])).toBeCloseTo(want, 15);
      expect(
        call('model.naive.bernoulli', [S, values(M)], 'double', [['a', 'c'], { values: { a: 0.5, b: 0.25 } }]),
      ).toBeCloseTo(want, 15);
      expect(code(call('model.naive.bernoulli', [S, M], 'double', [[], { a: 1 }]))).toBe(10020);
      expect(code(call('model.naive.bernoulli', [S, M], 'double', [[], { a: 0 }]))).toBe(10020);
    });
  });
});
