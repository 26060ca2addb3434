/**
 * The six model.reg functions deprecated in PFA 0.7.2 (their replacements live in stat.test), still
 * part of the library: residual, pull, mahalanobis, updateChi2, reducedChi2 and chi2Prob.
 */
import type { MapVec, Vec } from './linear.js';
import { WasmCall, defineFunction } from '../../registry.js';
import { eachEntry, eachItem } from '../../util/wasm.js';
import { AvroType } from '../../../types/avro.js';
import { PfaRecord } from '../../../values.js';
import { chi2ProbForms, chi2Update, mahalanobis as statMahalanobis } from '../../stat/test.js';

const DEPRECATED3 = { 0: '0.7.2', 1: '0.7.2', 2: '0.7.2' };

/** Element-wise combination of aligned arrays or maps; `misaligned(i)` names the failing operand. */
function alignedArrays(arrays: Vec[], misaligned: (i: number) => never, f: (xs: number[]) => number): Vec {
  const n = arrays[0].length;
  for (let i = 1; i < arrays.length; i++) if (arrays[i].length !== n) misaligned(i);
  const out: Vec = [];
  for (let j = 0; j < n; j++) out.push(f(arrays.map((a) => a[j])));
  return out;
}

/**
 * alignedArrays and alignedMaps in AS: the same checks in the same order (every operand's length
 * or size first, then each key of the first map in each other map), `f` given the operands' items.
 */
function alignedWasm(c: WasmCall, misaligned: readonly string[], f: (xs: readonly string[]) => string): string {
  const [first, ...others] = c.args;
  if (c.site.sig === 0) return c.temp('f64', f(c.args));
  const sparse = c.site.sig === 2;
  const size = sparse ? 'size' : 'length';
  others.forEach((x, i) => {
    c.emit(`if (${x}.${size} != ${first}.${size}) ${c.fail(misaligned[i])}`);
  });
  const T = sparse ? 'CodeMap<f64>' : 'Array<f64>';
  const out = c.temp(T, sparse ? `new ${T}()` : `new ${T}(0)`);
  if (!sparse) {
    eachItem(c, first, (v, i) => c.emit(`${out}.push(${f([v, ...others.map((x) => `unchecked(${x}[${i}])`)])});`));
    return out;
  }
  eachEntry(c, first, (k, v) => {
    others.forEach((x, i) => {
      c.emit(`if (!${x}.has(${k})) ${c.fail(misaligned[i])}`);
    });
    c.emit(`${out}.set(${k}, ${f([v, ...others.map((x) => `${x}.get(${k})`)])});`);
  });
  return out;
}

function alignedMaps(maps: MapVec[], misaligned: (i: number) => never, f: (xs: number[]) => number): MapVec {
  const first = maps[0];
  for (let i = 1; i < maps.length; i++) if (maps[i].size !== first.size) misaligned(i);
  const out: MapVec = new Map();
  for (const k of first.keys()) {
    const xs = maps.map((m, i) => {
      const v = m.get(k);
      return v === undefined ? misaligned(i) : v;
    });
    out.set(k, f(xs));
  }
  return out;
}

export const residual = defineFunction({
  name: 'model.reg.residual',
  sigs: [
    '(observation: double, prediciton: double) -> double',
    '(observation: array<double>, prediciton: array<double>) -> array<double>',
    '(observation: map<double>, prediciton: map<double>) -> map<double>',
  ],
  errors: { misalignedPrediction: 31020 },
  deprecated: DEPRECATED3,
  js: (site) => {
    const f = ([o, p]: number[]) => o - p;
    const misaligned = () => site.fail('misalignedPrediction');
    switch (site.sig) {
      case 0:
        return (o: number, p: number) => o - p;
      case 1:
        return (o: Vec, p: Vec) => alignedArrays([o, p], misaligned, f);
      default:
        return (o: MapVec, p: MapVec) => alignedMaps([o, p], misaligned, f);
    }
  },
  wasm: (c) => alignedWasm(c, ['misalignedPrediction'], ([o, p]) => `${o} - ${p}`),
});

export const pull = defineFunction({
  name: 'model.reg.pull',
  sigs: [
    '(observation: double, prediciton: double, uncertainty: double) -> double',
    '(observation: array<double>, prediciton: array<double>, uncertainty: array<double>) -> array<double>',
    '(observation: map<double>, prediciton: map<double>, uncertainty: map<double>) -> map<double>',
  ],
  errors: { misalignedPrediction: 31030, misalignedUncertainty: 31031 },
  deprecated: DEPRECATED3,
  js: (site) => {
    const f = ([o, p, u]: number[]) => (o - p) / u;
    const misaligned = (i: number) => site.fail(i === 1 ? 'misalignedPrediction' : 'misalignedUncertainty');
    switch (site.sig) {
      case 0:
        return (o: number, p: number, u: number) => (o - p) / u;
      case 1:
        return (o: Vec, p: Vec, u: Vec) => alignedArrays([o, p, u], misaligned, f);
      default:
        return (o: MapVec, p: MapVec, u: MapVec) => alignedMaps([o, p, u], misaligned, f);
    }
  },
  wasm: (c) => alignedWasm(c, ['misalignedPrediction', 'misalignedUncertainty'], ([o, p, u]) => `(${o} - ${p}) / ${u}`),
});

export const mahalanobis = defineFunction({
  name: 'model.reg.mahalanobis',
  sigs: [
    '(observation: array<double>, prediction: array<double>, covariance: array<array<double>>) -> double',
    '(observation: map<double>, prediction: map<double>, covariance: map<map<double>>) -> double',
  ],
  errors: { tooFewRowsCols: 31040, misalignedPrediction: 31041, misalignedCovariance: 31042 },
  deprecated: { 0: '0.7.2', 1: '0.7.2' },
  // The checks, their order and sqrt(d . C^-1 d) are stat.test.mahalanobis's, which replaces it.
  js: statMahalanobis.js,
  wasm: statMahalanobis.wasm,
});

export const updateChi2 = defineFunction({
  name: 'model.reg.updateChi2',
  sigs: [
    '(pull: double, state: record A {chi2: double, DOF: int}) -> A',
    '(pull: array<double>, state: record A {chi2: double, DOF: int}) -> A',
    '(pull: map<double>, state: record A {chi2: double, DOF: int}) -> A',
  ],
  deprecated: DEPRECATED3,
  ...chi2Update('model.reg.updateChi2', 'DOF'),
});

export const reducedChi2 = defineFunction({
  name: 'model.reg.reducedChi2',
  sigs: ['(state: record A {chi2: double, DOF: int}) -> double'],
  deprecated: { 0: '0.7.2' },
  js: () => (state: PfaRecord) => (state.chi2 as number) / (state.DOF as number),
  wasm: (c) => {
    const A = c.site.params[0] as AvroType;
    return `(${c.field(A, c.args[0], 'chi2')} / <f64>${c.field(A, c.args[0], 'DOF')})`;
  },
});

export const chi2Prob = defineFunction({
  name: 'model.reg.chi2Prob',
  sigs: ['(state: record A {chi2: double, DOF: int}) -> double'],
  errors: { invalidParameterization: 31070 },
  deprecated: { 0: '0.7.2' },
  // stat.test.chi2Prob's forms: at DOF 0 the CDF at 0 (and at NaN) is 0, as the suite fixes for
  // the replacement (this copy had said 1 at 0 and NaN at NaN).
  ...chi2ProbForms('DOF'),
});
