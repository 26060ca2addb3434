/** prob.dist binomialPDF, binomialCDF, binomialQF. */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite, wasmClosedForm } from './common.js';
import { betaTails } from './incomplete.js';
import { discreteQuantile, lnChoose, xLogY } from './discrete.js';
import { RT } from '../../../backend/wasm/emit/names.js';
import * as fdlibm from '../../util/fdlibm/index.js';

function check(site: Site, size: number, prob: number): void {
  // size = 0 counts as invalid, as in both reference engines (the spec says size < 0).
  if (!finite(prob) || size <= 0 || prob < 0 || prob > 1) site.fail('invalidParameterization');
}

/** C(n, x) p^x (1-p)^(n-x) for 0 <= x <= n. */
export function binomialPmf(x: number, n: number, p: number): number {
  if (p === 0) return x === 0 ? 1 : 0;
  if (p === 1) return x === n ? 1 : 0;
  return fdlibm.exp(lnChoose(n, x) + xLogY(x, fdlibm.log(p)) + xLogY(n - x, fdlibm.log1p(-p)));
}

/** P(X <= k) for integer 0 <= k < n and 0 < p < 1: I_{1-p}(n - k, k + 1). */
function tails(k: number, n: number, p: number) {
  return betaTails(n - k, k + 1, 1 - p, p);
}

export const binomialPDF = defineFunction({
  name: 'prob.dist.binomialPDF',
  sigs: ['(x: int, size: int, prob: double) -> double'],
  errors: codes(13300),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[2]}) || ${c.args[1]} <= 0 || ${c.args[2]} < 0 || ${c.args[2]} > 1`,
      'none',
      (o) => {
        // binomialPmf with lnChoose (-ln(n+1) - lnBeta(k+1, n-k+1)) and xLogY (0 ln 0 = 0) inline.
        const [x, n, p] = c.args;
        const lnChoose = `(${x} == 0 || ${x} == ${n} ? 0.0 : -Math.log(<f64>${n} + 1) - ${RT.distLnBeta}(<f64>${x} + 1, <f64>${n} - <f64>${x} + 1))`;
        const xLogY = (a: string, lnY: string) => `(${a} == 0 ? 0.0 : <f64>${a} * ${lnY})`;
        return `if (${x} < 0 || ${x} > ${n}) ${o} = 0.0; else if (${p} == 0) ${o} = ${x} == 0 ? 1.0 : 0.0; else if (${p} == 1) ${o} = ${x} == ${n} ? 1.0 : 0.0; else { const lp = Math.log(${p}), lq = Math.log1p(-${p}); ${o} = Math.exp(${lnChoose} + ${xLogY(x, 'lp')} + ${xLogY(`(${n} - ${x})`, 'lq')}); }`;
      },
    ),
  js: (site) => (x: number, size: number, prob: number) => {
    check(site, size, prob);
    if (x < 0 || x > size) return 0;
    return binomialPmf(x, size, prob);
  },
});

export const binomialCDF = defineFunction({
  name: 'prob.dist.binomialCDF',
  sigs: ['(x: double, size: int, prob: double) -> double'],
  errors: codes(13310),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[2]}) || ${c.args[1]} <= 0 || ${c.args[2]} < 0 || ${c.args[2]} > 1`,
      'finite',
      (o) => {
        const [x, n, p] = c.args;
        return `if (${x} < 0) ${o} = 0.0; else if (${x} >= <f64>${n}) ${o} = 1.0; else if (${p} == 0) ${o} = 1.0; else if (${p} == 1) ${o} = 0.0; else { const k = Math.floor(${x}); ${o} = ${RT.distBetaTails}(<f64>${n} - k, k + 1, 1 - ${p}, ${p}); }`;
      },
    ),
  js: (site) => (x: number, size: number, prob: number) => {
    check(site, size, prob);
    checkFinite(site, x);
    if (x < 0) return 0;
    if (x >= size) return 1;
    if (prob === 0) return 1;
    if (prob === 1) return 0;
    return tails(Math.floor(x), size, prob).lower;
  },
});

export const binomialQF = defineFunction({
  name: 'prob.dist.binomialQF',
  sigs: ['(p: double, size: int, prob: double) -> double'],
  errors: codes(13320),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[2]}) || ${c.args[1]} <= 0 || ${c.args[2]} < 0 || ${c.args[2]} > 1`,
      'probability',
      (o) => {
        const [p, n, q] = c.args;
        return `if (${p} == 1) ${o} = <f64>${n}; else if (${p} == 0 || ${q} == 0) ${o} = 0.0; else if (${q} == 1) ${o} = <f64>${n}; else ${o} = ${RT.distDiscreteQuantile}(1, ${p}, 0, <f64>${n}, <f64>${n} * ${q}, <f64>${n}, ${q});`;
      },
    ),
  js: (site) => (p: number, size: number, prob: number) => {
    check(site, size, prob);
    checkProbability(site, p);
    if (p === 1) return size;
    if (p === 0 || prob === 0) return 0;
    if (prob === 1) return size;
    const cdf = (k: number) => (k >= size ? 1 : tails(k, size, prob).lower);
    const sf = (k: number) => (k >= size ? 0 : tails(k, size, prob).upper);
    return discreteQuantile(p, 0, size, size * prob, cdf, sf);
  },
});
