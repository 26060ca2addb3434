/**
 * The plain-JS "limit" row: the Sonar naive Bayes decision as a skilled engineer writes it under
 * the engine's rules (hand/sonarModel.ts: per-class tables computed at load time, the document's
 * operations where the bits depend on them, fdlibm's exp). A record comes in already parsed into
 * a Float64Array in feature order.
 */
import { exp } from '../../src/lib/util/fdlibm/index.js';
import type { LimitAnswer, SonarConstants } from './sonarModel.js';

/** Scores one row into `out` (scaled log posteriors in `scaled`); the chosen class's index. */
export function sonarJsKernel(k: SonarConstants): (x: Float64Array) => LimitAnswer {
  const { mean, twoVariance, logNorm, logPrior, cutoff, rank } = k;
  const C = k.classes.length;
  const F = k.features.length;
  const scaled = new Float64Array(C);
  const posterior = new Float64Array(C);
  const answer: LimitAnswer = { posterior, best: 0 };
  return (x) => {
    for (let c = 0, at = 0; c < C; c++) {
      let s = 0;
      for (let j = 0; j < F; j++, at++) {
        const d = x[j] - mean[at];
        s += -(d * d) / twoVariance[at] - logNorm[at];
      }
      // A finite x gives a finite term unless d·d overflows; only then is x looked at again.
      if (!(s > -Infinity)) for (let j = 0; j < F; j++) if (!Number.isFinite(x[j])) throw new Error('invalid input');
      scaled[c] = logPrior[c] + s;
    }
    let best = 0;
    let top = 0;
    for (let c = 0; c < C; c++) {
      let t = 0;
      for (let i = 0; i < C; i++) t += exp(scaled[i] - scaled[c]);
      posterior[c] = 1 / t;
      const r = posterior[c] / cutoff[c];
      if (c === 0 || r > top || (r === top && rank[c] < rank[best])) {
        best = c;
        top = r;
      }
    }
    answer.best = best;
    return answer;
  };
}
