/**
 * The `m.kernel` namespace: kernel functions of two equal-length vectors (as used by support
 * vector machines). Sums run left to right, in the order the spec's formulas are written.
 */
import { CallSite, WasmCall, defineFunction, defineNamespace } from '../registry.js';
import * as fdlibm from '../util/fdlibm/index.js';

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
  wasm: (c) => sumWasm(c, false),
});

/** Wasm: the length check and the left-to-right sum of x[i] * y[i] (or of d * d for d = x[i] - y[i]). */
function sumWasm(c: WasmCall, squares: boolean): string {
  const [x, y] = c.args;
  c.emit(`if (${x}.length != ${y}.length) ${c.fail('arraysMustHaveSameLength')}`);
  const s = c.temp('f64', '0.0');
  const i = c.temp('i32', '0');
  c.block(`for (; ${i} < ${x}.length; ${i}++)`, () => {
    c.emit(c.clock());
    if (squares) {
      const d = c.temp('f64', `unchecked(${x}[${i}]) - unchecked(${y}[${i}])`);
      c.emit(`${s} += ${d} * ${d};`);
    } else c.emit(`${s} += unchecked(${x}[${i}]) * unchecked(${y}[${i}]);`);
  });
  return s;
}

/** exp(-gamma ||x - y||^2) */
const rbf = defineFunction({
  name: 'm.kernel.rbf',
  sigs: [`(${VECTORS}, gamma: double) -> double`],
  errors: { arraysMustHaveSameLength: 23010 },
  js: (site) => (x: number[], y: number[], gamma: number) => {
    if (x.length !== y.length) return site.fail('arraysMustHaveSameLength');
    let s = 0;
    for (let i = 0; i < x.length; i++) {
      const d = x[i] - y[i];
      s += d * d;
    }
    return fdlibm.exp(-gamma * s);
  },
  wasm: (c) => `Math.exp(-(${c.args[2]}) * ${sumWasm(c, true)})`,
});

/** (gamma x.y + intercept)^degree, with IEEE/Java pow semantics (0^-1 = inf, (-2)^0.5 = NaN). */
const poly = defineFunction({
  name: 'm.kernel.poly',
  sigs: [`(${VECTORS}, gamma: double, intercept: double, degree: double) -> double`],
  errors: { arraysMustHaveSameLength: 23020 },
  js: (site) => (x: number[], y: number[], gamma: number, intercept: number, degree: number) =>
    fdlibm.pow(gamma * dot(site, x, y) + intercept, degree),
  wasm: (c) => `Math.pow(${c.args[2]} * ${sumWasm(c, false)} + ${c.args[3]}, ${c.args[4]})`,
});

/** tanh(gamma x.y + intercept) */
const sigmoid = defineFunction({
  name: 'm.kernel.sigmoid',
  sigs: [`(${VECTORS}, gamma: double, intercept: double) -> double`],
  errors: { arraysMustHaveSameLength: 23030 },
  js: (site) => (x: number[], y: number[], gamma: number, intercept: number) =>
    fdlibm.tanh(gamma * dot(site, x, y) + intercept),
  wasm: (c) => `Math.tanh(${c.args[2]} * ${sumWasm(c, false)} + ${c.args[3]})`,
});

export default defineNamespace('m.kernel', [linear, rbf, poly, sigmoid]);
