import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const INTS = { type: 'array', items: 'int' };
const DOUBLES = { type: 'array', items: 'double' };
const two = (fn: string, a: unknown[], b: unknown[], out: unknown = INTS) => call(fn, [INTS, INTS], out, [a, b]);

bothBackends(() => {
  describe('a: arrays as sets', () => {
    it('a.distinct keeps first occurrences in order; NaN counts once', () => {
      expect(call('a.distinct', [INTS], INTS, [[3, 1, 3, 2, 1]])).toEqual([3, 1, 2]);
      expect(call('a.distinct', [DOUBLES], DOUBLES, [['nan', 1, 'nan']])).toEqual(['nan', 1]);
    });

    it('a.seteq, a.subset, a.disjoint ignore order and repeats', () => {
      expect(two('a.seteq', [1, 2, 2], [2, 1], 'boolean')).toBe(true);
      expect(two('a.seteq', [1, 2], [1], 'boolean')).toBe(false);
      expect(two('a.subset', [1, 1], [1, 2], 'boolean')).toBe(true);
      expect(two('a.subset', [1, 3], [1, 2], 'boolean')).toBe(false);
      expect(two('a.disjoint', [1, 3], [2], 'boolean')).toBe(true);
      expect(two('a.disjoint', [1, 3], [3], 'boolean')).toBe(false);
    });

    it("a.union, a.intersection, a.diff, a.symdiff keep the arrays' order", () => {
      expect(two('a.union', [3, 1, 3], [2, 1])).toEqual([3, 1, 2]);
      // Items of a found in b, then items of b found in a (the reference's result).
      expect(two('a.intersection', [1, 2, 3], [3, 1])).toEqual([1, 3, 3, 1]);
      expect(two('a.diff', [1, 2, 3, 2], [3])).toEqual([1, 2, 2]);
      expect(two('a.symdiff', [1, 2], [2, 4])).toEqual([1, 4]);
    });
  });
});
