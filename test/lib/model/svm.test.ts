import { describe, expect, it } from 'vitest';
import { score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

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
  });
});
