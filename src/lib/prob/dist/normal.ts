/** The standard normal quantile (private kernel of prob.dist). */
import { normalTails } from './incomplete.js';
import * as fdlibm from '../../util/fdlibm/index.js';

const INV_SQRT_2PI = 0.3989422804014327;

/**
 * z with Phi(z) = p, 0 < p < 1. Start from Abramowitz & Stegun 26.2.23 (error below 4.5e-4),
 * then Halley steps on the tail probability, which converge cubically to full precision.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p === 0.5) return 0;
  // Work in the lower tail q = min(p, 1 - p) (1 - p is exact for p >= 1/2) and fix the sign last.
  const lowerHalf = p < 0.5;
  const q = lowerHalf ? p : 1 - p;
  const t = Math.sqrt(-2 * fdlibm.log(q));
  let z = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  for (let i = 0; i < 50; i++) {
    const density = INV_SQRT_2PI * fdlibm.exp(-0.5 * z * z);
    if (density === 0) break;
    const r = (normalTails(z).lower - q) / density;
    const step = r / (1 + 0.5 * z * r);
    z -= step;
    if (Math.abs(step) <= 1e-15 * Math.abs(z)) break;
  }
  return lowerHalf ? z : -z;
}
