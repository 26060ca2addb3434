/** prob.dist lognormalPDF, lognormalCDF, lognormalQF. */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite, wasmClosedForm } from './common.js';
import { normalTails } from './incomplete.js';
import { normalQuantile } from './normal.js';
import { RT } from '../../../backend/wasm/emit/names.js';
import * as fdlibm from '../../util/fdlibm/index.js';

const LN_SQRT_2PI = 0.9189385332046728;

function check(site: Site, meanlog: number, sdlog: number): void {
  if (!finite(meanlog) || !finite(sdlog) || sdlog <= 0) site.fail('invalidParameterization');
}

export const lognormalPDF = defineFunction({
  name: 'prob.dist.lognormalPDF',
  sigs: ['(x: double, meanlog: double, sdlog: double) -> double'],
  errors: codes(13240),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[2]} <= 0`, 'finite', (o) => {
      const [x, m, s] = c.args;
      return `if (${x} <= 0) ${o} = 0.0; else { const lx = Math.log(${x}); const z = (lx - ${m}) / ${s}; ${o} = Math.exp(-0.5 * z * z - ${c.f64(LN_SQRT_2PI)} - Math.log(${s}) - lx); }`;
    }),
  js: (site) => (x: number, meanlog: number, sdlog: number) => {
    check(site, meanlog, sdlog);
    checkFinite(site, x);
    if (x <= 0) return 0;
    const lx = fdlibm.log(x);
    const z = (lx - meanlog) / sdlog;
    return fdlibm.exp(-0.5 * z * z - LN_SQRT_2PI - fdlibm.log(sdlog) - lx);
  },
});

export const lognormalCDF = defineFunction({
  name: 'prob.dist.lognormalCDF',
  sigs: ['(x: double, meanlog: double, sdlog: double) -> double'],
  errors: codes(13250),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[2]} <= 0`, 'finite', (o) => {
      const [x, m, s] = c.args;
      return `if (${x} <= 0) ${o} = 0.0; else ${o} = ${RT.distNormalTails}((Math.log(${x}) - ${m}) / ${s});`;
    }),
  js: (site) => (x: number, meanlog: number, sdlog: number) => {
    check(site, meanlog, sdlog);
    checkFinite(site, x);
    if (x <= 0) return 0;
    return normalTails((fdlibm.log(x) - meanlog) / sdlog).lower;
  },
});

export const lognormalQF = defineFunction({
  name: 'prob.dist.lognormalQF',
  sigs: ['(p: double, meanlog: double, sdlog: double) -> double'],
  errors: codes(13260),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[2]} <= 0`, 'probability', (o) => {
      const [p, m, s] = c.args;
      return `if (${p} == 1) ${o} = Infinity; else if (${p} == 0) ${o} = 0.0; else ${o} = Math.exp(${m} + ${s} * ${RT.distNormalQuantile}(${p}));`;
    }),
  js: (site) => (p: number, meanlog: number, sdlog: number) => {
    check(site, meanlog, sdlog);
    checkProbability(site, p);
    if (p === 1) return Infinity;
    if (p === 0) return 0;
    return fdlibm.exp(meanlog + sdlog * normalQuantile(p));
  },
});
