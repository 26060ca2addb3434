import { describe, expect, it } from 'vitest';
import { score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const code = (o: unknown) => (o as { code?: number }).code;
const V = { type: 'array', items: 'double' };
const Layer = {
  type: 'record',
  name: 'Layer',
  fields: [
    { name: 'weights', type: { type: 'array', items: V } },
    { name: 'bias', type: V },
  ],
};

bothBackends(() => {
  describe('model.neural.simpleLayers', () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'x', type: V },
          { name: 'layers', type: { type: 'array', items: Layer } },
        ],
      },
      output: V,
      action: {
        'model.neural.simpleLayers': [
          'input.x',
          'input.layers',
          { params: [{ v: 'double' }], ret: 'double', do: { '*': ['v', 2] } },
        ],
      },
    };
    const layers = [
      {
        weights: [
          [1, 1],
          [1, -1],
        ],
        bias: [0, 1],
      },
      { weights: [[2, 3]], bias: [0.5] },
    ];
    it('applies the activation to every layer but the last', () => {
      // layer 1: [3, 0] -> activation [6, 0]; layer 2: 2*6 + 3*0 + 0.5
      expect(score(doc, [{ x: [1, 2], layers }])).toEqual([[12.5]]);
      expect(score(doc, [{ x: [1, 2], layers: [layers[0]] }])).toEqual([[3, 0]]);
    });
    it('raises 11000 without layers and 11001 on any misalignment', () => {
      expect(code(score(doc, [{ x: [1, 2], layers: [] }])[0])).toBe(11000);
      expect(code(score(doc, [{ x: [1, 2], layers: [{ weights: [[1, 1]], bias: [0, 1] }] }])[0])).toBe(11001);
      expect(code(score(doc, [{ x: [1, 2], layers: [{ weights: [[1, 1, 1]], bias: [0] }] }])[0])).toBe(11001);
      expect(code(score(doc, [{ x: [1, 2], layers: [layers[0], { weights: [[2]], bias: [0.5] }] }])[0])).toBe(11001);
    });
  });
});
