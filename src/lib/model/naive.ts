/**
 * The `model.naive` namespace (spec sec. "Naive Bayes"): unscaled log-likelihoods of a datum under
 * one class of a Gaussian, multinomial or Bernoulli naive Bayes model.
 */
import { WasmCall, defineFunction, defineNamespace } from '../registry.js';
import { AvroType } from '../../types/avro.js';
import { eachEntry, eachItem } from '../util/wasm.js';
import { PfaRecord } from '../../values.js';
import * as fdlibm from '../util/fdlibm/index.js';

type MapVec = Map<string, number>;

/** Smallest positive normal double, added to each multinomial probability so log(0) never happens. */
const TINY = 2.2250738585072014e-308;

function sameKeys(a: Map<string, unknown>, b: Map<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a.keys()) if (!b.has(k)) return false;
  return true;
}

/** sameKeys in AS: a bool expression over two maps (pure arguments). */
function wasmSameKeys(c: WasmCall, a: string, b: string): string {
  const same = c.temp('bool', `${a}.size == ${b}.size`);
  c.if_(same, () => {
    eachEntry(c, a, (k) => c.emit(`if (!${b}.has(${k})) { ${same} = false; break; }`));
  });
  return same;
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
      const mu = m.mean as number,
        variance = m.variance as number;
      if (variance <= 0) return site.fail('varianceLessThanOrEqualToZero');
      return ll + -0.5 * fdlibm.log(2 * Math.PI * variance) + -0.5 * ((x - mu) ** 2 / variance);
    };
    if (site.sig === 0) {
      return (datum: number[], model: PfaRecord[]) => {
        if (datum.length !== model.length)
          return site.fail('datumAndClassModelMisaligned', 'datum and classModel misaligned');
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
  wasm: (c) => {
    const [datum, model] = c.args;
    const M = c.site.params[1] as AvroType;
    const A = M.kind === 'array' ? M.items : M.kind === 'map' ? M.values : M;
    const ll = c.temp('f64', '0.0');
    const add = (x: string, m: string) => {
      const r = c.temp(c.type(A), m);
      const mu = c.temp('f64', c.field(A, r, 'mean'));
      const variance = c.temp('f64', c.field(A, r, 'variance'));
      c.emit(`if (${variance} <= 0) ${c.fail('varianceLessThanOrEqualToZero')}`);
      c.emit(
        `${ll} = ${ll} + -0.5 * Math.log(2.0 * ${c.f64(Math.PI)} * ${variance}) + -0.5 * (Math.pow(${x} - ${mu}, 2.0) / ${variance});`,
      );
    };
    if (c.site.sig === 0) {
      c.emit(
        `if (${datum}.length != ${model}.length) ${c.fail('datumAndClassModelMisaligned', 'datum and classModel misaligned')}`,
      );
      eachItem(c, datum, (x, i) => add(x, `unchecked(${model}[${i}])`));
    } else {
      c.emit(
        `if (!${wasmSameKeys(c, datum, model)}) ${c.fail('datumAndClassModelMisaligned', 'datum and classModel misaligned')}`,
      );
      eachEntry(c, datum, (k, x) => add(x, `${model}.get(${k})`));
    }
    return ll;
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
      let n = 0,
        sum = 0;
      for (const p of values) {
        if (!(p > 0))
          return site.fail(
            'classModelMustBeNonEmptyAndStrictlyPositive',
            'classModel must be non-empty and strictly positive',
          );
        sum += p;
        n++;
      }
      return n === 0
        ? site.fail('classModelMustBeNonEmptyAndStrictlyPositive', 'classModel must be non-empty and strictly positive')
        : sum;
    };
    const misaligned = () => site.fail('datumAndClassModelMisaligned', 'datum and classModel misaligned');
    const arrays = (datum: number[], model: number[]) => {
      const total = positive(model);
      if (datum.length !== model.length) return misaligned();
      let ll = 0;
      for (let i = 0; i < datum.length; i++) ll += datum[i] * fdlibm.log(model[i] / total + TINY);
      return ll;
    };
    const maps = (datum: MapVec, model: MapVec) => {
      const total = positive(model.values());
      if (!sameKeys(datum, model)) return misaligned();
      let ll = 0;
      for (const [k, x] of datum) ll += x * fdlibm.log((model.get(k) as number) / total + TINY);
      return ll;
    };
    switch (site.sig) {
      case 0:
        return arrays;
      case 1:
        return maps;
      case 2:
        return (datum: number[], c: PfaRecord) => arrays(datum, c.values as number[]);
      default:
        return (datum: MapVec, c: PfaRecord) => maps(datum, c.values as MapVec);
    }
  },
  wasm: (c) => {
    const datum = c.args[0];
    const isMap = c.site.sig === 1 || c.site.sig === 3;
    const model =
      c.site.sig < 2
        ? c.args[1]
        : c.temp(isMap ? 'CodeMap<f64>' : 'Array<f64>', c.field(c.site.params[1] as AvroType, c.args[1], 'values'));
    const bad = c.fail(
      'classModelMustBeNonEmptyAndStrictlyPositive',
      'classModel must be non-empty and strictly positive',
    );
    const misaligned = c.fail('datumAndClassModelMisaligned', 'datum and classModel misaligned');
    const n = c.temp('i32', '0'),
      total = c.temp('f64', '0.0');
    const positive = (p: string) => c.emit(`if (!(${p} > 0)) ${bad} ${total} += ${p}; ${n}++;`);
    if (isMap) eachEntry(c, model, (_k, p) => positive(p));
    else eachItem(c, model, (p) => positive(p));
    c.emit(`if (${n} == 0) ${bad}`);
    const ll = c.temp('f64', '0.0');
    const TINY_ = c.f64(TINY);
    if (isMap) {
      c.emit(`if (!${wasmSameKeys(c, datum, model)}) ${misaligned}`);
      eachEntry(c, datum, (k, x) => c.emit(`${ll} += ${x} * Math.log(${model}.get(${k}) / ${total} + ${TINY_});`));
    } else {
      c.emit(`if (${datum}.length != ${model}.length) ${misaligned}`);
      eachItem(c, datum, (x, i) =>
        c.emit(`${ll} += ${x} * Math.log(unchecked(${model}[${i}]) / ${total} + ${TINY_});`),
      );
    }
    return ll;
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
        if (p <= 0 || p >= 1)
          return site.fail(
            'probabilityInClassModelMustBeStrictlyBetween0And1',
            'probability in classModel must be strictly between 0 and 1',
          );
        ll += fdlibm.log(1 - p);
      }
      for (const item of datum) {
        const p = model.get(item);
        if (p !== undefined) ll += fdlibm.log(p) - fdlibm.log(1 - p);
      }
      return ll;
    };
    return site.sig === 0 ? score : (datum: string[], c: PfaRecord) => score(datum, c.values as MapVec);
  },
  wasm: (c) => {
    const datum = c.args[0];
    const model =
      c.site.sig === 0 ? c.args[1] : c.temp('CodeMap<f64>', c.field(c.site.params[1] as AvroType, c.args[1], 'values'));
    const ll = c.temp('f64', '0.0');
    eachEntry(c, model, (_k, v) => {
      const p = c.temp('f64', v);
      c.emit(
        `if (${p} <= 0 || ${p} >= 1) ${c.fail('probabilityInClassModelMustBeStrictlyBetween0And1', 'probability in classModel must be strictly between 0 and 1')}`,
      );
      c.emit(`${ll} += Math.log(1.0 - ${p});`);
    });
    eachItem(c, datum, (item) => {
      const k = c.temp('i32', item);
      c.if_(`${model}.has(${k})`, () => {
        const p = c.temp('f64', `${model}.get(${k})`);
        c.emit(`${ll} += Math.log(${p}) - Math.log(1.0 - ${p});`);
      });
    });
    return ll;
  },
});

export default defineNamespace('model.naive', [gaussian, multinomial, bernoulli]);
