/**
 * The `m.kernel` namespace: kernel functions of two equal-length vectors (as used by support
 * vector machines). Sums run left to right, in the order the spec's formulas are written.
 */
import { CallSite, defineFunction, defineNamespace } from '../registry.js';

type SameLength = { arraysMustHaveSameLength: number };
const VECTORS = 'x: array<double>, y: array<double>';

function dot(site: CallSite<SameLength>, x: number[], y: number[]): number {
  if (x.length !== y.length) return site.fail('arraysMustHaveSameLength');
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

const linear = defineFunction({
  name: 'm.kernel.linear',
  sigs: [`(${VECTORS}) -> double`],
  errors: { arraysMustHaveSameLength: 23000 },
  js: (site) => (x: number[], y: number[]) => dot(site, x, y),
});

/** exp(-gamma ||x - y||^2) */
const rbf = defineFunction({
  name: 'm.kernel.rbf',
  sigs: [`(${VECTORS}, gamma: double) -> double`],
  errors: { arraysMustHaveSameLength: 23010 },
  js: (site) => (x: number[], y: number[], gamma: number) => {
    if (x.length !== y.length) return site.fail('arraysMustHaveSameLength');
    let s = 0;
    for (let i = 0; i < x.length; i++) { const d = x[i] - y[i]; s += d * d; }
    return Math.exp(-gamma * s);
  },
});

/** (gamma x.y + intercept)^degree, with IEEE/Java pow semantics (0^-1 = inf, (-2)^0.5 = NaN). */
const poly = defineFunction({
  name: 'm.kernel.poly',
  sigs: [`(${VECTORS}, gamma: double, intercept: double, degree: double) -> double`],
  errors: { arraysMustHaveSameLength: 23020 },
  js: (site) => (x: number[], y: number[], gamma: number, intercept: number, degree: number) =>
    Math.pow(gamma * dot(site, x, y) + intercept, degree),
});

/** tanh(gamma x.y + intercept) */
const sigmoid = defineFunction({
  name: 'm.kernel.sigmoid',
  sigs: [`(${VECTORS}, gamma: double, intercept: double) -> double`],
  errors: { arraysMustHaveSameLength: 23030 },
  js: (site) => (x: number[], y: number[], gamma: number, intercept: number) => Math.tanh(gamma * dot(site, x, y) + intercept),
});

export default defineNamespace('m.kernel', [linear, rbf, poly, sigmoid]);
