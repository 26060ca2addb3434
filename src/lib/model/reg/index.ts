/**
 * The `model.reg` namespace (spec sec. "Regression"): applying linear models, propagating their
 * covariances, Gaussian Process prediction, and six functions deprecated in PFA 0.7.2 (moved to
 * stat.test) that are still part of the library, one file each.
 */
import { defineNamespace } from '../../registry.js';
import { linear, linearVariance } from './linear.js';
import { gaussianProcess } from './gaussianProcess.js';
import { chi2Prob, mahalanobis, pull, reducedChi2, residual, updateChi2 } from './deprecated.js';

// In the spec's order.
export default defineNamespace('model.reg', [
  linear,
  linearVariance,
  gaussianProcess,
  residual,
  pull,
  mahalanobis,
  updateChi2,
  reducedChi2,
  chi2Prob,
]);
