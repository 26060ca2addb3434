/**
 * The `rand` namespace: pseudorandom numbers, strings, bytes, samples and UUIDs. Every draw comes
 * from `site.engine.random()` (the engine's generator, seeded by `randseed`), so a scoring engine
 * with a seed is reproducible; nothing here uses Math.random or crypto.
 */
import { CallSite, EngineServices, WasmCall, defineFunction, defineNamespace } from './registry.js';
import { PfaRecord } from '../values.js';
import type { ArrayType } from '../types/avro.js';
import { eachItem, sizedArray } from './util/wasm.js';
import { T } from '../types/avro.js';
import { RT } from '../backend/wasm/emit/names.js';
import * as fdlibm from './util/fdlibm/index.js';

const PR = 'pseudorandom' as const;
const TWO_32 = 2 ** 32;

/** A uniform integer in [0, n) for n <= 2^53 (one draw). */
function below(rng: EngineServices, n: number): number {
  return Math.floor(rng.random() * n);
}

/** A uniform 64-bit pattern as an unsigned bigint, from two 32-bit draws. */
function bits64(rng: EngineServices): bigint {
  const hi = BigInt(below(rng, TWO_32));
  const lo = BigInt(below(rng, TWO_32));
  return (hi << 32n) | lo;
}

/** A uniform bigint in [0, n), 0 < n <= 2^64, by rejection of the incomplete last block. */
function belowBig(rng: EngineServices, n: bigint): bigint {
  const span = 1n << 64n;
  const limit = span - (span % n);
  for (;;) {
    const u = bits64(rng);
    if (u < limit) return u % n;
  }
}

type HighLow = { highMustBeGreaterThanLow: number };

// Wasm forms draw from rt.random() (the engine's generator) exactly where and as often as the JS
// forms call site.engine.random(); rand.long's 64-bit draws are in assembly/lib/rand.ts.

/** Wasm below(): floor(random() * n) for an f64 expression n, as an f64. */
function belowWasm(n: string): string {
  return `Math.floor(${RT.random}() * ${n})`;
}

/** Wasm between(): a uniform double in [low, high) (f64 expressions that are pure). */
function betweenWasm(c: WasmCall, low: string, high: string): string {
  const r = c.temp('f64', `${RT.random}()`);
  const width = c.temp('f64', `${high} - ${low}`);
  return c.temp('f64', `isFinite(${width}) ? ${low} + ${r} * ${width} : ${r} * ${high} + (1.0 - ${r}) * ${low}`);
}

/** A uniform double in [low, high), also when high - low overflows (e.g. -1e308 to 1e308). */
function between(rng: EngineServices, low: number, high: number): number {
  const r = rng.random();
  const width = high - low;
  return Number.isFinite(width) ? low + r * width : r * high + (1 - r) * low;
}

const int = defineFunction({
  name: 'rand.int',
  sigs: ['() -> int', '(low: int, high: int) -> int'],
  errors: { highMustBeGreaterThanLow: 34000 },
  nondeterministic: PR,
  js: (site: CallSite<HighLow>) =>
    site.sig === 0
      ? () => below(site.engine, TWO_32) - 2 ** 31
      : (low: number, high: number) =>
          high <= low ? site.fail('highMustBeGreaterThanLow') : low + below(site.engine, high - low),
  wasm: (c) => {
    if (c.site.sig === 0) return c.temp('i32', `<i32>(${belowWasm('4294967296.0')} - 2147483648.0)`);
    const [low, high] = c.args;
    c.emit(`if (${high} <= ${low}) ${c.fail('highMustBeGreaterThanLow')}`);
    return c.temp('i32', `<i32>(<f64>${low} + ${belowWasm(`(<f64>${high} - <f64>${low})`)})`);
  },
});

const long = defineFunction({
  name: 'rand.long',
  sigs: ['() -> long', '(low: long, high: long) -> long'],
  errors: { highMustBeGreaterThanLow: 34010 },
  nondeterministic: PR,
  js: (site: CallSite<HighLow>) =>
    site.sig === 0
      ? () => BigInt.asIntN(64, bits64(site.engine))
      : (low: bigint, high: bigint) =>
          high <= low ? site.fail('highMustBeGreaterThanLow') : low + belowBig(site.engine, high - low),
  // i64 arithmetic wraps: high - low as u64 is the bigint difference, and low + the draw is in range.
  wasm: (c) => {
    if (c.site.sig === 0) return c.temp('i64', `<i64>${RT.randBits64}()`);
    const [low, high] = c.args;
    c.emit(`if (${high} <= ${low}) ${c.fail('highMustBeGreaterThanLow')}`);
    return c.temp('i64', `${low} + <i64>${RT.randBelowU64}(<u64>(${high} - ${low}))`);
  },
});

const float = defineFunction({
  name: 'rand.float',
  sigs: ['(low: float, high: float) -> float'],
  errors: { highMustBeGreaterThanLow: 34020 },
  nondeterministic: PR,
  js: (site) => (low: number, high: number) =>
    high <= low ? site.fail('highMustBeGreaterThanLow') : Math.fround(between(site.engine, low, high)),
  wasm: (c) => {
    const [low, high] = c.args;
    c.emit(`if (${high} <= ${low}) ${c.fail('highMustBeGreaterThanLow')}`);
    return `<f32>${betweenWasm(c, `<f64>${low}`, `<f64>${high}`)}`;
  },
});

const double = defineFunction({
  name: 'rand.double',
  sigs: ['(low: double, high: double) -> double'],
  errors: { highMustBeGreaterThanLow: 34030 },
  nondeterministic: PR,
  js: (site) => (low: number, high: number) =>
    high <= low ? site.fail('highMustBeGreaterThanLow') : between(site.engine, low, high),
  wasm: (c) => {
    const [low, high] = c.args;
    c.emit(`if (${high} <= ${low}) ${c.fail('highMustBeGreaterThanLow')}`);
    return betweenWasm(c, low, high);
  },
});

const choice = defineFunction({
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

const choices = defineFunction({
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
const sample = defineFunction({
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

const histogram = defineFunction({
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

type SizeRange<E extends string> = {
  sizeMustBePositive: number;
  highMustBeGreaterThanLow: number;
  populationMustBeNonEmpty: number;
} & Record<E, number>;

/**
 * Without a range, code points are drawn from 1 to 0xD7FF: the spec says "up to and including
 * 0xD800", but U+D800 is a lone surrogate that no string encoding can carry.
 */
const string = defineFunction({
  name: 'rand.string',
  sigs: [
    '(size: int) -> string',
    '(size: int, population: string) -> string',
    '(size: int, low: int, high: int) -> string',
  ],
  errors: {
    sizeMustBePositive: 34080,
    highMustBeGreaterThanLow: 34081,
    invalidChar: 34082,
    populationMustBeNonEmpty: 34083,
  },
  nondeterministic: PR,
  // The same checks in the same order and one draw per code point, in the kernel; the host gives
  // a population's code points and makes the string (it holds text).
  wasm: (c) => {
    const size = c.args[0];
    c.emit(`if (${size} <= 0) ${c.fail('sizeMustBePositive')}`);
    let pick: string;
    if (c.site.sig === 0)
      pick = `1 + <i32>${belowWasm('55295.0')}`; // 1 + below(0xD7FF)
    else if (c.site.sig === 1) {
      const cps = c.codePoints(c.args[1]);
      c.emit(`if (${cps}.length == 0) ${c.fail('populationMustBeNonEmpty', 'population must be non-empty')}`);
      pick = `unchecked(${cps}[<i32>${belowWasm(`<f64>${cps}.length`)}])`;
    } else {
      const [, low, high] = c.args;
      c.emit(`if (${high} <= ${low}) ${c.fail('highMustBeGreaterThanLow')}`);
      c.emit(`if (${low} < 1 || ${low} > 0xd800 || ${high} < 1 || ${high} > 0xd800) ${c.fail('invalidChar')}`);
      pick = `<i32>(<f64>${low} + ${belowWasm(`(<f64>${high} - <f64>${low})`)})`;
    }
    const out = sizedArray(c, T.int, size);
    const i = c.temp('i32', '0');
    c.emit(`for (; ${i} < ${size}; ${i}++) ${RT.setAt}(${out}, ${i}, ${pick});`);
    return c.fromCodePoints(out);
  },
  js: (site: CallSite<SizeRange<'invalidChar'>>) => {
    const draw = (size: number, pick: () => number): string => {
      const cps: number[] = [];
      for (let i = 0; i < size; i++) cps.push(pick());
      return String.fromCodePoint(...cps);
    };
    switch (site.sig) {
      case 0:
        return (size: number) =>
          size <= 0 ? site.fail('sizeMustBePositive') : draw(size, () => 1 + below(site.engine, 0xd7ff));
      case 1:
        return (size: number, population: string) => {
          if (size <= 0) return site.fail('sizeMustBePositive');
          const cps = Array.from(population, (c) => c.codePointAt(0) as number); // code points, not UTF-16 units
          if (cps.length === 0) return site.fail('populationMustBeNonEmpty', 'population must be non-empty');
          return draw(size, () => cps[below(site.engine, cps.length)]);
        };
      default:
        return (size: number, low: number, high: number) => {
          if (size <= 0) return site.fail('sizeMustBePositive');
          if (high <= low) return site.fail('highMustBeGreaterThanLow');
          if (low < 1 || low > 0xd800 || high < 1 || high > 0xd800) return site.fail('invalidChar');
          return draw(size, () => low + below(site.engine, high - low));
        };
    }
  },
});

const bytes = defineFunction({
  name: 'rand.bytes',
  sigs: [
    '(size: int) -> bytes',
    '(size: int, population: bytes) -> bytes',
    '(size: int, low: int, high: int) -> bytes',
  ],
  errors: {
    sizeMustBePositive: 34090,
    highMustBeGreaterThanLow: 34091,
    invalidByte: 34092,
    populationMustBeNonEmpty: 34093,
  },
  nondeterministic: PR,
  js: (site: CallSite<SizeRange<'invalidByte'>>) => {
    const draw = (size: number, pick: () => number): Uint8Array => {
      const out = new Uint8Array(size);
      for (let i = 0; i < size; i++) out[i] = pick();
      return out;
    };
    switch (site.sig) {
      case 0:
        return (size: number) =>
          size <= 0 ? site.fail('sizeMustBePositive') : draw(size, () => below(site.engine, 256));
      case 1:
        return (size: number, population: Uint8Array) => {
          if (size <= 0) return site.fail('sizeMustBePositive');
          if (population.length === 0) return site.fail('populationMustBeNonEmpty', 'population must be non-empty');
          return draw(size, () => population[below(site.engine, population.length)]);
        };
      default:
        return (size: number, low: number, high: number) => {
          if (size <= 0) return site.fail('sizeMustBePositive');
          if (high <= low) return site.fail('highMustBeGreaterThanLow');
          if (low < 0 || low > 255 || high < 0 || high > 256) return site.fail('invalidByte');
          return draw(size, () => low + below(site.engine, high - low));
        };
    }
  },
  // The same checks in the same order, and one draw per byte from the engine's generator, as above.
  wasm: (c) => {
    const size = c.args[0];
    c.emit(`if (${size} <= 0) ${c.fail('sizeMustBePositive')}`);
    let pick: string;
    if (c.site.sig === 0) pick = belowWasm('256.0');
    else if (c.site.sig === 1) {
      const pop = c.args[1];
      c.emit(`if (${pop}.length == 0) ${c.fail('populationMustBeNonEmpty', 'population must be non-empty')}`);
      pick = `unchecked(${pop}[<i32>${belowWasm(`<f64>${pop}.length`)}])`;
    } else {
      const [, low, high] = c.args;
      c.emit(`if (${high} <= ${low}) ${c.fail('highMustBeGreaterThanLow')}`);
      c.emit(`if (${low} < 0 || ${low} > 255 || ${high} < 0 || ${high} > 256) ${c.fail('invalidByte')}`);
      pick = `<u8>(<f64>${low} + ${belowWasm(`(<f64>${high} - <f64>${low})`)})`;
    }
    const out = c.temp('Uint8Array', `new Uint8Array(${size})`);
    const i = c.temp('i32', '0');
    c.emit(`for (; ${i} < ${size}; ${i}++) unchecked(${out}[${i}] = <u8>${pick});`);
    return out;
  },
});

/**
 * uuid4's Wasm form: the same 30 draws in order, each a lowercase hex digit's code point, with the
 * dashes and the fixed 4 and 8 in place; the host makes the string.
 */
function uuid4Wasm(c: WasmCall): string {
  const out = sizedArray(c, T.int, '36');
  const i = c.temp('i32', '0');
  const d = c.temp('i32', '0');
  c.block(`for (; ${i} < 36; ${i}++)`, () => {
    c.emit(`${d} = ${i} == 8 || ${i} == 13 || ${i} == 18 || ${i} == 23 ? 45 : ${i} == 14 ? 52 : ${i} == 19 ? 56 : -1;`);
    c.block(`if (${d} < 0)`, () => {
      c.emit(`${d} = <i32>${belowWasm('16.0')};`);
      c.emit(`${d} = ${d} < 10 ? 48 + ${d} : 87 + ${d};`);
    });
    c.emit(`${RT.setAt}(${out}, ${i}, ${d});`);
  });
  return c.fromCodePoints(out);
}

/** xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx with random lowercase hex digits, as the spec writes it. */
function uuid4(rng: EngineServices): string {
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += below(rng, 16).toString(16);
    return s;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

const uuid = defineFunction({
  name: 'rand.uuid',
  sigs: ['() -> string'],
  deprecated: { 0: '0.7.2' },
  nondeterministic: PR,
  js: (site) => () => uuid4(site.engine),
  wasm: uuid4Wasm,
});

const uuid4Fn = defineFunction({
  name: 'rand.uuid4',
  sigs: ['() -> string'],
  nondeterministic: PR,
  js: (site) => () => uuid4(site.engine),
  wasm: uuid4Wasm,
});

/** Box-Muller transform (two uniform draws per deviate; 1 - u keeps the logarithm finite). */
const gaussian = defineFunction({
  name: 'rand.gaussian',
  sigs: ['(mu: double, sigma: double) -> double'],
  nondeterministic: PR,
  js: (site) => (mu: number, sigma: number) => {
    const u1 = site.engine.random();
    const u2 = site.engine.random();
    return mu + sigma * Math.sqrt(-2 * fdlibm.log(1 - u1)) * fdlibm.cos(2 * Math.PI * u2);
  },
  wasm: (c) => {
    const [mu, sigma] = c.args;
    const u1 = c.temp('f64', `${RT.random}()`);
    const u2 = c.temp('f64', `${RT.random}()`);
    return c.temp(
      'f64',
      `${mu} + ${sigma} * Math.sqrt(-2.0 * Math.log(1.0 - ${u1})) * Math.cos(${c.f64(2 * Math.PI)} * ${u2})`,
    );
  },
});

export default defineNamespace('rand', [
  int,
  long,
  float,
  double,
  choice,
  choices,
  sample,
  histogram,
  string,
  bytes,
  uuid,
  uuid4Fn,
  gaussian,
]);
