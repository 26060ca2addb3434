/**
 * The `model.neighbor` namespace (spec sec. "Nearest neighbor models"): the k nearest codebook
 * entries, the entries within a radius, and the (weighted) mean of a set of points.
 */
import { WasmCall, defineFunction, defineNamespace } from '../registry.js';
import { AvroType } from '../../types/avro.js';
import { wasmLowestN, wasmSquaredDistances } from '../util/nearestWasm.js';
import { lowestN, squaredDistance } from '../util/nearest.js';
import { RT } from '../../backend/wasm/emit/names.js';

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
  // Without a weight function w is 1, and 1 * p[i] is p[i] exactly.
  wasm: (c) => {
    const points = c.args[0];
    c.emit(`if (${points}.length == 0) ${c.fail('notEnoughPoints')}`);
    const dim = c.temp('i32', `unchecked(${points}[0]).length`);
    const numer = c.temp('Array<f64>', `new Array<f64>(${dim})`);
    const denom = c.temp('f64', '0.0');
    const n = c.temp('i32', '0');
    c.block(`for (; ${n} < ${points}.length; ${n}++)`, () => {
      c.emit(c.clock());
      const p = c.temp('Array<f64>', `unchecked(${points}[${n}])`);
      c.emit(`if (${p}.length != ${dim}) ${c.fail('inconsistentDimensionality')}`);
      const w = c.temp('f64', c.site.sig === 1 ? c.fcn(1).apply([p]) : '1.0');
      const i = c.temp('i32', '0');
      c.emit(`for (; ${i} < ${dim}; ${i}++) unchecked(${numer}[${i}] += ${w} * ${p}[${i}]);`);
      c.emit(`${denom} += ${w};`);
    });
    const j = c.temp('i32', '0');
    c.emit(`for (; ${j} < ${dim}; ${j}++) ${RT.setAt}(${numer}, ${j}, ${numer}[${j}] / ${denom});`);
    return numer;
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
  wasm: (c) => {
    const [k, datum, codebook] = c.args;
    const B = c.type((c.site.params[2] as Extract<AvroType, { kind: 'array' }>).items);
    c.emit(`if (${k} < 0) ${c.fail('kMustBeNonnegative')}`);
    if (c.site.sig === 0) {
      const m = c.temp('i32', '0');
      c.emit(
        `for (; ${m} < ${codebook}.length; ${m}++) if (unchecked(${codebook}[${m}]).length != ${datum}.length) ${c.fail('inconsistentDimensionality')}`,
      );
    }
    const distances =
      c.site.sig === 0 ? wasmSquaredDistances(c, datum, codebook) : metricDistances(c, datum, codebook, B);
    const order = wasmLowestN(c, distances, k);
    const out = c.temp(`Array<${B}>`, `new Array<${B}>(0)`);
    const j = c.temp('i32', '0');
    c.emit(`for (; ${j} < ${order}.length; ${j}++) ${out}.push(unchecked(${codebook}[unchecked(${order}[${j}])]));`);
    return out;
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
  wasm: (c) => {
    const [r, datum, codebook] = c.args;
    const B = c.type((c.site.params[2] as Extract<AvroType, { kind: 'array' }>).items);
    const out = c.temp(`Array<${B}>`, `new Array<${B}>(0)`);
    if (c.site.sig === 0) {
      // Every distance first (they raise nothing), then the points within r in order.
      const distances = wasmSquaredDistances(c, datum, codebook);
      const j = c.temp('i32', '0');
      c.emit(
        `for (; ${j} < ${codebook}.length; ${j}++) if (Math.sqrt(unchecked(${distances}[${j}])) < ${r}) ${out}.push(unchecked(${codebook}[${j}]));`,
      );
      return out;
    }
    const i = c.temp('i32', '0');
    c.block(`for (; ${i} < ${codebook}.length; ${i}++)`, () => {
      c.emit(c.clock());
      const x = c.temp(B, `unchecked(${codebook}[${i}])`);
      c.emit(`if (${c.fcn(3).apply([datum, x])} < ${r}) ${out}.push(${x});`);
    });
    return out;
  },
});

/** The metric's distance from `datum` to each point of `codebook` (items of AS type B), in order. */
function metricDistances(c: WasmCall, datum: string, codebook: string, B: string): string {
  const distances = c.temp('Array<f64>', 'new Array<f64>(0)');
  const i = c.temp('i32', '0');
  c.block(`for (; ${i} < ${codebook}.length; ${i}++)`, () => {
    c.emit(c.clock());
    const x = c.temp(B, `unchecked(${codebook}[${i}])`);
    c.emit(`${distances}.push(${c.fcn(3).apply([datum, x])});`);
  });
  return distances;
}

export default defineNamespace('model.neighbor', [mean, nearestK, ballR]);
