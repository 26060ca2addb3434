import { describe, expect, it } from 'vitest';
import { score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';
import { source } from '../../backend/wasm/lowered.js';
import { BLOCK_LOOP, vectors } from './vectors.js';

const code = (o: unknown) => (o as { code?: number }).code;
const V = { type: 'array', items: 'double' };
const SV = (name: string) => ({
  type: 'array',
  items: {
    type: 'record',
    name,
    fields: [
      { name: 'supVec', type: V },
      { name: 'coeff', type: 'double' },
    ],
  },
});
const Model = {
  type: 'record',
  name: 'Model',
  fields: [
    { name: 'const', type: 'double' },
    { name: 'posClass', type: SV('Pos') },
    { name: 'negClass', type: SV('Neg') },
  ],
};

bothBackends(() => {
  describe('model.svm.score', () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'x', type: V },
          { name: 'model', type: Model },
        ],
      },
      output: 'double',
      action: { 'model.svm.score': ['input.x', 'input.model', { fcn: 'm.kernel.linear' }] },
    };
    it('adds the kernel-weighted support vectors of both classes to the constant', () => {
      const model = {
        const: 0.5,
        posClass: [{ supVec: [1, 0], coeff: 2 }],
        negClass: [{ supVec: [0, 1], coeff: -1.5 }],
      };
      // 2 * (1*1 + 0*2) - 1.5 * (0*1 + 1*2) + 0.5
      expect(score(doc, [{ x: [1, 2], model }])).toEqual([-0.5]);
      expect(score(doc, [{ x: [1, 2], model: { ...model, negClass: [] } }])).toEqual([2.5]);
    });
    it('raises 12000 without support vectors and 12001 for a misaligned one', () => {
      expect(code(score(doc, [{ x: [1, 2], model: { const: 0, posClass: [], negClass: [] } }])[0])).toBe(12000);
      expect(
        code(score(doc, [{ x: [1, 2], model: { const: 0, posClass: [], negClass: [{ supVec: [1], coeff: 1 }] } }])[0]),
      ).toBe(12001);
    });
    it('gives the JS bits on random models, four linear kernels at a time on Wasm', () => {
      // 0 to 9 support vectors a class (blocks of four and remainders), now and then one of
      // another length at a random place: the first raises 12001, as in JS.
      const { u, int, vector } = vectors(12);
      const inputs = Array.from({ length: 300 }, () => {
        const dim = int(0, 9);
        const svs = () =>
          Array.from({ length: int(0, 9) }, () => ({
            supVec: vector(u() < 0.03 ? int(0, 9) : dim),
            coeff: vector(1)[0],
          }));
        return { x: vector(dim), model: { const: vector(1)[0], posClass: svs(), negClass: svs() } };
      });
      const answers = score(doc, inputs);
      expect(answers.filter((a) => code(a) === 12001).length).toBeGreaterThan(10);
      expect(answers.filter((a) => typeof a === 'number').length).toBeGreaterThan(100);
    });
  });
});

describe('model.svm.score on Wasm', () => {
  it('computes the dot products of m.kernel.linear in blocks of four', () => {
    const doc = (kernel: unknown) => ({
      input: V,
      output: 'double',
      cells: { model: { type: Model, init: { const: 0, posClass: [], negClass: [{ supVec: [1], coeff: 1 }] } } },
      action: { 'model.svm.score': ['input', { cell: 'model' }, kernel] },
    });
    expect(source(doc({ fcn: 'm.kernel.linear' }))).toMatch(BLOCK_LOOP);
    const rbf = { params: [{ x: V }, { y: V }], ret: 'double', do: { 'm.kernel.rbf': ['x', 'y', 0.5] } };
    expect(source(doc(rbf))).not.toMatch(BLOCK_LOOP);
  });
});
