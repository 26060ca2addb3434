/**
 * The chi-square CDF, for prob.dist.chi2CDF, stat.test.chi2Prob and model.reg.chi2Prob (spec
 * sec. "Probability distributions" and "Statistical tests"): with k degrees of freedom it is the
 * regularized lower incomplete gamma function P(k/2, x/2) (Abramowitz & Stegun 26.4.19). Its AS
 * twin is assembly/lib/util/chiSquare.ts, operation for operation.
 */
import { gammaTails } from '../prob/dist/incomplete.js';

/**
 * P(X <= x) for dof >= 0 degrees of freedom. With none, all mass sits at 0 and the CDF there is
 * 0 (the value of the reference engines' chi2CDF); NaN gives NaN otherwise, +inf gives 1.
 */
export function chiSquareCdf(x: number, dof: number): number {
  if (dof === 0) return x > 0 ? 1 : 0;
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  return gammaTails(dof / 2, x / 2).lower;
}
