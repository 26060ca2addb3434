/** impute: null and non-number handling, with errors 21000 and 21050-21052. */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

bothBackends(() => {
  describe('impute', () => {
    it('errorOnNull passes values through and raises 21000 on null', () => {
      expect(call('impute.errorOnNull', [['int', 'null']], 'int', [{ int: 7 }])).toBe(7);
      expect(call('impute.errorOnNull', [['null', 'string']], 'string', [null])).toMatchObject({ code: 21000 });
    });

    it('defaultOnNull', () => {
      expect(call('impute.defaultOnNull', [['int', 'null'], 'int'], 'int', [null, 5])).toBe(5);
      expect(call('impute.defaultOnNull', [['int', 'null'], 'int'], 'int', [{ int: 1 }, 5])).toBe(1);
    });

    it('isnan, isinf, isnum on floats and doubles', () => {
      for (const t of ['float', 'double']) {
        expect(['nan', 'inf', '-inf', 1.5].map((x) => call('impute.isnan', [t], 'boolean', [x]))).toEqual([
          true,
          false,
          false,
          false,
        ]);
        expect(['nan', 'inf', '-inf', 1.5].map((x) => call('impute.isinf', [t], 'boolean', [x]))).toEqual([
          false,
          true,
          true,
          false,
        ]);
        expect(['nan', 'inf', '-inf', 1.5].map((x) => call('impute.isnum', [t], 'boolean', [x]))).toEqual([
          false,
          false,
          false,
          true,
        ]);
      }
    });

    it('errorOnNonNum: 21050 for NaN, 21051 for +inf, 21052 for -inf', () => {
      for (const t of ['float', 'double']) {
        expect(call('impute.errorOnNonNum', [t], t, [2.5])).toBe(2.5);
        expect(call('impute.errorOnNonNum', [t], t, ['nan'])).toMatchObject({ code: 21050 });
        expect(call('impute.errorOnNonNum', [t], t, ['inf'])).toMatchObject({ code: 21051 });
        expect(call('impute.errorOnNonNum', [t], t, ['-inf'])).toMatchObject({ code: 21052 });
      }
    });

    it('defaultOnNonNum', () => {
      expect(call('impute.defaultOnNonNum', ['double', 'double'], 'double', ['nan', 3])).toBe(3);
      expect(call('impute.defaultOnNonNum', ['float', 'float'], 'float', ['-inf', 3])).toBe(3);
      expect(call('impute.defaultOnNonNum', ['double', 'double'], 'double', [1, 3])).toBe(1);
    });
  });
});
