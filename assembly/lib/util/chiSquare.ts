// The chi-square CDF for the Wasm forms of prob.dist.chi2CDF, stat.test.chi2Prob and
// model.reg.chi2Prob (spec sec. "Probability distributions" and "Statistical tests"): P(k/2, x/2),
// Abramowitz & Stegun 26.4.19. An operation-for-operation port of src/lib/util/chiSquare.ts; keep
// the two in step.

import { distGammaTails } from '../prob/dist';

/** chiSquareCdf(x, dof) of chiSquare.ts: 0 below and at 0, all mass at 0 when dof is 0. */
export function chiSquareCdf(x: f64, dof: i32): f64 {
  if (dof == 0) return x > 0 ? 1 : 0;
  if (isNaN(x)) return NaN;
  if (x <= 0) return 0;
  return distGammaTails(<f64>dof / 2, x / 2);
}
