/**
 * The special-function kernels (util/special.ts, util/incompleteBeta.ts) against reference values (computed to 30 digits with mpmath's
 * log-gamma, erf, regularized incomplete gamma/beta and inverse erf; the values are facts).
 */
import { describe, expect, it } from 'vitest';
import { erf, erfc, gammaP, gammaPInv, gammaQ, lnBeta, lnGamma, log1pmx, normalCdf, normalQuantile } from '../../../src/lib/util/special.js';
import { betaI, betaIInv } from '../../../src/lib/util/incompleteBeta.js';

/** Relative agreement to `tol` (absolute when the reference is 0). */
function close(actual: number, expected: number, tol = 1e-13): void {
  const scale = expected === 0 ? 1 : Math.abs(expected);
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe('lnGamma', () => {
  it.each([
    [0.5, 0.57236494292470009], [1.5, -0.12078223763524522], [3, 0.69314718055994531], [10.5, 13.940625219403764],
    [100, 359.1342053695754], [1e-8, 18.420680738180209], [-0.5, 1.2655121234846454], [-2.5, -0.056243716497674051],
  ])('lnGamma(%d)', (x, v) => close(lnGamma(x), v));
  it('is exactly zero at 1 and 2, +Infinity at the poles, NaN for NaN', () => {
    expect(lnGamma(1)).toBe(0);
    expect(lnGamma(2)).toBe(0);
    expect(lnGamma(0)).toBe(Infinity);
    expect(lnGamma(-3)).toBe(Infinity);
    expect(lnGamma(Infinity)).toBe(Infinity);
    expect(lnGamma(NaN)).toBeNaN();
  });
  it('agrees with the factorials', () => {
    let f = 1;
    for (let n = 1; n < 25; n++) {
      f *= n;
      close(lnGamma(n + 1), Math.log(f), 1e-14);
    }
  });
  it('lnBeta(a, b) = lnGamma(a) + lnGamma(b) - lnGamma(a + b)', () => close(lnBeta(2, 3), Math.log(1 / 12)));
});

describe('erf and erfc', () => {
  it.each([
    [0.3, 0.32862675945912742, 0.67137324054087258], [1.5, 0.96610514647531073, 0.033894853524689273],
    [3.5, 0.99999925690162766, 7.4309837234141275e-7], [-2, -0.99532226501895273, 1.9953222650189527],
  ])('at %d', (x, e, c) => {
    close(erf(x), e);
    close(erfc(x), c);
  });
  it('keeps full relative accuracy in the far tail', () => {
    close(erfc(10), 2.0884875837625448e-45);
    close(erfc(26), 5.6631924088561428e-296, 1e-12);
    expect(erfc(30)).toBe(0);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erfc(-Infinity)).toBe(2);
    expect(erf(NaN)).toBeNaN();
  });
});

describe('normal distribution', () => {
  it.each([[0.025, -1.9599639845400542], [1e-10, -6.3613409024040562], [0.9, 1.2815515655446006]])('quantile(%d)', (p, z) => {
    close(normalQuantile(p), z);
    close(normalCdf(z), p, 1e-13);
  });
  it('maps the ends of [0, 1] to infinities and the outside to NaN', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('incomplete gamma', () => {
  it.each([
    [0.5, 0.2, 0.47291074313446193, 0.52708925686553807], [3, 2.5, 0.45618688411667048, 0.54381311588332952],
    [50, 60, 0.91559331890630817, 0.08440668109369183], [1000, 990, 0.37952137853796394, 0.62047862146203606],
  ])('P(%d, %d) and Q', (a, x, p, q) => {
    close(gammaP(a, x), p, 1e-12);
    close(gammaQ(a, x), q, 1e-12);
  });
  it('inverts P', () => {
    for (const a of [0.05, 0.5, 1, 7, 300]) {
      for (const p of [1e-6, 0.1, 0.5, 0.99]) close(gammaP(a, gammaPInv(a, p)), p, 1e-10);
    }
  });
  it('inverts P far in the lower tail, where P(a, x) ~ x^a / Gamma(a + 1)', () => {
    close(gammaPInv(2, 1e-300), Math.SQRT2 * 1e-150, 1e-12);
    close(gammaPInv(50, 1e-100), 0.19558111701205558, 1e-12);
  });
  it('rejects a <= 0 and x < 0 with NaN', () => {
    expect(gammaP(0, 1)).toBeNaN();
    expect(gammaQ(1, -1)).toBeNaN();
  });
});

describe('incomplete beta', () => {
  it.each([[2, 3, 0.4, 0.5248], [0.5, 0.5, 0.1, 0.20483276469913346], [100, 200, 0.3, 0.10884306564490976]])('I_x(%d, %d) at %d', (a, b, x, v) => {
    close(betaI(a, b, x), v, 1e-12);
  });
  it('stays accurate for large a and b (symmetric case is 1/2)', () => {
    close(betaI(1e5, 1e5, 0.5), 0.5, 1e-12);
    close(betaI(500, 700, 0.3), 5.954586199576611e-18, 1e-11);
  });
  it('inverts I', () => {
    for (const [a, b] of [[0.5, 0.5], [2, 5], [30, 0.7], [200, 300]]) {
      for (const p of [1e-4, 0.3, 0.9]) close(betaI(a, b, betaIInv(a, b, p)), p, 1e-10);
    }
  });
});

it('log1pmx is accurate near 0', () => {
  close(log1pmx(1e-5), -4.999966666916666e-11, 1e-12);
  close(log1pmx(2), Math.log(3) - 2);
});
