/**
 * The `model.svm` namespace (spec sec. "Support vector machines"): the decision function of a
 * two-class SVM, const + sum of coeff * kernel(supVec, datum) over both classes' support vectors
 * (the coefficients carry the class signs).
 */
import { defineFunction, defineNamespace } from '../registry.js';
import { PfaRecord } from '../../types/values.js';

type Kernel = (x: number[], y: number[]) => number;

const score = defineFunction({
  name: 'model.svm.score',
  sigs: ['(datum: array<double>, model: record L {const: double, posClass: array<record M {supVec: array<double>, coeff: double}>, negClass: array<record N {supVec: array<double>, coeff: double}>}, kernel: fcn(array<double>, array<double>) -> double) -> double'],
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
      const neg = model.negClass as PfaRecord[], pos = model.posClass as PfaRecord[];
      if (neg.length === 0 && pos.length === 0) return site.fail('noSupportVectors');
      const negScore = classScore(datum, neg, kernel);
      const posScore = classScore(datum, pos, kernel);
      return negScore + posScore + (model.const as number);
    };
  },
});

export default defineNamespace('model.svm', [score]);
