/**
 * The `prob.dist` namespace of the PFA library (spec sec. "Probability distributions"): densities,
 * distribution functions and quantile functions, one module per family. The incomplete gamma and
 * beta functions, the normal quantile and the root finder (incomplete.ts, normal.ts, solve.ts) are
 * this folder's; the log-gamma family comes from util/special.ts, shared with m.special.
 */
import { defineNamespace } from '../../registry.js';
import { gaussianCDF, gaussianLL, gaussianQF } from './gaussian.js';
import { exponentialCDF, exponentialPDF, exponentialQF } from './exponential.js';
import { chi2CDF, chi2PDF, chi2QF, gammaCDF, gammaPDF, gammaQF } from './gamma.js';
import { poissonCDF, poissonPDF, poissonQF } from './poisson.js';
import { betaCDF, betaPDF, betaQF } from './beta.js';
import { cauchyCDF, cauchyPDF, cauchyQF } from './cauchy.js';
import { fCDF, fPDF, fQF } from './f.js';
import { lognormalCDF, lognormalPDF, lognormalQF } from './lognormal.js';
import { tCDF, tPDF, tQF } from './t.js';
import { binomialCDF, binomialPDF, binomialQF } from './binomial.js';
import { uniformCDF, uniformPDF, uniformQF } from './uniform.js';
import { geometricCDF, geometricPDF, geometricQF } from './geometric.js';
import { hypergeometricCDF, hypergeometricPDF, hypergeometricQF } from './hypergeometric.js';
import { weibullCDF, weibullPDF, weibullQF } from './weibull.js';
import { negativeBinomialCDF, negativeBinomialPDF, negativeBinomialQF } from './negativeBinomial.js';

export default defineNamespace('prob.dist', [
  gaussianLL,
  gaussianCDF,
  gaussianQF,
  exponentialPDF,
  exponentialCDF,
  exponentialQF,
  chi2PDF,
  chi2CDF,
  chi2QF,
  poissonPDF,
  poissonCDF,
  poissonQF,
  gammaPDF,
  gammaCDF,
  gammaQF,
  betaPDF,
  betaCDF,
  betaQF,
  cauchyPDF,
  cauchyCDF,
  cauchyQF,
  fPDF,
  fCDF,
  fQF,
  lognormalPDF,
  lognormalCDF,
  lognormalQF,
  tPDF,
  tCDF,
  tQF,
  binomialPDF,
  binomialCDF,
  binomialQF,
  uniformPDF,
  uniformCDF,
  uniformQF,
  geometricPDF,
  geometricCDF,
  geometricQF,
  hypergeometricPDF,
  hypergeometricCDF,
  hypergeometricQF,
  weibullPDF,
  weibullCDF,
  weibullQF,
  negativeBinomialPDF,
  negativeBinomialCDF,
  negativeBinomialQF,
]);
