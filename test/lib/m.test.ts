/** The m namespace: constants, elementary functions, rounding, and each documented error. */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

const d = (fn: string, x: unknown) => call(fn, ['double'], 'double', [x]);

bothBackends(() => {
  describe('m', () => {
    it('constants', () => {
      expect(call('m.pi', [], 'double', [])).toBe(Math.PI);
      expect(call('m.e', [], 'double', [])).toBe(Math.E);
    });

    it('m.abs: int and long overflow at the one value without a positive twin (27020, 27021)', () => {
      expect(call('m.abs', ['int'], 'int', [-5])).toBe(5);
      expect(call('m.abs', ['int'], 'int', [-2147483648])).toMatchObject({ code: 27020 });
      expect(call('m.abs', ['long'], 'long', [-9223372036854775807n])).toBe(9223372036854775807n);
      expect(call('m.abs', ['long'], 'long', [-9223372036854775808n])).toMatchObject({ code: 27021 });
      expect(call('m.abs', ['double'], 'double', ['-inf'])).toBe('inf');
    });

    it('out-of-domain reals give NaN or infinities, not errors', () => {
      expect(d('m.sqrt', -1)).toBe('nan');
      expect(d('m.ln', 0)).toBe('-inf');
      expect(d('m.log10', -3)).toBe('nan');
      expect(d('m.asin', 2)).toBe('nan');
      expect(d('m.ln1p', -1)).toBe('-inf');
      expect(d('m.ln1p', 1e-10)).toBeCloseTo(1e-10, 20);
    });

    it('m.log: any positive base; base <= 0 is error 27170', () => {
      const log = (x: number, base: number) => call('m.log', ['double', 'int'], 'double', [x, base]);
      expect(log(8, 2)).toBeCloseTo(3, 14);
      expect(log(0.5, 1)).toBe('-inf');
      expect(log(1, 1)).toBe('nan');
      expect(log(8, 0)).toMatchObject({ code: 27170 });
      expect(log(8, -2)).toMatchObject({ code: 27170 });
    });

    it('m.round is floor(x + 0.5): halves round up, to int from float and long from double', () => {
      const rf = (x: unknown) => call('m.round', ['float'], 'int', [x]);
      const rd = (x: unknown) => call('m.round', ['double'], 'long', [x]);
      expect(rf(2.5)).toBe(3);
      expect(rf(-2.5)).toBe(-2);
      expect(rf(-0.5)).toBe(0);
      expect(rd(1e15 + 0.5)).toBe(1000000000000001n);
      expect(rd(-7.5)).toBe(-7n);
    });

    it('m.round: results outside int (27190) or long (27191) range, including NaN and infinities', () => {
      const rf = (x: unknown) => call('m.round', ['float'], 'int', [x]);
      const rd = (x: unknown) => call('m.round', ['double'], 'long', [x]);
      expect(rf(2147483520)).toBe(2147483520);
      expect(rf(2247483650)).toMatchObject({ code: 27190 });
      expect(rf('nan')).toMatchObject({ code: 27190 });
      expect(rf('-inf')).toMatchObject({ code: 27190 });
      expect(rd(9.2e18)).toBe(9200000000000000000n);
      expect(rd(2 ** 63)).toMatchObject({ code: 27191 });
      expect(rd(-(2 ** 63))).toBe(-9223372036854775808n);
      expect(rd('inf')).toMatchObject({ code: 27191 });
      expect(rd('nan')).toMatchObject({ code: 27191 });
    });

    it('m.rint rounds halves to even', () => {
      expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6].map((x) => d('m.rint', x))).toEqual([0, 2, 2, 0, -2, 2, 3]);
      expect(d('m.rint', 2 ** 60)).toBe(2 ** 60);
      expect(d('m.rint', 'nan')).toBe('nan');
    });

    it('m.signum: -1, 0 or 1 (0 for NaN)', () => {
      expect([-3, 0, 2, '-inf', 'nan'].map((x) => call('m.signum', ['double'], 'int', [x]))).toEqual([-1, 0, 1, -1, 0]);
    });

    it('m.copysign for every numeric type', () => {
      expect(call('m.copysign', ['int', 'int'], 'int', [5, -1])).toBe(-5);
      expect(call('m.copysign', ['int', 'int'], 'int', [-5, 0])).toBe(5);
      expect(call('m.copysign', ['long', 'long'], 'long', [3n, -2n])).toBe(-3n);
      expect(call('m.copysign', ['double', 'double'], 'double', [2, -0.0])).toBe(-2);
      expect(call('m.copysign', ['double', 'double'], 'double', [-2, 'inf'])).toBe(2);
    });

    it('two-argument functions', () => {
      expect(call('m.atan2', ['double', 'double'], 'double', [1, -1])).toBeCloseTo((3 * Math.PI) / 4, 15);
      expect(call('m.hypot', ['double', 'double'], 'double', [3, 4])).toBe(5);
    });
  });
});
