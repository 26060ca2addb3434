/**
 * The `stat.sample` namespace: running statistics kept in state records (usually in cells or
 * pools). Each state argument is "any record with at least these fields"; optional fields (mean,
 * variance, cycle, underflow, ...) are found in the record type at compile time, and every field
 * the function does not update is copied through unchanged (util/record.ts).
 *
 * The updates are the incremental (West 1979 / Welford-style) weighted formulas the reference
 * engines use, written in the same order of operations so that results agree to rounding.
 *
 * The parts: count, mean, variance and covariance (moments.ts); exponential smoothing and
 * Holt-Winters forecasts (smoothing.ts); histograms and counters (histograms.ts); the top-N list
 * (topN.ts); what they share about state records (state.ts). Listed here in the spec's order.
 */
import { defineNamespace } from '../../registry.js';
import { update, updateCovariance, updateWindow } from './moments.js';
import {
  updateEWMA,
  updateHoltWinters,
  updateHoltWintersPeriodic,
  forecast1HoltWinters,
  forecastHoltWinters,
} from './smoothing.js';
import { fillHistogram, fillHistogram2d, fillCounter } from './histograms.js';
import { topN } from './topN.js';

export default defineNamespace('stat.sample', [
  update,
  updateCovariance,
  updateWindow,
  updateEWMA,
  updateHoltWinters,
  updateHoltWintersPeriodic,
  forecast1HoltWinters,
  forecastHoltWinters,
  fillHistogram,
  fillHistogram2d,
  fillCounter,
  topN,
]);
