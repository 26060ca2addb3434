/** prob.dist negativeBinomialPDF/CDF/QF: failures x before the size-th success. */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite } from './common.js';
import { betaTails } from './incomplete.js';
import { discreteQuantile, lnChoose, xLogY } from './discrete.js';

function check(site: Site, size: number, prob: number, sizeMin: number): void {
  if (!finite(prob) || prob <= 0 || prob > 1 || size < sizeMin) site.fail('invalidParameterization');
}

function pmf(x: number, size: number, prob: number): number {
  if (prob === 1) return x === 0 ? 1 : 0;
  return Math.exp(lnChoose(size + x - 1, x) + size * Math.log(prob) + xLogY(x, Math.log1p(-prob)));
}

/** P(X <= k) = I_prob(size, k + 1), with its complement. */
function tails(k: number, size: number, prob: number) {
  return betaTails(size, k + 1, prob, 1 - prob);
}

export const negativeBinomialPDF = defineFunction({
  name: 'prob.dist.negativeBinomialPDF',
  sigs: ['(x: int, size: int, prob: double) -> double'],
  errors: codes(13450),
  js: (site) => (x: number, size: number, prob: number) => {
    check(site, size, prob, 0);
    if (size === 0) return x === 0 ? 1 : 0;
    if (x < 0) return 0;
    return pmf(x, size, prob);
  },
});

export const negativeBinomialCDF = defineFunction({
  name: 'prob.dist.negativeBinomialCDF',
  sigs: ['(x: double, size: int, prob: double) -> double'],
  errors: codes(13460),
  js: (site) => (x: number, size: number, prob: number) => {
    check(site, size, prob, 0);
    checkFinite(site, x);
    if (x < 0) return 0;
    if (size === 0 || prob === 1) return 1;
    return tails(Math.floor(x), size, prob).lower;
  },
});

export const negativeBinomialQF = defineFunction({
  name: 'prob.dist.negativeBinomialQF',
  sigs: ['(p: double, size: int, prob: double) -> double'],
  errors: codes(13470),
  js: (site) => (p: number, size: number, prob: number) => {
    check(site, size, prob, 0);
    checkProbability(site, p);
    if (size === 0 || p === 0) return 0;
    if (p === 1) return Infinity;
    if (prob === 1) return 0;
    const mean = size * (1 - prob) / prob;
    return discreteQuantile(p, 0, Infinity, mean, (k) => tails(k, size, prob).lower, (k) => tails(k, size, prob).upper);
  },
});
