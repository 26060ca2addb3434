/**
 * The arena's own bump allocation (assembly/lib/util/arena.ts): a record's arrays, maps and records
 * come out of one chunk, an object that does not fit comes from asc's stub allocator, and an array
 * made in the chunk that outgrows its room is copied out. Answers equal the JS backend's, call
 * after call and record after record, whichever allocator made what.
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine } from '../../../src/index.js';
import { batchOutcomes, outcome } from './outcome.js';

const doc = {
  input: { type: 'array', items: 'double' },
  output: {
    type: 'record',
    name: 'Out',
    fields: [
      { name: 'total', type: 'double' },
      { name: 'grown', type: { type: 'array', items: 'double' } },
      { name: 'm', type: { type: 'map', values: 'double' } },
    ],
  },
  action: [
    // (the input's length decides whether this array fits in the chunk: 10,000 doubles do not)
    { let: { big: { 'a.map': ['input', { params: [{ x: 'double' }], ret: 'double', do: { '*': ['x', 2] } }] } } },
    { let: { grown: { type: { type: 'array', items: 'double' }, value: [] } } },
    // (appended past its room, the array is made again, in the chunk or out of it)
    {
      for: { i: 0 },
      while: { '<': ['i', 40] },
      step: { i: { '+': ['i', 1] } },
      do: [{ set: { grown: { 'a.append': ['grown', { '*': ['i', 0.5] }] } } }],
    },
    {
      new: {
        total: { 'a.sum': ['big'] },
        grown: 'grown',
        m: {
          'map.add': [{ type: { type: 'map', values: 'double' }, value: {} }, { string: 'k' }, { 'a.sum': ['grown'] }],
        },
      },
      type: 'Out',
    },
  ],
};

const sized = (n: number) => Array.from({ length: n }, (_, i) => i * 0.25 - 3);
const inputs = [sized(3), sized(10_000), sized(5), sized(20_000), sized(0), sized(7)];

describe('arena allocation', () => {
  it('answers as the JS backend whether a record fits in the chunk or not', async () => {
    const [a, b] = await Promise.all([
      PFAEngine.create(doc, { backend: 'js' }),
      PFAEngine.create(doc, { backend: 'wasm' }),
    ]);
    expect(b.backend).toBe('wasm');
    for (let round = 0; round < 2; round++) for (const x of inputs) expect(outcome(b, x)).toBe(outcome(a, x));
    expect(batchOutcomes(b, inputs)).toEqual(batchOutcomes(a, inputs));
    expect(batchOutcomes(b, [...inputs].reverse())).toEqual(batchOutcomes(a, [...inputs].reverse()));
  }, 60_000);
});
