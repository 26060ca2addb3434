/** m.kernel: the four kernels and their "arrays must have same length" errors. */
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const ARR = { type: 'array', items: 'double' };
const x = [1, 2, 3];
const y = [4, -5, 6];

bothBackends(() => {
  describe('m.kernel', () => {
    it('values', () => {
      expect(call('m.kernel.linear', [ARR, ARR], 'double', [x, y])).toBe(12);
      expect(call('m.kernel.rbf', [ARR, ARR, 'double'], 'double', [x, y, 0.01])).toBeCloseTo(Math.exp(-0.01 * 67), 15);
      expect(call('m.kernel.poly', [ARR, ARR, 'double', 'double', 'double'], 'double', [x, y, 0.5, 1, 2])).toBe(49);
      expect(call('m.kernel.sigmoid', [ARR, ARR, 'double', 'double'], 'double', [x, y, 0.1, -1])).toBeCloseTo(
        Math.tanh(0.2),
        15,
      );
      expect(call('m.kernel.linear', [ARR, ARR], 'double', [[], []])).toBe(0);
    });

    it('different lengths: 23000, 23010, 23020, 23030', () => {
      const z = [1, 2];
      expect(call('m.kernel.linear', [ARR, ARR], 'double', [x, z])).toMatchObject({ code: 23000 });
      expect(call('m.kernel.rbf', [ARR, ARR, 'double'], 'double', [x, z, 1])).toMatchObject({ code: 23010 });
      expect(call('m.kernel.poly', [ARR, ARR, 'double', 'double', 'double'], 'double', [x, z, 1, 1, 2])).toMatchObject({
        code: 23020,
      });
      expect(call('m.kernel.sigmoid', [ARR, ARR, 'double', 'double'], 'double', [x, z, 1, 1])).toMatchObject({
        code: 23030,
      });
    });
  });
});
