import { describe, expect, it } from 'vitest';
import { call, score } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

const MI = { type: 'map', values: 'int' };
const INTS = { type: 'array', items: 'int' };
const STRINGS = { type: 'array', items: 'string' };
const sorted = (x: unknown) => [...(x as string[])].sort();

/** One action on input maps a (and b, c, d when given). */
function run(
  action: unknown,
  output: unknown,
  maps: Record<string, unknown>,
  types: Record<string, unknown> = {},
): unknown {
  const fields = Object.keys(maps).map((name) => ({ name, type: types[name] ?? MI }));
  return score({ input: { type: 'record', name: 'In', fields }, output, action }, [maps])[0];
}
const fcn = (params: Record<string, unknown>[], ret: unknown, body: unknown) => ({ params, ret, do: body });

bothBackends(() => {
  describe('map: access and manipulation', () => {
    const m = { a: 1, b: 2, c: 3 };

    it('map.len, map.keys, map.values, map.containsKey, map.containsValue', () => {
      expect(call('map.len', [MI], 'int', [m])).toBe(3);
      expect(sorted(call('map.keys', [MI], STRINGS, [m]))).toEqual(['a', 'b', 'c']);
      expect(sorted(call('map.values', [MI], INTS, [m]))).toEqual([1, 2, 3]);
      expect(call('map.containsKey', [MI, 'string'], 'boolean', [m, 'b'])).toBe(true);
      expect(call('map.containsKey', [MI, 'string'], 'boolean', [m, 'z'])).toBe(false);
      expect(call('map.containsValue', [MI, 'int'], 'boolean', [m, 3])).toBe(true);
      expect(call('map.containsValue', [MI, 'int'], 'boolean', [m, 4])).toBe(false);
      const isC = fcn([{ k: 'string' }], 'boolean', { '==': ['k', { string: 'c' }] });
      expect(run({ 'map.containsKey': ['input.a', isC] }, 'boolean', { a: m })).toBe(true);
      const big = fcn([{ v: 'int' }], 'boolean', { '>': ['v', 2] });
      expect(run({ 'map.containsValue': ['input.a', big] }, 'boolean', { a: { x: 1 } })).toBe(false);
    });

    it('map.add, map.remove, map.only, map.except, map.update, map.split, map.join', () => {
      expect(call('map.add', [MI, 'string', 'int'], MI, [m, 'b', 20])).toEqual({ a: 1, b: 20, c: 3 });
      expect(call('map.remove', [MI, 'string'], MI, [m, 'b'])).toEqual({ a: 1, c: 3 });
      expect(call('map.remove', [MI, 'string'], MI, [m, 'z'])).toEqual(m);
      expect(call('map.only', [MI, STRINGS], MI, [m, ['a', 'z']])).toEqual({ a: 1 });
      expect(call('map.except', [MI, STRINGS], MI, [m, ['a', 'z']])).toEqual({ b: 2, c: 3 });
      expect(call('map.update', [MI, MI], MI, [m, { c: 30, d: 4 }])).toEqual({ a: 1, b: 2, c: 30, d: 4 });
      const parts = call('map.split', [MI], { type: 'array', items: MI }, [{ a: 1, b: 2 }]) as object[];
      expect(parts.map((p) => JSON.stringify(p)).sort()).toEqual(['{"a":1}', '{"b":2}']);
      expect(call('map.join', [{ type: 'array', items: MI }], MI, [[{ a: 1 }, { a: 2, b: 3 }]])).toEqual({
        a: 2,
        b: 3,
      });
    });

    it('never changes its input map', () => {
      const doc = {
        input: MI,
        output: { type: 'array', items: MI },
        action: {
          new: [{ 'map.add': ['input', { string: 'z' }, 9] }, { 'map.remove': ['input', { string: 'a' }] }, 'input'],
          type: { type: 'array', items: MI },
        },
      };
      expect(score(doc, [{ a: 1 }])).toEqual([[{ a: 1, z: 9 }, {}, { a: 1 }]]);
    });
  });

  describe('map: extreme values', () => {
    const m = { d: 5, b: 1, a: 5, c: 1, e: 3 };
    const byAbs = fcn([{ x: 'int' }, { y: 'int' }], 'boolean', { '<': [{ 'm.abs': 'x' }, { 'm.abs': 'y' }] });
    const n = (fn: string, k: number, withLT = false) =>
      run(
        { [fn]: withLT ? ['input.a', 'input.n', byAbs] : ['input.a', 'input.n'] },
        STRINGS,
        { a: m, n: k },
        { n: 'int' },
      );

    it('ties go to the smallest key', () => {
      expect(call('map.argmax', [MI], 'string', [m])).toBe('a');
      expect(call('map.argmin', [MI], 'string', [m])).toBe('b');
      expect(n('map.argmaxN', 3)).toEqual(['a', 'd', 'e']);
      expect(n('map.argminN', 3)).toEqual(['b', 'c', 'e']);
      expect(n('map.argmaxNLT', 2, true)).toEqual(['a', 'd']);
      expect(n('map.argminNLT', 10, true)).toEqual(['b', 'c', 'e', 'a', 'd']);
      expect(run({ 'map.argmaxLT': ['input.a', byAbs] }, 'string', { a: { x: -7, y: 3 } })).toBe('x');
      expect(run({ 'map.argminLT': ['input.a', byAbs] }, 'string', { a: { x: -7, y: 3 } })).toBe('y');
    });

    it('raises "empty map" and "n < 0"', () => {
      expect(call('map.argmax', [MI], 'string', [{}])).toMatchObject({ code: 26120, error: 'empty map' });
      expect(call('map.argmin', [MI], 'string', [{}])).toMatchObject({ code: 26130 });
      expect(run({ 'map.argmaxLT': ['input.a', byAbs] }, 'string', { a: {} })).toMatchObject({ code: 26140 });
      expect(run({ 'map.argminLT': ['input.a', byAbs] }, 'string', { a: {} })).toMatchObject({ code: 26150 });
      for (const [fn, code, lt] of [
        ['map.argmaxN', 26160, false],
        ['map.argminN', 26170, false],
        ['map.argmaxNLT', 26180, true],
        ['map.argminNLT', 26190, true],
      ] as const) {
        const args = lt ? ['input.a', 'input.n', byAbs] : ['input.a', 'input.n'];
        expect(run({ [fn]: args }, STRINGS, { a: {}, n: 1 }, { n: 'int' })).toMatchObject({ code, error: 'empty map' });
        expect(run({ [fn]: args }, STRINGS, { a: { x: 1 }, n: -1 }, { n: 'int' })).toMatchObject({
          code: code + 1,
          error: 'n < 0',
        });
      }
    });
  });

  describe('map: sets', () => {
    it('map.toset keys items by the base64 of their Avro binary encoding', () => {
      // int 1 zig-zags to 0x02 ("Ag=="); "hi" is length 2 (0x04) then the bytes ("BGhp").
      expect(call('map.toset', [INTS], MI, [[1, 1, -1]])).toEqual({ 'Ag==': 1, 'AQ==': -1 });
      expect(call('map.toset', [STRINGS], { type: 'map', values: 'string' }, [['hi']])).toEqual({ BGhp: 'hi' });
      expect(sorted(call('map.fromset', [MI], INTS, [{ 'Ag==': 1, 'AQ==': -1 }]))).toEqual([-1, 1]);
      expect(call('map.in', [MI, 'int'], 'boolean', [{ 'Ag==': 1 }, 1])).toBe(true);
      expect(call('map.in', [MI, 'int'], 'boolean', [{ 'Ag==': 1 }, 2])).toBe(false);
      expect(call('map.add', [MI, 'int'], MI, [{ 'Ag==': 1 }, 2])).toEqual({ 'Ag==': 1, 'BA==': 2 });
    });

    it('set operations look at keys only', () => {
      const a = { x: 1, y: 2 },
        b = { y: 20, z: 3 };
      expect(call('map.union', [MI, MI], MI, [a, b])).toEqual({ x: 1, y: 20, z: 3 });
      expect(call('map.intersection', [MI, MI], MI, [a, b])).toEqual({ y: 2 });
      expect(call('map.diff', [MI, MI], MI, [a, b])).toEqual({ x: 1 });
      expect(call('map.symdiff', [MI, MI], MI, [a, b])).toEqual({ x: 1, z: 3 });
      expect(call('map.subset', [MI, MI], 'boolean', [{ y: 0 }, a])).toBe(true);
      expect(call('map.subset', [MI, MI], 'boolean', [b, a])).toBe(false);
      expect(call('map.disjoint', [MI, MI], 'boolean', [a, b])).toBe(false);
      expect(call('map.disjoint', [MI, MI], 'boolean', [a, { z: 1 }])).toBe(true);
    });
  });

  describe('map: functional programming', () => {
    const m = { a: 1, b: 2, c: 3 };
    const isOdd = fcn([{ v: 'int' }], 'boolean', { '==': [{ '%': ['v', 2] }, 1] });

    it('map.map, map.mapWithKey, map.filter, map.filterWithKey', () => {
      expect(run({ 'map.map': ['input.a', fcn([{ v: 'int' }], 'int', { '*': ['v', 2] })] }, MI, { a: m })).toEqual({
        a: 2,
        b: 4,
        c: 6,
      });
      const keyed = fcn([{ k: 'string' }, { v: 'int' }], 'string', { 's.concat': ['k', { 's.int': 'v' }] });
      expect(run({ 'map.mapWithKey': ['input.a', keyed] }, { type: 'map', values: 'string' }, { a: m })).toEqual({
        a: 'a1',
        b: 'b2',
        c: 'c3',
      });
      expect(run({ 'map.filter': ['input.a', isOdd] }, MI, { a: m })).toEqual({ a: 1, c: 3 });
      const notB = fcn([{ k: 'string' }, { v: 'int' }], 'boolean', { '!=': ['k', { string: 'b' }] });
      expect(run({ 'map.filterWithKey': ['input.a', notB] }, MI, { a: m })).toEqual({ a: 1, c: 3 });
    });

    it('map.filterMap(WithKey) drop nulls, map.flatMap(WithKey) overlay', () => {
      const oddOrNull = fcn([{ v: 'int' }], ['null', 'int'], {
        if: { '==': [{ '%': ['v', 2] }, 1] },
        then: 'v',
        else: null,
      });
      expect(run({ 'map.filterMap': ['input.a', oddOrNull] }, MI, { a: m })).toEqual({ a: 1, c: 3 });
      const keyed = fcn([{ k: 'string' }, { v: 'int' }], ['null', 'string'], {
        if: { '>': ['v', 1] },
        then: 'k',
        else: null,
      });
      expect(run({ 'map.filterMapWithKey': ['input.a', keyed] }, { type: 'map', values: 'string' }, { a: m })).toEqual({
        b: 'b',
        c: 'c',
      });
      const spread = fcn([{ v: 'int' }], MI, { new: { x: 'v', k: 0 }, type: MI });
      expect(run({ 'map.flatMap': ['input.a', spread] }, MI, { a: m })).toEqual({ x: 3, k: 0 });
      const rekey = fcn([{ k: 'string' }, { v: 'int' }], MI, {
        'map.add': [{ value: {}, type: MI }, { 's.concat': ['k', 'k'] }, 'v'],
      });
      expect(run({ 'map.flatMapWithKey': ['input.a', rekey] }, MI, { a: m })).toEqual({ aa: 1, bb: 2, cc: 3 });
    });

    it('map.zipmap(WithKey) need equal key sets, else "misaligned maps"', () => {
      const add = fcn([{ x: 'int' }, { y: 'int' }], 'int', { '+': ['x', 'y'] });
      expect(
        run({ 'map.zipmap': ['input.a', 'input.b', add] }, MI, { a: { p: 1, q: 2 }, b: { q: 20, p: 10 } }),
      ).toEqual({
        p: 11,
        q: 22,
      });
      expect(run({ 'map.zipmap': ['input.a', 'input.b', add] }, MI, { a: { p: 1 }, b: { q: 1 } })).toMatchObject({
        code: 26370,
        error: 'misaligned maps',
      });
      const add3 = fcn([{ k: 'string' }, { x: 'int' }, { y: 'int' }, { z: 'int' }], 'string', {
        's.concat': ['k', { 's.int': { '+': ['x', { '+': ['y', 'z'] }] } }],
      });
      const out = { type: 'map', values: 'string' };
      expect(
        run({ 'map.zipmapWithKey': ['input.a', 'input.b', 'input.c', add3] }, out, {
          a: { p: 1 },
          b: { p: 2 },
          c: { p: 3 },
        }),
      ).toEqual({ p: 'p6' });
      expect(
        run({ 'map.zipmapWithKey': ['input.a', 'input.b', 'input.c', add3] }, out, { a: { p: 1 }, b: { p: 2 }, c: {} }),
      ).toMatchObject({ code: 26380 });
    });

    it('map.corresponds(WithKey) are false for different key sets', () => {
      const lt = fcn([{ x: 'int' }, { y: 'int' }], 'boolean', { '<': ['x', 'y'] });
      expect(
        run({ 'map.corresponds': ['input.a', 'input.b', lt] }, 'boolean', { a: { p: 1, q: 2 }, b: { q: 3, p: 2 } }),
      ).toBe(true);
      expect(run({ 'map.corresponds': ['input.a', 'input.b', lt] }, 'boolean', { a: { p: 1 }, b: { q: 3 } })).toBe(
        false,
      );
      const keyLt = fcn([{ k: 'string' }, { x: 'int' }, { y: 'int' }], 'boolean', {
        '||': [{ '==': ['k', { string: 'p' }] }, { '<': ['x', 'y'] }],
      });
      expect(
        run({ 'map.correspondsWithKey': ['input.a', 'input.b', keyLt] }, 'boolean', {
          a: { p: 5, q: 2 },
          b: { p: 1, q: 3 },
        }),
      ).toBe(true);
      expect(
        run({ 'map.correspondsWithKey': ['input.a', 'input.b', keyLt] }, 'boolean', {
          a: { p: 5, q: 4 },
          b: { p: 1, q: 3 },
        }),
      ).toBe(false);
    });
  });

  describe('map extremes and containsValue in Wasm', () => {
    const lt = (body: unknown) => ({
      params: [{ x: 'double' }, { y: 'double' }],
      ret: 'boolean',
      do: [{ cell: 'calls', to: { '+': [{ cell: 'calls' }, 1] } }, body],
    });
    const inconsistent = { '==': [{ '%': [{ '+': [{ '*': ['x', 7] }, 'y'] }, 3] }, 0] };
    const MD = { type: 'map', values: 'double' };
    const MA = { type: 'map', values: INTS };
    const Out = {
      type: 'record',
      name: 'Out',
      fields: [
        { name: 'lo', type: STRINGS },
        { name: 'odd', type: STRINGS },
        { name: 'top', type: 'string' },
        { name: 'topN', type: STRINGS },
        { name: 'has', type: 'boolean' },
        { name: 'calls', type: 'long' },
      ],
    };
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'm', type: MD },
          { name: 'n', type: 'int' },
          { name: 'r', type: MA },
        ],
      },
      output: Out,
      cells: { calls: { type: 'long', init: 0 } },
      action: [
        { cell: 'calls', to: 0 },
        {
          let: {
            lo: { 'map.argminNLT': ['input.m', 'input.n', lt({ '<': ['x', 'y'] })] },
            odd: { 'map.argmaxNLT': ['input.m', 'input.n', lt(inconsistent)] },
          },
        },
        {
          type: 'Out',
          new: {
            lo: 'lo',
            odd: 'odd',
            top: { 'map.argmax': ['input.r'] },
            topN: { 'map.argminN': ['input.r', 2] },
            has: { 'map.containsValue': ['input.r', { type: INTS, value: [1, 2] }] },
            calls: { cell: 'calls' },
          },
        },
      ],
    };
    it('argmaxNLT/argminNLT call lessThan as the JS form does; argmax and containsValue take any item type', () => {
      const m = (n: number) =>
        Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${(i * 37) % n}`, (i * 13) % 7]));
      const r = { a: [1, 2], b: [3], c: [1, 2, 0], d: [] };
      const rows = [1, 3, 8, 9, 12, 40].flatMap((size) => [0, 1, 2, 8, 9, 20].map((n) => ({ m: m(size), n, r })));
      const out = score(doc, [...rows, { m: {}, n: 2, r }, { m: m(3), n: -1, r }]) as Record<string, unknown>[];
      expect(out[rows.length]).toMatchObject({ code: 26190 });
      expect(out[rows.length + 1]).toEqual({ error: 'n < 0', code: 26191 });
      expect(out[1]).toMatchObject({ lo: ['k0'], top: 'b', topN: ['d', 'a'], has: true });
    }, 900_000); // (two sorts inlined: a slow compile on a loaded machine)
  });
});
