import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const V = { type: 'array', items: 'double' };
const M = { type: 'array', items: V };
const MV = { type: 'map', values: 'double' };
const MM = { type: 'map', values: MV };
const CHI2 = {
  type: 'record',
  name: 'Chi2',
  fields: [
    { name: 'chi2', type: 'double' },
    { name: 'dof', type: 'int' },
    { name: 'tag', type: 'string' },
  ],
};
const code = (o: unknown) => (o as { code?: number }).code;

bothBackends(() => {
  describe('stat.test.kolmogorov', () => {
    it('is 1 for identical samples, 0 against an empty one, and ignores NaN', () => {
      expect(
        call('stat.test.kolmogorov', [V, V], 'double', [
          [1, 'nan', 2],
          [2, 1],
        ]),
      ).toBe(1);
      expect(call('stat.test.kolmogorov', [V, V], 'double', [[], [1]])).toBe(0);
      expect(call('stat.test.kolmogorov', [V, V], 'double', [[], []])).toBe(1);
      const p = call('stat.test.kolmogorov', [V, V], 'double', [[0], [1e-5, 0.99999]]) as number;
      expect(p).toBeCloseTo(0.20131297064541853, 14);
    });
  });

  describe('stat.test.residual and pull', () => {
    it('subtracts (and divides by the uncertainty) elementwise', () => {
      expect(call('stat.test.residual', ['double', 'double'], 'double', [3, 1])).toBe(2);
      expect(
        call('stat.test.residual', [V, V], V, [
          [3, 4],
          [1, 1],
        ]),
      ).toEqual([2, 3]);
      expect(call('stat.test.pull', [MV, MV, MV], MV, [{ a: 3 }, { a: 1 }, { a: 4 }])).toEqual({ a: 0.5 });
      expect(call('stat.test.pull', ['double', 'double', 'double'], 'double', [1, 0, 0])).toBe('inf');
    });

    it('raises misaligned prediction (38010, 38020) and uncertainty (38021)', () => {
      expect(code(call('stat.test.residual', [V, V], V, [[1], [1, 2]]))).toBe(38010);
      expect(code(call('stat.test.residual', [MV, MV], MV, [{ a: 1 }, { b: 1 }]))).toBe(38010);
      expect(code(call('stat.test.pull', [V, V, V], V, [[1], [1, 2], [1]]))).toBe(38020);
      expect(code(call('stat.test.pull', [V, V, V], V, [[1], [1], []]))).toBe(38021);
    });
  });

  describe('stat.test.mahalanobis', () => {
    it('computes sqrt(d^T C^-1 d)', () => {
      expect(
        call('stat.test.mahalanobis', [V, V, M], 'double', [
          [3, 4],
          [1, 1],
          [
            [4, 0],
            [0, 9],
          ],
        ]),
      ).toBeCloseTo(Math.sqrt(1 + 1), 15);
      expect(
        call('stat.test.mahalanobis', [MV, MV, MM], 'double', [{ a: 3 }, { a: 1 }, { a: { a: 4, b: 7 } }]),
      ).toBeCloseTo(1, 15);
      expect(
        call('stat.test.mahalanobis', [V, V, M], 'double', [
          [1, 0],
          [0, 0],
          [
            [-1, 0],
            [0, 1],
          ],
        ]),
      ).toBe('nan');
    });

    it('raises 38030, 38031 and 38032', () => {
      expect(code(call('stat.test.mahalanobis', [V, V, M], 'double', [[], [], []]))).toBe(38030);
      expect(code(call('stat.test.mahalanobis', [V, V, M], 'double', [[1], [1, 2], [[1]]]))).toBe(38031);
      expect(code(call('stat.test.mahalanobis', [V, V, M], 'double', [[1, 2], [1, 2], [[1, 0]]]))).toBe(38032);
      expect(
        code(call('stat.test.mahalanobis', [MV, MV, MM], 'double', [{ a: 1, b: 1 }, { a: 0, b: 0 }, { a: { a: 1 } }])),
      ).toBe(38032);
    });
  });

  describe('chi-square state', () => {
    it('adds squared pulls and one degree of freedom per call, copying other fields', () => {
      expect(call('stat.test.updateChi2', ['double', CHI2], 'Chi2', [2, { chi2: 1, dof: 3, tag: 't' }])).toEqual({
        chi2: 5,
        dof: 4,
        tag: 't',
      });
      expect(call('stat.test.updateChi2', [V, CHI2], 'Chi2', [[1, 2], { chi2: 1, dof: 3, tag: 't' }])).toEqual({
        chi2: 6,
        dof: 4,
        tag: 't',
      });
    });

    it('reduces chi2 by dof and gives its CDF, rejecting negative dof (38060)', () => {
      expect(call('stat.test.reducedChi2', [CHI2], 'double', [{ chi2: 6, dof: 4, tag: '' }])).toBe(1.5);
      expect(call('stat.test.chi2Prob', [CHI2], 'double', [{ chi2: 2, dof: 2, tag: '' }])).toBeCloseTo(
        1 - Math.exp(-1),
        15,
      );
      expect(call('stat.test.chi2Prob', [CHI2], 'double', [{ chi2: 0.1, dof: 1, tag: '' }])).toBeCloseTo(
        0.24817036595415065,
        14,
      );
      expect(call('stat.test.chi2Prob', [CHI2], 'double', [{ chi2: 1, dof: 0, tag: '' }])).toBe(1);
      expect(code(call('stat.test.chi2Prob', [CHI2], 'double', [{ chi2: 1, dof: -1, tag: '' }]))).toBe(38060);
    });
  });
});
