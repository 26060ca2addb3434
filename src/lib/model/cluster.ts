/**
 * The `model.cluster` namespace (spec sec. "Cluster models"): nearest cluster centers, random
 * seeding and one k-means (Lloyd) iteration. Without a metric, distances are squared Euclidean
 * over the common length of the vectors (the ordering is the same as Euclidean's).
 */
import { WasmCall, defineFunction, defineNamespace } from '../registry.js';
import { AvroType, RecordType } from '../../types/avro.js';
import { wasmLowestN, wasmSquaredDistance } from '../util/nearestWasm.js';
import { clockedLoop, wasmEquals } from '../util/wasm.js';
import { PfaRecord, valuesEqual } from '../../values.js';
import { updateRecord } from '../util/record.js';
import { divide } from '../util/division.js';
import { lowest, lowestN, squaredDistance } from '../util/nearest.js';
import { RT } from '../../backend/wasm/emit/names.js';

type Metric = (a: unknown, b: unknown) => number;

function distancesTo(datum: unknown, clusters: PfaRecord[], metric: Metric | undefined): number[] {
  return metric
    ? clusters.map((c) => metric(datum, c.center))
    : clusters.map((c) => squaredDistance(datum as number[], c.center as number[]));
}

/**
 * distancesTo's loop in AS: `each(i, d)` gets the distance d of the datum to cluster i's center,
 * in cluster order (`metric` is the index of the function argument, or undefined for squared
 * Euclidean).
 */
function wasmEachDistance(
  c: WasmCall,
  datum: string,
  clusters: string,
  C: RecordType,
  metric: number | undefined,
  each: (i: string, d: string) => void,
): void {
  const i = c.temp('i32', '0');
  // (the clusters do not change during the loop: their length and items are read once, through a
  // view of the data, not reloaded from the Array for each cluster; see eachItem)
  const n = c.temp('i32', `${clusters}.length`);
  const items = c.temp(`StaticArray<${c.type(C)}>`, `${RT.itemsOf}(${clusters})`);
  // (the clusters charged to the clock as they come, the metric's own loops charge their items)
  clockedLoop(c, i, n, () => {
    const center = c.temp(c.type(fieldOf(C, 'center')), c.field(C, `unchecked(${items}[${i}])`, 'center'));
    const d = metric === undefined ? wasmSquaredDistance(c, datum, center) : c.fcn(metric).apply([datum, center]);
    each(i, c.temp('f64', d));
  });
}

/** distancesTo in AS: the distances as an array, in cluster order. */
function wasmDistancesTo(
  c: WasmCall,
  datum: string,
  clusters: string,
  C: RecordType,
  metric: number | undefined,
): string {
  const out = c.temp('Array<f64>', 'new Array<f64>(0)');
  wasmEachDistance(c, datum, clusters, C, metric, (_, d) => c.emit(`${out}.push(${d});`));
  return out;
}

function fieldOf(r: RecordType, name: string): AvroType {
  return r.fields.find((f) => f.name === name)!.type;
}

function clusterType(c: WasmCall, i: number): RecordType {
  const t = c.site.params[i] as AvroType;
  if (t.kind !== 'array' || t.items.kind !== 'record')
    throw new Error('internal: clusters must be an array of records');
  return t.items;
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
  // lowest(): the first index whose distance is strictly below every earlier one's, kept as a
  // running minimum while the distances are made (no array of them: the same comparisons).
  wasm: (c) => {
    const [datum, clusters] = c.args;
    c.emit(`if (${clusters}.length == 0) ${c.fail('noClusters')}`);
    const best = c.temp('i32', '0');
    const bestD = c.temp('f64', '0.0');
    wasmEachDistance(c, datum, clusters, clusterType(c, 1), c.site.sig === 1 ? 2 : undefined, (i, d) =>
      c.emit(`if (${i} == 0 || ${d} < ${bestD}) { ${best} = ${i}; ${bestD} = ${d}; }`),
    );
    return `unchecked(${clusters}[${best}])`;
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
  wasm: (c) => {
    const [n, datum, clusters] = c.args;
    const C = clusterType(c, 2);
    c.emit(`if (${n} < 0) ${c.fail('nMustBeNonnegative')}`);
    const order = wasmLowestN(c, wasmDistancesTo(c, datum, clusters, C, c.site.sig === 1 ? 3 : undefined), n);
    const out = c.temp(`Array<${c.type(C)}>`, `new Array<${c.type(C)}>(0)`);
    const i = c.temp('i32', '0');
    c.emit(`for (; ${i} < ${order}.length; ${i}++) ${out}.push(unchecked(${clusters}[unchecked(${order}[${i}])]));`);
    return out;
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
  sigs: [
    '(data: array<array<any A>>, k: int, newCluster: fcn(int, array<A>) -> record C {center: array<any B>}) -> array<C>',
  ],
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
  // uniqueVectors keeps a vector unless an earlier kept one equals it as sameItem says (0 equals
  // -0; NaN equals NaN as in valuesEqual; the text keys of finite vectors agree with this).
  wasm: (c) => {
    const [data, k] = c.args;
    const D = c.site.params[0] as AvroType;
    if (D.kind !== 'array' || D.items.kind !== 'array') throw new Error('internal: data must be array<array<A>>');
    const V = c.type(D.items);
    c.emit(`if (${k} <= 0) ${c.fail('kMustBeGreaterThanZero')}`);
    const uniques = c.temp(`Array<${V}>`, `new Array<${V}>(0)`);
    const i = c.temp('i32', '0');
    c.block(`for (; ${i} < ${data}.length; ${i}++)`, () => {
      c.emit(c.clock());
      const v = c.temp(V, `unchecked(${data}[${i}])`);
      const seen = c.temp('bool', 'false');
      const j = c.temp('i32', '0');
      c.block(`for (; ${j} < ${uniques}.length && !${seen}; ${j}++)`, () => {
        c.emit(c.clock());
        const u = c.temp(V, `unchecked(${uniques}[${j}])`);
        c.emit(`${seen} = ${wasmEquals(c, D.items, u, v)};`);
      });
      c.emit(`if (!${seen}) ${uniques}.push(${v});`);
    });
    c.emit(`if (${uniques}.length < ${k}) ${c.fail('notEnoughUniquePoints')}`);
    const m = c.temp('i32', '0');
    c.emit(
      `for (; ${m} < ${uniques}.length; ${m}++) if (unchecked(${uniques}[${m}]).length != unchecked(${uniques}[0]).length) ${c.fail('dimensionsOfVectorsDoNotMatch')}`,
    );
    // Fisher-Yates shuffle driven by the engine's seeded generator (the same draws as the JS form).
    const s = c.temp('i32', `${uniques}.length - 1`);
    c.block(`for (; ${s} > 0; ${s}--)`, () => {
      const r = c.temp('i32', `<i32>Math.floor(${RT.random}() * <f64>(${s} + 1))`);
      const tmp = c.temp(V, `unchecked(${uniques}[${s}])`);
      c.emit(`${RT.setAt}(${uniques}, ${s}, ${uniques}[${r}]); ${RT.setAt}(${uniques}, ${r}, ${tmp});`);
    });
    const C = c.type(c.fcn(2).ret);
    const out = c.temp(`Array<${C}>`, `new Array<${C}>(0)`);
    const n = c.temp('i32', '0');
    c.block(`for (; ${n} < ${k}; ${n}++)`, () => {
      c.emit(`${out}.push(${c.fcn(2).apply([n, `unchecked(${uniques}[${n}])`])});`);
    });
    return out;
  },
});

const kmeansIteration = defineFunction({
  name: 'model.cluster.kmeansIteration',
  sigs: [
    '(data: array<array<any A>>, clusters: array<record C {center: array<any B>}>, metric: fcn(array<A>, array<B>) -> double, update: fcn(array<array<A>>, C) -> C) -> array<C>',
  ],
  errors: { noData: 29030, noClusters: 29031 },
  js:
    (site) =>
    (data: unknown[][], clusters: PfaRecord[], metric: Metric, update: (d: unknown[][], c: PfaRecord) => PfaRecord) => {
      if (data.length === 0) return site.fail('noData');
      if (clusters.length === 0) return site.fail('noClusters');
      const matched: unknown[][][] = clusters.map(() => []);
      for (const datum of data) {
        let best = 0,
          bestDistance = 0;
        for (let i = 0; i < clusters.length; i++) {
          const d = metric(datum, clusters[i].center);
          if (i === 0 || d < bestDistance) {
            best = i;
            bestDistance = d;
          }
        }
        matched[best].push(datum);
      }
      return clusters.map((c, i) => (matched[i].length === 0 ? c : update(matched[i], c)));
    },
  wasm: (c) => {
    const [data, clusters] = c.args;
    const C = clusterType(c, 1);
    const V = c.type((c.site.params[0] as Extract<AvroType, { kind: 'array' }>).items);
    c.emit(`if (${data}.length == 0) ${c.fail('noData')}`);
    c.emit(`if (${clusters}.length == 0) ${c.fail('noClusters')}`);
    const matched = c.temp(`Array<Array<${V}>>`, `new Array<Array<${V}>>(0)`);
    const m = c.temp('i32', '0');
    c.emit(`for (; ${m} < ${clusters}.length; ${m}++) ${matched}.push(new Array<${V}>(0));`);
    const n = c.temp('i32', '0');
    c.block(`for (; ${n} < ${data}.length; ${n}++)`, () => {
      c.emit(c.clock());
      const datum = c.temp(V, `unchecked(${data}[${n}])`);
      const best = c.temp('i32', '0'),
        bestDistance = c.temp('f64', '0.0');
      const i = c.temp('i32', '0');
      c.block(`for (; ${i} < ${clusters}.length; ${i}++)`, () => {
        c.emit(c.clock());
        const center = c.temp(c.type(fieldOf(C, 'center')), c.field(C, `unchecked(${clusters}[${i}])`, 'center'));
        const d = c.temp('f64', c.fcn(2).apply([datum, center]));
        c.emit(`if (${i} == 0 || ${d} < ${bestDistance}) { ${best} = ${i}; ${bestDistance} = ${d}; }`);
      });
      c.emit(`unchecked(${matched}[${best}]).push(${datum});`);
    });
    const out = c.temp(`Array<${c.type(C)}>`, `new Array<${c.type(C)}>(0)`);
    const j = c.temp('i32', '0');
    c.block(`for (; ${j} < ${clusters}.length; ${j}++)`, () => {
      c.block(`if (unchecked(${matched}[${j}]).length == 0) ${out}.push(unchecked(${clusters}[${j}])); else`, () => {
        c.emit(`${out}.push(${c.fcn(3).apply([`unchecked(${matched}[${j}])`, `unchecked(${clusters}[${j}])`])});`);
      });
    });
    return out;
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
  wasm: (c) => {
    const [data, cluster, weight] = c.args;
    const C = c.site.params[1] as RecordType;
    c.emit(`if (${data}.length == 0) ${c.fail('noData')}`);
    const dim = c.temp('i32', `unchecked(${data}[0]).length`);
    const sum = c.temp('Array<f64>', `new Array<f64>(${dim})`);
    const n = c.temp('i32', '0');
    c.block(`for (; ${n} < ${data}.length; ${n}++)`, () => {
      c.emit(c.clock());
      const v = c.temp('Array<f64>', `unchecked(${data}[${n}])`);
      c.emit(`if (${v}.length != ${dim}) ${c.fail('dimensionsOfVectorsDoNotMatch')}`);
      const i = c.temp('i32', '0');
      c.emit(`for (; ${i} < ${dim}; ${i}++) unchecked(${sum}[${i}] += ${v}[${i}]);`);
    });
    const old = c.temp('Array<f64>', c.field(C, cluster, 'center'));
    c.emit(`if (${old}.length != ${dim}) ${c.fail('dimensionsOfVectorsDoNotMatch')}`);
    const denom = c.temp('f64', `<f64>${data}.length + ${weight}`);
    const center = c.temp('Array<f64>', `new Array<f64>(${dim})`);
    const j = c.temp('i32', '0');
    c.emit(
      `for (; ${j} < ${dim}; ${j}++) ${RT.setAt}(${center}, ${j}, ${RT.divide}(${sum}[${j}] + ${weight} * ${old}[${j}], ${denom}));`,
    );
    return c.record(
      C,
      C.fields.map((f) => (f.name === 'center' ? center : c.field(C, cluster, f.name))),
    );
  },
});

export default defineNamespace('model.cluster', [closest, closestN, randomSeeds, kmeansIteration, updateMean]);
