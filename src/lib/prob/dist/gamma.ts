/**
 * prob.dist gammaPDF/CDF/QF and chi2PDF/CDF/QF (chi-squared with k degrees of freedom is the
 * gamma distribution with shape k/2 and scale 2).
 */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite, wasmClosedForm } from './common.js';
import { gammaTails } from './incomplete.js';
import { chiSquareCdf } from '../../util/chiSquare.js';
import { lnGamma, lnGammaKernel } from '../../util/special.js';
import { expandUpper, solveIncreasing } from './solve.js';
import { RT } from '../../../backend/wasm/emit/names.js';
import * as fdlibm from '../../util/fdlibm/index.js';

/** Density of the standard gamma (scale 1) at y > 0. */
export function gammaDensity(a: number, y: number): number {
  if (y === Infinity) return 0;
  return fdlibm.exp(lnGammaKernel(a, y) - fdlibm.log(y)); // one exp: no underflow before dividing
}

/** Density of gamma(shape a, scale s) at x, for a, s > 0 and finite x. */
function density(x: number, a: number, s: number): number {
  if (x < 0) return 0;
  if (x === 0) return a < 1 ? Infinity : a === 1 ? 1 / s : 0;
  return gammaDensity(a, x / s) / s;
}

/**
 * y with P(a, y) = p for 0 < p < 1 (standard gamma). Residuals use the tail that p lies in, so
 * both tails keep their relative precision; the start is the small-y series inverse
 * (p Gamma(a+1))^(1/a) or the Wilson-Hilferty cube-root normal approximation.
 */
export function gammaQuantile(a: number, p: number): number {
  const upper = p > 0.5;
  const q = upper ? 1 - p : p;
  const residual = upper ? (y: number) => q - gammaTails(a, y).upper : (y: number) => gammaTails(a, y).lower - q;
  const small = fdlibm.exp((fdlibm.log(p) + lnGamma(a + 1)) / a);
  let start: number;
  if (!upper && small < 0.5 * a) start = small;
  else {
    // Wilson-Hilferty: (y/a)^(1/3) is nearly normal with mean 1 - 1/(9a), variance 1/(9a).
    const z = Math.sqrt(2) * inverseErfApprox(2 * p - 1);
    const c = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
    start = a * c * c * c;
  }
  if (!(start > 0) || !finite(start)) start = a;
  if (small === 0 && !upper) return 0; // below the smallest double
  const hi = expandUpper((y) => residual(y) < 0, Math.max(2 * start, 1));
  return solveIncreasing(residual, (y) => gammaDensity(a, y), 0, hi, start);
}

/** A rough inverse error function (Winitzki's formula), used only for starting points. */
function inverseErfApprox(x: number): number {
  const k = 0.147;
  const l = fdlibm.log(1 - x * x);
  const t = 2 / (Math.PI * k) + l / 2;
  return Math.sign(x) * Math.sqrt(Math.sqrt(t * t - l / k) - t);
}

/** density(x, a, s) in AS (x finite, a, s > 0), through gammaDensity. */
function wasmDensity(x: string, a: string, s: string): string {
  return `(${x} < 0 ? 0.0 : ${x} == 0 ? (${a} < 1 ? Infinity : ${a} == 1 ? 1.0 / ${s} : 0.0) : (${x} / ${s} == Infinity ? 0.0 : Math.exp(${RT.distLnGammaKernel}(${a}, ${x} / ${s}) - Math.log(${x} / ${s}))) / ${s})`;
}

function checkGamma(site: Site, shape: number, scale: number, strict: boolean): void {
  if (!finite(shape) || !finite(scale) || (strict ? shape <= 0 || scale <= 0 : shape < 0 || scale < 0))
    site.fail('invalidParameterization');
}

export const gammaPDF = defineFunction({
  name: 'prob.dist.gammaPDF',
  sigs: ['(x: double, shape: double, scale: double) -> double'],
  errors: codes(13120),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[1]} < 0 || ${c.args[2]} < 0`,
      'finite',
      (o) => {
        const [x, a, s] = c.args;
        return `if (${a} == 0 || ${s} == 0) ${o} = ${x} == 0 ? Infinity : 0.0; else ${o} = ${wasmDensity(x, a, s)};`;
      },
    ),
  js: (site) => (x: number, shape: number, scale: number) => {
    checkGamma(site, shape, scale, false);
    checkFinite(site, x);
    if (shape === 0 || scale === 0) return x === 0 ? Infinity : 0;
    return density(x, shape, scale);
  },
});

export const gammaCDF = defineFunction({
  name: 'prob.dist.gammaCDF',
  sigs: ['(x: double, shape: double, scale: double) -> double'],
  errors: codes(13130),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[1]} < 0 || ${c.args[2]} < 0`,
      'finite',
      (o) => {
        const [x, a, s] = c.args;
        return `if (${a} == 0 || ${s} == 0) ${o} = ${x} != 0 ? 1.0 : 0.0; else if (${x} <= 0) ${o} = 0.0; else ${o} = ${RT.distGammaTails}(${a}, ${x} / ${s});`;
      },
    ),
  js: (site) => (x: number, shape: number, scale: number) => {
    checkGamma(site, shape, scale, false);
    checkFinite(site, x);
    if (shape === 0 || scale === 0) return x !== 0 ? 1 : 0;
    if (x <= 0) return 0;
    return gammaTails(shape, x / scale).lower;
  },
});

export const gammaQF = defineFunction({
  name: 'prob.dist.gammaQF',
  sigs: ['(p: double, shape: double, scale: double) -> double'],
  errors: codes(13140),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[1]} <= 0 || ${c.args[2]} <= 0`,
      'probability',
      (o) => {
        const [p, a, s] = c.args;
        return `if (${p} == 1) ${o} = Infinity; else if (${p} == 0) ${o} = 0.0; else ${o} = ${s} * ${RT.distGammaQuantile}(${a}, ${p});`;
      },
    ),
  js: (site) => (p: number, shape: number, scale: number) => {
    checkGamma(site, shape, scale, true);
    checkProbability(site, p);
    if (p === 1) return Infinity;
    if (p === 0) return 0;
    return scale * gammaQuantile(shape, p);
  },
});

function checkDof(site: Site, dof: number): void {
  if (dof < 0) site.fail('invalidParameterization');
}

export const chi2PDF = defineFunction({
  name: 'prob.dist.chi2PDF',
  sigs: ['(x: double, dof: int) -> double'],
  errors: codes(13060),
  wasm: (c) =>
    wasmClosedForm(c, `${c.args[1]} < 0`, 'finite', (o) => {
      const [x, k] = c.args;
      return `if (${k} == 0) ${o} = ${x} == 0 ? Infinity : 0.0; else if (${x} <= 0) ${o} = 0.0; else ${o} = ${wasmDensity(x, `(<f64>${k} / 2)`, '2.0')};`;
    }),
  js: (site) => (x: number, dof: number) => {
    checkDof(site, dof);
    checkFinite(site, x);
    if (dof === 0) return x === 0 ? Infinity : 0;
    if (x <= 0) return 0; // the reference engines' value at the boundary, whatever dof
    return density(x, dof / 2, 2);
  },
});

export const chi2CDF = defineFunction({
  name: 'prob.dist.chi2CDF',
  sigs: ['(x: double, dof: int) -> double'],
  errors: codes(13070),
  wasm: (c) =>
    wasmClosedForm(c, `${c.args[1]} < 0`, 'finite', (o) => {
      const [x, k] = c.args;
      return `${o} = ${RT.chiSquareCdf}(${x}, ${k});`;
    }),
  js: (site) => (x: number, dof: number) => {
    checkDof(site, dof);
    checkFinite(site, x);
    return chiSquareCdf(x, dof);
  },
});

export const chi2QF = defineFunction({
  name: 'prob.dist.chi2QF',
  sigs: ['(p: double, dof: int) -> double'],
  errors: codes(13080),
  wasm: (c) =>
    wasmClosedForm(c, `${c.args[1]} < 0`, 'probability', (o) => {
      const [p, k] = c.args;
      return `if (${p} == 1) ${o} = Infinity; else if (${k} == 0 || ${p} == 0) ${o} = 0.0; else ${o} = 2 * ${RT.distGammaQuantile}(<f64>${k} / 2, ${p});`;
    }),
  js: (site) => (p: number, dof: number) => {
    checkDof(site, dof);
    checkProbability(site, p);
    if (p === 1) return Infinity;
    if (dof === 0 || p === 0) return 0;
    return 2 * gammaQuantile(dof / 2, p);
  },
});
