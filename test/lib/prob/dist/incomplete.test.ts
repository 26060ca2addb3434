/**
 * The incomplete gamma and beta functions and the normal tails of prob/dist/incomplete.ts, with
 * the quantiles built on them (gamma.ts, beta.ts, normal.ts), against reference values computed to
 * 30 digits with mpmath's regularized gammainc and betainc, ncdf and erfinv (the values are facts).
 */
import { describe, expect, it } from 'vitest';
import { betaTails, gammaTails, normalTails } from '../../../../src/lib/prob/dist/incomplete.js';
import { normalQuantile } from '../../../../src/lib/prob/dist/normal.js';
import { gammaQuantile } from '../../../../src/lib/prob/dist/gamma.js';
import { betaQuantile } from '../../../../src/lib/prob/dist/beta.js';

/** Relative agreement to `tol` (absolute when the reference is 0). */
function close(actual: number, expected: number, tol = 1e-13): void {
  const scale = expected === 0 ? 1 : Math.abs(expected);
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe('gammaTails', () => {
  it.each([
    [0.5, 0.2, 0.47291074313446193, 0.52708925686553807],
    [3, 2.5, 0.45618688411667048, 0.54381311588332952],
    [50, 60, 0.91559331890630817, 0.08440668109369183],
    [1000, 990, 0.37952137853796394, 0.62047862146203606],
  ])('P(%d, %d) and Q', (a, x, p, q) => {
    const t = gammaTails(a, x);
    close(t.lower, p, 1e-12);
    close(t.upper, q, 1e-12);
  });
  it('gives (0, 1) at x = 0 and (1, 0) at x = Infinity', () => {
    expect(gammaTails(2, 0)).toEqual({ lower: 0, upper: 1 });
    expect(gammaTails(2, Infinity)).toEqual({ lower: 1, upper: 0 });
  });
});

describe('betaTails (the tests of the former util/incompleteBeta.ts)', () => {
  it.each([
    [2, 3, 0.4, 0.5248],
    [0.5, 0.5, 0.1, 0.20483276469913346],
    [100, 200, 0.3, 0.10884306564490976],
  ])('I_x(%d, %d) at %d', (a, b, x, v) => {
    close(betaTails(a, b, x).lower, v, 1e-12);
    close(betaTails(a, b, x).upper, 1 - v, 1e-12);
  });
  it('stays accurate for large a and b (symmetric case is 1/2)', () => {
    close(betaTails(1e5, 1e5, 0.5).lower, 0.5, 1e-12);
    close(betaTails(500, 700, 0.3).lower, 5.954586199576611e-18, 1e-11);
  });
});

describe('normal tails and quantile', () => {
  it.each([
    [0.025, -1.9599639845400542],
    [1e-10, -6.3613409024040562],
    [0.9, 1.2815515655446006],
  ])('quantile(%d)', (p, z) => {
    close(normalQuantile(p), z);
    close(normalTails(z).lower, p, 1e-13);
  });
  it('keeps the relative digits of the far upper tail', () =>
    close(normalTails(30).upper, 4.906713927148187e-198, 1e-12));
});

describe('the gamma and beta quantiles invert the tails (the tests of the former gammaPInv and betaIInv)', () => {
  it('gammaQuantile', () => {
    for (const a of [0.05, 0.5, 1, 7, 300]) {
      for (const p of [1e-6, 0.1, 0.5, 0.99]) close(gammaTails(a, gammaQuantile(a, p)).lower, p, 1e-10);
    }
  });
  it('gammaQuantile far in the lower tail, where P(a, x) ~ x^a / Gamma(a + 1)', () => {
    close(gammaQuantile(2, 1e-300), Math.SQRT2 * 1e-150, 1e-12);
    close(gammaQuantile(50, 1e-100), 0.19558111701205558, 1e-12);
  });
  it('betaQuantile', () => {
    for (const [a, b] of [
      [0.5, 0.5],
      [2, 5],
      [30, 0.7],
      [200, 300],
    ]) {
      for (const p of [1e-4, 0.3, 0.9]) close(betaTails(a, b, betaQuantile(a, b, p)).lower, p, 1e-10);
    }
  });
});
