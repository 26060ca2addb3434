/**
 * Two per-record arrays of AlpineNow's regression that the kernel no longer makes (issue 18):
 * `a.append(a.map(xs, f), item)` stores a.map's items straight into the appended array (lower/fuse.ts,
 * a.append's fold), and an array literal of every field of a record of doubles (`vector`) is read in
 * place by forms that know views (model.reg.linear), made as a copy only when something else reads it.
 * Answers and errors (which error, when two could happen) stay the JS backend's.
 */
import { describe, expect, it } from 'vitest';
import type { PFAEngine } from '../../../src/index.js';
import { mulberry32 } from '../../helpers/random.js';
import { pair, show, source, valueOutcome as outcome } from './lowered.js';

/** Arrays the kernel makes outside its input readers (`rd*`). */
const arraysBuilt = (src: string) =>
  src
    .split('\n')
    .filter((l) => !l.startsWith('function rd'))
    .join('\n')
    .match(/new Array<\w+>\(|rawArray<\w+>\(|arrayOfItems<\w+>\(/g)?.length ?? 0;

/** Same outcomes; numbers bit for bit (Object.is tells -0 and NaN apart, which JSON does not). */
function expectSame(js: PFAEngine, wasm: PFAEngine, inputs: readonly unknown[]): void {
  const flat = (v: unknown): unknown[] => (Array.isArray(v) ? v.flat(2) : [v]);
  for (const x of inputs) {
    const [a, b] = [outcome(js, x), outcome(wasm, x)];
    expect(show(b), show(x)).toBe(show(a));
    const vb = flat((b as { value?: unknown }).value);
    const va = flat((a as { value?: unknown }).value);
    for (let i = 0; i < va.length; i++) expect(Object.is(va[i], vb[i]), `${show(x)} [${i}]`).toBe(true);
  }
}

const ints = { type: 'array', items: 'int' };

describe('a.append fused with the a.map that makes its array', () => {
  it('makes one array, items and the appended item in order, bit for bit', async () => {
    const doc = {
      input: { type: 'array', items: 'double' },
      output: { type: 'array', items: 'double' },
      action: {
        'a.append': [
          { 'a.map': ['input', { params: [{ v: 'double' }], ret: 'double', do: { 'm.exp': { '*': ['v', 0.7] } } }] },
          { 'a.sum': 'input' },
        ],
      },
    };
    expect(arraysBuilt(source(doc))).toBe(1);
    const [js, wasm] = await pair(doc);
    const rand = mulberry32(18);
    const inputs: number[][] = [[], [0], [-0], [NaN], [Infinity, -Infinity], [710, -745.2]];
    for (let n = 0; n < 100; n++)
      inputs.push(Array.from({ length: Math.floor(rand() * 12) }, () => (rand() - 0.5) * 40));
    expectSame(js, wasm, inputs);
  }, 60_000);

  it('raises the producer error first, then the item error, as the JS backend evaluates them', async () => {
    // v * v overflows an int for |v| > 46340 (in a.map's function); the item divides by the
    // record's d (a zero is an error), evaluated after the producer.
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'xs', type: ints },
          { name: 'd', type: 'int' },
        ],
      },
      output: ints,
      action: {
        'a.append': [
          {
            'a.map': [
              { attr: 'input', path: [{ string: 'xs' }] },
              { params: [{ v: 'int' }], ret: 'int', do: { '*': ['v', 'v'] } },
            ],
          },
          { '//': [100, { attr: 'input', path: [{ string: 'd' }] }] },
        ],
      },
    };
    expect(arraysBuilt(source(doc))).toBe(1);
    const [js, wasm] = await pair(doc);
    const inputs = [
      { xs: [], d: 3 },
      { xs: [], d: 0 },
      { xs: [3, -4], d: 7 },
      { xs: [3, 50_000], d: 7 },
      { xs: [3, 50_000], d: 0 },
      { xs: [3, 4], d: 0 },
    ];
    expectSame(js, wasm, inputs);
    // The cases mean what they say on the reference engine.
    expect(outcome(js, inputs[4])).toMatchObject({ code: 18020 });
    expect(outcome(js, inputs[5])).toMatchObject({ code: 18040 });
  }, 60_000);

  it('makes a fresh array each time the call runs (inside another a.map), never one shared', async () => {
    const doc = {
      input: ints,
      output: { type: 'array', items: ints },
      action: {
        'a.map': [
          'input',
          {
            params: [{ x: 'int' }],
            ret: ints,
            do: {
              'a.append': [
                { 'a.map': ['input', { params: [{ v: 'int' }], ret: 'int', do: { '-': ['v', 'x'] } }] },
                'x',
              ],
            },
          },
        ],
      },
    };
    const [js, wasm] = await pair(doc);
    expectSame(js, wasm, [[], [1], [1, 2, 3], [5, -5, 7, 0]]);
    expect(outcome(wasm, [1, 2])).toEqual({
      value: [
        [0, 1, 1],
        [-1, 0, 2],
      ],
    });
  }, 60_000);

  it('is not fused with an array a symbol holds (its append could run more than once)', async () => {
    const doc = {
      input: ints,
      output: { type: 'array', items: ints },
      action: [
        { let: { x: { 'a.map': ['input', { params: [{ v: 'int' }], ret: 'int', do: { '+': ['v', 1] } }] } } },
        { 'a.map': ['input', { params: [{ y: 'int' }], ret: ints, do: { 'a.append': ['x', 'y'] } }] },
      ],
    };
    const [js, wasm] = await pair(doc);
    expectSame(js, wasm, [[], [4], [1, 2, 3]]);
    expect(outcome(wasm, [1, 2])).toEqual({
      value: [
        [2, 3, 1],
        [2, 3, 2],
      ],
    });
  }, 60_000);
});

const point = {
  type: 'record',
  name: 'P',
  fields: ['a', 'b', 'c'].map((name) => ({ name, type: 'double' })),
};
const fields = ['a', 'b', 'c'].map((f) => `input.${f}`);
const model = (coeff: number[]) => ({
  type: {
    type: 'record',
    name: 'M',
    fields: [
      { name: 'coeff', type: { type: 'array', items: 'double' } },
      { name: 'const', type: 'double' },
    ],
  },
  init: { coeff, const: 0.25 },
});

describe("an array literal of a record's fields", () => {
  it('is read in place by model.reg.linear, same bits, and its misaligned error kept', async () => {
    for (const coeff of [
      [1.5, -2, 1e-3],
      [1, 2],
    ]) {
      const doc = {
        input: point,
        output: 'double',
        cells: { m: model(coeff) },
        action: [
          { let: { vector: { new: fields, type: { type: 'array', items: 'double' } } } },
          { 'model.reg.linear': ['vector', { cell: 'm' }] },
        ],
      };
      expect(arraysBuilt(source(doc))).toBe(0);
      const [js, wasm] = await pair(doc);
      const rand = mulberry32(5);
      const inputs = [{ a: 0, b: -0, c: NaN }];
      for (let n = 0; n < 50; n++) inputs.push({ a: rand() * 10, b: rand() - 0.5, c: -rand() * 1e6 });
      expectSame(js, wasm, inputs);
      if (coeff.length === 2) expect(outcome(js, inputs[1])).toMatchObject({ code: 31000 });
    }
  }, 60_000);

  it('is made, as a copy of the fields, when something else reads it; a later set of the record does not reach it', async () => {
    const doc = {
      input: point,
      output: { type: 'array', items: { type: 'array', items: 'double' } },
      action: [
        { let: { p: 'input' } },
        { let: { vector: { new: ['p.a', 'p.b', 'p.c'], type: { type: 'array', items: 'double' } } } },
        { set: { p: { new: { a: 7, b: 8, c: 9 }, type: 'P' } } },
        {
          new: ['vector', { new: ['p.a', 'p.b', 'p.c'], type: { type: 'array', items: 'double' } }],
          type: { type: 'array', items: { type: 'array', items: 'double' } },
        },
      ],
    };
    const [js, wasm] = await pair(doc);
    expectSame(js, wasm, [
      { a: 1, b: 2, c: 3 },
      { a: -0, b: NaN, c: 1e-310 },
    ]);
    expect(outcome(wasm, { a: 1, b: 2, c: 3 })).toEqual({
      value: [
        [1, 2, 3],
        [7, 8, 9],
      ],
    });
  }, 60_000);
});
