/** prob.dist poissonPDF, poissonCDF, poissonQF. */
import { defineFunction } from '../../registry.js';
import { ParamSite, Site, checkProbability, codes, finite, wasmClosedForm } from './common.js';
import { gammaTails } from './incomplete.js';
import { lnGammaKernel } from '../../util/special.js';
import { discreteQuantile } from './discrete.js';
import { RT } from '../../../backend/wasm/emit/names.js';
import * as fdlibm from '../../util/fdlibm/index.js';

function check(site: ParamSite, lambda: number): void {
  if (!finite(lambda) || lambda < 0) site.fail('invalidParameterization');
}

/** e^-lambda lambda^x / x!, through the gamma kernel x^a e^-x / Gamma(a) with a = x. */
function pmf(x: number, lambda: number): number {
  if (x === 0) return fdlibm.exp(-lambda);
  return fdlibm.exp(lnGammaKernel(x, lambda)) / x;
}

export const poissonPDF = defineFunction({
  name: 'prob.dist.poissonPDF',
  sigs: ['(x: int, lambda: double) -> double'],
  errors: { invalidParameterization: 13090 },
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || ${c.args[1]} < 0`, 'none', (o) => {
      const [x, l] = c.args;
      return `if (${l} == 0) ${o} = ${x} == 0 ? 1.0 : 0.0; else if (${x} < 0) ${o} = 0.0; else if (${x} == 0) ${o} = Math.exp(-${l}); else ${o} = Math.exp(${RT.distLnGammaKernel}(<f64>${x}, ${l})) / <f64>${x};`;
    }),
  js: (site) => (x: number, lambda: number) => {
    check(site, lambda);
    if (lambda === 0) return x === 0 ? 1 : 0;
    if (x < 0) return 0;
    return pmf(x, lambda);
  },
});

export const poissonCDF = defineFunction({
  name: 'prob.dist.poissonCDF',
  sigs: ['(x: int, lambda: double) -> double'],
  errors: codes(13100),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || ${c.args[1]} < 0`, 'none', (o) => {
      const [x, l] = c.args;
      return `if (${x} < 0) ${o} = 0.0; else if (${l} == 0) ${o} = 1.0; else { ${RT.distGammaTails}(<f64>${x} + 1, ${l}); ${o} = ${RT.distUpper}; }`;
    }),
  js: (site) => (x: number, lambda: number) => {
    check(site, lambda);
    if (x < 0) return 0;
    if (lambda === 0) return 1;
    return gammaTails(x + 1, lambda).upper;
  },
});

export const poissonQF = defineFunction({
  name: 'prob.dist.poissonQF',
  sigs: ['(p: double, lambda: double) -> double'],
  errors: codes(13110),
  wasm: (c) =>
    wasmClosedForm(c, `!isFinite(${c.args[1]}) || ${c.args[1]} < 0`, 'probability', (o) => {
      const [p, l] = c.args;
      return `if (${l} == 0 || ${p} == 0) ${o} = 0.0; else if (${p} == 1) ${o} = Infinity; else ${o} = ${RT.distPoissonQuantile}(${p}, ${l});`;
    }),
  js: (site: Site) => (p: number, lambda: number) => {
    check(site, lambda);
    checkProbability(site, p);
    if (lambda === 0 || p === 0) return 0;
    if (p === 1) return Infinity;
    const guess = Math.max(0, Math.floor(lambda + Math.sqrt(lambda) * (p < 0.5 ? -1 : 1)));
    return discreteQuantile(
      p,
      0,
      Infinity,
      guess,
      (x) => gammaTails(x + 1, lambda).upper,
      (x) => gammaTails(x + 1, lambda).lower,
    );
  },
});
