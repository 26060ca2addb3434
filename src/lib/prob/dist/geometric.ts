/** prob.dist geometricPDF, geometricCDF, geometricQF: failures before the first success. */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite, wasmClosedForm } from './common.js';
import * as fdlibm from '../../util/fdlibm/index.js';

function check(site: Site, prob: number): void {
  if (!finite(prob) || prob <= 0 || prob > 1) site.fail('invalidParameterization');
}

export const geometricPDF = defineFunction({
  name: 'prob.dist.geometricPDF',
  sigs: ['(x: int, prob: double) -> double'],
  errors: codes(13360),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || ${c.args[1]} <= 0 || ${c.args[1]} > 1`, 'none', (o) => {
      const [x, q] = c.args;
      return `if (${x} < 0) ${o} = 0.0; else if (${q} == 1) ${o} = ${x} == 0 ? 1.0 : 0.0; else ${o} = ${q} * Math.exp(<f64>${x} * Math.log1p(-${q}));`;
    }),
  js: (site) => (x: number, prob: number) => {
    check(site, prob);
    if (x < 0) return 0;
    if (prob === 1) return x === 0 ? 1 : 0;
    return prob * fdlibm.exp(x * fdlibm.log1p(-prob));
  },
});

export const geometricCDF = defineFunction({
  name: 'prob.dist.geometricCDF',
  sigs: ['(x: double, prob: double) -> double'],
  errors: codes(13370),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || ${c.args[1]} <= 0 || ${c.args[1]} > 1`, 'finite', (o) => {
      const [x, q] = c.args;
      return `if (${x} < 0) ${o} = 0.0; else if (${q} == 1) ${o} = 1.0; else ${o} = -Math.expm1((Math.floor(${x}) + 1) * Math.log1p(-${q}));`;
    }),
  js: (site) => (x: number, prob: number) => {
    check(site, prob);
    checkFinite(site, x);
    if (x < 0) return 0;
    if (prob === 1) return 1;
    return -fdlibm.expm1((Math.floor(x) + 1) * fdlibm.log1p(-prob));
  },
});

export const geometricQF = defineFunction({
  name: 'prob.dist.geometricQF',
  sigs: ['(p: double, prob: double) -> double'],
  errors: codes(13380),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || ${c.args[1]} <= 0 || ${c.args[1]} > 1`, 'probability', (o) => {
      const [p, q] = c.args;
      return `if (${p} == 1) ${o} = Infinity; else if (${p} == 0 || ${q} == 1) ${o} = 0.0; else ${o} = Math.max(0.0, Math.ceil(Math.log1p(-${p}) / Math.log1p(-${q}) - 1));`;
    }),
  js: (site) => (p: number, prob: number) => {
    check(site, prob);
    checkProbability(site, p);
    if (p === 1) return Infinity;
    if (p === 0 || prob === 1) return 0;
    // Smallest k with 1 - (1-prob)^(k+1) >= p.
    return Math.max(0, Math.ceil(fdlibm.log1p(-p) / fdlibm.log1p(-prob) - 1));
  },
});
