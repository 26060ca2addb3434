/**
 * The "limit" row: the Sonar naive Bayes arithmetic written by hand in plain JS, with the model's
 * parameters read once from its cells. Same operations in the same order as the PFA document
 * (per class: sum over features of the Gaussian log-likelihood, plus ln(prior count); then the
 * class with the largest posterior ratio), so it also checks the answers. Its log is the JS
 * backend's, the fdlibm port.
 */
import { log } from '../../src/lib/util/fdlibm/index.js';

interface Gaussian {
  mean: number;
  variance: number;
}

export function handSonarKernel(text: string): (row: unknown) => string {
  const doc = JSON.parse(text);
  const probs = doc.cells.numeric_cond_probs.init as Record<string, Record<string, Gaussian>>;
  const counts = doc.cells.apriori_counts.init as Record<string, number>;
  const classes = Object.keys(probs);
  const features = Object.keys(probs[classes[0]]);
  const SQRT_2PI = Math.sqrt(2.0 * Math.PI);
  const params = classes.map((c) =>
    features.map((f) => ({ mu: probs[c][f].mean, sigma: Math.sqrt(probs[c][f].variance) })),
  );
  const logPrior = classes.map((c) => log(counts[c]));
  const ll = new Float64Array(classes.length);
  return (row: unknown) => {
    const x = row as Record<string, number>;
    for (let c = 0; c < classes.length; c++) {
      let s = 0;
      const p = params[c];
      for (let j = 0; j < features.length; j++) {
        const d = x[features[j]] - p[j].mu;
        const sigma = p[j].sigma;
        s += -(d * d) / (2.0 * (sigma * sigma)) - log(sigma * SQRT_2PI);
      }
      ll[c] = s + logPrior[c];
    }
    let best = 0;
    for (let c = 1; c < classes.length; c++) if (ll[c] > ll[best]) best = c;
    return classes[best];
  };
}
