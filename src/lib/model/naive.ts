/**
 * The `model.naive` namespace (spec sec. "Naive Bayes"): unscaled log-likelihoods of a datum under
 * one class of a Gaussian, multinomial or Bernoulli naive Bayes model.
 */
import { defineFunction, defineNamespace } from '../registry.js';
import { PfaRecord } from '../../types/values.js';

type MapVec = Map<string, number>;

/** Smallest positive normal double, added to each multinomial probability so log(0) never happens. */
const TINY = 2.2250738585072014e-308;

function sameKeys(a: Map<string, unknown>, b: Map<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a.keys()) if (!b.has(k)) return false;
  return true;
}

const gaussian = defineFunction({
  name: 'model.naive.gaussian',
  sigs: [
    '(datum: array<double>, classModel: array<record A {mean: double, variance: double}>) -> double',
    '(datum: map<double>, classModel: map<record A {mean: double, variance: double}>) -> double',
  ],
  errors: { datumAndClassModelMisaligned: 10000, varianceLessThanOrEqualToZero: 10001 },
  js: (site) => {
    // The normalisation and the exponent are added to the sum one after the other.
    const add = (ll: number, x: number, m: PfaRecord) => {
      const mu = m.mean as number, variance = m.variance as number;
      if (variance <= 0) return site.fail('varianceLessThanOrEqualToZero');
      return ll + -0.5 * Math.log(2 * Math.PI * variance) + -0.5 * ((x - mu) ** 2 / variance);
    };
    if (site.sig === 0) {
      return (datum: number[], model: PfaRecord[]) => {
        if (datum.length !== model.length) return site.fail('datumAndClassModelMisaligned', 'datum and classModel misaligned');
        let ll = 0;
        for (let i = 0; i < datum.length; i++) ll = add(ll, datum[i], model[i]);
        return ll;
      };
    }
    return (datum: MapVec, model: Map<string, PfaRecord>) => {
      if (!sameKeys(datum, model)) return site.fail('datumAndClassModelMisaligned', 'datum and classModel misaligned');
      let ll = 0;
      for (const [k, x] of datum) ll = add(ll, x, model.get(k) as PfaRecord);
      return ll;
    };
  },
});

const multinomial = defineFunction({
  name: 'model.naive.multinomial',
  sigs: [
    '(datum: array<double>, classModel: array<double>) -> double',
    '(datum: map<double>, classModel: map<double>) -> double',
    '(datum: array<double>, classModel: record C {values: array<double>}) -> double',
    '(datum: map<double>, classModel: record C {values: map<double>}) -> double',
  ],
  errors: { datumAndClassModelMisaligned: 10010, classModelMustBeNonEmptyAndStrictlyPositive: 10011 },
  js: (site) => {
    const positive = (values: Iterable<number>) => {
      let n = 0, sum = 0;
      for (const p of values) {
        if (!(p > 0)) return site.fail('classModelMustBeNonEmptyAndStrictlyPositive', 'classModel must be non-empty and strictly positive');
        sum += p;
        n++;
      }
      return n === 0 ? site.fail('classModelMustBeNonEmptyAndStrictlyPositive', 'classModel must be non-empty and strictly positive') : sum;
    };
    const misaligned = () => site.fail('datumAndClassModelMisaligned', 'datum and classModel misaligned');
    const arrays = (datum: number[], model: number[]) => {
      const total = positive(model);
      if (datum.length !== model.length) return misaligned();
      let ll = 0;
      for (let i = 0; i < datum.length; i++) ll += datum[i] * Math.log(model[i] / total + TINY);
      return ll;
    };
    const maps = (datum: MapVec, model: MapVec) => {
      const total = positive(model.values());
      if (!sameKeys(datum, model)) return misaligned();
      let ll = 0;
      for (const [k, x] of datum) ll += x * Math.log((model.get(k) as number) / total + TINY);
      return ll;
    };
    switch (site.sig) {
      case 0: return arrays;
      case 1: return maps;
      case 2: return (datum: number[], c: PfaRecord) => arrays(datum, c.values as number[]);
      default: return (datum: MapVec, c: PfaRecord) => maps(datum, c.values as MapVec);
    }
  },
});

const bernoulli = defineFunction({
  name: 'model.naive.bernoulli',
  sigs: [
    '(datum: array<string>, classModel: map<double>) -> double',
    '(datum: array<string>, classModel: record C {values: map<double>}) -> double',
  ],
  errors: { probabilityInClassModelMustBeStrictlyBetween0And1: 10020 },
  js: (site) => {
    const score = (datum: string[], model: MapVec) => {
      let ll = 0;
      for (const p of model.values()) {
        if (p <= 0 || p >= 1) return site.fail('probabilityInClassModelMustBeStrictlyBetween0And1', 'probability in classModel must be strictly between 0 and 1');
        ll += Math.log(1 - p);
      }
      for (const item of datum) {
        const p = model.get(item);
        if (p !== undefined) ll += Math.log(p) - Math.log(1 - p);
      }
      return ll;
    };
    return site.sig === 0 ? score : (datum: string[], c: PfaRecord) => score(datum, c.values as MapVec);
  },
});

export default defineNamespace('model.naive', [gaussian, multinomial, bernoulli]);
