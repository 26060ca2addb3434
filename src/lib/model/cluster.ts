/**
 * The `model.cluster` namespace (spec sec. "Cluster models"): nearest cluster centers, random
 * seeding and one k-means (Lloyd) iteration. Without a metric, distances are squared Euclidean
 * over the common length of the vectors (the ordering is the same as Euclidean's).
 */
import { defineFunction, defineNamespace } from '../registry.js';
import { PfaRecord, valuesEqual } from '../../types/values.js';
import { updateRecord } from '../util/record.js';
import { divide } from '../util/division.js';
import { lowest, lowestN, squaredDistance } from '../util/nearest.js';

type Metric = (a: unknown, b: unknown) => number;

function distancesTo(datum: unknown, clusters: PfaRecord[], metric: Metric | undefined): number[] {
  return metric
    ? clusters.map((c) => metric(datum, c.center))
    : clusters.map((c) => squaredDistance(datum as number[], c.center as number[]));
}

const closest = defineFunction({
  name: 'model.cluster.closest',
  sigs: [
    '(datum: array<double>, clusters: array<record C {center: array<double>}>) -> C',
    '(datum: any A, clusters: array<record C {center: any B}>, metric: fcn(A, B) -> double) -> C',
  ],
  errors: { noClusters: 29000 },
  js: (site) => (datum: unknown, clusters: PfaRecord[], metric?: Metric) => {
    if (clusters.length === 0) return site.fail('noClusters');
    return clusters[lowest(distancesTo(datum, clusters, metric))];
  },
});

const closestN = defineFunction({
  name: 'model.cluster.closestN',
  sigs: [
    '(n: int, datum: array<double>, clusters: array<record C {center: array<double>}>) -> array<C>',
    '(n: int, datum: any A, clusters: array<record C {center: any B}>, metric: fcn(A, B) -> double) -> array<C>',
  ],
  errors: { nMustBeNonnegative: 29010 },
  js: (site) => (n: number, datum: unknown, clusters: PfaRecord[], metric?: Metric) => {
    if (n < 0) return site.fail('nMustBeNonnegative');
    return lowestN(distancesTo(datum, clusters, metric), n).map((i) => clusters[i]);
  },
});

/** The distinct vectors of `data` in first-seen order (equality as `==` on values: 0 equals -0, NaN nothing). */
function uniqueVectors(data: unknown[][]): unknown[][] {
  const out: unknown[][] = [];
  const seen = new Set<string>();
  for (const v of data) {
    // Vectors of finite numbers are keyed by text; anything else is compared one by one.
    if (v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      const key = v.map((x) => String((x as number) + 0)).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(v);
    } else if (!out.some((u) => valuesEqual(u, v))) out.push(v);
  }
  return out;
}

const randomSeeds = defineFunction({
  name: 'model.cluster.randomSeeds',
  sigs: ['(data: array<array<any A>>, k: int, newCluster: fcn(int, array<A>) -> record C {center: array<any B>}) -> array<C>'],
  errors: { kMustBeGreaterThanZero: 29020, notEnoughUniquePoints: 29021, dimensionsOfVectorsDoNotMatch: 29022 },
  nondeterministic: 'pseudorandom',
  js: (site) => (data: unknown[][], k: number, newCluster: (i: number, v: unknown[]) => PfaRecord) => {
    if (k <= 0) return site.fail('kMustBeGreaterThanZero');
    const uniques = uniqueVectors(data);
    if (uniques.length < k) return site.fail('notEnoughUniquePoints');
    if (uniques.some((u) => u.length !== uniques[0].length)) return site.fail('dimensionsOfVectorsDoNotMatch');
    // Fisher-Yates shuffle driven by the engine's seeded generator.
    for (let i = uniques.length - 1; i > 0; i--) {
      const j = Math.floor(site.engine.random() * (i + 1));
      [uniques[i], uniques[j]] = [uniques[j], uniques[i]];
    }
    const out: PfaRecord[] = [];
    for (let i = 0; i < k; i++) out.push(newCluster(i, uniques[i]));
    return out;
  },
});

const kmeansIteration = defineFunction({
  name: 'model.cluster.kmeansIteration',
  sigs: ['(data: array<array<any A>>, clusters: array<record C {center: array<any B>}>, metric: fcn(array<A>, array<B>) -> double, update: fcn(array<array<A>>, C) -> C) -> array<C>'],
  errors: { noData: 29030, noClusters: 29031 },
  js: (site) => (data: unknown[][], clusters: PfaRecord[], metric: Metric, update: (d: unknown[][], c: PfaRecord) => PfaRecord) => {
    if (data.length === 0) return site.fail('noData');
    if (clusters.length === 0) return site.fail('noClusters');
    const matched: unknown[][][] = clusters.map(() => []);
    for (const datum of data) {
      let best = 0, bestDistance = 0;
      for (let i = 0; i < clusters.length; i++) {
        const d = metric(datum, clusters[i].center);
        if (i === 0 || d < bestDistance) { best = i; bestDistance = d; }
      }
      matched[best].push(datum);
    }
    return clusters.map((c, i) => (matched[i].length === 0 ? c : update(matched[i], c)));
  },
});

const updateMean = defineFunction({
  name: 'model.cluster.updateMean',
  sigs: ['(data: array<array<double>>, cluster: record C {center: array<double>}, weight: double) -> C'],
  errors: { noData: 29040, dimensionsOfVectorsDoNotMatch: 29041 },
  js: (site) => (data: number[][], cluster: PfaRecord, weight: number) => {
    if (data.length === 0) return site.fail('noData');
    const dim = data[0].length;
    const sum = new Array<number>(dim).fill(0);
    for (const v of data) {
      if (v.length !== dim) return site.fail('dimensionsOfVectorsDoNotMatch');
      for (let i = 0; i < dim; i++) sum[i] += v[i];
    }
    const old = cluster.center as number[];
    if (old.length !== dim) return site.fail('dimensionsOfVectorsDoNotMatch');
    const denom = data.length + weight;
    return updateRecord(cluster, { center: sum.map((s, i) => divide(s + weight * old[i], denom)) });
  },
});

export default defineNamespace('model.cluster', [closest, closestN, randomSeeds, kmeansIteration, updateMean]);
