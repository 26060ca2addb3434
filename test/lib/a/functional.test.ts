import { describe, expect, it } from 'vitest';
import { score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const INTS = { type: 'array', items: 'int' };
const STRINGS = { type: 'array', items: 'string' };

/** One action on input arrays a (and b, c, d when given). */
function run(
  action: unknown,
  output: unknown,
  arrays: Record<string, unknown[]>,
  types: Record<string, unknown> = {},
): unknown {
  const fields = Object.keys(arrays).map((name) => ({ name, type: types[name] ?? INTS }));
  return score({ input: { type: 'record', name: 'In', fields }, output, action }, [arrays])[0];
}

const fcn = (params: Record<string, string>[], ret: unknown, body: unknown) => ({ params, ret, do: body });
const intToInt = (body: unknown) => fcn([{ x: 'int' }], 'int', body);
const isEven = fcn([{ x: 'int' }], 'boolean', { '==': [{ '%': ['x', 2] }, 0] });

bothBackends(() => {
  describe('a: functional programming', () => {
    it('a.map and a.mapWithIndex', () => {
      expect(run({ 'a.map': ['input.a', intToInt({ '*': ['x', 10] })] }, INTS, { a: [1, 2] })).toEqual([10, 20]);
      const withIndex = fcn([{ i: 'int' }, { x: 'int' }], 'int', { '-': ['x', 'i'] });
      expect(run({ 'a.mapWithIndex': ['input.a', withIndex] }, INTS, { a: [5, 5, 5] })).toEqual([5, 4, 3]);
    });

    it('a.filter, a.filterWithIndex', () => {
      expect(run({ 'a.filter': ['input.a', isEven] }, INTS, { a: [1, 2, 3, 4] })).toEqual([2, 4]);
      const evenIndex = fcn([{ i: 'int' }, { x: 'int' }], 'boolean', { '==': [{ '%': ['i', 2] }, 0] });
      expect(run({ 'a.filterWithIndex': ['input.a', evenIndex] }, INTS, { a: [7, 8, 9] })).toEqual([7, 9]);
    });

    it('a.filterMap and a.filterMapWithIndex drop nulls', () => {
      const half = fcn([{ x: 'int' }], ['null', 'int'], {
        if: { '==': [{ '%': ['x', 2] }, 0] },
        then: { '//': ['x', 2] },
        else: null,
      });
      expect(run({ 'a.filterMap': ['input.a', half] }, INTS, { a: [1, 2, 3, 4] })).toEqual([1, 2]);
      const atOdd = fcn([{ i: 'int' }, { x: 'int' }], ['null', 'string'], {
        if: { '==': [{ '%': ['i', 2] }, 1] },
        then: { 's.int': 'x' },
        else: null,
      });
      expect(run({ 'a.filterMapWithIndex': ['input.a', atOdd] }, STRINGS, { a: [5, 6, 7, 8] })).toEqual(['6', '8']);
    });

    it('a.flatMap and a.flatMapWithIndex concatenate', () => {
      const twice = fcn([{ x: 'int' }], INTS, { new: ['x', 'x'], type: INTS });
      expect(run({ 'a.flatMap': ['input.a', twice] }, INTS, { a: [1, 2] })).toEqual([1, 1, 2, 2]);
      const pair = fcn([{ i: 'int' }, { x: 'int' }], INTS, { new: ['i', 'x'], type: INTS });
      expect(run({ 'a.flatMapWithIndex': ['input.a', pair] }, INTS, { a: [7, 8] })).toEqual([0, 7, 1, 8]);
    });

    it('a.zipmap and a.zipmapWithIndex over 2 to 4 arrays, or "misaligned arrays"', () => {
      const add2 = fcn([{ x: 'int' }, { y: 'int' }], 'int', { '+': ['x', 'y'] });
      expect(run({ 'a.zipmap': ['input.a', 'input.b', add2] }, INTS, { a: [1, 2], b: [10, 20] })).toEqual([11, 22]);
      expect(run({ 'a.zipmap': ['input.a', 'input.b', add2] }, INTS, { a: [1, 2], b: [10] })).toMatchObject({
        code: 15650,
        error: 'misaligned arrays',
      });
      const add4 = fcn([{ w: 'int' }, { x: 'int' }, { y: 'int' }, { z: 'int' }], 'int', {
        '+': [{ '+': ['w', 'x'] }, { '+': ['y', 'z'] }],
      });
      expect(
        run({ 'a.zipmap': ['input.a', 'input.b', 'input.c', 'input.d', add4] }, INTS, {
          a: [1],
          b: [2],
          c: [3],
          d: [4],
        }),
      ).toEqual([10]);
      const idx3 = fcn([{ i: 'int' }, { x: 'int' }, { y: 'int' }, { z: 'int' }], 'int', {
        '+': ['i', { '+': ['x', { '+': ['y', 'z'] }] }],
      });
      expect(
        run({ 'a.zipmapWithIndex': ['input.a', 'input.b', 'input.c', idx3] }, INTS, {
          a: [1, 1],
          b: [1, 1],
          c: [1, 1],
        }),
      ).toEqual([3, 4]);
      expect(
        run({ 'a.zipmapWithIndex': ['input.a', 'input.b', 'input.c', idx3] }, INTS, { a: [1], b: [1], c: [] }),
      ).toMatchObject({ code: 15660 });
    });

    it('reduce and fold run left to right, the Right forms right to left', () => {
      const cat = fcn([{ x: 'string' }, { y: 'string' }], 'string', { 's.concat': ['x', 'y'] });
      const s = { a: ['a', 'b', 'c'] };
      const t = { a: STRINGS };
      expect(run({ 'a.reduce': ['input.a', cat] }, 'string', s, t)).toBe('abc');
      expect(run({ 'a.reduceRight': ['input.a', cat] }, 'string', s, t)).toBe('abc');
      const tally = fcn([{ t: 'string' }, { x: 'string' }], 'string', {
        's.concat': [{ 's.concat': ['t', 'x'] }, { string: '.' }],
      });
      expect(run({ 'a.fold': ['input.a', { string: '>' }, tally] }, 'string', s, t)).toBe('>a.b.c.');
      const right = fcn([{ x: 'string' }, { t: 'string' }], 'string', {
        's.concat': [{ 's.concat': ['t', 'x'] }, { string: '.' }],
      });
      expect(run({ 'a.foldRight': ['input.a', { string: '<' }, right] }, 'string', s, t)).toBe('<c.b.a.');
      expect(run({ 'a.reduce': ['input.a', cat] }, 'string', { a: [] }, t)).toMatchObject({
        code: 15670,
        error: 'empty array',
      });
      expect(run({ 'a.reduceRight': ['input.a', cat] }, 'string', { a: [] }, t)).toMatchObject({ code: 15680 });
    });

    it('a.takeWhile, a.dropWhile, a.any, a.all', () => {
      const a = { a: [2, 4, 5, 6] };
      expect(run({ 'a.takeWhile': ['input.a', isEven] }, INTS, a)).toEqual([2, 4]);
      expect(run({ 'a.dropWhile': ['input.a', isEven] }, INTS, a)).toEqual([5, 6]);
      expect(run({ 'a.any': ['input.a', isEven] }, 'boolean', { a: [1, 3] })).toBe(false);
      expect(run({ 'a.all': ['input.a', isEven] }, 'boolean', { a: [] })).toBe(true);
      expect(run({ 'a.all': ['input.a', isEven] }, 'boolean', a)).toBe(false);
    });

    it('a.corresponds and a.correspondsWithIndex are false for different lengths', () => {
      const lt = fcn([{ x: 'int' }, { y: 'int' }], 'boolean', { '<': ['x', 'y'] });
      expect(run({ 'a.corresponds': ['input.a', 'input.b', lt] }, 'boolean', { a: [1, 2], b: [2, 3] })).toBe(true);
      expect(run({ 'a.corresponds': ['input.a', 'input.b', lt] }, 'boolean', { a: [1, 2], b: [2] })).toBe(false);
      const ltIndex = fcn([{ i: 'int' }, { x: 'int' }, { y: 'int' }], 'boolean', { '<': [{ '+': ['x', 'i'] }, 'y'] });
      expect(
        run({ 'a.correspondsWithIndex': ['input.a', 'input.b', ltIndex] }, 'boolean', { a: [1, 1], b: [2, 3] }),
      ).toBe(true);
      expect(
        run({ 'a.correspondsWithIndex': ['input.a', 'input.b', ltIndex] }, 'boolean', { a: [1, 1], b: [2, 2] }),
      ).toBe(false);
    });
  });

  describe('filterMap to a union of several types in Wasm', () => {
    // fcn returns union<null, int, string>: B is union<int, string>, each kept value in its branch.
    const U = ['null', 'int', 'string'];
    const pick = {
      params: [{ x: 'int' }],
      ret: U,
      do: {
        cond: [
          { if: { '<': ['x', 0] }, then: { type: 'string', value: 'neg' } },
          { if: { '==': [{ '%': ['x', 2] }, 0] }, then: 'x' },
        ],
        else: null,
      },
    };
    const B = ['int', 'string'];
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'a', type: { type: 'array', items: 'int' } },
          { name: 'm', type: { type: 'map', values: 'int' } },
        ],
      },
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'a', type: { type: 'array', items: B } },
          { name: 'm', type: { type: 'map', values: B } },
        ],
      },
      action: {
        type: 'Out',
        new: { a: { 'a.filterMap': ['input.a', pick] }, m: { 'map.filterMap': ['input.m', pick] } },
      },
    };
    it('a.filterMap and map.filterMap keep the branch each value was made in', () => {
      const out = score(doc, [
        { a: [1, -3, 4, 5, 6], m: { x: -1, y: 2, z: 3 } },
        { a: [], m: {} },
      ]);
      expect(out[0]).toEqual({
        a: [{ string: 'neg' }, { int: 4 }, { int: 6 }],
        m: { x: { string: 'neg' }, y: { int: 2 } },
      });
    }, 600_000);
  });
});
