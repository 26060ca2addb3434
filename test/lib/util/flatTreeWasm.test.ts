/**
 * Flat trees (src/lib/util/flatTreeWasm.ts): a constant tree, or the trees of a constant forest,
 * walked from load-time tables must answer as the JS backend's walk of the records, for fields of
 * every type, every operator (and bad ones), values of every branch and errors at the node where
 * the walk meets them. Random trees and data from fixed seeds; each document must take the flat
 * path (its kernel names rt.FlatTree), so the comparison cannot pass by walking the records.
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine } from '../../../src/index.js';
import { tryLower } from '../../../src/backend/wasm/load.js';
import { mulberry32 } from '../../helpers/random.js';
import { outcome } from '../../backend/wasm/outcome.js';

const Datum = {
  type: 'record',
  name: 'Datum',
  fields: [
    { name: 'a', type: 'double' },
    { name: 'b', type: 'int' },
    { name: 'c', type: 'string' },
    { name: 'd', type: ['null', 'double'] },
    { name: 'e', type: { type: 'enum', name: 'Color', symbols: ['red', 'green', 'blue'] } },
    { name: 'f', type: 'long' },
    { name: 'g', type: 'float' },
  ],
};
const FIELDS = Datum.fields.map((f) => f.name);
const VALUE = ['double', 'int', 'string', { type: 'array', items: 'string' }];
const Node = {
  type: 'record',
  name: 'Node',
  fields: [
    { name: 'field', type: { type: 'enum', name: 'Field', symbols: FIELDS } },
    { name: 'operator', type: 'string' },
    { name: 'value', type: VALUE },
    { name: 'pass', type: ['Node', 'int', 'string'] },
    { name: 'fail', type: ['string', 'Node', 'int'] },
  ],
};
const OUT = ['int', 'string'];
const NUMBERS = [-2, -0.5, 0, 0.5, 1, 2.5, 3];
const WORDS = ['ant', 'bee', 'cat', 'red', 'blue', ''];
const ORDERING = ['<', '<=', '>', '>=', '==', '!='];

function pick<T>(u: () => number, xs: readonly T[]): T {
  return xs[Math.floor(u() * xs.length)];
}

/** A value of the node's union, mostly of a branch its field's operator can use. */
function value(u: () => number, field: string, operator: string): unknown {
  const strings = () => ({ array: Array.from({ length: 1 + Math.floor(u() * 3) }, () => pick(u, WORDS)) });
  const any = [
    () => ({ double: pick(u, NUMBERS) }),
    () => ({ int: Math.round(pick(u, NUMBERS)) }),
    () => ({ string: pick(u, WORDS) }),
    strings,
  ];
  if (u() < 0.03) return pick(u, any)();
  if (operator === 'in' || operator === 'notIn') return strings();
  if (field === 'c' || field === 'e') return { string: pick(u, WORDS) };
  return u() < 0.5 ? { double: pick(u, NUMBERS) } : { int: Math.round(pick(u, NUMBERS)) };
}

function tree(u: () => number, depth: number): unknown {
  const field = pick(u, FIELDS);
  const r = u();
  // (mostly what the field's type allows: "in" searches an array of strings, a nullable field and
  // an enum are mostly tested for null; the rest are errors where the walk meets them)
  const searches = field === 'c' || field === 'e' ? 0.5 : 0.01;
  const special = field === 'd' || field === 'e' ? 0.7 : 0.03;
  const operator =
    r < 0.005
      ? 'bogus'
      : u() < special
        ? pick(u, ['alwaysTrue', 'alwaysFalse', 'isMissing', 'notMissing'])
        : u() < searches
          ? pick(u, ['in', 'notIn'])
          : pick(u, ORDERING);
  const child = (leaf: () => unknown) => (depth > 0 && u() < 0.8 ? { Node: tree(u, depth - 1) } : leaf());
  return {
    field,
    operator,
    value: value(u, field, operator),
    pass: child(() => (u() < 0.5 ? { int: Math.floor(u() * 100) } : { string: pick(u, WORDS) })),
    fail: child(() => (u() < 0.5 ? { int: Math.floor(u() * 100) } : { string: pick(u, WORDS) })),
  };
}

function datum(u: () => number): unknown {
  return {
    a: pick(u, NUMBERS),
    b: Math.round(pick(u, NUMBERS)),
    c: pick(u, WORDS),
    d: u() < 0.3 ? null : { double: pick(u, NUMBERS) },
    e: pick(u, ['red', 'green', 'blue']),
    f: Math.round(pick(u, NUMBERS)),
    g: pick(u, NUMBERS),
  };
}

const simpleTest = {
  params: [{ d: 'Datum' }, { t: 'Node' }],
  ret: 'boolean',
  do: { 'model.tree.simpleTest': ['d', 't'] },
};

/** Documents walking a constant tree, and each tree of a constant forest, as exporters write them. */
const DOCS: [string, (forest: unknown[]) => object][] = [
  [
    'simpleWalk with simpleTest in a function, over a forest (a.map)',
    (forest) => ({
      input: Datum,
      output: { type: 'array', items: OUT },
      cells: { forest: { type: { type: 'array', items: Node }, init: forest } },
      action: {
        'a.map': [
          { cell: 'forest' },
          { params: [{ tree: 'Node' }], ret: OUT, do: { 'model.tree.simpleWalk': ['input', 'tree', simpleTest] } },
        ],
      },
    }),
  ],
  [
    'simpleWalk with {"fcn": "model.tree.simpleTest"} and simpleTree, over one tree',
    (forest) => ({
      input: Datum,
      output: { type: 'array', items: OUT },
      cells: { tree: { type: Node, init: forest[0] } },
      action: {
        new: [
          { 'model.tree.simpleWalk': ['input', { cell: 'tree' }, { fcn: 'model.tree.simpleTest' }] },
          { 'model.tree.simpleTree': ['input', { cell: 'tree' }] },
        ],
        type: { type: 'array', items: OUT },
      },
    }),
  ],
  [
    'simpleWalk with a user function calling simpleTest, over one tree',
    (forest) => ({
      input: Datum,
      output: OUT,
      cells: { tree: { type: Node, init: forest[0] } },
      fcns: { test: simpleTest },
      action: { 'model.tree.simpleWalk': ['input', { cell: 'tree' }, { fcn: 'u.test' }] },
    }),
  ],
];

describe('model.tree walks of constant trees on Wasm (flat tables)', () => {
  for (const [title, make] of DOCS)
    it(`${title}: the JS backend's answers and errors`, async () => {
      const all: string[] = [];
      for (const seed of [1, 2, 3]) {
        const u = mulberry32(seed);
        const doc = make(Array.from({ length: 5 }, () => tree(u, 4)));
        const js = PFAEngine.fromJson(doc, { backend: 'js' });
        const lowering = tryLower(js.typed);
        if (!lowering.ok) throw new Error(`${lowering.path}: ${lowering.reason}`);
        expect(lowering.lowered.source).toContain('rt.FlatTree');
        // (a walk is bounded by its table, so it is charged to the clock once, before its first
        // node, not at each node; the tests of nodes the table does not decide keep their own)
        const [before, walk] = lowering.lowered.source.split('while (true) {');
        expect(before.trimEnd().split('\n').at(-1)).toMatch(/rt\.clockSpend\(1\)/);
        expect(walk.trimStart()).not.toMatch(/^if \(rt\.clockSpend/);
        const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
        const inputs = Array.from({ length: 300 }, () => js.decode(datum(u)));
        const want = inputs.map((x) => outcome(js, x));
        const got = inputs.map((x) => outcome(wasm, x));
        for (let i = 0; i < want.length; i++)
          if (got[i] !== want[i]) expect(got[i], `seed ${seed}, record ${i}`).toBe(want[i]);
        all.push(...want);
      }
      // (errors among the answers too: bad operators and value types met on the way)
      expect(all.filter((w) => w.startsWith('error')).length).toBeGreaterThan(20);
      expect(all.filter((w) => !w.startsWith('error')).length).toBeGreaterThan(100);
    }, 120_000);
});
