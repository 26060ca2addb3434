/** prob.dist tPDF, tCDF, tQF: Student's t through the incomplete beta function. */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, wasmClosedForm } from './common.js';
import { betaTails } from './incomplete.js';
import { lnBeta } from '../../util/special.js';
import { expandUpper, solveIncreasing } from './solve.js';
import { RT } from '../../../backend/wasm/emit/names.js';
import * as fdlibm from '../../util/fdlibm/index.js';

function check(site: Site, dof: number): void {
  if (dof <= 0) site.fail('invalidParameterization');
}

/** Student's t density (Abramowitz & Stegun 26.7.1). */
function density(t: number, n: number): number {
  // Gamma((n+1)/2) / (sqrt(n pi) Gamma(n/2)) = 1 / (sqrt(n) B(n/2, 1/2)).
  return fdlibm.exp(-lnBeta(n / 2, 0.5) - ((n + 1) / 2) * fdlibm.log1p((t * t) / n)) / Math.sqrt(n);
}

/** P(T > s) for s >= 0: I_{n/(n+s^2)}(n/2, 1/2) / 2 (A&S 26.7.1 with 26.5.27), both beta arguments computed directly. */
function upperTail(s: number, n: number): number {
  if (s === Infinity) return 0;
  const den = n + s * s;
  return 0.5 * betaTails(n / 2, 0.5, n / den, (s * s) / den).lower;
}

/** density(t, n) in AS (n an int local). */
function wasmDensity(t: string, n: string): string {
  return `(Math.exp(-${RT.distLnBeta}(<f64>${n} / 2, 0.5) - (<f64>${n} + 1) / 2 * Math.log1p(${t} * ${t} / <f64>${n})) / Math.sqrt(<f64>${n}))`;
}

export const tPDF = defineFunction({
  name: 'prob.dist.tPDF',
  sigs: ['(x: double, dof: int) -> double'],
  errors: codes(13270),
  wasm: (c) => wasmClosedForm(c, `${c.args[1]} <= 0`, 'finite', (o) => `${o} = ${wasmDensity(c.args[0], c.args[1])};`),
  js: (site) => (x: number, dof: number) => {
    check(site, dof);
    checkFinite(site, x);
    return density(x, dof);
  },
});

export const tCDF = defineFunction({
  name: 'prob.dist.tCDF',
  sigs: ['(x: double, dof: int) -> double'],
  errors: codes(13280),
  wasm: (c) =>
    wasmClosedForm(c, `${c.args[1]} <= 0`, 'finite', (o) => {
      // upperTail(|x|, n): 0 at infinity, else I_{n/(n+s^2)}(n/2, 1/2) / 2.
      const [x, n] = c.args;
      return `{ const s = Math.abs(${x}); let tail = 0.0; if (s != Infinity) { const den = <f64>${n} + s * s; tail = 0.5 * ${RT.distBetaTails}(<f64>${n} / 2, 0.5, <f64>${n} / den, s * s / den); } ${o} = ${x} < 0 ? tail : 1 - tail; }`;
    }),
  js: (site) => (x: number, dof: number) => {
    check(site, dof);
    checkFinite(site, x);
    const tail = upperTail(Math.abs(x), dof);
    return x < 0 ? tail : 1 - tail;
  },
});

/** s >= 0 with P(T > s) = q, 0 < q <= 1/2. Closed forms for 1 and 2 degrees of freedom. */
function upperQuantile(q: number, n: number): number {
  if (q === 0.5) return 0;
  if (n === 1) return 1 / fdlibm.tan(Math.PI * q);
  if (n === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  const residual = (s: number) => q - upperTail(s, n);
  const hi = expandUpper((s) => residual(s) < 0, 1);
  return solveIncreasing(residual, (s) => density(s, n), 0, hi, Math.min(1, hi / 2));
}

export const tQF = defineFunction({
  name: 'prob.dist.tQF',
  sigs: ['(p: double, dof: int) -> double'],
  errors: codes(13290),
  wasm: (c) =>
    wasmClosedForm(c, `${c.args[1]} <= 0`, 'probability', (o) => {
      const [p, n] = c.args;
      return `if (${p} == 1) ${o} = Infinity; else if (${p} == 0) ${o} = -Infinity; else ${o} = ${p} < 0.5 ? -${RT.distTUpperQuantile}(${p}, <f64>${n}) : ${RT.distTUpperQuantile}(1 - ${p}, <f64>${n});`;
    }),
  js: (site) => (p: number, dof: number) => {
    check(site, dof);
    checkProbability(site, p);
    if (p === 1) return Infinity;
    if (p === 0) return -Infinity;
    return p < 0.5 ? -upperQuantile(p, dof) : upperQuantile(1 - p, dof);
  },
});
