/** m.special: binomial coefficients, ln Beta, erf, erfc and ln Gamma, with their domain errors. */
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const choose = (n: number, k: number) => call('m.special.nChooseK', ['int', 'int'], 'int', [n, k]);
const lnBeta = (a: unknown, b: unknown) => call('m.special.lnBeta', ['double', 'double'], 'double', [a, b]);
const d = (fn: string, x: unknown) => call(fn, ['double'], 'double', [x]);

bothBackends(() => {
  describe('m.special', () => {
    it('nChooseK', () => {
      expect(choose(10, 5)).toBe(252);
      expect(choose(10, 9)).toBe(10);
      expect(choose(60, 30)).toBe(Number(BigInt.asIntN(32, 118264581564861424n)));
      expect(choose(34, 17)).toBe(2333606220 - 2 ** 32); // past the int range: wraps, as int arithmetic does
    });

    it('nChooseK: domain error 36000 unless 0 < k < n', () => {
      for (const [n, k] of [
        [10, 0],
        [10, -1],
        [10, 10],
        [5, 9],
        [0, 5],
      ])
        expect(choose(n, k)).toMatchObject({ code: 36000 });
    });

    it('lnBeta', () => {
      expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
      expect(lnBeta(1e-5, 1e-5)).toBeCloseTo(12.20607264536568, 12);
      expect(lnBeta('inf', 2)).toBe('nan');
      expect(lnBeta('nan', 2)).toBe('nan');
    });

    it('lnBeta: domain error 36010 if a <= 0 or b <= 0', () => {
      for (const [a, b] of [
        [0, 1],
        [1, 0],
        [-1, 2],
        [2, '-inf'],
        [-0.5, 'nan'],
      ])
        expect(lnBeta(a, b)).toMatchObject({ code: 36010 });
    });

    it('erf, erfc', () => {
      expect(d('m.special.erf', 1)).toBeCloseTo(0.8427007929497149, 15);
      expect(d('m.special.erfc', 17)).toBeCloseTo(1.0212280150942608e-127, 140);
      expect(d('m.special.erfc', -100)).toBe(2);
      expect(d('m.special.erf', 'nan')).toBe('nan');
    });

    it("lnGamma: ln Gamma(x) for x > 0, the suite's domain error 36050 for x <= 0", () => {
      expect(d('m.special.lnGamma', 17)).toBeCloseTo(30.671860106080672, 12);
      expect(d('m.special.lnGamma', 1)).toBe(0);
      expect(d('m.special.lnGamma', -0.5)).toMatchObject({ code: 36050 });
      expect(d('m.special.lnGamma', 0)).toMatchObject({ code: 36050 });
      expect(d('m.special.lnGamma', '-inf')).toMatchObject({ code: 36050 });
      expect(d('m.special.lnGamma', 'inf')).toBe('nan');
    });
  });
});
