import { describe, expect, it } from 'vitest';
import { poolFor, sameItem } from '../../../src/lib/util/sameItem.js';
import { AvroType, T, arrayOf } from '../../../src/types/avro.js';

describe('sameItem', () => {
  it('is structural equality with NaN equal to NaN', () => {
    expect(sameItem(NaN, NaN)).toBe(true);
    expect(sameItem(0, -0)).toBe(true);
    expect(sameItem([1, [NaN]], [1, [NaN]])).toBe(true);
    expect(sameItem([1, 2], [1, 2, 3])).toBe(false);
    expect(sameItem(new Map([['a', NaN]]), new Map([['a', NaN]]))).toBe(true);
    expect(sameItem(new Map([['a', 1]]), new Map([['b', 1]]))).toBe(false);
    expect(sameItem(new Uint8Array([1]), new Uint8Array([1]))).toBe(true);
    expect(sameItem(new Uint8Array([1]), [1])).toBe(false);
    expect(sameItem(1n, 1n)).toBe(true);
    expect(sameItem('a', 'b')).toBe(false);
  });

  it('pools agree with sameItem for primitive and compound items', () => {
    const cases: [AvroType, unknown[], unknown, boolean][] = [
      [T.double, [1, NaN], NaN, true],
      [T.double, [0], -0, true],
      [T.long, [5n], 5n, true],
      [arrayOf(T.double), [[NaN]], [NaN], true],
      [arrayOf(T.int), [[1]], [2], false],
    ];
    for (const [t, items, x, want] of cases) {
      const pool = poolFor(t)(items);
      expect(pool.has(x)).toBe(want);
      pool.add(x);
      expect(pool.has(x)).toBe(true);
    }
  });
});
