/** prob.dist weibullPDF, weibullCDF, weibullQF (closed forms). */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite, wasmClosedForm } from './common.js';
import * as fdlibm from '../../util/fdlibm/index.js';

function check(site: Site, shape: number, scale: number): void {
  if (!finite(shape) || !finite(scale) || shape <= 0 || scale <= 0) site.fail('invalidParameterization');
}

export const weibullPDF = defineFunction({
  name: 'prob.dist.weibullPDF',
  sigs: ['(x: double, shape: double, scale: double) -> double'],
  errors: codes(13420),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[1]} <= 0 || ${c.args[2]} <= 0`,
      'finite',
      (o) => {
        const [x, k, s] = c.args;
        return `if (${x} < 0) ${o} = 0.0; else if (${x} == 0) ${o} = ${k} < 1 ? NaN : ${k} == 1 ? 1.0 / ${s} : 0.0; else { const z = ${x} / ${s}; ${o} = ${k} / ${s} * Math.pow(z, ${k} - 1) * Math.exp(-Math.pow(z, ${k})); }`;
      },
    ),
  js: (site) => (x: number, shape: number, scale: number) => {
    check(site, shape, scale);
    checkFinite(site, x);
    if (x < 0) return 0;
    // At 0 the density diverges for shape < 1; the reference engine answers NaN there.
    if (x === 0) return shape < 1 ? NaN : shape === 1 ? 1 / scale : 0;
    const z = x / scale;
    return (shape / scale) * fdlibm.pow(z, shape - 1) * fdlibm.exp(-fdlibm.pow(z, shape));
  },
});

export const weibullCDF = defineFunction({
  name: 'prob.dist.weibullCDF',
  sigs: ['(x: double, shape: double, scale: double) -> double'],
  errors: codes(13430),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[1]} <= 0 || ${c.args[2]} <= 0`,
      'finite',
      (o) => {
        const [x, k, s] = c.args;
        return `if (${x} <= 0) ${o} = 0.0; else ${o} = -Math.expm1(-Math.pow(${x} / ${s}, ${k}));`;
      },
    ),
  js: (site) => (x: number, shape: number, scale: number) => {
    check(site, shape, scale);
    checkFinite(site, x);
    if (x <= 0) return 0;
    return -fdlibm.expm1(-fdlibm.pow(x / scale, shape));
  },
});

export const weibullQF = defineFunction({
  name: 'prob.dist.weibullQF',
  sigs: ['(p: double, shape: double, scale: double) -> double'],
  errors: codes(13440),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[1]} <= 0 || ${c.args[2]} <= 0`,
      'probability',
      (o) => {
        const [p, k, s] = c.args;
        return `if (${p} == 1) ${o} = Infinity; else ${o} = ${s} * Math.pow(-Math.log1p(-${p}), 1.0 / ${k});`;
      },
    ),
  js: (site) => (p: number, shape: number, scale: number) => {
    check(site, shape, scale);
    checkProbability(site, p);
    if (p === 1) return Infinity;
    return scale * fdlibm.pow(-fdlibm.log1p(-p), 1 / shape);
  },
});
