/**
 * Known shapes (lower/shapes.ts): lookups whose keys are known when the kernel is built become
 * direct loads (a map literal read by its own keys) and load-time tables in the keys' order (a
 * constant cell read by those keys), with the JS backend's answers, bit for bit, and its errors in
 * its order; a map symbol that a `set` reassigns keeps the checked lookup. A literal read only by
 * known keys is never made as a map, and a loop over known keys charges the clock once.
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine } from '../../../src/index.js';
import { tryLower } from '../../../src/backend/wasm/load.js';
import { mulberry32 } from '../../helpers/random.js';
import { outcome } from './outcome.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE } from '../../helpers/reference.js';

const FEATURES = ['a', 'b', 'c'];

/** A naive Bayes over a record of three doubles, its table listing the features in another order. */
function naiveBayes(table: Record<string, { mean: number; variance: number }>, reassign = false) {
  const literal = (names: string[]) => ({
    type: { type: 'map', values: 'double' },
    new: Object.fromEntries(names.map((f) => [f, { attr: 'input', path: [{ string: f }] }])),
  });
  return {
    input: { type: 'record', name: 'In', fields: FEATURES.map((name) => ({ name, type: 'double' })) },
    output: 'double',
    cells: {
      p: {
        type: {
          type: 'map',
          values: {
            type: 'map',
            values: {
              type: 'record',
              name: 'G',
              fields: [
                { name: 'mean', type: 'double' },
                { name: 'variance', type: 'double' },
              ],
            },
          },
        },
        init: { X: table },
      },
    },
    action: [
      { let: { m: literal(FEATURES) } },
      { let: { ks: { 'map.keys': ['m'] } } },
      // The same keys in another order: a lookup by position would now read the wrong entry.
      ...(reassign ? [{ set: { m: literal([...FEATURES].reverse()) } }] : []),
      {
        'a.sum': [
          {
            'a.map': [
              'ks',
              {
                params: [{ k: 'string' }],
                ret: 'double',
                do: {
                  'prob.dist.gaussianLL': [
                    { attr: 'm', path: ['k'] },
                    { cell: 'p', path: [{ string: 'X' }, 'k'] },
                  ],
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

const TABLE = { c: { mean: 0.5, variance: 2 }, a: { mean: -1, variance: 0.25 }, b: { mean: 3, variance: 1.5 } };

async function expectSame(doc: object, inputs: readonly Record<string, number>[]): Promise<void> {
  const js = PFAEngine.fromJson(doc, { backend: 'js' });
  const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
  expect(wasm.backend).toBe('wasm');
  for (const x of inputs) {
    expect(outcome(wasm, x), JSON.stringify(x)).toBe(outcome(js, x));
    // Doubles bit for bit (the text above does not tell -0 from 0).
    if (!outcome(js, x).startsWith('error')) expect(Object.is(wasm.action(x), js.action(x))).toBe(true);
  }
}

/** The action's function (r…), where the per-record lookups are. */
function actionSource(doc: object): string {
  const lowering = tryLower(PFAEngine.fromJson(doc, { backend: 'js' }).typed);
  if (!lowering.ok) throw new Error(`not lowered: ${lowering.reason}`);
  return lowering.lowered.source
    .split('\n')
    .filter((l) => !l.includes('pfaLoad') && !/^\s*\{ const n = /.test(l))
    .join('\n');
}

/** The action routine's own function in a source (not the readers of the input and cells). */
function routine(source: string): string {
  const body = /\nfunction r\d+\([\s\S]*?\n\}\n/.exec(source);
  if (!body) throw new Error('no routine function in the source');
  return body[0];
}

const random = (seed: number, n: number) => {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => Object.fromEntries(FEATURES.map((f) => [f, (r() - 0.5) * 10])));
};

describe('known shapes', () => {
  it('reads a literal map and a constant cell by known keys without lookups, same bits', async () => {
    const doc = naiveBayes(TABLE);
    await expectSame(doc, random(18, 200));
    const src = actionSource(doc);
    expect(src).not.toMatch(/\.findHint\(|\.find\(/);
    // map.keys of the literal is an array made at load time, not a copy per record.
    expect(src).not.toMatch(/\.keys\(\)/);
    // Every read of the literal is by a known key: its values' array is made, its map never is.
    expect(routine(src)).not.toMatch(/new CodeMap/);
    // The loop over the three known keys charges the clock once, before it, not per item.
    expect(src).toMatch(/if \(rt\.clockSpend\(3\)\)/);
    expect(src).not.toMatch(/& 65535/);
  });

  it('makes a literal that is the result itself, directly or through a let', async () => {
    const literal = { type: { type: 'map', values: 'double' }, new: { a: 'input', b: 2.5 } };
    const docs = [
      { input: 'double', output: { type: 'map', values: 'double' }, action: literal },
      { input: 'double', output: { type: 'map', values: 'double' }, action: [{ let: { m: literal } }, 'm'] },
    ];
    for (const doc of docs) {
      const js = PFAEngine.fromJson(doc, { backend: 'js' });
      const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
      expect(wasm.backend).toBe('wasm');
      for (const x of [0, -1.5]) expect(outcome(wasm, x)).toBe(outcome(js, x));
    }
  });

  it('answers with the load-time array of map.keys as with a fresh one', async () => {
    const doc = {
      input: 'double',
      output: { type: 'array', items: 'string' },
      action: [
        { let: { m: { type: { type: 'map', values: 'double' }, new: { z: 'input', a: 1, q: 2 } } } },
        { 'a.concat': [{ 'map.keys': ['m'] }, { 'map.keys': ['m'] }] },
      ],
    };
    const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
    expect(wasm.backend).toBe('wasm');
    for (const x of [0, 1.5]) expect(wasm.action(x)).toEqual(PFAEngine.fromJson(doc, { backend: 'js' }).action(x));
    expect(wasm.action(3)).toEqual(['z', 'a', 'q', 'z', 'a', 'q']);
  });

  it('fails on a key missing from the cell where the JS backend does, after the items before it', async () => {
    const { b: _, ...withoutB } = TABLE;
    const doc = naiveBayes(withoutB);
    // a is looked at first: a NaN there is the input error; otherwise b's missing key.
    await expectSame(doc, [
      { a: 1, b: 2, c: 3 },
      { a: Number.NaN, b: 2, c: 3 },
    ]);
    const js = PFAEngine.fromJson(doc, { backend: 'js' });
    expect(outcome(js, { a: 1, b: 2, c: 3 })).toMatch(/"b"/);
  });

  it('takes the general gaussianLL path from the first invalid or zero-σ entry, errors at the same item', async () => {
    // In loop order (a, b, c): b is invalid or has σ == 0; a NaN input before it is the input
    // error, one after it the parameter error; x == mean at σ == 0 is +Infinity.
    const cases = [
      { ...TABLE, b: { mean: 3, variance: -1 } },
      { ...TABLE, b: { mean: Number.NaN, variance: 1 } },
      { ...TABLE, b: { mean: 3, variance: 0 } },
      { ...TABLE, a: { mean: -1, variance: 0 }, c: { mean: 0.5, variance: Number.POSITIVE_INFINITY } },
    ];
    for (const table of cases)
      await expectSame(naiveBayes(table), [
        ...random(3, 20),
        { a: Number.NaN, b: 3, c: 0 },
        { a: 1, b: 3, c: Number.NaN },
        { a: -1, b: 3, c: 0.5 },
        { a: -1, b: 2, c: 0.5 },
      ]);
    const js = PFAEngine.fromJson(naiveBayes(cases[0]), { backend: 'js' });
    expect(outcome(js, { a: Number.NaN, b: 3, c: 0 })).not.toBe(outcome(js, { a: 1, b: 3, c: Number.NaN }));
    // Valid entries before the first flagged one check nothing about their parameters per item.
    expect(actionSource(naiveBayes(TABLE))).not.toMatch(/2\.0 \* \(/);
  });

  it('keeps the checked lookup for a map symbol that a set reassigns', async () => {
    const doc = naiveBayes(TABLE, true);
    await expectSame(doc, random(7, 50));
    expect(actionSource(doc)).toMatch(/\.findHint\(/);
    // (the literals are read by lookups: their maps are made, around the values' arrays)
    expect(routine(actionSource(doc))).toMatch(/new CodeMap<f64>\(3, t\d+\)/);
  });

  it('zips a constant map with a literal by position, its keys compared once at load time', async () => {
    const zipped = (prior: Record<string, number>) => ({
      input: { type: 'record', name: 'In', fields: FEATURES.map((name) => ({ name, type: 'double' })) },
      output: { type: 'map', values: 'double' },
      cells: { prior: { type: { type: 'map', values: 'double' }, init: prior } },
      action: {
        'map.zipmap': [
          { cell: 'prior' },
          {
            type: { type: 'map', values: 'double' },
            new: Object.fromEntries(FEATURES.map((f) => [f, { attr: 'input', path: [{ string: f }] }])),
          },
          { params: [{ a: 'double' }, { b: 'double' }], ret: 'double', do: { '-': ['b', 'a'] } },
        ],
      },
    });
    // The same keys in another order; then a key missing, one too many, and another key set.
    const priors: Record<string, number>[] = [
      { c: 0.5, a: -1, b: 2 },
      { c: 0.5, a: -1 },
      { c: 0.5, a: -1, b: 2, d: 3 },
      { c: 0.5, a: -1, d: 2 },
    ];
    for (const prior of priors) {
      const doc = zipped(prior);
      const js = PFAEngine.fromJson(doc, { backend: 'js' });
      const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
      expect(wasm.backend).toBe('wasm');
      for (const x of random(5, 5)) expect(outcome(wasm, x), JSON.stringify(prior)).toBe(outcome(js, x));
      const src = actionSource(doc);
      // No lookup and no map for the literal: its values are read by each prior entry's position.
      expect(src).not.toMatch(/\.has\(|\.findHint\(|\.find\(/);
      // (the result's map takes the prior's keys, its values from an array of their own)
      expect(routine(src)).not.toMatch(/\.withKeys\(z\d+/);
    }
    expect(outcome(PFAEngine.fromJson(zipped(priors[1]), { backend: 'js' }), random(5, 1)[0])).toMatch(/26370/);
  });

  it('takes a math function of a constant map entry from a load-time table, same bits', async () => {
    const doc = {
      input: { type: 'map', values: 'double' },
      output: { type: 'map', values: 'double' },
      cells: { prior: { type: { type: 'map', values: 'double' }, init: { x: 111, y: 97, z: 0.3 } } },
      action: {
        'map.zipmap': [
          { cell: 'prior' },
          'input',
          {
            params: [{ a: 'double' }, { b: 'double' }],
            ret: 'double',
            do: { '+': [{ 'm.ln': ['a'] }, { '*': ['b', { 'm.sqrt': ['a'] }] }] },
          },
        ],
      },
    };
    const js = PFAEngine.fromJson(doc, { backend: 'js' });
    const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
    for (const input of [
      new Map([
        ['z', 1.5],
        ['y', -2],
        ['x', 0.1],
      ]),
      new Map([['x', 1]]),
    ])
      expect(outcome(wasm, input)).toBe(outcome(js, input));
    expect(actionSource(doc)).not.toMatch(/Math\.(log|sqrt)\(/);
  });

  it('keeps per-record maps made with known keys as arrays: zipmap, map.map, map.values, a user function', async () => {
    // Sonar's posterior: priors zipped with a literal of sums, then a softmax over the result's
    // values, then the class with the largest ratio to its cutoff (a user function zipping the
    // posterior with a constant map); ties and a key missing from a cell as in JS.
    const mapOf = { type: 'map', values: 'double' };
    const softmax = (prior: Record<string, number>, cutoffs: Record<string, number>) => ({
      input: { type: 'record', name: 'In', fields: FEATURES.map((name) => ({ name, type: 'double' })) },
      output: 'string',
      cells: { prior: { type: mapOf, init: prior }, cutoffs: { type: mapOf, init: cutoffs } },
      fcns: {
        ratio: {
          params: [{ p: mapOf }, { c: mapOf }],
          ret: mapOf,
          do: {
            'map.zipmap': [
              'p',
              'c',
              { params: [{ x: 'double' }, { y: 'double' }], ret: 'double', do: { '/': ['x', 'y'] } },
            ],
          },
        },
      },
      action: [
        {
          let: {
            scaled: {
              'map.zipmap': [
                { cell: 'prior' },
                {
                  type: { type: 'map', values: 'double' },
                  new: Object.fromEntries(FEATURES.map((f) => [f, { attr: 'input', path: [{ string: f }] }])),
                },
                { params: [{ a: 'double' }, { b: 'double' }], ret: 'double', do: { '+': [{ 'm.ln': ['a'] }, 'b'] } },
              ],
            },
          },
        },
        {
          let: {
            post: {
              'map.map': [
                'scaled',
                {
                  params: [{ v: 'double' }],
                  ret: 'double',
                  do: {
                    '/': [
                      1,
                      {
                        'a.sum': [
                          {
                            'a.map': [
                              { 'map.values': ['scaled'] },
                              { params: [{ w: 'double' }], ret: 'double', do: { 'm.exp': [{ '-': ['w', 'v'] }] } },
                            ],
                          },
                        ],
                      },
                    ],
                  },
                },
              ],
            },
          },
        },
        { 'map.argmax': [{ 'u.ratio': ['post', { cell: 'cutoffs' }] }] },
      ],
    });
    const cells: Record<string, number>[][] = [
      [
        { c: 3, a: 1, b: 2 },
        { a: 0.5, b: 0.25, c: 0.5 },
      ],
      [
        { a: 1, b: 1, c: 1 },
        { a: 1, b: 1, c: 1 },
      ],
      [
        { c: 3, a: 1 },
        { a: 1, b: 1, c: 1 },
      ],
      [
        { c: 3, a: 1, b: 2 },
        { a: 1, c: 1 },
      ],
    ];
    for (const [prior, cutoffs] of cells) {
      const doc = softmax(prior, cutoffs);
      await expectSame(doc, [...random(11, 30), { a: 0, b: 0, c: 0 }, { a: Number.NaN, b: 1, c: 2 }]);
      // No map is made per record, and no array of the values: every read goes to the arrays, and
      // the user function is lowered in place, where its argument's arrays are known.
      const src = routine(actionSource(doc));
      expect(src).not.toMatch(/new CodeMap|\.values\(\)|\.add\(/);
      expect(src).not.toMatch(/\bu\d+\(/);
    }
  });

  it('reads a literal of all the fields of a record of doubles in the record itself', async () => {
    const names = ['v1', 'v2', 'v3', 'v4', 'v5'];
    const sum = (fields: string[]) => ({
      input: { type: 'record', name: 'In', fields: names.map((name) => ({ name, type: 'double' })) },
      output: 'double',
      action: [
        {
          let: {
            m: {
              type: { type: 'map', values: 'double' },
              new: Object.fromEntries(fields.map((f) => [f, { attr: 'input', path: [{ string: f }] }])),
            },
          },
        },
        { 'a.sum': [{ 'map.values': ['m'] }] },
      ],
    });
    const r = mulberry32(4);
    const inputs = Array.from({ length: 20 }, () => Object.fromEntries(names.map((f) => [f, (r() - 0.5) * 1e3])));
    // Every field in order: the record's fields are the values' array, nothing copied.
    await expectSame(sum(names), inputs);
    expect(routine(actionSource(sum(names)))).toMatch(/changetype<StaticArray<f64>>\(p\d+\)/);
    // Another order, or not every field: the values are copied into an array of their own.
    for (const fields of [[...names].reverse(), names.slice(1)]) {
      await expectSame(sum(fields), inputs);
      expect(routine(actionSource(sum(fields)))).not.toMatch(/changetype<StaticArray<f64>>\(p\d+\)/);
    }
  });

  it('zips a map made with the keys of a constant map with another constant by a load-time table', async () => {
    // Sonar's class probabilities (keys of apriori_counts) zipped with its cutoffs, in a user function.
    const sonar = (cutoffs: Record<string, number>) => {
      const doc = JSON.parse(readFileSync(join(REFERENCE, 'models/sonar-naive-bayes.pfa.json'), 'utf8'));
      doc.cells.cutoffs.init = cutoffs;
      return doc;
    };
    const rows = readFileSync(join(REFERENCE, 'data/sonar.jsonl'), 'utf8').split('\n').slice(0, 20);
    // Another order (other cutoffs), a key missing, one too many, another key set.
    const cases: Record<string, number>[] = [
      { R: 0.4, M: 0.7 },
      { M: 0.5 },
      { M: 0.5, R: 0.5, X: 1 },
      { M: 0.5, X: 0.5 },
    ];
    for (const cutoffs of cases) {
      const doc = sonar(cutoffs);
      await expectSame(
        doc,
        rows.map((l) => JSON.parse(l)),
      );
      expect(routine(actionSource(doc))).not.toMatch(/\.has\(|\.findHint\(|\.find\(/);
    }
  }, 120_000);
});
