/**
 * The `model.neural` namespace (spec sec. "Neural networks"): a feedforward network given as a
 * list of layers, each computing weights . input + bias; the activation applies to the output of
 * every layer except the last.
 */
import { defineFunction, defineNamespace } from '../registry.js';
import { PfaRecord } from '../../types/values.js';

const simpleLayers = defineFunction({
  name: 'model.neural.simpleLayers',
  sigs: ['(datum: array<double>, model: array<record M {weights: array<array<double>>, bias: array<double>}>, activation: fcn(double) -> double) -> array<double>'],
  errors: { noLayers: 11000, weightsBiasOrDatumMisaligned: 11001 },
  js: (site) => (datum: number[], model: PfaRecord[], activation: (x: number) => number) => {
    if (model.length === 0) return site.fail('noLayers');
    let x = datum;
    for (let l = 0; l < model.length; l++) {
      const weights = model[l].weights as number[][], bias = model[l].bias as number[];
      if (weights.length !== bias.length) return site.fail('weightsBiasOrDatumMisaligned', 'weights, bias, or datum misaligned');
      const out: number[] = [];
      for (let j = 0; j < weights.length; j++) {
        const row = weights[j];
        if (row.length !== x.length) return site.fail('weightsBiasOrDatumMisaligned', 'weights, bias, or datum misaligned');
        let s = 0;
        for (let i = 0; i < row.length; i++) s += row[i] * x[i];
        out.push(s + bias[j]);
      }
      x = l < model.length - 1 ? out.map((v) => activation(v)) : out;
    }
    return x;
  },
});

export default defineNamespace('model.neural', [simpleLayers]);
