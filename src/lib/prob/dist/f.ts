/** prob.dist fPDF, fCDF, fQF: Snedecor's F through the incomplete beta function. */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, wasmClosedForm } from './common.js';
import { betaTails } from './incomplete.js';
import { betaDensity, betaQuantile } from './beta.js';
import { expandUpper, solveIncreasing } from './solve.js';
import { RT } from '../../../backend/wasm/emit/names.js';

function check(site: Site, d1: number, d2: number): void {
  if (d1 <= 0 || d2 <= 0) site.fail('invalidParameterization');
}

/** The beta variable u = d1 x / (d1 x + d2) and its complement, each computed directly. */
function toBeta(x: number, d1: number, d2: number): [number, number] {
  const den = d1 * x + d2;
  return [(d1 * x) / den, d2 / den];
}

export const fPDF = defineFunction({
  name: 'prob.dist.fPDF',
  sigs: ['(x: double, d1: int, d2: int) -> double'],
  errors: codes(13210),
  wasm: (c) =>
    wasmClosedForm(c, `${c.args[1]} <= 0 || ${c.args[2]} <= 0`, 'finite', (o) => {
      const [x, d1, d2] = c.args;
      return `if (${x} <= 0) ${o} = 0.0; else { const den = <f64>${d1} * ${x} + <f64>${d2}; const u = <f64>${d1} * ${x} / den, v = <f64>${d2} / den; ${o} = ${RT.distBetaDensity}(<f64>${d1} / 2, <f64>${d2} / 2, u, v) * u * v / ${x}; }`;
    }),
  js: (site) => (x: number, d1: number, d2: number) => {
    check(site, d1, d2);
    checkFinite(site, x);
    if (x <= 0) return 0; // the reference engines' value at the boundary, whatever d1
    const [u, v] = toBeta(x, d1, d2);
    // dF/dx = beta density at u times du/dx = d1 d2 / (d1 x + d2)^2 = u v / x.
    return (betaDensity(d1 / 2, d2 / 2, u, v) * u * v) / x;
  },
});

export const fCDF = defineFunction({
  name: 'prob.dist.fCDF',
  sigs: ['(x: double, d1: int, d2: int) -> double'],
  errors: codes(13220),
  wasm: (c) =>
    wasmClosedForm(c, `${c.args[1]} <= 0 || ${c.args[2]} <= 0`, 'finite', (o) => {
      const [x, d1, d2] = c.args;
      return `if (${x} <= 0) ${o} = 0.0; else { const den = <f64>${d1} * ${x} + <f64>${d2}; ${o} = ${RT.distBetaTails}(<f64>${d1} / 2, <f64>${d2} / 2, <f64>${d1} * ${x} / den, <f64>${d2} / den); }`;
    }),
  js: (site) => (x: number, d1: number, d2: number) => {
    check(site, d1, d2);
    checkFinite(site, x);
    if (x <= 0) return 0;
    const [u, v] = toBeta(x, d1, d2);
    return betaTails(d1 / 2, d2 / 2, u, v).lower;
  },
});

export const fQF = defineFunction({
  name: 'prob.dist.fQF',
  sigs: ['(p: double, d1: int, d2: int) -> double'],
  errors: codes(13230),
  wasm: (c) =>
    wasmClosedForm(c, `${c.args[1]} <= 0 || ${c.args[2]} <= 0`, 'probability', (o) => {
      const [p, d1, d2] = c.args;
      return `if (${p} == 1) ${o} = Infinity; else if (${p} == 0) ${o} = 0.0; else ${o} = ${RT.distFQuantile}(${p}, <f64>${d1}, <f64>${d2});`;
    }),
  js: (site) => (p: number, d1: number, d2: number) => {
    check(site, d1, d2);
    checkProbability(site, p);
    if (p === 1) return Infinity;
    if (p === 0) return 0;
    // Start from the beta quantile, then polish in x itself, where both tails are computed
    // directly (1 - u would lose the digits of a u near 1).
    const a = d1 / 2,
      b = d2 / 2;
    const u = betaQuantile(a, b, p);
    const start = u < 1 ? (d2 * u) / (d1 * (1 - u)) : Number.MAX_VALUE;
    const upper = p > 0.5;
    const q = upper ? 1 - p : p;
    const residual = (x: number) => {
      const [s, t] = toBeta(x, d1, d2);
      const tails = betaTails(a, b, s, t);
      return upper ? q - tails.upper : tails.lower - q;
    };
    const slope = (x: number) => {
      const [s, t] = toBeta(x, d1, d2);
      return (betaDensity(a, b, s, t) * s * t) / x;
    };
    const hi = expandUpper((x) => residual(x) < 0, Math.max(1, 2 * start));
    return solveIncreasing(residual, slope, 0, hi, start);
  },
});
