/**
 * The `m.kernel` namespace: kernel functions of two equal-length vectors (as used by support
 * vector machines). Sums run left to right, in the order the spec's formulas are written.
 */
import { CallSite, WasmCall, defineFunction, defineNamespace } from '../registry.js';
import * as fdlibm from '../util/fdlibm/index.js';
import { clockedLoop } from '../util/wasm.js';

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
  wasm: (c) => kernelWasm(c, 'm.kernel.linear'),
});

/**
 * How each kernel ends once its sum is known, for forms that compute the sums themselves
 * (model.svm.score, several support vectors in lockstep): the term summed over the items (x[i] *
 * y[i], or d * d for d = x[i] - y[i]) and the expression of the result given the sum and the
 * kernel's parameters after x and y (pure expressions). The kernels' own Wasm forms end the same way.
 */
export const KERNEL_SUMS: ReadonlyMap<string, KernelSum> = new Map<string, KernelSum>([
  ['m.kernel.linear', { term: 'dot', finish: (s) => s }],
  ['m.kernel.rbf', { term: 'squares', finish: (s, [gamma]) => `Math.exp(-(${gamma}) * ${s})` }],
  [
    'm.kernel.poly',
    { term: 'dot', finish: (s, [gamma, intercept, degree]) => `Math.pow(${gamma} * ${s} + ${intercept}, ${degree})` },
  ],
  ['m.kernel.sigmoid', { term: 'dot', finish: (s, [gamma, intercept]) => `Math.tanh(${gamma} * ${s} + ${intercept})` }],
]);

export interface KernelSum {
  readonly term: 'dot' | 'squares';
  finish(sum: string, rest: readonly string[]): string;
}

/**
 * Wasm: the length check and the left-to-right sum of the kernel's term, then its finish. The
 * items are read through each array's data address, and the clock is charged before each run of
 * up to 65,536 items (clockedLoop). With a clock call per item (rt.clockExpired: a call that
 * decrements a global) and the arrays' fields read at every item, an RBF SVM's kernel over 60 items
 * cost about 4.2 ns an item; without the call 2.2, and with the data addresses 2.0 (80 support
 * vectors, CPU time interleaved, loaded machine), about the latency of the chain of adds.
 */
function kernelWasm(c: WasmCall, name: string): string {
  const [x, y, ...rest] = c.args;
  const { term, finish } = KERNEL_SUMS.get(name)!;
  c.emit(`if (${x}.length != ${y}.length) ${c.fail('arraysMustHaveSameLength')}`);
  const s = c.temp('f64', '0.0');
  const [xs, ys] = [x, y].map((a) => c.temp('usize', `${a}.dataStart`));
  const n = c.temp('i32', `${x}.length`);
  const i = c.temp('i32', '0');
  clockedLoop(c, i, n, () => {
    const at = (d: string) => `load<f64>(${d} + (<usize>${i} << 3))`;
    if (term === 'squares') {
      const d = c.temp('f64', `${at(xs)} - ${at(ys)}`);
      c.emit(`${s} += ${d} * ${d};`);
    } else c.emit(`${s} += ${at(xs)} * ${at(ys)};`);
  });
  const r = finish(s, rest);
  return r === s ? s : c.temp('f64', r);
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
  wasm: (c) => kernelWasm(c, 'm.kernel.rbf'),
});

/** (gamma x.y + intercept)^degree, with IEEE/Java pow semantics (0^-1 = inf, (-2)^0.5 = NaN). */
const poly = defineFunction({
  name: 'm.kernel.poly',
  sigs: [`(${VECTORS}, gamma: double, intercept: double, degree: double) -> double`],
  errors: { arraysMustHaveSameLength: 23020 },
  js: (site) => (x: number[], y: number[], gamma: number, intercept: number, degree: number) =>
    fdlibm.pow(gamma * dot(site, x, y) + intercept, degree),
  wasm: (c) => kernelWasm(c, 'm.kernel.poly'),
});

/** tanh(gamma x.y + intercept) */
const sigmoid = defineFunction({
  name: 'm.kernel.sigmoid',
  sigs: [`(${VECTORS}, gamma: double, intercept: double) -> double`],
  errors: { arraysMustHaveSameLength: 23030 },
  js: (site) => (x: number[], y: number[], gamma: number, intercept: number) =>
    fdlibm.tanh(gamma * dot(site, x, y) + intercept),
  wasm: (c) => kernelWasm(c, 'm.kernel.sigmoid'),
});

export default defineNamespace('m.kernel', [linear, rbf, poly, sigmoid]);
