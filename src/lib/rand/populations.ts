/**
 * rand's draws from a population: one item, several with or without replacement, and an item
 * drawn with probability proportional to its weight (rand.histogram).
 */
import { CallSite, WasmCall, defineFunction } from '../registry.js';
import { PfaRecord } from '../../values.js';
import type { ArrayType } from '../../types/avro.js';
import { eachItem } from '../util/wasm.js';
import { RT } from '../../backend/wasm/emit/names.js';
import { PR, below, belowWasm } from './draws.js';

export const choice = defineFunction({
  name: 'rand.choice',
  sigs: ['(population: array<any A>) -> A'],
  errors: { populationMustNotBeEmpty: 34040 },
  nondeterministic: PR,
  js: (site) => (population: unknown[]) =>
    population.length === 0 ? site.fail('populationMustNotBeEmpty') : population[below(site.engine, population.length)],
  wasm: (c) => {
    const p = c.args[0];
    c.emit(`if (${p}.length == 0) ${c.fail('populationMustNotBeEmpty')}`);
    return c.temp(c.type(c.site.ret), `unchecked(${p}[<i32>${belowWasm(`<f64>${p}.length`)}])`);
  },
});

export const choices = defineFunction({
  name: 'rand.choices',
  sigs: ['(size: int, population: array<any A>) -> array<A>'],
  errors: { populationMustNotBeEmpty: 34050 },
  nondeterministic: PR,
  js: (site) => (size: number, population: unknown[]) => {
    if (population.length === 0) return site.fail('populationMustNotBeEmpty');
    const out: unknown[] = [];
    for (let i = 0; i < size; i++) out.push(population[below(site.engine, population.length)]);
    return out;
  },
  wasm: (c) => {
    const [size, p] = c.args;
    c.emit(`if (${p}.length == 0) ${c.fail('populationMustNotBeEmpty')}`);
    const T = c.type(c.site.ret);
    const out = c.temp(T, `new ${T}(0)`);
    const i = c.temp('i32', '0');
    c.block(`for (; ${i} < ${size}; ${i}++)`, () => {
      c.emit(c.clock());
      c.emit(`${out}.push(unchecked(${p}[<i32>${belowWasm(`<f64>${p}.length`)}]));`);
    });
    return out;
  },
});

/** Without replacement: the first `size` steps of a Fisher-Yates shuffle of a copy. */
export const sample = defineFunction({
  name: 'rand.sample',
  sigs: ['(size: int, population: array<any A>) -> array<A>'],
  errors: { populationMustNotBeEmpty: 34060, populationSmallerThanRequestedSubsample: 34061 },
  nondeterministic: PR,
  js: (site) => (size: number, population: unknown[]) => {
    if (population.length === 0) return site.fail('populationMustNotBeEmpty');
    if (population.length < size) return site.fail('populationSmallerThanRequestedSubsample');
    const pool = population.slice();
    const n = Math.max(0, size);
    for (let i = 0; i < n; i++) {
      const j = i + below(site.engine, pool.length - i);
      const t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    return pool.slice(0, n);
  },
  wasm: (c) => {
    const [size, p] = c.args;
    c.emit(`if (${p}.length == 0) ${c.fail('populationMustNotBeEmpty')}`);
    c.emit(`if (${p}.length < ${size}) ${c.fail('populationSmallerThanRequestedSubsample')}`);
    const T = c.type(c.site.ret);
    const pool = c.temp(T, `${p}.slice(0)`);
    const n = c.temp('i32', `max<i32>(0, ${size})`);
    const i = c.temp('i32', '0');
    c.block(`for (; ${i} < ${n}; ${i}++)`, () => {
      c.emit(c.clock());
      const j = c.temp('i32', `${i} + <i32>${belowWasm(`<f64>(${pool}.length - ${i})`)}`);
      const t = c.temp(c.type((c.site.params[1] as ArrayType).items), `unchecked(${pool}[${i}])`);
      c.emit(`${RT.setAt}(${pool}, ${i}, ${pool}[${j}]); ${RT.setAt}(${pool}, ${j}, ${t});`);
    });
    return c.temp(T, `${pool}.slice(0, ${n})`);
  },
});

type HistogramErrors = {
  distributionMustBeNonEmpty: number;
  distributionMustBeFinite: number;
  distributionMustBeNonNegative: number;
};

/**
 * An index drawn with probability proportional to its weight; weights are checked in order.
 * Weights are divided by the largest first, so that huge finite weights cannot sum to infinity.
 */
function drawIndex(site: CallSite<HistogramErrors>, weights: number[]): number {
  let max = 0;
  for (const w of weights) {
    if (!Number.isFinite(w)) return site.fail('distributionMustBeFinite');
    if (w < 0) return site.fail('distributionMustBeNonNegative');
    if (w > max) max = w;
  }
  if (max === 0) return site.fail('distributionMustBeNonEmpty');
  let total = 0;
  for (const w of weights) total += w / max;
  const r = site.engine.random() * total;
  let acc = 0;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] === 0) continue;
    acc += weights[i] / max;
    last = i;
    if (r < acc) return i;
  }
  return last; // r rounded up to the total: the last item with weight
}

/** Wasm drawIndex over `n` weights read by `weight(i)` (a pure f64 expression of an index local). */
function drawIndexWasm(c: WasmCall, n: string, weight: (i: string) => string): string {
  const max = c.temp('f64', '0.0');
  const i = c.temp('i32', '0');
  c.block(`for (; ${i} < ${n}; ${i}++)`, () => {
    c.emit(c.clock());
    const w = c.temp('f64', weight(i));
    c.emit(`if (!isFinite(${w})) ${c.fail('distributionMustBeFinite')}`);
    c.emit(`if (${w} < 0) ${c.fail('distributionMustBeNonNegative')}`);
    c.emit(`if (${w} > ${max}) ${max} = ${w};`);
  });
  c.emit(`if (${max} == 0) ${c.fail('distributionMustBeNonEmpty')}`);
  const total = c.temp('f64', '0.0');
  const j = c.temp('i32', '0');
  c.emit(`for (; ${j} < ${n}; ${j}++) { ${c.clock()} ${total} += ${weight(j)} / ${max}; }`);
  const r = c.temp('f64', `${RT.random}() * ${total}`);
  const acc = c.temp('f64', '0.0');
  const last = c.temp('i32', '0');
  const found = c.temp('i32', '-1');
  const k = c.temp('i32', '0');
  c.block(`for (; ${k} < ${n}; ${k}++)`, () => {
    c.emit(c.clock());
    const v = c.temp('f64', weight(k));
    c.emit(`if (${v} == 0) continue;`);
    c.emit(`${acc} += ${v} / ${max};`);
    c.emit(`${last} = ${k};`);
    c.emit(`if (${r} < ${acc}) { ${found} = ${k}; break; }`);
  });
  return c.temp('i32', `${found} >= 0 ? ${found} : ${last}`);
}

export const histogram = defineFunction({
  name: 'rand.histogram',
  sigs: ['(distribution: array<double>) -> int', '(distribution: array<record A {prob: double}>) -> A'],
  errors: { distributionMustBeNonEmpty: 34070, distributionMustBeFinite: 34071, distributionMustBeNonNegative: 34072 },
  nondeterministic: PR,
  js: (site) =>
    site.sig === 0
      ? (d: number[]) => drawIndex(site, d)
      : (d: PfaRecord[]) =>
          d[
            drawIndex(
              site,
              d.map((r) => r.prob as number),
            )
          ],
  wasm: (c) => {
    const d = c.args[0];
    if (c.site.sig === 0) return drawIndexWasm(c, `${d}.length`, (i) => `unchecked(${d}[${i}])`);
    const R = (c.site.params[0] as ArrayType).items;
    const probs = c.temp('Array<f64>', `new Array<f64>(${d}.length)`);
    eachItem(c, d, (r, i) => c.emit(`${RT.setAt}(${probs}, ${i}, ${c.field(R, r, 'prob')});`));
    const at = drawIndexWasm(c, `${probs}.length`, (i) => `unchecked(${probs}[${i}])`);
    return c.temp(c.type(c.site.ret), `unchecked(${d}[${at}])`);
  },
});
