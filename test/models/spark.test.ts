/**
 * Models shaped as aardpfark (CODAIT/aardpfark, Spark ML to PFA) writes them: the model in one
 * cell named by the Spark stage's uid, input `{features: array<double>}` read through the dotted
 * symbol `input.features`, a `metadata` map of the stage's parameters, and an output record built
 * with `new` and the output type's name. Binary logistic regression (model.reg.linear, a
 * two-item raw prediction through m.link.logit, the threshold), multinomial with class
 * thresholds (m.link.softmax, a.zipmap with the user function safeDoubleDiv, a.argmax into a
 * double field), k-means (model.cluster.closest over the cell's `clusters`), and a gradient-boosted
 * tree ensemble (TreeNode records with a feature index, continuous and categorical splits and
 * [TreeNode, double] branches, walked by model.tree.simpleWalk inside a user function that a.map
 * calls through a `fcn` reference with `fill`, weighted by a.zipmap). The JS backend
 * must give the answers worked out here, and the Wasm backend (and its text path) the same text.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sameTextAnswers } from '../helpers/answers.js';

const model = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./exporters/${name}.pfa.json`, import.meta.url), 'utf8'));

const features = (xs: number[]) => JSON.stringify({ features: xs });
const logistic = (z: number) => 1 / (1 + Math.exp(-z));
const dot = (c: number, w: number[], x: number[]) => c + w.reduce((s, wi, i) => s + wi * x[i], 0);

describe('Spark models as aardpfark writes them, on both backends', () => {
  it('binary logistic regression: raw prediction, probability and the 0.5 threshold', async () => {
    const rows = [
      [1, 2, 0.5, 4],
      [3, 0, 1, -2],
      [0, 0, 0.375, 0],
    ];
    const want = await sameTextAnswers(model('spark-logreg-binary'), rows.map(features));
    expect(want).toEqual(
      rows.map((x) => {
        // (coefficients and inputs are short binary fractions: the margin is exact in any order)
        const m = dot(-0.75, [0.5, -1.25, 2.0, 0.125], x);
        const p = [logistic(-m), logistic(m)];
        return JSON.stringify({ rawPrediction: [-m, m], prediction: p[1] <= 0.5 ? 0 : 1, probability: p });
      }),
    );
    expect(want.map((w) => JSON.parse(w).prediction)).toEqual([0, 1, 0]);
  });

  it('multinomial logistic regression: softmax, class thresholds through safeDoubleDiv, argmax', async () => {
    const rows = [
      [1, 2, 0.5],
      [0, 0, 0],
      [-1, 3, 2],
    ];
    const want = await sameTextAnswers(model('spark-logreg-multinomial'), rows.map(features));
    const consts = [0.25, -0.5, 0.125];
    const coeff = [
      [1.5, -0.25, 0.75],
      [-0.5, 1.0, 0.25],
      [0.0, 0.5, -1.0],
    ];
    const thresholds = [0.5, 0.25, 0.25];
    expect(want.map((w) => JSON.parse(w))).toEqual(
      rows.map((x) => {
        const raw = consts.map((c, k) => dot(c, coeff[k], x));
        // (the engines shift every exponent by the largest, as titus does: lib/m/link.ts)
        const top = Math.max(...raw);
        const e = raw.map((r) => Math.exp(r - top));
        const total = e.reduce((s, v) => s + v, 0);
        const prob = e.map((v) => v / total);
        const scaled = prob.map((p, k) => p / thresholds[k]);
        return { rawPrediction: raw, prediction: scaled.indexOf(Math.max(...scaled)), probability: prob };
      }),
    );
  });

  it('k-means: the id of the closest of four centers', async () => {
    const rows = [
      [1, 1, 1],
      [4, 4, 1],
      [-3, 0, 3],
      [0, 4, 4],
      [2.5, 2.5, 0],
    ];
    const want = await sameTextAnswers(model('spark-kmeans'), rows.map(features));
    const centers = [
      [0, 0, 0],
      [5, 5, 0],
      [0, 5, 5],
      [-4, 1, 2.5],
    ];
    const d2 = (a: number[], b: number[]) => a.reduce((s, ai, i) => s + (ai - b[i]) ** 2, 0);
    // The last row is as far from centers 0 and 1: the first of equal distances wins.
    expect(want).toEqual(
      rows.map((x) => {
        const d = centers.map((c) => d2(x, c));
        return JSON.stringify({ prediction: d.indexOf(Math.min(...d)) });
      }),
    );
  });

  it('gradient-boosted trees: an index-addressed walk per tree, partially applied with fill, weighted', async () => {
    const doc = model('spark-gbt-regression');
    const rows = [
      [1, 0.5, 3],
      [3, -2, 0],
      [5, 0, 2],
      [2.5, -1, 1],
      [0, 7, 1.5],
    ];
    const want = await sameTextAnswers(doc, rows.map(features));
    type Branch = { double: number } | Record<string, SparkNode>;
    interface SparkNode {
      splitType: number;
      featureIndex: number;
      catVals: number[];
      threshold: number;
      pass: Branch;
      fail: Branch;
    }
    const ensemble = Object.values(doc.cells as Record<string, { init: { trees: SparkNode[]; weights: number[] } }>)[0]
      .init;
    const walk = (t: SparkNode, x: number[]): number => {
      const v = x[t.featureIndex];
      const next = (t.splitType === 1 ? v <= t.threshold : t.catVals.includes(v)) ? t.pass : t.fail;
      return 'double' in next ? (next.double as number) : walk(Object.values(next)[0] as SparkNode, x);
    };
    expect(want).toEqual(
      rows.map((x) =>
        JSON.stringify({ prediction: ensemble.trees.reduce((s, t, i) => s + walk(t, x) * ensemble.weights[i], 0) }),
      ),
    );
    expect(want[0]).toBe('{"prediction":1.4375}');
  });
});
