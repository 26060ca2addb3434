/** prob.dist exponentialPDF, exponentialCDF, exponentialQF. */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite } from './common.js';

function checkRate(site: Site, lambda: number): void {
  if (!finite(lambda) || lambda < 0) site.fail('invalidParameterization');
}

export const exponentialPDF = defineFunction({
  name: 'prob.dist.exponentialPDF',
  sigs: ['(x: double, lambda: double) -> double'],
  errors: codes(13030),
  js: (site) => (x: number, lambda: number) => {
    checkRate(site, lambda);
    checkFinite(site, x);
    if (lambda === 0 || x < 0) return 0;
    return lambda * Math.exp(-lambda * x);
  },
});

export const exponentialCDF = defineFunction({
  name: 'prob.dist.exponentialCDF',
  sigs: ['(x: double, lambda: double) -> double'],
  errors: codes(13040),
  js: (site) => (x: number, lambda: number) => {
    checkRate(site, lambda);
    checkFinite(site, x);
    if (lambda === 0 || x <= 0) return 0;
    return -Math.expm1(-lambda * x);
  },
});

export const exponentialQF = defineFunction({
  name: 'prob.dist.exponentialQF',
  sigs: ['(p: double, lambda: double) -> double'],
  errors: codes(13050),
  js: (site) => (p: number, lambda: number) => {
    checkRate(site, lambda);
    checkProbability(site, p);
    if (p === 0) return 0;
    if (lambda === 0 || p === 1) return Infinity;
    return -Math.log1p(-p) / lambda;
  },
});
