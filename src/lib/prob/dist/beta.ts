/** prob.dist betaPDF, betaCDF, betaQF. */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite, wasmClosedForm } from './common.js';
import { betaTails } from './incomplete.js';
import { lnBeta, lnBetaKernel } from '../../util/special.js';
import { solveIncreasing } from './solve.js';
import { RT } from '../../../backend/wasm/emit/names.js';
import * as fdlibm from '../../util/fdlibm/index.js';

/** Density of beta(a, b) at 0 < x < 1, with y = 1 - x given separately. */
export function betaDensity(a: number, b: number, x: number, y: number = 1 - x): number {
  // x^(a-1) y^(b-1) / B(a,b) = [x^a y^b / B(a,b)] / (x y)
  return fdlibm.exp(lnBetaKernel(a, b, x, y)) / (x * y);
}

/**
 * x with I_x(a, b) = p, 0 < p < 1: safeguarded Newton on the tail that p lies in (solve.ts). The
 * start inverts the leading term x^a / (a B(a,b)) of the power series of I_x (DLMF 8.17.7), or its
 * mirror near 1, whichever is closer.
 */
export function betaQuantile(a: number, b: number, p: number): number {
  const upper = p > 0.5;
  const q = upper ? 1 - p : p;
  const residual = upper ? (x: number) => q - betaTails(a, b, x).upper : (x: number) => betaTails(a, b, x).lower - q;
  const lnB = lnBeta(a, b);
  const nearZero = fdlibm.exp((fdlibm.log(p) + fdlibm.log(a) + lnB) / a);
  const nearOne = 1 - fdlibm.exp((fdlibm.log1p(-p) + fdlibm.log(b) + lnB) / b);
  const mean = a / (a + b);
  let start = mean;
  if (nearZero < mean && residual(nearZero) <= 0) start = nearZero;
  else if (nearOne > mean && residual(nearOne) >= 0) start = nearOne;
  if (!upper && nearZero === 0) return 0;
  return solveIncreasing(residual, (x) => betaDensity(a, b, x), 0, 1, start);
}

function check(site: Site, a: number, b: number): void {
  if (!finite(a) || !finite(b) || a <= 0 || b <= 0) site.fail('invalidParameterization');
}

export const betaPDF = defineFunction({
  name: 'prob.dist.betaPDF',
  sigs: ['(x: double, a: double, b: double) -> double'],
  errors: codes(13150),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[1]} <= 0 || ${c.args[2]} <= 0`,
      'finite',
      (o) => {
        const [x, a, b] = c.args;
        return `if (${x} <= 0 || ${x} >= 1) ${o} = 0.0; else ${o} = ${RT.distBetaDensity}(${a}, ${b}, ${x}, 1 - ${x});`;
      },
    ),
  js: (site) => (x: number, a: number, b: number) => {
    check(site, a, b);
    checkFinite(site, x);
    // The reference engines give 0 on the closed boundary, also where the density diverges.
    if (x <= 0 || x >= 1) return 0;
    return betaDensity(a, b, x);
  },
});

export const betaCDF = defineFunction({
  name: 'prob.dist.betaCDF',
  sigs: ['(x: double, a: double, b: double) -> double'],
  errors: codes(13160),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[1]} <= 0 || ${c.args[2]} <= 0`,
      'finite',
      (o) => {
        const [x, a, b] = c.args;
        return `if (${x} <= 0) ${o} = 0.0; else if (${x} >= 1) ${o} = 1.0; else ${o} = ${RT.distBetaTails}(${a}, ${b}, ${x}, 1 - ${x});`;
      },
    ),
  js: (site) => (x: number, a: number, b: number) => {
    check(site, a, b);
    checkFinite(site, x);
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    return betaTails(a, b, x).lower;
  },
});

export const betaQF = defineFunction({
  name: 'prob.dist.betaQF',
  sigs: ['(p: double, a: double, b: double) -> double'],
  errors: codes(13170),
  wasm: (c) =>
    wasmClosedForm(
      c,
      `!isFinite(${c.args[1]}) || !isFinite(${c.args[2]}) || ${c.args[1]} <= 0 || ${c.args[2]} <= 0`,
      'probability',
      (o) => {
        const [p, a, b] = c.args;
        return `if (${p} == 1) ${o} = 1.0; else if (${p} == 0) ${o} = 0.0; else ${o} = ${RT.distBetaQuantile}(${a}, ${b}, ${p});`;
      },
    ),
  js: (site) => (p: number, a: number, b: number) => {
    check(site, a, b);
    checkProbability(site, p);
    if (p === 1) return 1;
    if (p === 0) return 0;
    return betaQuantile(a, b, p);
  },
});
