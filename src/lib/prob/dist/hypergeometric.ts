/**
 * prob.dist hypergeometricPDF, hypergeometricCDF, hypergeometricQF: x white balls among k drawn
 * without replacement from m white and n black. Sums run over the support only (at most
 * min(k, m) + 1 terms), so every loop is bounded by the parameters.
 */
import { defineFunction } from '../../registry.js';
import { Site, checkProbability, codes } from './common.js';
import { lnChoose } from './discrete.js';

type ParamSite = { fail(name: 'invalidParameterization'): never };

function check(site: ParamSite, m: number, n: number, k: number): void {
  if (m + n < k || m < 0 || n < 0 || m + n === 0 || k < 0) site.fail('invalidParameterization');
}

function pmf(x: number, m: number, n: number, k: number): number {
  if (x < Math.max(0, k - n) || x > Math.min(k, m)) return 0;
  return Math.exp(lnChoose(m, x) + lnChoose(n, k - x) - lnChoose(m + n, k));
}

/** P(X <= x), summing the smaller side of the support. */
function cdf(x: number, m: number, n: number, k: number): number {
  const lo = Math.max(0, k - n), hi = Math.min(k, m);
  if (x < lo) return 0;
  if (x >= hi) return 1;
  let sum = 0;
  if (x - lo <= hi - x) {
    for (let i = lo; i <= x; i++) sum += pmf(i, m, n, k);
    return Math.min(1, sum);
  }
  for (let i = x + 1; i <= hi; i++) sum += pmf(i, m, n, k);
  return Math.max(0, 1 - sum);
}

export const hypergeometricPDF = defineFunction({
  name: 'prob.dist.hypergeometricPDF',
  sigs: ['(x: int, m: int, n: int, k: int) -> double'],
  errors: { invalidParameterization: 13390 },
  js: (site) => (x: number, m: number, n: number, k: number) => {
    check(site, m, n, k);
    return pmf(x, m, n, k);
  },
});

export const hypergeometricCDF = defineFunction({
  name: 'prob.dist.hypergeometricCDF',
  sigs: ['(x: int, m: int, n: int, k: int) -> double'],
  errors: codes(13400),
  js: (site) => (x: number, m: number, n: number, k: number) => {
    check(site, m, n, k);
    return cdf(x, m, n, k);
  },
});

export const hypergeometricQF = defineFunction({
  name: 'prob.dist.hypergeometricQF',
  sigs: ['(p: double, m: int, n: int, k: int) -> double'],
  errors: codes(13410),
  js: (site: Site) => (p: number, m: number, n: number, k: number) => {
    check(site, m, n, k);
    checkProbability(site, p);
    const lo = Math.max(0, k - n), hi = Math.min(k, m);
    // Walk up the support accumulating the CDF: at most hi - lo + 1 steps.
    let sum = 0;
    for (let x = lo; x < hi; x++) {
      sum += pmf(x, m, n, k);
      if (sum >= p * (1 - 64 * Number.EPSILON)) return x;
    }
    return hi;
  },
});
