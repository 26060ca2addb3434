/** prob.dist uniformPDF, uniformCDF, uniformQF. */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite, wasmClosedForm } from './common.js';

function check(site: Site, min: number, max: number): void {
  if (!finite(min) || !finite(max) || min >= max) site.fail('invalidParameterization');
}

export const uniformPDF = defineFunction({
  name: 'prob.dist.uniformPDF',
  sigs: ['(x: double, min: double, max: double) -> double'],
  errors: codes(13330),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[1]} >= ${c.args[2]}`,
      'finite',
      (o) => {
        const [x, lo, hi] = c.args;
        return `${o} = ${x} < ${lo} || ${x} > ${hi} ? 0.0 : 1.0 / (${hi} - ${lo});`;
      },
    ),
  js: (site) => (x: number, min: number, max: number) => {
    check(site, min, max);
    checkFinite(site, x);
    return x < min || x > max ? 0 : 1 / (max - min);
  },
});

export const uniformCDF = defineFunction({
  name: 'prob.dist.uniformCDF',
  sigs: ['(x: double, min: double, max: double) -> double'],
  errors: codes(13340),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[1]} >= ${c.args[2]}`,
      'finite',
      (o) => {
        const [x, lo, hi] = c.args;
        return `if (${x} <= ${lo}) ${o} = 0.0; else if (${x} >= ${hi}) ${o} = 1.0; else ${o} = (${x} - ${lo}) / (${hi} - ${lo});`;
      },
    ),
  js: (site) => (x: number, min: number, max: number) => {
    check(site, min, max);
    checkFinite(site, x);
    if (x <= min) return 0;
    if (x >= max) return 1;
    return (x - min) / (max - min);
  },
});

export const uniformQF = defineFunction({
  name: 'prob.dist.uniformQF',
  sigs: ['(p: double, min: double, max: double) -> double'],
  errors: codes(13350),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[1]} >= ${c.args[2]}`,
      'probability',
      (o) => {
        const [p, lo, hi] = c.args;
        return `${o} = ${lo} + ${p} * (${hi} - ${lo});`;
      },
    ),
  js: (site) => (p: number, min: number, max: number) => {
    check(site, min, max);
    checkProbability(site, p);
    return min + p * (max - min);
  },
});
