import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';
import { score } from '../../helpers/pfa.js';
import { mulberry32 } from '../../helpers/random.js';
import { source } from '../../backend/wasm/lowered.js';

const arr = (items: unknown) => ({ type: 'array', items });
const INTS = arr('int'),
  LONGS = arr('long'),
  FLOATS = arr('float'),
  DOUBLES = arr('double'),
  STRINGS = arr('string');

bothBackends(() => {
  describe('a: numerical', () => {
    it('a.sum and a.product for each numeric type', () => {
      expect(call('a.sum', [INTS], 'int', [[1, 2, 3]])).toBe(6);
      expect(call('a.sum', [INTS], 'int', [[]])).toBe(0);
      expect(call('a.sum', [LONGS], 'long', [[2147483647, 1]])).toBe(2147483648n);
      expect(call('a.sum', [DOUBLES], 'double', [[0.1, 0.2, 0.3]])).toBe(0.1 + 0.2 + 0.3); // left to right
      expect(call('a.sum', [FLOATS], 'float', [[0.5, 0.25]])).toBe(0.75);
      expect(call('a.product', [INTS], 'int', [[2, 3, 4]])).toBe(24);
      expect(call('a.product', [INTS], 'int', [[]])).toBe(1);
      expect(call('a.product', [DOUBLES], 'double', [[0.5, 4]])).toBe(2);
    });

    it('checks int and long overflow on the final result only', () => {
      expect(call('a.sum', [INTS], 'int', [[2147483647, 1]])).toMatchObject({ code: 15400, error: 'int overflow' });
      expect(call('a.sum', [INTS], 'int', [[2147483647, 1, -1]])).toBe(2147483647);
      expect(call('a.sum', [LONGS], 'long', [[9223372036854775807n, 1]])).toMatchObject({
        code: 15401,
        error: 'long overflow',
      });
      expect(call('a.product', [INTS], 'int', [[65536, 65536]])).toMatchObject({ code: 15410 });
      expect(call('a.product', [INTS], 'int', [[65536, 65536, 0]])).toBe(0);
      expect(call('a.product', [LONGS], 'long', [[4294967296, 4294967296]])).toMatchObject({
        code: 15411,
        error: 'long overflow',
      });
      expect(call('a.product', [LONGS], 'long', [[4294967296, 4294967296, 0]])).toBe(0n);
    });

    it('a.lnsum, a.mean, a.geomean, a.logsumexp', () => {
      expect(call('a.lnsum', [DOUBLES], 'double', [[1, Math.E]])).toBeCloseTo(1, 15);
      expect(call('a.lnsum', [DOUBLES], 'double', [[1, 0]])).toBe('-inf');
      expect(call('a.lnsum', [DOUBLES], 'double', [[1, -1]])).toBe('nan');
      expect(call('a.mean', [DOUBLES], 'double', [[1, 2, 6]])).toBe(3);
      expect(call('a.mean', [DOUBLES], 'double', [[]])).toBe('nan');
      expect(call('a.geomean', [DOUBLES], 'double', [[2, 8]])).toBeCloseTo(4, 14);
      expect(call('a.geomean', [DOUBLES], 'double', [[]])).toBe('nan');
      expect(call('a.logsumexp', [DOUBLES], 'double', [[1000, 1000]])).toBeCloseTo(1000 + Math.LN2, 10);
      expect(call('a.logsumexp', [DOUBLES], 'double', [[]])).toBe('nan');
    });
  });

  describe('a: median, ntile, mode', () => {
    it('a.median averages the central pair only for floating types', () => {
      expect(call('a.median', [DOUBLES], 'double', [[4, 1, 3, 2]])).toBe(2.5);
      expect(call('a.median', [INTS], 'int', [[4, 1, 3, 2]])).toBe(2);
      expect(call('a.median', [STRINGS], 'string', [['c', 'a', 'b']])).toBe('b');
      expect(call('a.median', [INTS], 'int', [[]])).toMatchObject({ code: 15450, error: 'empty array' });
    });

    it('a.ntile interpolates for floating types and clamps p', () => {
      const sig = [DOUBLES, 'double'];
      expect(call('a.ntile', sig, 'double', [[0, 10, 20], 0.25])).toBe(5);
      expect(call('a.ntile', [INTS, 'double'], 'int', [[0, 10, 20], 0.75])).toBe(10);
      expect(call('a.ntile', sig, 'double', [[3, 1, 2], -1])).toBe(1);
      expect(call('a.ntile', sig, 'double', [[3, 1, 2], 2])).toBe(3);
      expect(call('a.ntile', sig, 'double', [[], 0.5])).toMatchObject({ code: 15460, error: 'empty array' });
      expect(call('a.ntile', sig, 'double', [[1], 'nan'])).toMatchObject({ code: 15461, error: 'p not a number' });
    });

    it('a.mode returns the most common value, the median of ties', () => {
      expect(call('a.mode', [INTS], 'int', [[1, 2, 2, 3]])).toBe(2);
      expect(call('a.mode', [INTS], 'int', [[3, 1, 2]])).toBe(2);
      expect(call('a.mode', [DOUBLES], 'double', [[1, 1, 2, 2]])).toBe(1.5);
      expect(call('a.mode', [INTS], 'int', [[]])).toMatchObject({ code: 15470, error: 'empty array' });
    });

    it('a.mode on random arrays: one winner or ties, of every kind of item', () => {
      // (few distinct items, so that ties are common; -0 and 0 are one item, the first seen
      // kept; NaN equals NaN; strings tie in the median's order; empty arrays fail)
      const u = mulberry32(18);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(u() * xs.length)];
      const arrays = <T>(items: readonly T[]) =>
        Array.from({ length: 60 }, () => Array.from({ length: Math.floor(u() * 14) }, () => pick(items)));
      const kinds: [unknown, readonly unknown[]][] = [
        ['int', [1, 2, 3, -7]],
        ['double', [0, -0, 'NaN', 'Infinity', 1.5, -2.25]],
        ['string', ['good', 'bad', 'ugly']],
        [arr('int'), [[], [1], [1, 2]]],
      ];
      for (const [items, pool] of kinds) {
        const doc = { input: arr(items), output: items, action: { 'a.mode': ['input'] } };
        const answers = score(doc, arrays(pool));
        expect(answers.filter((a) => (a as { code?: number }).code === 15470).length).toBeGreaterThan(0);
      }
    });
  });
});

describe('a.mode on Wasm', () => {
  it('makes its tables of distinct items once, at the array length', () => {
    // (pushing into arrays made empty allocated again as they grew: a forest's vote, per record)
    const doc = { input: INTS, output: 'int', action: { 'a.mode': ['input'] } };
    expect(source(doc)).not.toMatch(/\.push\(/);
  });
});
