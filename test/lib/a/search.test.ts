import { describe, expect, it } from 'vitest';
import { call, score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const INTS = { type: 'array', items: 'int' };
const DOUBLES = { type: 'array', items: 'double' };
const NESTED = { type: 'array', items: INTS };

/** Calls fn(haystack, predicate) with an inline predicate on int items. */
function withPredicate(fn: string, haystack: number[], test: unknown, output: string): unknown {
  const doc = {
    input: INTS,
    output,
    action: { [fn]: ['input', { params: [{ x: 'int' }], ret: 'boolean', do: test }] },
  };
  return score(doc, [haystack])[0];
}

bothBackends(() => {
  describe('a: searching', () => {
    it('takes a subsequence needle (sig 0)', () => {
      expect(
        call('a.contains', [INTS, INTS], 'boolean', [
          [1, 2, 3, 2, 3],
          [2, 3],
        ]),
      ).toBe(true);
      expect(
        call('a.contains', [INTS, INTS], 'boolean', [
          [1, 2, 3],
          [3, 2],
        ]),
      ).toBe(false);
      expect(call('a.contains', [INTS, INTS], 'boolean', [[], []])).toBe(true);
      expect(
        call('a.count', [INTS, INTS], 'int', [
          [1, 1, 1],
          [1, 1],
        ]),
      ).toBe(2);
      expect(call('a.count', [INTS, INTS], 'int', [[1, 2], []])).toBe(0);
      expect(
        call('a.index', [INTS, INTS], 'int', [
          [1, 2, 3, 2, 3],
          [2, 3],
        ]),
      ).toBe(1);
      expect(
        call('a.rindex', [INTS, INTS], 'int', [
          [1, 2, 3, 2, 3],
          [2, 3],
        ]),
      ).toBe(3);
      expect(call('a.rindex', [INTS, INTS], 'int', [[1, 2], []])).toBe(2);
      expect(call('a.index', [INTS, INTS], 'int', [[1], [1, 1]])).toBe(-1);
      expect(
        call('a.startswith', [INTS, INTS], 'boolean', [
          [1, 2, 3],
          [1, 2],
        ]),
      ).toBe(true);
      expect(call('a.startswith', [INTS, INTS], 'boolean', [[1], [1, 2]])).toBe(false);
      expect(
        call('a.endswith', [INTS, INTS], 'boolean', [
          [1, 2, 3],
          [2, 3],
        ]),
      ).toBe(true);
      expect(call('a.endswith', [INTS, INTS], 'boolean', [[1, 2, 3], []])).toBe(true);
    });

    it('takes a single item (sig 1), also when the items are arrays', () => {
      expect(call('a.contains', [INTS, 'int'], 'boolean', [[1, 2], 2])).toBe(true);
      expect(call('a.count', [INTS, 'int'], 'int', [[1, 2, 1], 1])).toBe(2);
      expect(call('a.index', [INTS, 'int'], 'int', [[1, 2, 1], 1])).toBe(0);
      expect(call('a.rindex', [INTS, 'int'], 'int', [[1, 2, 1], 1])).toBe(2);
      expect(call('a.startswith', [INTS, 'int'], 'boolean', [[], 1])).toBe(false);
      expect(call('a.endswith', [INTS, 'int'], 'boolean', [[3, 1], 1])).toBe(true);
      // array<array<int>> with an array<int> needle: the needle is one item, not a subsequence.
      expect(
        call('a.contains', [NESTED, INTS], 'boolean', [
          [[1], [2, 3]],
          [2, 3],
        ]),
      ).toBe(true);
      expect(call('a.contains', [NESTED, INTS], 'boolean', [[[1], [2, 3]], []])).toBe(false);
      expect(
        call('a.index', [NESTED, INTS], 'int', [
          [[1], [2, 3]],
          [2, 3],
        ]),
      ).toBe(1);
    });

    it('counts NaN as equal to NaN', () => {
      expect(call('a.contains', [DOUBLES, 'double'], 'boolean', [[1, 'nan'], 'nan'])).toBe(true);
      expect(
        call('a.count', [DOUBLES, DOUBLES], 'int', [
          ['nan', 1, 'nan', 1],
          ['nan', 1],
        ]),
      ).toBe(2);
    });

    it('takes a predicate (sig 2)', () => {
      const even = { '==': [{ '%': ['x', 2] }, 0] };
      expect(withPredicate('a.contains', [1, 3, 4], even, 'boolean')).toBe(true);
      expect(withPredicate('a.count', [2, 3, 4], even, 'int')).toBe(2);
      expect(withPredicate('a.index', [1, 2, 4], even, 'int')).toBe(1);
      expect(withPredicate('a.rindex', [1, 2, 4, 5], even, 'int')).toBe(2);
      expect(withPredicate('a.index', [1, 3], even, 'int')).toBe(-1);
    });
  });
});
