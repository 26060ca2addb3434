/**
 * The `model.neighbor` namespace (spec sec. "Nearest neighbor models"): the k nearest codebook
 * entries, the entries within a radius, and the (weighted) mean of a set of points.
 */
import { defineFunction, defineNamespace } from '../registry.js';
import { lowestN, squaredDistance } from '../util/nearest.js';

type Metric = (a: unknown, b: unknown) => number;

const mean = defineFunction({
  name: 'model.neighbor.mean',
  sigs: [
    '(points: array<array<double>>) -> array<double>',
    '(points: array<array<double>>, weight: fcn(array<double>) -> double) -> array<double>',
  ],
  errors: { notEnoughPoints: 30000, inconsistentDimensionality: 30001 },
  js: (site) => (points: number[][], weight?: (p: number[]) => number) => {
    if (points.length === 0) return site.fail('notEnoughPoints');
    const dim = points[0].length;
    const numer = new Array<number>(dim).fill(0);
    let denom = 0;
    for (const p of points) {
      if (p.length !== dim) return site.fail('inconsistentDimensionality');
      const w = weight ? weight(p) : 1;
      for (let i = 0; i < dim; i++) numer[i] += w * p[i];
      denom += w;
    }
    return numer.map((x) => x / denom);
  },
});

const nearestK = defineFunction({
  name: 'model.neighbor.nearestK',
  sigs: [
    '(k: int, datum: array<double>, codebook: array<array<double>>) -> array<array<double>>',
    '(k: int, datum: any A, codebook: array<any B>, metric: fcn(A, B) -> double) -> array<B>',
  ],
  errors: { kMustBeNonnegative: 30010, inconsistentDimensionality: 30011 },
  js: (site) => (k: number, datum: unknown, codebook: unknown[], metric?: Metric) => {
    if (k < 0) return site.fail('kMustBeNonnegative');
    let distances: number[];
    if (metric) distances = codebook.map((x) => metric(datum, x));
    else {
      const d = datum as number[];
      if (codebook.some((x) => (x as number[]).length !== d.length)) return site.fail('inconsistentDimensionality');
      distances = codebook.map((x) => squaredDistance(d, x as number[]));
    }
    return lowestN(distances, k).map((i) => codebook[i]);
  },
});

const ballR = defineFunction({
  name: 'model.neighbor.ballR',
  sigs: [
    '(r: double, datum: array<double>, codebook: array<array<double>>) -> array<array<double>>',
    '(r: double, datum: any A, codebook: array<any B>, metric: fcn(A, B) -> double) -> array<B>',
  ],
  js: () => (r: number, datum: unknown, codebook: unknown[], metric?: Metric) => {
    const distance = metric ?? ((a: unknown, b: unknown) => Math.sqrt(squaredDistance(a as number[], b as number[])));
    const out: unknown[] = [];
    for (const x of codebook) if (distance(datum, x) < r) out.push(x);
    return out;
  },
});

export default defineNamespace('model.neighbor', [mean, nearestK, ballR]);
