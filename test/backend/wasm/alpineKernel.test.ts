/**
 * Per-record work a hand-written kernel would not do, removed from AlpineNow's regression (issue
 * 18): the dot product with a datum of known length (a record's fields) written out term by term;
 * a.argmax, a.max and their kin charging the clock as collection loops do instead of asking per
 * item; `zipDoubleMap` of a constant array of keys made without a lookup per key (lower/zipJoin.ts).
 * Answers (bit for bit), errors and timeouts stay the JS backend's.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../helpers/random.js';
import { pair, show, source, valueOutcome as outcome } from './lowered.js';

const Coeffs = {
  type: 'record',
  name: 'M',
  fields: [
    { name: 'coeff', type: { type: 'array', items: 'double' } },
    { name: 'const', type: 'double' },
  ],
};
const fields = ['a', 'b', 'c', 'd', 'e'];
const Rec = { type: 'record', name: 'In', fields: fields.map((name) => ({ name, type: 'double' })) };

/** model.reg.linear of a literal of every field of the input (a view of the record) and each model of a cell. */
const linearDoc = (models: unknown[]) => ({
  input: Rec,
  output: { type: 'array', items: 'double' },
  cells: { models: { type: { type: 'array', items: Coeffs }, init: models } },
  action: [
    { let: { v: { new: fields.map((f) => `input.${f}`), type: { type: 'array', items: 'double' } } } },
    {
      'a.map': [{ cell: 'models' }, { params: [{ m: 'M' }], ret: 'double', do: { 'model.reg.linear': ['v', 'm'] } }],
    },
  ],
});

function expectSameBits(
  js: Awaited<ReturnType<typeof pair>>[0],
  wasm: Awaited<ReturnType<typeof pair>>[1],
  xs: unknown[],
) {
  for (const x of xs) {
    const [a, b] = [outcome(js, x), outcome(wasm, x)];
    expect(show(b), show(x)).toBe(show(a));
    const va = [(a as { value?: unknown }).value].flat(2);
    const vb = [(b as { value?: unknown }).value].flat(2);
    for (let i = 0; i < va.length; i++) expect(Object.is(va[i], vb[i]), `${show(x)} [${i}]`).toBe(true);
  }
}

describe('model.reg.linear with a datum of known length', () => {
  const random = mulberry32(18);
  const r = () => (random() - 0.5) * 10 ** Math.floor(random() * 8 - 4);
  const inputs = [
    ...Array.from({ length: 40 }, () => Object.fromEntries(fields.map((f) => [f, r()]))),
    { a: -0, b: 0, c: -0, d: 0, e: -0 },
    { a: Infinity, b: -Infinity, c: 1, d: 2, e: 3 },
    { a: NaN, b: 1, c: 2, d: 3, e: 4 },
  ];

  it('sums term by term in the same order: the same bits', async () => {
    const models = Array.from({ length: 3 }, () => ({ coeff: fields.map(r), const: r() }));
    models.push({ coeff: [-0, -0, -0, -0, -0], const: -0 });
    const doc = linearDoc(models);
    const [js, wasm] = await pair(doc);
    expectSameBits(js, wasm, inputs);
    const src = source(doc);
    expect(src).toMatch(/load<f64>\(\w+, 32\) \* unchecked\(\w+\[4\]\)/);
    expect(src).not.toMatch(/for \(; \w+ < \w+\.length; \w+\+\+\) \w+ \+= /);
  }, 120_000);

  it('raises misalignedCoeff at the model whose row is too short or too long, as JS does', async () => {
    for (const bad of [
      [1, 2, 3, 4],
      [1, 2, 3, 4, 5, 6],
    ]) {
      const [js, wasm] = await pair(
        linearDoc([
          { coeff: [1, 2, 3, 4, 5], const: 1 },
          { coeff: bad, const: 2 },
        ]),
      );
      expect(outcome(wasm, inputs[0])).toEqual(outcome(js, inputs[0]));
      expect(outcome(wasm, inputs[0])).toMatchObject({ code: 31000 });
    }
  }, 120_000);
});

describe('a.argmax, a.max and kin without a clock check per item', () => {
  const fns = ['a.argmax', 'a.argmin', 'a.max', 'a.min'];
  const doc = {
    input: { type: 'array', items: 'double' },
    output: { type: 'array', items: 'double' },
    action: { new: fns.map((f) => ({ [f]: 'input' })), type: { type: 'array', items: 'double' } },
  };

  it('give the first best item, NaN and -0 as JS orders them, at any length', async () => {
    const [js, wasm] = await pair(doc);
    const random = mulberry32(7);
    const long = Array.from({ length: 70_000 }, () => Math.floor(random() * 1000) - 500);
    long[69_999] = 600; // (past the first clock charge of 65,536 items)
    expectSameBits(js, wasm, [
      [],
      [1],
      [3, 1, 2],
      [2, 5, 5, 1, 1],
      [NaN, 1, NaN, -1],
      [0, -0, 0],
      [-0, 0],
      [Infinity, -Infinity, NaN],
      long,
    ]);
    const src = source(doc);
    expect(src).not.toMatch(/clockExpired\(\)/);
    expect(src.match(/\(\((\w+) - 1\) & 65535\) == 0 && rt\.clockSpend/g)).toHaveLength(4);
  }, 120_000);

  it('still stop at the timeout inside a long loop', async () => {
    // 20,000 argmaxes of 20,000 items: far longer than the timeout, unless the clock is charged.
    const wasm = (
      await pair({
        input: { type: 'array', items: 'double' },
        output: 'int',
        options: { timeout: 100 },
        action: {
          'a.sum': { 'a.map': ['input', { params: [{ x: 'double' }], ret: 'int', do: { 'a.argmax': 'input' } }] },
        },
      })
    )[1];
    const started = Date.now();
    expect(() => wasm.action(new Array(20_000).fill(1.5))).toThrow(/exceeded timeout of 100 milliseconds/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(wasm.action([1, 2])).toBe(2);
  }, 120_000);
});

/** AlpineNow's zipDoubleMap of a cell of keys and the input's values. */
const zipDoc = (keys: string[], written = false) => ({
  input: { type: 'array', items: 'double' },
  output: { type: 'map', values: 'double' },
  cells: { keys: { type: { type: 'array', items: 'string' }, init: keys } },
  action: [
    ...(written ? [{ cell: 'keys', to: { 'a.append': [{ cell: 'keys' }, { string: 'z' }] } }] : []),
    { 'u.zipDoubleMap': [{ cell: 'keys' }, 'input'] },
  ],
  fcns: {
    zipDoubleMap: {
      params: [{ keys: { type: 'array', items: 'string' } }, { values: { type: 'array', items: 'double' } }],
      ret: { type: 'map', values: 'double' },
      do: [
        {
          'map.join': [
            {
              'a.zipmap': [
                'keys',
                'values',
                {
                  params: [{ k: 'string' }, { v: 'double' }],
                  ret: { type: 'map', values: 'double' },
                  do: { 'map.add': [{ type: { type: 'map', values: 'double' }, value: {} }, 'k', 'v'] },
                },
              ],
            },
          ],
        },
      ],
    },
  },
});

/** The map's entries in order, numbers as bit-exact text. */
const entries = (x: unknown) =>
  show(x instanceof Map ? [...x].map(([k, v]) => [k, Object.is(v, -0) ? '-0' : String(v)]) : x);

describe('zipDoubleMap of a constant array of keys', () => {
  it('keeps each key at its first place with its last value, as the sets in order do', async () => {
    for (const keys of [
      ['a', 'b', 'c'],
      ['b', 'a', 'b', 'c', 'a'],
      [],
      ['only'],
      Array.from({ length: 40 }, (_, i) => `k${i % 17}`),
    ]) {
      const doc = zipDoc(keys);
      const [js, wasm] = await pair(doc);
      const n = keys.length;
      for (const values of [
        Array.from({ length: n }, (_, i) => i + 0.5),
        Array.from({ length: n }, (_, i) => (i % 2 ? -0 : NaN)),
        Array.from({ length: n + 1 }, () => 1),
        n > 0 ? [1] : [1, 2],
      ]) {
        const [a, b] = [outcome(js, values), outcome(wasm, values)];
        expect(entries((b as { value?: unknown }).value) + show(b), show(keys)).toBe(
          entries((a as { value?: unknown }).value) + show(a),
        );
      }
      // (n + 1 values: a.zipmap's misalignedArrays, from the kernel)
      expect(outcome(wasm, new Array(n + 1).fill(1))).toMatchObject({ code: 15650 });
      const src = source(doc);
      expect(src).toMatch(/withKeysOf\(/);
      expect(src).not.toMatch(/\.set\(/);
    }
  }, 240_000);

  it('sets the pairs one by one when the keys can change', async () => {
    const doc = zipDoc(['a', 'b'], true);
    const [js, wasm] = await pair(doc);
    for (const values of [
      [1, 2, 3],
      [4, 5, 6],
      [1, 2],
    ]) {
      const [a, b] = [outcome(js, values), outcome(wasm, values)];
      expect(entries((b as { value?: unknown }).value) + show(b)).toBe(
        entries((a as { value?: unknown }).value) + show(a),
      );
    }
    expect(source(doc)).not.toMatch(/withKeysOf\(/);
  }, 120_000);
});
