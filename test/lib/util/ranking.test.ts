import { describe, expect, it } from 'vitest';
import { best, topN } from '../../../src/lib/util/ranking.js';

type Item = [number, string];
const greater = (x: Item, y: Item) => x[0] > y[0];
const items: Item[] = [
  [2, 'a'],
  [5, 'b'],
  [2, 'c'],
  [5, 'd'],
  [1, 'e'],
  [3, 'f'],
  [5, 'g'],
  [0, 'h'],
  [4, 'i'],
  [2, 'j'],
  [3, 'k'],
];

describe('ranking', () => {
  it('best returns the first best item', () => {
    expect(best(items, greater)).toEqual([5, 'b']);
  });

  it('topN keeps ties in input order, by insertion and by sort alike', () => {
    const want = [...items].sort((x, y) => y[0] - x[0]); // stable
    for (let n = 0; n <= items.length + 1; n++) expect(topN(items, n, greater)).toEqual(want.slice(0, n));
  });
});
