/**
 * What the Sonar "limit" kernels (hand/sonar.ts in JS, hand/sonarAs.ts in AssemblyScript,
 * hand/sonarC.ts in C) share: the model's constants, computed once at load time, and the check
 * that a kernel's answers are the engine's, bit for bit, on every row before it is timed.
 *
 * The document's decision, per record (sonar-naive-bayes.pfa.json's action):
 *   s_c      = Σ_j gaussianLL(x_j, μ_cj, σ_cj), left to right from 0, in the input's field order
 *              (map.keys of the input map literal), one term being -(d·d) / (2·(σ·σ)) - ln(σ·√(2π))
 *              with d = x_j - μ and σ = √variance (prob.dist.gaussianLL's order of operations);
 *   scaled_c = ln(count_c) + s_c                                   (map.zipmap over the priors);
 *   p_c      = 1 / Σ_k exp(scaled_k - scaled_c), left to right      (map.map over scaled);
 *   answer   = the class with the largest p_c / cutoff_c, ties to the smaller key (map.argmax).
 * What depends only on the model is a per-class table: μ, 2·(σ·σ), ln(σ·√(2π)), ln(count),
 * the cutoff. -0.5/σ² would save the division but round differently from the document's
 * -(d·d) / (2σ²) (one rounding of the product by a rounded constant instead of one division),
 * so the table keeps the divisor itself: the same bits, the division stays.
 */
import { PFAEngine } from '../../src/engine.js';
import { log } from '../../src/lib/util/fdlibm/index.js';
import type { Value } from '../../src/values.js';

interface Gaussian {
  mean: number;
  variance: number;
}

/** The model's constants, class-major (index c·F + j), classes in the cells' key order. */
export interface SonarConstants {
  classes: string[];
  /** The input record's fields: the order of the input map literal, so of the sums. */
  features: string[];
  mean: Float64Array;
  twoVariance: Float64Array;
  logNorm: Float64Array;
  logPrior: Float64Array;
  cutoff: Float64Array;
  /** Each class's position in code-point order of the keys: map.argmax's tie-break. */
  rank: Int32Array;
}

const SQRT_2PI = Math.sqrt(2.0 * Math.PI);

/** Reads the cells of a Sonar naive Bayes document and computes the per-class tables. */
export function sonarConstants(text: string): SonarConstants {
  const doc = JSON.parse(text);
  const probs = doc.cells.numeric_cond_probs.init as Record<string, Record<string, Gaussian>>;
  const counts = doc.cells.apriori_counts.init as Record<string, number>;
  const cutoffs = doc.cells.cutoffs.init as Record<string, number>;
  const classes = Object.keys(probs);
  const features = (doc.input.fields as { name: string }[]).map((f) => f.name);
  // The kernels hard-wire what the document only implies for this model: the priors and cutoffs
  // list the classes in the same order, and every parameter is valid with σ > 0 (so neither
  // gaussianLL's parameter error nor its σ = 0 branch can happen).
  if (Object.keys(counts).join() !== classes.join() || Object.keys(cutoffs).join() !== classes.join())
    throw new Error('the Sonar limit kernels need apriori_counts and cutoffs keyed like numeric_cond_probs');
  const F = features.length;
  const C = classes.length;
  const k = {
    classes,
    features,
    mean: new Float64Array(C * F),
    twoVariance: new Float64Array(C * F),
    logNorm: new Float64Array(C * F),
    logPrior: new Float64Array(classes.map((c) => log(counts[c]))),
    cutoff: new Float64Array(classes.map((c) => cutoffs[c])),
    rank: new Int32Array(classes.map((c) => [...classes].sort().indexOf(c))),
  };
  for (const [ci, c] of classes.entries())
    for (const [j, f] of features.entries()) {
      const { mean, variance } = probs[c][f];
      const sigma = Math.sqrt(variance);
      if (!Number.isFinite(mean) || !Number.isFinite(variance) || !(sigma > 0))
        throw new Error(`the Sonar limit kernels need finite parameters with σ > 0 (${c}, ${f})`);
      k.mean[ci * F + j] = mean;
      k.twoVariance[ci * F + j] = 2.0 * (sigma * sigma);
      k.logNorm[ci * F + j] = log(sigma * SQRT_2PI);
    }
  return k;
}

/** A record as the kernels take it: its features as doubles, in feature order. */
export function rowOf(k: SonarConstants, value: Value): Float64Array {
  const x = value as Record<string, number>;
  return new Float64Array(k.features.map((f) => x[f]));
}

/** What a limit kernel answers for one row: the posterior per class and the chosen class. */
export interface LimitAnswer {
  posterior: Float64Array;
  best: number;
}

/**
 * The engine's posteriors (sonar-naive-bayes-prob.pfa.json, the same cells, answering the map
 * that the record model's last step compares) and labels, from the JS backend, for each line.
 */
export async function engineAnswers(
  recordText: string,
  probText: string,
  lines: readonly string[],
): Promise<{ label: string; posterior: Map<string, number> }[]> {
  const cells = (t: string) => {
    const c = JSON.parse(t).cells;
    return JSON.stringify([c.numeric_cond_probs, c.apriori_counts]);
  };
  if (cells(recordText) !== cells(probText)) throw new Error('the Sonar record and prob models have different cells');
  const rec = await PFAEngine.create(recordText, { backend: 'js' });
  const prob = await PFAEngine.create(probText, { backend: 'js' });
  return lines.map((l) => ({
    label: rec.action(rec.decodeText(l)) as string,
    posterior: prob.action(prob.decodeText(l)) as Map<string, number>,
  }));
}

/** Throws unless a kernel's answer on every line has the engine's label and posteriors, bit for bit. */
export function checkBits(
  variant: string,
  k: SonarConstants,
  expected: { label: string; posterior: Map<string, number> }[],
  answers: LimitAnswer[],
): void {
  const same = (a: number, b: number) => Object.is(a, b);
  expected.forEach((e, i) => {
    const a = answers[i];
    const p = k.classes.map((c) => e.posterior.get(c)!);
    if (k.classes[a.best] !== e.label || p.some((x, c) => !same(x, a.posterior[c])))
      throw new Error(
        `${variant}: line ${i + 1}: ${k.classes[a.best]} [${[...a.posterior].join(', ')}], the engine ${e.label} [${p.join(', ')}]`,
      );
  });
}
