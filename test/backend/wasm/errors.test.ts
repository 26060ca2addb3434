/**
 * A kernel's path errors word their message as the JS backend's do, naming the missing map key or
 * array index (the kernel passes it with the failing site: assembly/runtime.ts failWith), in single
 * calls and in batches (the status slot's high half), for input keys, constant keys and cells.
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine } from '../../../src/index.js';
import { batchOutcomes, outcome } from './outcome.js';

describe('path error messages', () => {
  it('name the missing key or index, as the JS backend does, single and batched', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'k', type: 'string' },
          { name: 'i', type: 'int' },
          { name: 'm', type: { type: 'map', values: 'double' } },
        ],
      },
      output: 'double',
      cells: {
        table: {
          type: { type: 'map', values: { type: 'array', items: 'double' } },
          init: { a: [1, 2], 'b "quoted"': [3] },
        },
      },
      action: [
        { let: { row: { cell: 'table', path: [{ attr: 'input', path: [{ string: 'k' }] }] } } },
        {
          '+': [
            { attr: 'row', path: [{ attr: 'input', path: [{ string: 'i' }] }] },
            { attr: 'input', path: [{ string: 'm' }, { string: 'x' }] },
          ],
        },
      ],
    };
    const js = PFAEngine.fromJson(doc, { backend: 'js' });
    const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
    expect(wasm.backend).toBe('wasm');
    const inputs = [
      { k: 'a', i: 1, m: new Map([['x', 0.5]]) },
      { k: 'zz', i: 0, m: new Map([['x', 0.5]]) },
      { k: 'b "quoted"', i: 0, m: new Map([['y', 0.5]]) },
      { k: 'a', i: 2, m: new Map([['x', 0.5]]) },
      { k: 'a', i: -1, m: new Map() },
      { k: 'é new key', i: 0, m: new Map() },
    ];
    const want = inputs.map((x) => outcome(js, x));
    expect(want).toEqual([
      '2.5',
      'error runtime 2005 map key "zz" not found',
      'error runtime 2001 map key "x" not found',
      'error runtime 2000 array index 2 not found',
      'error runtime 2000 array index -1 not found',
      'error runtime 2005 map key "é new key" not found',
    ]);
    expect(inputs.map((x) => outcome(wasm, x))).toEqual(want);
    expect(batchOutcomes(wasm, inputs)).toEqual(want);
  });
});
