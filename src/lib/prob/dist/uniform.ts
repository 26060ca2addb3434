/** prob.dist uniformPDF, uniformCDF, uniformQF. */
import { defineFunction } from '../../registry.js';
import { Site, checkFinite, checkProbability, codes, finite } from './common.js';

function check(site: Site, min: number, max: number): void {
  if (!finite(min) || !finite(max) || min >= max) site.fail('invalidParameterization');
}

export const uniformPDF = defineFunction({
  name: 'prob.dist.uniformPDF',
  sigs: ['(x: double, min: double, max: double) -> double'],
  errors: codes(13330),
  js: (site) => (x: number, min: number, max: number) => {
    check(site, min, max);
    checkFinite(site, x);
    return x < min || x > max ? 0 : 1 / (max - min);
  },
});

export const uniformCDF = defineFunction({
  name: 'prob.dist.uniformCDF',
  sigs: ['(x: double, min: double, max: double) -> double'],
  errors: codes(13340),
  js: (site) => (x: number, min: number, max: number) => {
    check(site, min, max);
    checkFinite(site, x);
    if (x <= min) return 0;
    if (x >= max) return 1;
    return (x - min) / (max - min);
  },
});

export const uniformQF = defineFunction({
  name: 'prob.dist.uniformQF',
  sigs: ['(p: double, min: double, max: double) -> double'],
  errors: codes(13350),
  js: (site) => (p: number, min: number, max: number) => {
    check(site, min, max);
    checkProbability(site, p);
    return min + p * (max - min);
  },
});
