/**
 * The special-function kernels of util/special.ts against reference values (computed to 30 digits
 * with mpmath's log-gamma, log-beta and erf; the values are facts).
 */
import { describe, expect, it } from 'vitest';
import {
  erf,
  erfc,
  lnBeta,
  lnBetaKernel,
  lnGamma,
  lnGamma1p,
  lnGammaKernel,
  tMinusLog1p,
} from '../../../src/lib/util/special.js';

/** Relative agreement to `tol` (absolute when the reference is 0). */
function close(actual: number, expected: number, tol = 1e-13): void {
  const scale = expected === 0 ? 1 : Math.abs(expected);
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe('lnGamma', () => {
  it.each([
    [0.5, 0.57236494292470009],
    [1.5, -0.12078223763524522],
    [3, 0.69314718055994531],
    [10.5, 13.940625219403764],
    [100, 359.1342053695754],
    [1e-8, 18.420680738180209],
    [-0.5, 1.2655121234846454],
    [-2.5, -0.056243716497674051],
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
  it('lnGamma1p keeps the relative digits of ln Gamma(1 + a) for tiny a, where 1 + a rounds', () => {
    close(lnGamma1p(1e-20), -5.7721566490153286e-21, 1e-15);
    close(lnGamma1p(-0.1), 0.066376239734742971, 1e-15);
    close(lnGamma1p(0.5), lnGamma(1.5), 0);
  });
});

describe('lnBeta', () => {
  it('is lnGamma(a) + lnGamma(b) - lnGamma(a + b) for small arguments', () => close(lnBeta(2, 3), Math.log(1 / 12)));
  it.each([
    // Both of Stirling's forms (one argument >= 10, both >= 10), where three lnGamma values would cancel.
    [0.5, 1e6, -6.335390211057437],
    [1e6, 2e6, -1909548.290968533],
    [12.5, 3.25, -7.5458949556820314],
  ])('lnBeta(%d, %d)', (a, b, v) => close(lnBeta(a, b), v, 4e-15));
});

describe('the incomplete gamma and beta prefactors', () => {
  it('lnGammaKernel(a, x) = a ln x - x - lnGamma(a), also for large a near x = a', () => {
    close(lnGammaKernel(3, 2.5), 3 * Math.log(2.5) - 2.5 - Math.log(2), 1e-15);
    close(lnGammaKernel(1e6, 1e6 + 1000), 5.4891497459772978, 1e-13);
  });
  it('lnBetaKernel(a, b, x, 1 - x) = a ln x + b ln(1 - x) - lnBeta(a, b)', () => {
    close(lnBetaKernel(2, 3, 0.4, 0.6), Math.log(0.4 ** 2 * 0.6 ** 3 * 12), 1e-15);
    close(lnBetaKernel(500, 700, 0.45, 0.55), -0.78917845216165668, 1e-12);
  });
  it('tMinusLog1p is accurate near 0 and takes 1 + t as given', () => {
    close(tMinusLog1p(1e-5, 1 + 1e-5), 4.999966666916666e-11, 1e-12);
    close(tMinusLog1p(2, 3), 2 - Math.log(3));
    close(tMinusLog1p(-1 + 1e-300, 1e-300), -1 + 300 * Math.LN10, 1e-15);
  });
});

describe('erf and erfc', () => {
  it.each([
    [0.3, 0.32862675945912742, 0.67137324054087258],
    [1.5, 0.96610514647531073, 0.033894853524689273],
    [3.5, 0.99999925690162766, 7.4309837234141275e-7],
    [-2, -0.99532226501895273, 1.9953222650189527],
  ])('at %d', (x, e, c) => {
    close(erf(x), e);
    close(erfc(x), c);
  });
  it('erfc keeps its digits on [1/2, 2), where 1 - erf(x) cancels (that form is off by 1e-13 at 1.986)', () => {
    close(erfc(1.9859882972694818), 0.0049755636349146527, 1e-14);
    close(erfc(0.75), 0.28884436634648487, 1e-15);
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
