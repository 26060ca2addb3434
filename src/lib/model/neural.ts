/**
 * The `model.neural` namespace (spec sec. "Neural networks"): a feedforward network given as a
 * list of layers, each computing weights . input + bias; the activation applies to the output of
 * every layer except the last.
 */
import { defineFunction, defineNamespace } from '../registry.js';
import { AvroType } from '../../types/avro.js';
import { PfaRecord } from '../../values.js';
import { wasmLockstepLoop, wasmLockstepSums } from '../util/lockstepWasm.js';
import { RT } from '../../backend/wasm/emit/names.js';

const simpleLayers = defineFunction({
  name: 'model.neural.simpleLayers',
  sigs: [
    '(datum: array<double>, model: array<record M {weights: array<array<double>>, bias: array<double>}>, activation: fcn(double) -> double) -> array<double>',
  ],
  errors: { noLayers: 11000, weightsBiasOrDatumMisaligned: 11001 },
  js: (site) => (datum: number[], model: PfaRecord[], activation: (x: number) => number) => {
    if (model.length === 0) return site.fail('noLayers');
    let x = datum;
    for (let l = 0; l < model.length; l++) {
      const weights = model[l].weights as number[][],
        bias = model[l].bias as number[];
      if (weights.length !== bias.length)
        return site.fail('weightsBiasOrDatumMisaligned', 'weights, bias, or datum misaligned');
      const out: number[] = [];
      for (let j = 0; j < weights.length; j++) {
        const row = weights[j];
        if (row.length !== x.length)
          return site.fail('weightsBiasOrDatumMisaligned', 'weights, bias, or datum misaligned');
        let s = 0;
        for (let i = 0; i < row.length; i++) s += row[i] * x[i];
        out.push(s + bias[j]);
      }
      x = l < model.length - 1 ? out.map((v) => activation(v)) : out;
    }
    return x;
  },
  wasm: (c) => {
    const [datum, model] = c.args;
    const M = (c.site.params[1] as Extract<AvroType, { kind: 'array' }>).items;
    const misaligned = c.fail('weightsBiasOrDatumMisaligned', 'weights, bias, or datum misaligned');
    c.emit(`if (${model}.length == 0) ${c.fail('noLayers')}`);
    const x = c.temp('Array<f64>', datum);
    const l = c.temp('i32', '0');
    c.block(`for (; ${l} < ${model}.length; ${l}++)`, () => {
      c.emit(c.clock());
      const layer = c.temp(c.type(M), `unchecked(${model}[${l}])`);
      const weights = c.temp('Array<Array<f64>>', c.field(M, layer, 'weights'));
      const bias = c.temp('Array<f64>', c.field(M, layer, 'bias'));
      c.emit(`if (${weights}.length != ${bias}.length) ${misaligned}`);
      // The output neurons LOCKSTEP at a time (util/lockstepWasm.ts): each row's length is checked
      // before any of the block's sums, which have no effects, so the first misaligned row fails.
      // (out: every index is stored before it is read, so made without clearing: rt.rawArray)
      const out = c.temp('Array<f64>', `${RT.rawArray}<f64>(${weights}.length)`);
      wasmLockstepLoop(c, `${weights}.length`, (js) => {
        const rows = js.map((j) => c.temp('Array<f64>', `unchecked(${weights}[${j}])`));
        for (const row of rows) c.emit(`if (${row}.length != ${x}.length) ${misaligned}`);
        const sums = wasmLockstepSums(c, rows, x, `${x}.length`, { kind: 'dot', sharedFirst: false });
        js.forEach((j, k) => {
          c.emit(`${RT.setAt}(${out}, ${j}, ${sums[k]} + unchecked(${bias}[${j}]));`);
        });
      });
      // The activation applies to every layer's output but the last.
      c.group(
        [`if (${l} < ${model}.length - 1) {`, `} else ${x} = ${out};`],
        [
          () => {
            // (made raw too: a failing activation leaves the kernel before anyone reads it)
            const act = c.temp('Array<f64>', `${RT.rawArray}<f64>(${out}.length)`);
            const k = c.temp('i32', '0');
            c.block(`for (; ${k} < ${out}.length; ${k}++)`, () => {
              c.emit(`${RT.setAt}(${act}, ${k}, ${c.fcn(2).apply([`unchecked(${out}[${k}])`])});`);
            });
            c.emit(`${x} = ${act};`);
          },
        ],
      );
    });
    return x;
  },
});

export default defineNamespace('model.neural', [simpleLayers]);
