/** prob.dist exponentialPDF, exponentialCDF, exponentialQF. */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite, wasmClosedForm } from './common.js';
import * as fdlibm from '../../util/fdlibm/index.js';

function checkRate(site: Site, lambda: number): void {
  if (!finite(lambda) || lambda < 0) site.fail('invalidParameterization');
}

export const exponentialPDF = defineFunction({
  name: 'prob.dist.exponentialPDF',
  sigs: ['(x: double, lambda: double) -> double'],
  errors: codes(13030),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || ${c.args[1]} < 0`, 'finite', (o) => {
      const [x, l] = c.args;
      return `if (${l} == 0 || ${x} < 0) ${o} = 0.0; else ${o} = ${l} * Math.exp(-${l} * ${x});`;
    }),
  js: (site) => (x: number, lambda: number) => {
    checkRate(site, lambda);
    checkFinite(site, x);
    if (lambda === 0 || x < 0) return 0;
    return lambda * fdlibm.exp(-lambda * x);
  },
});

export const exponentialCDF = defineFunction({
  name: 'prob.dist.exponentialCDF',
  sigs: ['(x: double, lambda: double) -> double'],
  errors: codes(13040),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || ${c.args[1]} < 0`, 'finite', (o) => {
      const [x, l] = c.args;
      return `if (${l} == 0 || ${x} <= 0) ${o} = 0.0; else ${o} = -Math.expm1(-${l} * ${x});`;
    }),
  js: (site) => (x: number, lambda: number) => {
    checkRate(site, lambda);
    checkFinite(site, x);
    if (lambda === 0 || x <= 0) return 0;
    return -fdlibm.expm1(-lambda * x);
  },
});

export const exponentialQF = defineFunction({
  name: 'prob.dist.exponentialQF',
  sigs: ['(p: double, lambda: double) -> double'],
  errors: codes(13050),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || ${c.args[1]} < 0`, 'probability', (o) => {
      const [p, l] = c.args;
      return `if (${p} == 0) ${o} = 0.0; else if (${l} == 0 || ${p} == 1) ${o} = Infinity; else ${o} = -Math.log1p(-${p}) / ${l};`;
    }),
  js: (site) => (p: number, lambda: number) => {
    checkRate(site, lambda);
    checkProbability(site, p);
    if (p === 0) return 0;
    if (lambda === 0 || p === 1) return Infinity;
    return -fdlibm.log1p(-p) / lambda;
  },
});
