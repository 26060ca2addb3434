/**
 * Issue 16 §2: equality and order of recursive records on Wasm. Each recursive record type gets a
 * generated function for == and one for the Avro order, which calls itself for the records inside
 * (lib/util/wasm.ts recordEquals, recordOrder, through WasmCall.helper); answers as the JS backend.
 */
import { expect, it } from 'vitest';
import { PFAEngine } from '../../src/index.js';
import { textAnswers } from '../helpers/answers.js';

const NODE = {
  type: 'record',
  name: 'Node',
  fields: [
    { name: 'x', type: 'int' },
    { name: 'w', type: 'double', order: 'descending' },
    { name: 'kids', type: { type: 'array', items: 'Node' } },
    { name: 'next', type: ['null', 'Node'] },
  ],
};

it('== and the Avro order of recursive records run on Wasm as on JS', async () => {
  const doc = {
    input: {
      type: 'record',
      name: 'In',
      fields: [
        { name: 'a', type: NODE },
        { name: 'b', type: 'Node' },
      ],
    },
    output: { type: 'array', items: 'string' },
    action: {
      new: [
        { 'cast.json': { '==': ['input.a', 'input.b'] } },
        { 'cast.json': { '!=': ['input.a', 'input.b'] } },
        { 'cast.json': { '<': ['input.a', 'input.b'] } },
        { 'cast.json': { cmp: ['input.a', 'input.b'] } },
        { 'cast.json': { 'a.contains': ['input.a.kids', 'input.b'] } },
        { 'cast.json': { 'a.argmax': { new: ['input.a', 'input.b'], type: { type: 'array', items: 'Node' } } } },
      ],
      type: { type: 'array', items: 'string' },
    },
  };
  const leaf = (x: number, w = 0) => ({ x, w, kids: [], next: null });
  const inputs = [
    { a: leaf(1), b: leaf(1) },
    { a: { ...leaf(1), next: { Node: leaf(2) } }, b: { ...leaf(1), next: { Node: leaf(3) } } },
    {
      a: { ...leaf(1), kids: [leaf(5), { ...leaf(6), next: { Node: leaf(7) } }] },
      b: { ...leaf(6), next: { Node: leaf(7) } },
    },
    { a: leaf(1, 2), b: leaf(1, 3) },
    { a: { ...leaf(1), kids: [leaf(2)] }, b: { ...leaf(1), kids: [leaf(2)] } },
  ].map((x) => JSON.stringify(x));
  const answers = (e: PFAEngine) => textAnswers(e, inputs);
  const want = answers(PFAEngine.fromJson(doc, { backend: 'js' }));
  const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
  expect(wasm.backend).toBe('wasm');
  expect(answers(wasm)).toEqual(want);
  expect(want.map((w) => JSON.parse(w).slice(0, 5))).toEqual([
    ['true', 'false', 'false', '0', 'false'],
    ['false', 'true', 'true', '-1', 'false'],
    ['false', 'true', 'true', '-1', 'true'],
    ['false', 'true', 'false', '1', 'false'],
    ['true', 'false', 'false', '0', 'false'],
  ]);
}, 120_000);
