/**
 * model.reg.gaussianProcess: Gaussian Process prediction (the kriging itself is
 * util/gaussianProcess.ts, and its AS form util/gaussianProcessWasm.ts).
 */
import type { Vec } from './linear.js';
import { CallSite, defineFunction } from '../../registry.js';
import { AvroType } from '../../../types/avro.js';
import { PfaRecord } from '../../../values.js';
import { DEFAULT_NUGGET, Kernel, krige, standardise } from '../../util/gaussianProcess.js';
import { gaussianProcessWasm } from '../../util/gaussianProcessWasm.js';
import { hasField, isDouble, isDoubleArray } from '../../stat/sample/state.js';

const GP_ERRORS = {
  tableMustHaveAtLeast1Entry: 31080,
  xMustHaveAtLeast1Feature: 31081,
  tableMustHaveTheSameNumberOfFeaturesAsX: 31082,
  tableOutputsMustHaveAtLeast1Dimension: 31083,
  tableOutputsMustAllHaveTheSameNumberOfDimensions: 31084,
  xIsNotFinite: 31085,
  tableValueIsNotFinite: 31086,
  krigingWeightIsNotFinite: 31087,
  matrixOfKernelResultsIsNotPositiveDefinite: 31088,
};

export const gaussianProcess = defineFunction({
  name: 'model.reg.gaussianProcess',
  sigs: [
    '(x: double, table: array<record R {x: double, to: double}>, krigingWeight: union<null, double>, kernel: fcn(array<double>, array<double>) -> double) -> double',
    '(x: double, table: array<record R {x: double, to: array<double>}>, krigingWeight: union<null, double>, kernel: fcn(array<double>, array<double>) -> double) -> array<double>',
    '(x: array<double>, table: array<record R {x: array<double>, to: double}>, krigingWeight: union<null, double>, kernel: fcn(array<double>, array<double>) -> double) -> double',
    '(x: array<double>, table: array<record R {x: array<double>, to: array<double>}>, krigingWeight: union<null, double>, kernel: fcn(array<double>, array<double>) -> double) -> array<double>',
  ],
  errors: GP_ERRORS,
  nondeterministic: 'unstable',
  js: (site) => gaussianProcessImpl(site),
  wasm: (c) => {
    hasSigma(c.site);
    return gaussianProcessWasm(c, (name) => c.fail(name, gpMessage(name)));
  },
});

/**
 * Whether the table's records have the optional field "sigma", which the spec says "must have the
 * same type as to": another type is a semantic error when the call is compiled, on both backends.
 */
function hasSigma(site: Pick<CallSite, 'params' | 'sig'>): boolean {
  const vectorTo = site.sig % 2 === 1;
  const table = site.params[1] as AvroType;
  const R = table.kind === 'array' ? table.items : table;
  const what = `${vectorTo ? 'an array of double' : 'a double'}, the type of "to"`;
  return hasField('model.reg.gaussianProcess', R, 'sigma', vectorTo ? isDoubleArray : isDouble, what);
}

/** The spec's messages contain digits ("at least 1 entry"), which errorMessage() cannot restore. */
function gpMessage(name: string): string {
  return name.replace(/[A-Z0-9]/g, (c) => ` ${c.toLowerCase()}`);
}

function gaussianProcessImpl(site: CallSite<typeof GP_ERRORS>) {
  const vectorX = site.sig >= 2;
  const vectorTo = site.sig % 2 === 1;
  const withSigma = hasSigma(site);
  const fail = (name: keyof typeof GP_ERRORS) => site.fail(name, gpMessage(name));
  const notFinite = (v: number) => !Number.isFinite(v);
  return (x: number | Vec, rows: PfaRecord[], krigingWeight: number | null, kernel: Kernel) => {
    if (rows.length < 1) return fail('tableMustHaveAtLeast1Entry');
    const at = vectorX ? (x as Vec) : [x as number];
    if (vectorX) {
      if (at.length < 1) return fail('xMustHaveAtLeast1Feature');
      if (rows.some((r) => (r.x as Vec).length !== at.length)) return fail('tableMustHaveTheSameNumberOfFeaturesAsX');
    }
    let nOut = 0;
    if (vectorTo) {
      nOut = (rows[0].to as Vec).length;
      if (nOut < 1) return fail('tableOutputsMustHaveAtLeast1Dimension');
      if (rows.some((r) => (r.to as Vec).length !== nOut))
        return fail('tableOutputsMustAllHaveTheSameNumberOfDimensions');
    }
    if (at.some(notFinite)) return fail('xIsNotFinite');
    if (rows.some((r) => (vectorTo ? (r.to as Vec).some(notFinite) : notFinite(r.to as number))))
      return fail('tableValueIsNotFinite');
    if (rows.some((r) => (vectorX ? (r.x as Vec).some(notFinite) : notFinite(r.x as number))))
      return fail('tableValueIsNotFinite');
    if (krigingWeight !== null && notFinite(krigingWeight)) return fail('krigingWeightIsNotFinite');

    const features = standardise(rows.map((r) => (vectorX ? (r.x as Vec) : [r.x as number])));
    const one = (output: (r: PfaRecord) => number, sigma: (r: PfaRecord) => number) => {
      const y = rows.map(output);
      const nugget = withSigma ? rows.map((r, i) => (y[i] !== 0 ? (sigma(r) / y[i]) ** 2 : Infinity)) : DEFAULT_NUGGET;
      const v = krige(features, y, nugget, krigingWeight, kernel, at);
      return v === undefined ? fail('matrixOfKernelResultsIsNotPositiveDefinite') : v;
    };
    if (!vectorTo)
      return one(
        (r) => r.to as number,
        (r) => r.sigma as number,
      );
    const out: Vec = [];
    for (let i = 0; i < nOut; i++)
      out.push(
        one(
          (r) => (r.to as Vec)[i],
          (r) => (r.sigma as Vec)[i],
        ),
      );
    return out;
  };
}
