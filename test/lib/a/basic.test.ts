import { describe, expect, it } from 'vitest';
import { call, score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const INTS = { type: 'array', items: 'int' };

bothBackends(() => {
  describe('a: basic access', () => {
    it('a.len, a.head, a.last, a.tail, a.init', () => {
      expect(call('a.len', [INTS], 'int', [[1, 2, 3]])).toBe(3);
      expect(call('a.head', [INTS], 'int', [[4, 5]])).toBe(4);
      expect(call('a.last', [INTS], 'int', [[4, 5]])).toBe(5);
      expect(call('a.tail', [INTS], INTS, [[4, 5, 6]])).toEqual([5, 6]);
      expect(call('a.init', [INTS], INTS, [[4, 5, 6]])).toEqual([4, 5]);
    });

    it('raises "empty array" on empty input', () => {
      expect(call('a.head', [INTS], 'int', [[]])).toMatchObject({ code: 15020, error: 'empty array' });
      expect(call('a.tail', [INTS], INTS, [[]])).toMatchObject({ code: 15030 });
      expect(call('a.last', [INTS], 'int', [[]])).toMatchObject({ code: 15040 });
      expect(call('a.init', [INTS], INTS, [[]])).toMatchObject({ code: 15050 });
    });

    it('a.subseq and a.subseqto follow Python slices', () => {
      expect(call('a.subseq', [INTS, 'int', 'int'], INTS, [[0, 1, 2, 3, 4], 1, -1])).toEqual([1, 2, 3]);
      expect(call('a.subseq', [INTS, 'int', 'int'], INTS, [[0, 1, 2], -10, 10])).toEqual([0, 1, 2]);
      expect(call('a.subseq', [INTS, 'int', 'int'], INTS, [[0, 1, 2], 2, 1])).toEqual([]);
      expect(call('a.subseqto', [INTS, 'int', 'int', INTS], INTS, [[0, 1, 2, 3], 1, 3, [9]])).toEqual([0, 9, 3]);
      expect(call('a.subseqto', [INTS, 'int', 'int', INTS], INTS, [[0, 1, 2], 2, 0, [9]])).toEqual([0, 1, 9, 2]);
    });
  });

  describe('a: manipulation', () => {
    it('a.concat, a.append', () => {
      expect(call('a.concat', [INTS, INTS], INTS, [[1], [2, 3]])).toEqual([1, 2, 3]);
      expect(call('a.append', [INTS, 'int'], INTS, [[1], 2])).toEqual([1, 2]);
    });

    it('a.cycle keeps the last maxLength items, and rejects a negative maxLength', () => {
      const sig = [INTS, 'int', 'int'];
      expect(call('a.cycle', sig, INTS, [[1, 2, 3], 4, 3])).toEqual([2, 3, 4]);
      expect(call('a.cycle', sig, INTS, [[1, 2, 3], 4, 0])).toEqual([]);
      expect(call('a.cycle', sig, INTS, [[1], 4, 10])).toEqual([1, 4]);
      expect(call('a.cycle', sig, INTS, [[1], 4, -1])).toMatchObject({ code: 15150, error: 'maxLength out of range' });
    });

    it('a.insert, a.replace and a.remove take Python indexes and reject those outside the array', () => {
      const sig = [INTS, 'int', 'int'];
      expect(call('a.insert', sig, INTS, [[1, 2, 3], 1, 9])).toEqual([1, 9, 2, 3]);
      expect(call('a.insert', sig, INTS, [[1, 2, 3], -1, 9])).toEqual([1, 2, 9, 3]);
      expect(call('a.insert', sig, INTS, [[1, 2, 3], 3, 9])).toMatchObject({
        code: 15160,
        error: 'index out of range',
      });
      expect(call('a.replace', sig, INTS, [[1, 2, 3], -3, 9])).toEqual([9, 2, 3]);
      expect(call('a.replace', sig, INTS, [[1, 2, 3], -4, 9])).toMatchObject({ code: 15170 });
      expect(call('a.remove', [INTS, 'int'], INTS, [[1, 2, 3], 1])).toEqual([1, 3]);
      expect(call('a.remove', [INTS, 'int'], INTS, [[], 0])).toMatchObject({ code: 15180 });
      expect(call('a.remove', sig, INTS, [[1, 2, 3, 4], 1, -1])).toEqual([1, 4]);
      expect(call('a.remove', sig, INTS, [[1, 2, 3], 5, 10])).toEqual([1, 2, 3]);
    });

    it('a.rotate rotates left and rejects negative steps', () => {
      expect(call('a.rotate', [INTS, 'int'], INTS, [[1, 2, 3, 4], 1])).toEqual([2, 3, 4, 1]);
      expect(call('a.rotate', [INTS, 'int'], INTS, [[1, 2, 3, 4], 6])).toEqual([3, 4, 1, 2]);
      expect(call('a.rotate', [INTS, 'int'], INTS, [[], 3])).toEqual([]);
      expect(call('a.rotate', [INTS, 'int'], INTS, [[1], -1])).toMatchObject({
        code: 15190,
        error: 'steps out of range',
      });
    });

    it('never changes its input array', () => {
      const doc = {
        input: INTS,
        output: { type: 'array', items: INTS },
        action: [
          {
            new: [{ 'a.replace': ['input', 0, 99] }, { 'a.append': ['input', 5] }, { 'a.sort': ['input'] }, 'input'],
            type: { type: 'array', items: INTS },
          },
        ],
      };
      expect(score(doc, [[3, 1, 2]])).toEqual([
        [
          [99, 1, 2],
          [3, 1, 2, 5],
          [1, 2, 3],
          [3, 1, 2],
        ],
      ]);
    });
  });
});
