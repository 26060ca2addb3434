import { describe, expect, it } from 'vitest';
import { score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';
import { source } from '../../backend/wasm/lowered.js';
import { BLOCK_LOOP, vectors } from './vectors.js';

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
    it('gives the JS bits on random networks, four neurons at a time on Wasm', () => {
      // Layer widths 0 to 9 (blocks of four and remainders), and now and then one misaligned row
      // or bias at a random place: the first one raises 11001, as in JS.
      const { u, int, vector } = vectors(18);
      const inputs = Array.from({ length: 300 }, () => {
        let width = int(0, 9);
        const x = vector(width);
        const layers = Array.from({ length: int(1, 3) }, () => {
          const neurons = int(0, 9);
          const weights = Array.from({ length: neurons }, () => vector(width));
          const bias = vector(neurons);
          width = neurons;
          if (u() < 0.05) bias.push(1);
          if (u() < 0.1 && neurons > 0) weights[int(0, neurons - 1)].push(1);
          return { weights, bias };
        });
        return { x, layers };
      });
      const answers = score(doc, inputs);
      expect(answers.filter((a) => code(a) === 11001).length).toBeGreaterThan(20);
      expect(answers.filter((a) => Array.isArray(a) && a.length >= 4).length).toBeGreaterThan(50);
    });
  });
});

describe('model.neural.simpleLayers on Wasm', () => {
  it('computes the neurons of a layer in blocks of four', () => {
    const doc = {
      input: V,
      output: V,
      cells: { layers: { type: { type: 'array', items: Layer }, init: [{ weights: [[1]], bias: [0] }] } },
      action: { 'model.neural.simpleLayers': ['input', { cell: 'layers' }, { fcn: 'm.link.logit' }] },
    };
    expect(source(doc)).toMatch(BLOCK_LOOP);
  });
});
