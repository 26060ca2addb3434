/** prob.dist cauchyPDF, cauchyCDF, cauchyQF (closed forms). */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite, wasmClosedForm } from './common.js';
import * as fdlibm from '../../util/fdlibm/index.js';

function check(site: Site, location: number, scale: number): void {
  if (!finite(location) || !finite(scale) || scale <= 0) site.fail('invalidParameterization');
}

export const cauchyPDF = defineFunction({
  name: 'prob.dist.cauchyPDF',
  sigs: ['(x: double, location: double, scale: double) -> double'],
  errors: codes(13180),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[2]} <= 0`, 'finite', (o) => {
      const [x, loc, s] = c.args;
      return `const z = (${x} - ${loc}) / ${s}; ${o} = 1.0 / (${c.f64(Math.PI)} * ${s} * (1.0 + z * z));`;
    }),
  js: (site) => (x: number, location: number, scale: number) => {
    check(site, location, scale);
    checkFinite(site, x);
    const z = (x - location) / scale;
    return 1 / (Math.PI * scale * (1 + z * z));
  },
});

export const cauchyCDF = defineFunction({
  name: 'prob.dist.cauchyCDF',
  sigs: ['(x: double, location: double, scale: double) -> double'],
  errors: codes(13190),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[2]} <= 0`, 'finite', (o) => {
      const [x, loc, s] = c.args;
      return `const z = (${x} - ${loc}) / ${s}; ${o} = z < -1 ? Math.atan(-1.0 / z) / ${c.f64(Math.PI)} : 0.5 + Math.atan(z) / ${c.f64(Math.PI)};`;
    }),
  js: (site) => (x: number, location: number, scale: number) => {
    check(site, location, scale);
    checkFinite(site, x);
    const z = (x - location) / scale;
    // In the far lower tail 1/2 + atan(z)/pi cancels; atan(-1/z)/pi is the same number, exactly.
    return z < -1 ? fdlibm.atan(-1 / z) / Math.PI : 0.5 + fdlibm.atan(z) / Math.PI;
  },
});

export const cauchyQF = defineFunction({
  name: 'prob.dist.cauchyQF',
  sigs: ['(p: double, location: double, scale: double) -> double'],
  errors: codes(13200),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[2]} <= 0`, 'probability', (o) => {
      const [p, loc, s] = c.args;
      return `if (${p} == 1) ${o} = Infinity; else if (${p} == 0) ${o} = -Infinity; else ${o} = ${loc} + ${s} * Math.tan(${c.f64(Math.PI)} * (${p} - 0.5));`;
    }),
  js: (site) => (p: number, location: number, scale: number) => {
    check(site, location, scale);
    checkProbability(site, p);
    if (p === 1) return Infinity;
    if (p === 0) return -Infinity;
    return location + scale * fdlibm.tan(Math.PI * (p - 0.5));
  },
});
