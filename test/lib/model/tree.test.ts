import { describe, expect, it } from 'vitest';
import { score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const code = (o: unknown) => (o as { code?: number }).code;

const Datum = {
  type: 'record',
  name: 'Datum',
  fields: [
    { name: 'x', type: 'int' },
    { name: 'y', type: 'string' },
    { name: 'z', type: ['null', 'double'] },
  ],
};
const fieldEnum = { type: 'enum', name: 'Field', symbols: ['x', 'y', 'z'] };
const comparison = (value: unknown) => ({
  type: 'record',
  name: 'Cmp',
  fields: [
    { name: 'field', type: fieldEnum },
    { name: 'operator', type: 'string' },
    { name: 'value', type: value },
  ],
});
const testDoc = (fn: string, value: unknown, output: unknown) => ({
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 'd', type: Datum },
      { name: 'c', type: comparison(value) },
    ],
  },
  output,
  action: { [fn]: ['input.d', 'input.c'] },
});
const d = (x: number, y: string, z: number | null) => ({ x, y, z: z === null ? null : { double: z } });
const c = (field: string, operator: string, value: unknown) => ({ field, operator, value });

bothBackends(() => {
  describe('model.tree.simpleTest', () => {
    const doc = testDoc('model.tree.simpleTest', 'int', 'boolean');
    it('compares a numeric field with every ordering operator', () => {
      const ops: [string, boolean][] = [
        ['<', true],
        ['<=', true],
        ['>', false],
        ['>=', false],
        ['==', false],
        ['!=', true],
      ];
      for (const [op, want] of ops) expect(score(doc, [{ d: d(1, 'a', null), c: c('x', op, 2) }])).toEqual([want]);
      expect(score(doc, [{ d: d(2, 'a', null), c: c('x', '==', 2) }])).toEqual([true]);
    });
    it('handles alwaysTrue, alwaysFalse, isMissing and notMissing without looking at types', () => {
      expect(score(doc, [{ d: d(1, 'a', null), c: c('y', 'alwaysTrue', 0) }])).toEqual([true]);
      expect(score(doc, [{ d: d(1, 'a', null), c: c('y', 'alwaysFalse', 0) }])).toEqual([false]);
      expect(score(doc, [{ d: d(1, 'a', null), c: c('z', 'isMissing', 0) }])).toEqual([true]);
      expect(score(doc, [{ d: d(1, 'a', 2.5), c: c('z', 'notMissing', 0) }])).toEqual([true]);
    });
    it('raises "bad value type" (32001) before "invalid comparison operator" (32000)', () => {
      expect(code(score(doc, [{ d: d(1, 'a', null), c: c('x', '?', 2) }])[0])).toBe(32000);
      expect(code(score(doc, [{ d: d(1, 'a', null), c: c('y', '<', 2) }])[0])).toBe(32001);
      expect(code(score(doc, [{ d: d(1, 'a', null), c: c('y', '?', 2) }])[0])).toBe(32001);
      // a nullable field is not a number for simpleTest
      expect(code(score(doc, [{ d: d(1, 'a', 3), c: c('z', '<', 2) }])[0])).toBe(32001);
      // "in" needs an array of values
      expect(code(score(doc, [{ d: d(1, 'a', null), c: c('x', 'in', 2) }])[0])).toBe(32001);
    });
    it('compares strings in code-point order and tests set membership', () => {
      const sdoc = testDoc('model.tree.simpleTest', 'string', 'boolean');
      expect(score(sdoc, [{ d: d(1, 'abc', null), c: c('y', '<', 'abd') }])).toEqual([true]);
      expect(score(sdoc, [{ d: d(1, '\u{1F600}', null), c: c('y', '>', '\uFFFF') }])).toEqual([true]);
      const adoc = testDoc('model.tree.simpleTest', { type: 'array', items: 'double' }, 'boolean');
      expect(score(adoc, [{ d: d(3, 'a', null), c: c('x', 'in', [1, 3]) }])).toEqual([true]);
      expect(score(adoc, [{ d: d(3, 'a', null), c: c('x', 'notIn', [1, 3]) }])).toEqual([false]);
      expect(code(score(adoc, [{ d: d(3, 'a', null), c: c('y', 'in', [1]) }])[0])).toBe(32001);
    });
    it('compares through a union-typed value and rejects a value of the wrong branch', () => {
      const udoc = testDoc('model.tree.simpleTest', ['double', 'string'], 'boolean');
      expect(score(udoc, [{ d: d(1, 'a', null), c: c('x', '<', { double: 1.5 }) }])).toEqual([true]);
      expect(score(udoc, [{ d: d(1, 'a', null), c: c('y', '==', { string: 'a' }) }])).toEqual([true]);
      expect(code(score(udoc, [{ d: d(1, 'a', null), c: c('x', '<', { string: 'a' }) }])[0])).toBe(32001);
    });
  });

  describe('model.tree.missingTest', () => {
    const doc = testDoc('model.tree.missingTest', 'double', ['null', 'boolean']);
    it('returns null for a missing field and compares a present one', () => {
      expect(score(doc, [{ d: d(1, 'a', null), c: c('z', '<', 2) }])).toEqual([null]);
      expect(score(doc, [{ d: d(1, 'a', 1), c: c('z', '<', 2) }])).toEqual([{ boolean: true }]);
      expect(score(doc, [{ d: d(1, 'a', 3), c: c('x', '>=', 2) }])).toEqual([{ boolean: false }]);
    });
    it('raises 32010 for an unknown operator (isMissing included) and 32011 for bad types', () => {
      expect(code(score(doc, [{ d: d(1, 'a', 1), c: c('z', 'isMissing', 2) }])[0])).toBe(32010);
      expect(code(score(doc, [{ d: d(1, 'a', 1), c: c('x', '~', 2) }])[0])).toBe(32010);
      expect(code(score(doc, [{ d: d(1, 'a', 1), c: c('y', '<', 2) }])[0])).toBe(32011);
    });
  });

  describe('fields and values of several types', () => {
    // u: nullable of two types; s: a string, compared with values of a union that also holds an enum.
    const Many = {
      type: 'record',
      name: 'Many',
      fields: [
        { name: 'u', type: ['null', 'int', 'string'] },
        { name: 's', type: 'string' },
      ],
    };
    const manyDoc = (fn: string, value: unknown, output: unknown) => ({
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'd', type: Many },
          {
            name: 'c',
            type: {
              type: 'record',
              name: 'Cmp',
              fields: [
                { name: 'field', type: { type: 'enum', name: 'Field', symbols: ['u', 's'] } },
                { name: 'operator', type: 'string' },
                { name: 'value', type: value },
              ],
            },
          },
        ],
      },
      output,
      action: { [fn]: ['input.d', 'input.c'] },
    });
    const m = (u: unknown, s = 'a') => ({ u, s });

    it('missingTest compares a field of several types in its own branch, null answering null', () => {
      const doc = manyDoc('model.tree.missingTest', ['int', 'string'], ['null', 'boolean']);
      const run = (u: unknown, op: string, v: unknown) => score(doc, [{ d: m(u), c: c('u', op, v) }])[0];
      expect(run(null, '<', { int: 5 })).toBeNull();
      expect(run({ int: 3 }, '<', { int: 5 })).toEqual({ boolean: true });
      // Avro order: the int branch comes before the string branch
      expect(run({ string: 'b' }, '<', { int: 5 })).toEqual({ boolean: false });
      expect(run({ string: 'b' }, '>', { int: 5 })).toEqual({ boolean: true });
      expect(run({ string: 'b' }, '==', { string: 'b' })).toEqual({ boolean: true });
      expect(code(run({ int: 1 }, '~', { int: 1 }))).toBe(32010);
    });

    it('simpleTest orders a nullable field of several types as its union, null included', () => {
      const doc = manyDoc('model.tree.simpleTest', ['null', 'int', 'string'], 'boolean');
      const run = (u: unknown, op: string, v: unknown) => score(doc, [{ d: m(u), c: c('u', op, v) }])[0];
      expect(run(null, '==', null)).toBe(true);
      expect(run(null, '<', { int: 1 })).toBe(true);
      expect(run({ int: 3 }, '<', { string: 'a' })).toBe(true);
      expect(run({ int: 3 }, '>=', { int: 3 })).toBe(true);
      expect(run(null, 'isMissing', null)).toBe(true);
      expect(run({ string: 'x' }, 'notMissing', null)).toBe(true);
    });

    it('orders a string field in the string branch of a value that also holds an enum', () => {
      const E = { type: 'enum', name: 'E', symbols: ['a', 'b'] };
      const doc = manyDoc('model.tree.simpleTest', [E, 'string'], 'boolean');
      const run = (op: string, v: unknown) => score(doc, [{ d: m(null, 'a'), c: c('s', op, v) }])[0];
      expect(run('==', { string: 'a' })).toBe(true);
      // the symbol "a" is another value: the enum branch comes first
      expect(run('==', { E: 'a' })).toBe(false);
      expect(run('>', { E: 'b' })).toBe(true);
    });

    it('finds a string field among enum symbols by its text ("in")', () => {
      const E = { type: 'enum', name: 'E', symbols: ['a', 'b'] };
      const doc = manyDoc('model.tree.simpleTest', { type: 'array', items: [E, 'string'] }, 'boolean');
      const run = (v: unknown) => score(doc, [{ d: m(null, 'b'), c: c('s', 'in', v) }])[0];
      expect(run([{ E: 'a' }, { E: 'b' }])).toBe(true);
      expect(run([{ E: 'a' }, { string: 'c' }])).toBe(false);
      expect(run([{ string: 'b' }])).toBe(true);
    });

    it('finds a bytes field among fixed values by its bytes ("in")', () => {
      const F = { type: 'fixed', name: 'F', size: 2 };
      const Bin = { type: 'record', name: 'Bin', fields: [{ name: 'b', type: 'bytes' }] };
      const Cmp = {
        type: 'record',
        name: 'Cmp',
        fields: [
          { name: 'field', type: { type: 'enum', name: 'Field', symbols: ['b'] } },
          { name: 'operator', type: 'string' },
          { name: 'value', type: { type: 'array', items: [F, 'bytes'] } },
        ],
      };
      const doc = {
        input: {
          type: 'record',
          name: 'In',
          fields: [
            { name: 'd', type: Bin },
            { name: 'c', type: Cmp },
          ],
        },
        output: 'boolean',
        action: { 'model.tree.simpleTest': ['input.d', 'input.c'] },
      };
      // (bytes in JSON are base64: YWI= is "ab", YmE= "ba", eHk= "xy", YWJj "abc")
      const run = (v: unknown) => score(doc, [{ d: { b: 'YWI=' }, c: c('b', 'in', v) }])[0];
      expect(run([{ F: 'eHk=' }, { F: 'YWI=' }])).toBe(true);
      expect(run([{ F: 'YmE=' }, { bytes: 'YWJj' }])).toBe(false);
      expect(run([{ bytes: 'YWI=' }])).toBe(true);
    });

    it('finds fields of several types in arrays of unions ("in", "notIn")', () => {
      const items = { type: 'array', items: ['int', 'string'] };
      const missing = manyDoc('model.tree.missingTest', items, ['null', 'boolean']);
      const run = (u: unknown, op: string, v: unknown) => score(missing, [{ d: m(u), c: c('u', op, v) }])[0];
      expect(run({ int: 3 }, 'in', [{ string: 'x' }, { int: 3 }])).toEqual({ boolean: true });
      expect(run({ string: '3' }, 'in', [{ int: 3 }])).toEqual({ boolean: false });
      expect(run({ string: '3' }, 'notIn', [{ int: 3 }])).toEqual({ boolean: true });
      expect(run(null, 'in', [{ int: 3 }])).toBeNull();
      const simple = manyDoc('model.tree.simpleTest', items, 'boolean');
      expect(score(simple, [{ d: m(null, 'a'), c: c('s', 'in', [{ int: 1 }, { string: 'a' }]) }])).toEqual([true]);
      // null is not an item of array<union<int, string>>: simpleTest cannot search for the field
      expect(code(score(simple, [{ d: m(null), c: c('u', 'in', [{ int: 1 }]) }])[0])).toBe(32001);
    });
  });

  const Cmps = { type: 'array', items: { type: 'record', name: 'Q', fields: [{ name: 'q', type: 'int' }] } };
  const Empty = { type: 'record', name: 'Empty', fields: [] };

  describe('model.tree.compoundTest', () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'd', type: Empty },
          { name: 'op', type: 'string' },
          { name: 'cs', type: Cmps },
        ],
      },
      output: 'boolean',
      action: {
        'model.tree.compoundTest': [
          'input.d',
          'input.op',
          'input.cs',
          { params: [{ dd: 'Empty' }, { t: 'Q' }], ret: 'boolean', do: { '>': ['t.q', 0] } },
        ],
      },
    };
    const qs = (...v: number[]) => v.map((q) => ({ q }));
    it('combines tests with and, or and xor', () => {
      expect(
        score(doc, [
          { d: {}, op: 'and', cs: qs(1, 2) },
          { d: {}, op: 'and', cs: qs(1, -2) },
          { d: {}, op: 'and', cs: [] },
        ]),
      ).toEqual([true, false, true]);
      expect(
        score(doc, [
          { d: {}, op: 'or', cs: qs(-1, 2) },
          { d: {}, op: 'or', cs: qs(-1) },
          { d: {}, op: 'or', cs: [] },
        ]),
      ).toEqual([true, false, false]);
      expect(
        score(doc, [
          { d: {}, op: 'xor', cs: qs(1, 2, 3) },
          { d: {}, op: 'xor', cs: qs(1, 2) },
        ]),
      ).toEqual([true, false]);
    });
    it('raises "unrecognized logical operator" (32020)', () => {
      expect(code(score(doc, [{ d: {}, op: 'nand', cs: [] }])[0])).toBe(32020);
    });
  });

  describe('model.tree.surrogateTest', () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'd', type: Empty },
          { name: 'cs', type: Cmps },
        ],
      },
      output: 'boolean',
      action: {
        'model.tree.surrogateTest': [
          'input.d',
          'input.cs',
          {
            params: [{ dd: 'Empty' }, { t: 'Q' }],
            ret: ['null', 'boolean'],
            do: { if: { '==': ['t.q', 0] }, then: null, else: { '>': ['t.q', 0] } },
          },
        ],
      },
    };
    it('returns the first non-null result, else raises 32030', () => {
      const r = score(doc, [
        { d: {}, cs: [{ q: 0 }, { q: -1 }, { q: 1 }] },
        { d: {}, cs: [{ q: 0 }, { q: 5 }] },
        { d: {}, cs: [{ q: 0 }] },
      ]);
      expect(r.slice(0, 2)).toEqual([false, true]);
      expect(code(r[2])).toBe(32030);
    });
  });

  /** A record type T with pass/fail (and maybe missing) branches of type union<T, string>. */
  function walkType(missing: boolean) {
    const fields: { name: string; type: unknown }[] = [
      { name: 'field', type: { type: 'enum', name: 'F', symbols: ['x', 'y'] } },
      { name: 'operator', type: 'string' },
      { name: 'value', type: 'double' },
      { name: 'pass', type: ['T', 'string'] },
      { name: 'fail', type: ['T', 'string'] },
    ];
    if (missing) fields.push({ name: 'missing', type: ['T', 'string'] });
    return { type: 'record', name: 'T', fields };
  }
  const XY = {
    type: 'record',
    name: 'XY',
    fields: [
      { name: 'x', type: 'double' },
      { name: 'y', type: ['null', 'double'] },
    ],
  };

  /** A chain of `depth` nodes "x < i" whose fail branch goes one deeper; the leaf says how deep. */
  function chain(depth: number, missing = false): unknown {
    let node: unknown = { string: `leaf ${depth}` };
    for (let i = depth - 1; i >= 0; i--) {
      const n: Record<string, unknown> = {
        field: 'x',
        operator: '<',
        value: i,
        pass: { string: `pass ${i}` },
        fail: node,
      };
      if (missing) n.missing = { string: `missing ${i}` };
      node = { T: n };
    }
    return (node as { T: unknown }).T;
  }

  describe('model.tree.simpleWalk and simpleTree', () => {
    const walk = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'd', type: XY },
          { name: 'tree', type: walkType(false) },
        ],
      },
      output: 'string',
      action: {
        'model.tree.simpleWalk': [
          'input.d',
          'input.tree',
          { params: [{ dd: 'XY' }, { t: 'T' }], ret: 'boolean', do: { 'model.tree.simpleTest': ['dd', 't'] } },
        ],
      },
    };
    const tree = {
      input: walk.input,
      output: 'string',
      action: { 'model.tree.simpleTree': ['input.d', 'input.tree'] },
    };
    it('follows pass and fail branches to a leaf', () => {
      const t = chain(5);
      const inputs = [
        { d: { x: -1, y: null }, tree: t },
        { d: { x: 2.5, y: null }, tree: t },
        { d: { x: 10, y: null }, tree: t },
      ];
      expect(score(walk, inputs)).toEqual(['pass 0', 'pass 3', 'leaf 5']);
      expect(score(tree, inputs)).toEqual(['pass 0', 'pass 3', 'leaf 5']);
    });
    it('walks a chain of hundreds of decoded nodes', () => {
      const t = chain(500);
      expect(score(walk, [{ d: { x: 1e9, y: null }, tree: t }])).toEqual(['leaf 500']);
      expect(score(tree, [{ d: { x: 498.5, y: null }, tree: t }])).toEqual(['pass 499']);
    });
    it('walks a tree of 20,000 levels without recursion', () => {
      // The tree is built by the action itself (decoding such an input would nest 20,000 deep), and
      // passed as a T, not as union<T, string>: telling union branches apart is deep for records.
      const n = 20000;
      const build = (call: unknown) => ({
        input: XY,
        output: 'string',
        action: [
          {
            let: {
              t: {
                type: walkType(false),
                new: {
                  field: { type: 'F', value: 'x' },
                  operator: { string: '<' },
                  value: n,
                  pass: { string: 'pass' },
                  fail: { string: 'leaf' },
                },
              },
            },
          },
          {
            for: { i: 0 },
            while: { '<': ['i', n] },
            step: { i: { '+': ['i', 1] } },
            do: [
              {
                set: {
                  t: {
                    type: 'T',
                    new: {
                      field: { type: 'F', value: 'x' },
                      operator: { string: '<' },
                      value: { '-': [n - 1, 'i'] },
                      pass: { string: 'pass' },
                      fail: 't',
                    },
                  },
                },
              },
            ],
          },
          call,
        ],
      });
      const test = {
        params: [{ dd: 'XY' }, { tt: 'T' }],
        ret: 'boolean',
        do: { 'model.tree.simpleTest': ['dd', 'tt'] },
      };
      expect(
        score(build({ 'model.tree.simpleTree': ['input', 't'] }), [
          { x: 1e9, y: null },
          { x: n - 1.5, y: null },
        ]),
      ).toEqual(['leaf', 'pass']);
      expect(score(build({ 'model.tree.simpleWalk': ['input', 't', test] }), [{ x: 1e9, y: null }])).toEqual(['leaf']);
    });
    it("raises simpleTree's own codes 32060 and 32061", () => {
      const bad = { field: 'x', operator: '<>', value: 1, pass: { string: 'p' }, fail: { string: 'f' } };
      expect(code(score(tree, [{ d: { x: 0, y: null }, tree: bad }])[0])).toBe(32060);
      expect(code(score(tree, [{ d: { x: 0, y: null }, tree: { ...bad, field: 'y', operator: '<' } }])[0])).toBe(32061);
    });
    it('tells nodes from leaves when the score type is itself a record', () => {
      const Leaf = { type: 'record', name: 'Leaf', fields: [{ name: 'label', type: 'string' }] };
      const T = {
        ...walkType(false),
        fields: walkType(false).fields.map((f) =>
          f.name === 'pass' || f.name === 'fail' ? { ...f, type: ['T', Leaf] } : f,
        ),
      };
      const doc = {
        input: {
          type: 'record',
          name: 'In',
          fields: [
            { name: 'd', type: XY },
            { name: 'tree', type: T },
          ],
        },
        output: 'Leaf',
        action: { 'model.tree.simpleTree': ['input.d', 'input.tree'] },
      };
      const t = {
        field: 'x',
        operator: '<',
        value: 0,
        pass: { Leaf: { label: 'neg' } },
        fail: {
          T: {
            field: 'x',
            operator: '<',
            value: 1,
            pass: { Leaf: { label: 'small' } },
            fail: { Leaf: { label: 'big' } },
          },
        },
      };
      expect(
        score(doc, [
          { d: { x: -1, y: null }, tree: t },
          { d: { x: 0.5, y: null }, tree: t },
          { d: { x: 5, y: null }, tree: t },
        ]),
      ).toEqual([{ label: 'neg' }, { label: 'small' }, { label: 'big' }]);
    });
  });

  describe('model.tree.missingWalk', () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'd', type: XY },
          { name: 'tree', type: walkType(true) },
        ],
      },
      output: 'string',
      action: {
        'model.tree.missingWalk': [
          'input.d',
          'input.tree',
          {
            params: [{ dd: 'XY' }, { t: 'T' }],
            ret: ['null', 'boolean'],
            do: { 'model.tree.missingTest': ['dd', 't'] },
          },
        ],
      },
    };
    it('follows the missing branch when the test returns null', () => {
      const t = {
        field: 'y',
        operator: '<',
        value: 0,
        pass: { string: 'p' },
        fail: { string: 'f' },
        missing: { T: { ...(chain(2, true) as object) } },
      };
      expect(
        score(doc, [
          { d: { x: 0.5, y: null }, tree: t },
          { d: { x: 0, y: { double: -1 } }, tree: t },
          { d: { x: 5, y: { double: 1 } }, tree: t },
        ]),
      ).toEqual(['pass 1', 'p', 'f']);
    });
    it('walks a chain of hundreds of decoded nodes', () => {
      expect(score(doc, [{ d: { x: 1e9, y: null }, tree: chain(500, true) }])).toEqual(['leaf 500']);
    });
  });
});
