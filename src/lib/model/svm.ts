/**
 * The `model.svm` namespace (spec sec. "Support vector machines"): the decision function of a
 * two-class SVM, const + sum of coeff * kernel(supVec, datum) over both classes' support vectors
 * (the coefficients carry the class signs).
 */
import { defineFunction, defineNamespace } from '../registry.js';
import { AvroType, RecordType } from '../../types/avro.js';
import { PfaRecord } from '../../values.js';
import { wasmLockstepLoop, wasmLockstepSums } from '../util/lockstepWasm.js';
import { KERNEL_SUMS } from '../m/kernel.js';

type Kernel = (x: number[], y: number[]) => number;

const score = defineFunction({
  name: 'model.svm.score',
  sigs: [
    '(datum: array<double>, model: record L {const: double, posClass: array<record M {supVec: array<double>, coeff: double}>, negClass: array<record N {supVec: array<double>, coeff: double}>}, kernel: fcn(array<double>, array<double>) -> double) -> double',
  ],
  errors: { noSupportVectors: 12000, supportVectorsMustHaveSameLengthAsDatum: 12001 },
  js: (site) => {
    const classScore = (datum: number[], vectors: PfaRecord[], kernel: Kernel) => {
      let s = 0;
      for (const sv of vectors) {
        const supVec = sv.supVec as number[];
        if (supVec.length !== datum.length) return site.fail('supportVectorsMustHaveSameLengthAsDatum');
        s += kernel(supVec, datum) * (sv.coeff as number);
      }
      return s;
    };
    return (datum: number[], model: PfaRecord, kernel: Kernel) => {
      const neg = model.negClass as PfaRecord[],
        pos = model.posClass as PfaRecord[];
      if (neg.length === 0 && pos.length === 0) return site.fail('noSupportVectors');
      const negScore = classScore(datum, neg, kernel);
      const posScore = classScore(datum, pos, kernel);
      return negScore + posScore + (model.const as number);
    };
  },
  wasm: (c) => {
    const [datum, model] = c.args;
    const L = c.site.params[1] as RecordType;
    const kernel = c.fcn(2);
    const sums = kernel.passesTo === undefined ? undefined : KERNEL_SUMS.get(kernel.passesTo);
    // (the kernel's other parameters, such as gamma, hold still while it runs: read once)
    const rest = sums ? (kernel.passedRest?.() ?? []) : [];
    const classScore = (name: string) => {
      const V = (L.fields.find((f) => f.name === name)!.type as Extract<AvroType, { kind: 'array' }>).items;
      const vectors = c.temp(c.type(L.fields.find((f) => f.name === name)!.type), c.field(L, model, name));
      const s = c.temp('f64', '0.0');
      if (sums) {
        // The kernel's sums (x[i] * y[i] or (x[i] - y[i])^2, x the support vector) of four support
        // vectors in lockstep (util/lockstepWasm.ts), each finished as the kernel finishes it, then
        // added in the JS form's order. Every length is checked before the block's sums, so the
        // first misaligned vector raises 12001, and the kernel's own check cannot fail after it.
        wasmLockstepLoop(c, `${vectors}.length`, (js) => {
          const svs = js.map((j) => c.temp(c.type(V), `unchecked(${vectors}[${j}])`));
          const rows = svs.map((sv) => c.temp('Array<f64>', c.field(V, sv, 'supVec')));
          for (const row of rows)
            c.emit(`if (${row}.length != ${datum}.length) ${c.fail('supportVectorsMustHaveSameLengthAsDatum')}`);
          const term = { kind: sums.term, sharedFirst: false };
          const totals = wasmLockstepSums(c, rows, datum, `${datum}.length`, term);
          svs.forEach((sv, k) => {
            c.emit(`${s} += ${sums.finish(totals[k], rest)} * ${c.field(V, sv, 'coeff')};`);
          });
        });
        return s;
      }
      const i = c.temp('i32', '0');
      c.block(`for (; ${i} < ${vectors}.length; ${i}++)`, () => {
        c.emit(c.clock());
        const sv = c.temp(c.type(V), `unchecked(${vectors}[${i}])`);
        const supVec = c.temp('Array<f64>', c.field(V, sv, 'supVec'));
        c.emit(`if (${supVec}.length != ${datum}.length) ${c.fail('supportVectorsMustHaveSameLengthAsDatum')}`);
        const k = c.temp('f64', c.fcn(2).apply([supVec, datum]));
        c.emit(`${s} += ${k} * ${c.field(V, sv, 'coeff')};`);
      });
      return s;
    };
    c.emit(
      `if (${c.field(L, model, 'negClass')}.length == 0 && ${c.field(L, model, 'posClass')}.length == 0) ${c.fail('noSupportVectors')}`,
    );
    const neg = classScore('negClass');
    const pos = classScore('posClass');
    return `(${neg} + ${pos} + ${c.field(L, model, 'const')})`;
  },
});

export default defineNamespace('model.svm', [score]);
