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

/** The input record: the datum x, the model, and these fields. */
const inputWith = (more: object[]) => ({
  type: 'record',
  name: 'In',
  fields: [{ name: 'x', type: V }, { name: 'model', type: Model }, ...more],
});

bothBackends(() => {
  describe('model.svm.score', () => {
    const doc = {
      input: inputWith([]),
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

/**
 * The kernels other than linear, in the shapes exporters write them: a reference with `fill`, an
 * inline function calling the kernel with a literal or a symbol of the enclosing scope, a user
 * function reading a cell. model.svm.score sees through each to the kernel (WasmFcn.passesTo,
 * passedRest) and computes four support vectors in lockstep.
 */
const A = V;
const kernels: Record<string, unknown> = {
  rbfInline: { params: [{ x: A }, { y: A }], ret: 'double', do: { 'm.kernel.rbf': ['x', 'y', 0.5] } },
  rbfFill: { fcn: 'm.kernel.rbf', fill: { gamma: 'input.gamma' } },
  rbfIntFill: { fcn: 'm.kernel.rbf', fill: { gamma: 2 } },
  rbfEnclosing: { params: [{ x: A }, { y: A }], ret: 'double', do: { 'm.kernel.rbf': ['x', 'y', 'g'] } },
  rbfUser: { fcn: 'u.kernel' },
  poly: { fcn: 'm.kernel.poly', fill: { gamma: 'input.gamma', intercept: 1, degree: 'input.degree' } },
  polyInline: {
    params: [{ x: A }, { y: A }],
    ret: 'double',
    do: { 'm.kernel.poly': ['x', 'y', { cell: 'gamma' }, 0.5, 2] },
  },
  sigmoid: { fcn: 'm.kernel.sigmoid', fill: { gamma: 'input.gamma', intercept: -0.25 } },
};

function kernelDoc(kernel: unknown) {
  return {
    input: inputWith([
      { name: 'gamma', type: 'double' },
      { name: 'degree', type: 'double' },
    ]),
    output: 'double',
    cells: { gamma: { type: 'double', init: 0.125 } },
    fcns: {
      kernel: { params: [{ x: A }, { y: A }], ret: 'double', do: { 'm.kernel.rbf': ['x', 'y', { cell: 'gamma' }] } },
    },
    action: [{ let: { g: 'input.gamma' } }, { 'model.svm.score': ['input.x', 'input.model', kernel] }],
  };
}

bothBackends(() => {
  describe('model.svm.score with rbf, poly and sigmoid kernels', () => {
    for (const [name, kernel] of Object.entries(kernels))
      it(`gives the JS bits on random models (${name})`, () => {
        // as for the linear kernel: lengths around the block of four, special items, misaligned
        // support vectors; gammas of both signs, now and then 0, NaN or infinite
        const { u, int, vector } = vectors(name.length * 31 + 7);
        const special = [0, -0, Number.NaN, Infinity, -Infinity];
        const inputs = Array.from({ length: 120 }, () => {
          const dim = int(0, 9);
          const svs = () =>
            Array.from({ length: int(0, 9) }, () => ({
              supVec: vector(u() < 0.03 ? int(0, 9) : dim),
              coeff: vector(1)[0],
            }));
          const gamma = u() < 0.1 ? special[int(0, 4)] : (u() - 0.5) * 2;
          return {
            x: vector(dim),
            model: { const: vector(1)[0], posClass: svs(), negClass: svs() },
            gamma,
            degree: int(0, 4) - 1,
          };
        });
        const answers = score(kernelDoc(kernel), inputs);
        expect(answers.filter((a) => code(a) === 12001).length).toBeGreaterThan(3);
        // (answers, NaN and infinities included: a negative gamma's exp overflows)
        expect(answers.filter((a) => code(a) === undefined).length).toBeGreaterThan(60);
      });
  });
});

describe('model.svm.score on Wasm', () => {
  const doc = (kernel: unknown) => ({
    input: V,
    output: 'double',
    cells: { model: { type: Model, init: { const: 0, posClass: [], negClass: [{ supVec: [1], coeff: 1 }] } } },
    action: { 'model.svm.score': ['input', { cell: 'model' }, kernel] },
  });
  it('computes the sums of m.kernel.linear in blocks of four', () => {
    expect(source(doc({ fcn: 'm.kernel.linear' }))).toMatch(BLOCK_LOOP);
  });
  it('sees through a kernel given its other parameters as fills, literals, cells or symbols around it', () => {
    for (const [name, kernel] of Object.entries(kernels)) expect(source(kernelDoc(kernel)), name).toMatch(BLOCK_LOOP);
  });
  it('calls the kernel per support vector when it does more than call a kernel, or its parameters vary', () => {
    const call = (gamma: unknown) => ({
      params: [{ x: A }, { y: A }],
      ret: 'double',
      do: { 'm.kernel.rbf': ['x', 'y', gamma] },
    });
    // (a gamma computed from the arguments, or by a read that can fail, is the call's business)
    expect(source(doc(call({ 'a.len': 'x' })))).not.toMatch(BLOCK_LOOP);
    expect(source(doc(call({ 'a.len': 'y' })))).not.toMatch(BLOCK_LOOP);
    expect(source(doc(call({ '/': [1, { 'a.len': 'y' }] })))).not.toMatch(BLOCK_LOOP);
    const swapped = { params: [{ x: A }, { y: A }], ret: 'double', do: { 'm.kernel.rbf': ['y', 'x', 0.5] } };
    expect(source(doc(swapped))).not.toMatch(BLOCK_LOOP);
    const scaled = {
      params: [{ x: A }, { y: A }],
      ret: 'double',
      do: { '*': [2, { 'm.kernel.rbf': ['x', 'y', 0.5] }] },
    };
    expect(source(doc(scaled))).not.toMatch(BLOCK_LOOP);
  });
});
