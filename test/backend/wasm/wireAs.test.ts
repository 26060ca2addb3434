/**
 * The kernel side of the wire (src/backend/wasm/wireAs.ts): what the generated readers take from
 * the input wire and the writers put on the output must be the values the JS backend sees, for the
 * shapes with readers of their own (a record of scalars read in place at constant offsets, an array
 * of doubles copied whole), in single calls and in batches (where records follow one another).
 * Writers reserve room once for each part of a fixed size (scalars, records of them) and store its
 * slots at constant offsets, also past the output buffer's first 64 KiB.
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine, jsonText } from '../../../src/index.js';
import { source } from './lowered.js';

async function both(doc: object): Promise<[PFAEngine, PFAEngine]> {
  const text = JSON.stringify(doc);
  const wasm = await PFAEngine.create(text, { backend: 'wasm' });
  expect(wasm.backend).toBe('wasm');
  return [await PFAEngine.create(text, { backend: 'js' }), wasm];
}

/** Each input's answer as exact text, by action and by scoreBatch, on both backends. */
function expectSameAnswers(js: PFAEngine, wasm: PFAEngine, inputs: unknown[]): void {
  const values = inputs.map((x) => js.decode(x));
  const one = (e: PFAEngine) => values.map((v) => jsonText(e.encode(e.action(v))));
  const batch = (e: PFAEngine) => e.scoreBatch(values).map((v) => jsonText(e.encode(v)));
  const expected = one(js);
  expect(one(wasm)).toEqual(expected);
  expect(batch(wasm)).toEqual(expected);
}

/** A field of every scalar kind that takes a slot on the wire. */
const fields = [
  { name: 'i', type: 'int' },
  { name: 'b', type: 'boolean' },
  { name: 'l', type: 'long' },
  { name: 'f', type: 'float' },
  { name: 's', type: 'string' },
  { name: 'e', type: { type: 'enum', name: 'E', symbols: ['p', 'q'] } },
  { name: 'd', type: 'double' },
];

describe('generated wire readers', () => {
  it('read a record of every scalar kind in place, field by field at its slot', async () => {
    const [js, wasm] = await both({
      input: { type: 'record', name: 'In', fields },
      output: { type: 'record', name: 'Out', fields },
      action: [{ new: Object.fromEntries(fields.map((f) => [f.name, `input.${f.name}`])), type: 'Out' }],
    });
    expectSameAnswers(js, wasm, [
      { i: -7, b: true, l: 1234567890123, f: 1.5, s: 'one', e: 'q', d: -0.0 },
      { i: 2147483647, b: false, l: -1, f: -3.25, s: 'two', e: 'p', d: 1e-310 },
      { i: 0, b: true, l: 0, f: 0, s: '', e: 'q', d: 'nan' },
    ]);
  }, 120_000);

  it('copy an array of doubles whole, at any length, and a.append makes the array one longer', async () => {
    const [js, wasm] = await both({
      input: { type: 'array', items: 'double' },
      output: { type: 'array', items: 'double' },
      action: [{ 'a.append': ['input', 7.5] }],
    });
    const long = Array.from({ length: 19 }, (_, i) => (i - 9) / 3);
    expectSameAnswers(js, wasm, [[], [-0.0], [1, 2, 3], long, ['inf', '-inf', 'nan'], long.slice(0, 8)]);
  }, 120_000);
});

describe('generated wire writers', () => {
  // (and a null field, which takes no slot)
  const Inner = {
    type: 'record',
    name: 'Inner',
    fields: [...fields.slice(0, 2), { name: 'n', type: 'null' }, ...fields.slice(2)],
  };
  // (fixed parts around parts of varying size: a nested record, a map, an array of records, a union)
  const Out = {
    type: 'record',
    name: 'Out',
    fields: [
      { name: 'first', type: 'double' },
      { name: 'inner', type: 'Inner' },
      { name: 'counts', type: { type: 'map', values: 'int' } },
      { name: 'rows', type: { type: 'array', items: 'Inner' } },
      { name: 'flags', type: { type: 'array', items: 'boolean' } },
      { name: 'nulls', type: { type: 'array', items: 'null' } },
      { name: 'byName', type: { type: 'map', values: 'Inner' } },
      { name: 'maybe', type: ['null', 'Inner'] },
      { name: 'last', type: 'long' },
    ],
  };
  const doc = {
    input: {
      type: 'record',
      name: 'In',
      fields: [
        { name: 'x', type: Inner },
        { name: 'rows', type: { type: 'array', items: 'Inner' } },
      ],
    },
    output: Out,
    action: [
      { let: { rows: 'input.rows' } },
      {
        new: {
          first: 'input.x.d',
          inner: 'input.x',
          counts: { new: { a: 'input.x.i', b: 2 }, type: { type: 'map', values: 'int' } },
          rows: 'rows',
          flags: { 'a.map': ['rows', { params: [{ r: 'Inner' }], ret: 'boolean', do: { '>': ['r.i', 0] } }] },
          nulls: { 'a.map': ['rows', { params: [{ r: 'Inner' }], ret: 'null', do: null }] },
          byName: { new: { one: 'input.x', two: 'input.x' }, type: { type: 'map', values: 'Inner' } },
          maybe: { upcast: 'input.x', as: ['null', 'Inner'] },
          last: 'input.x.l',
        },
        type: 'Out',
      },
    ],
  };

  it('write fixed-size parts with one room check each, the same values as JS, past 64 KiB', async () => {
    const [js, wasm] = await both(doc);
    const x = { i: -7, b: true, n: null, l: 1234567890123, f: 1.5, s: 'one', e: 'q', d: -0.0 };
    const y = { i: 3, b: false, n: null, l: -1, f: -3.25, s: '', e: 'p', d: 'nan' };
    // (3,000 rows of 8 slots: 192 KB, so the output buffer grows inside a writer's reserved part)
    const rows = (k: number) => Array.from({ length: k }, (_, i) => (i % 2 ? x : y));
    expectSameAnswers(js, wasm, [
      { x, rows: [] },
      { x: y, rows: rows(1) },
      { x, rows: rows(3000) },
      { x: y, rows: rows(2) },
    ]);
  }, 120_000);

  it('reserve room once per part, not per slot', () => {
    const src = source(doc);
    const writer = (name: string) => src.split('\n').find((l) => l.startsWith(`function ${name}(`))!;
    const record = /^function (wr\d+)\(v: R\d+\)/m;
    const writers = src.split('\n').filter((l) => l.startsWith('function wr'));
    // Inner: its eight fields (null takes no slot) in one part of seven slots.
    const inner = writers.find((l) => l.includes('rt.outTake(56)'));
    expect(inner, writers.join('\n')).toBeDefined();
    expect(inner!.match(/rt\.outTake\(/g)).toHaveLength(1);
    expect(inner).not.toMatch(/out(F64|I64|I32)\(/);
    expect(record.test(inner!)).toBe(true);
    // Out: `first` and `inner` are one part of eight slots, `last` one of its own.
    const out = writers.find((l) => l.includes('rt.outTake(64)'));
    expect(out, writers.join('\n')).toBeDefined();
    expect(writer(record.exec(out!)![1])).toMatch(/rt\.outTake\(8\); store<i64>\(p, v\.\w+, 0\);/);
  });
});
