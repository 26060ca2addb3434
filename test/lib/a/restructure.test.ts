import { describe, expect, it } from 'vitest';
import { call, score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const INTS = { type: 'array', items: 'int' };
const NESTED = { type: 'array', items: INTS };

bothBackends(() => {
  describe('a: restructuring', () => {
    it('a.slidingWindow keeps only full windows', () => {
      const sig = [INTS, 'int', 'int'];
      expect(call('a.slidingWindow', sig, NESTED, [[1, 2, 3, 4, 5], 2, 2])).toEqual([
        [1, 2],
        [3, 4],
      ]);
      expect(call('a.slidingWindow', sig, NESTED, [[1, 2, 3], 2, 1])).toEqual([
        [1, 2],
        [2, 3],
      ]);
      expect(call('a.slidingWindow', sig, NESTED, [[1, 2], 3, 1])).toEqual([]);
      expect(call('a.slidingWindow', sig, NESTED, [[1], 0, 1])).toMatchObject({ code: 15770, error: 'size < 1' });
      expect(call('a.slidingWindow', sig, NESTED, [[1], 1, 0])).toMatchObject({ code: 15771, error: 'step < 1' });
    });

    it('a.combinations and a.permutations in lexicographic order of positions', () => {
      expect(call('a.combinations', [INTS, 'int'], NESTED, [[1, 2, 3], 2])).toEqual([
        [1, 2],
        [1, 3],
        [2, 3],
      ]);
      expect(call('a.combinations', [INTS, 'int'], NESTED, [[1, 2], 3])).toEqual([]);
      expect(call('a.combinations', [INTS, 'int'], NESTED, [[1], 0])).toMatchObject({ code: 15780, error: 'size < 1' });
      expect(call('a.permutations', [INTS], NESTED, [[1, 2, 3]])).toEqual([
        [1, 2, 3],
        [1, 3, 2],
        [2, 1, 3],
        [2, 3, 1],
        [3, 1, 2],
        [3, 2, 1],
      ]);
      expect(call('a.permutations', [INTS], NESTED, [[]])).toEqual([[]]);
    });

    it('a.flatten and a.groupby', () => {
      expect(call('a.flatten', [NESTED], INTS, [[[1], [], [2, 3]]])).toEqual([1, 2, 3]);
      const doc = {
        input: INTS,
        output: { type: 'map', values: INTS },
        action: {
          'a.groupby': ['input', { params: [{ x: 'int' }], ret: 'string', do: { 's.int': { '%': ['x', 3] } } }],
        },
      };
      expect(score(doc, [[1, 4, 2, 3, 7]])).toEqual([{ 1: [1, 4, 7], 2: [2], 0: [3] }]);
    });
  });
});
