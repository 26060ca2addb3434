/** prob.dist negativeBinomialPDF/CDF/QF: failures x before the size-th success. */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite, wasmClosedForm } from './common.js';
import { betaTails } from './incomplete.js';
import { discreteQuantile, lnChoose, xLogY } from './discrete.js';
import { RT } from '../../../backend/wasm/emit/names.js';
import * as fdlibm from '../../util/fdlibm/index.js';

function check(site: Site, size: number, prob: number, sizeMin: number): void {
  if (!finite(prob) || prob <= 0 || prob > 1 || size < sizeMin) site.fail('invalidParameterization');
}

function pmf(x: number, size: number, prob: number): number {
  if (prob === 1) return x === 0 ? 1 : 0;
  return fdlibm.exp(lnChoose(size + x - 1, x) + size * fdlibm.log(prob) + xLogY(x, fdlibm.log1p(-prob)));
}

/** P(X <= k) = I_prob(size, k + 1), with its complement. */
function tails(k: number, size: number, prob: number) {
  return betaTails(size, k + 1, prob, 1 - prob);
}

export const negativeBinomialPDF = defineFunction({
  name: 'prob.dist.negativeBinomialPDF',
  sigs: ['(x: int, size: int, prob: double) -> double'],
  errors: codes(13450),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[2]}) || ${c.args[2]} <= 0 || ${c.args[2]} > 1 || ${c.args[1]} < 0`,
      'none',
      (o) => {
        // pmf with lnChoose(size + x - 1, x) and xLogY inline.
        const [x, n, q] = c.args;
        return `if (${n} == 0) ${o} = ${x} == 0 ? 1.0 : 0.0; else if (${x} < 0) ${o} = 0.0; else if (${q} == 1) ${o} = ${x} == 0 ? 1.0 : 0.0; else { const m = <f64>${n} + <f64>${x} - 1; const lnC = ${x} == 0 || <f64>${x} == m ? 0.0 : -Math.log(m + 1) - ${RT.distLnBeta}(<f64>${x} + 1, m - <f64>${x} + 1); const lq = Math.log1p(-${q}); ${o} = Math.exp(lnC + <f64>${n} * Math.log(${q}) + (${x} == 0 ? 0.0 : <f64>${x} * lq)); }`;
      },
    ),
  js: (site) => (x: number, size: number, prob: number) => {
    check(site, size, prob, 0);
    if (size === 0) return x === 0 ? 1 : 0;
    if (x < 0) return 0;
    return pmf(x, size, prob);
  },
});

export const negativeBinomialCDF = defineFunction({
  name: 'prob.dist.negativeBinomialCDF',
  sigs: ['(x: double, size: int, prob: double) -> double'],
  errors: codes(13460),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[2]}) || ${c.args[2]} <= 0 || ${c.args[2]} > 1 || ${c.args[1]} < 0`,
      'finite',
      (o) => {
        const [x, n, q] = c.args;
        return `if (${x} < 0) ${o} = 0.0; else if (${n} == 0 || ${q} == 1) ${o} = 1.0; else ${o} = ${RT.distBetaTails}(<f64>${n}, Math.floor(${x}) + 1, ${q}, 1 - ${q});`;
      },
    ),
  js: (site) => (x: number, size: number, prob: number) => {
    check(site, size, prob, 0);
    checkFinite(site, x);
    if (x < 0) return 0;
    if (size === 0 || prob === 1) return 1;
    return tails(Math.floor(x), size, prob).lower;
  },
});

export const negativeBinomialQF = defineFunction({
  name: 'prob.dist.negativeBinomialQF',
  sigs: ['(p: double, size: int, prob: double) -> double'],
  errors: codes(13470),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[2]}) || ${c.args[2]} <= 0 || ${c.args[2]} > 1 || ${c.args[1]} < 0`,
      'probability',
      (o) => {
        const [p, n, q] = c.args;
        return `if (${n} == 0 || ${p} == 0) ${o} = 0.0; else if (${p} == 1) ${o} = Infinity; else if (${q} == 1) ${o} = 0.0; else ${o} = ${RT.distDiscreteQuantile}(2, ${p}, 0, Infinity, <f64>${n} * (1 - ${q}) / ${q}, <f64>${n}, ${q});`;
      },
    ),
  js: (site) => (p: number, size: number, prob: number) => {
    check(site, size, prob, 0);
    checkProbability(site, p);
    if (size === 0 || p === 0) return 0;
    if (p === 1) return Infinity;
    if (prob === 1) return 0;
    const mean = (size * (1 - prob)) / prob;
    return discreteQuantile(
      p,
      0,
      Infinity,
      mean,
      (k) => tails(k, size, prob).lower,
      (k) => tails(k, size, prob).upper,
    );
  },
});
