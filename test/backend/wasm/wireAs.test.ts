/**
 * The kernel side of the wire (src/backend/wasm/wireAs.ts): what the generated readers take from
 * the input wire and the writers put on the output must be the values the JS backend sees, for the
 * shapes with readers of their own (a record of scalars read in place at constant offsets, an array
 * of doubles copied whole), in single calls and in batches (where records follow one another).
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine, jsonText } from '../../../src/index.js';

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

describe('generated wire readers', () => {
  it('read a record of every scalar kind in place, field by field at its slot', async () => {
    const fields = [
      { name: 'i', type: 'int' },
      { name: 'b', type: 'boolean' },
      { name: 'l', type: 'long' },
      { name: 'f', type: 'float' },
      { name: 's', type: 'string' },
      { name: 'e', type: { type: 'enum', name: 'E', symbols: ['p', 'q'] } },
      { name: 'd', type: 'double' },
    ];
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
