/**
 * rand's numbers: uniform int, long, float and double (each with an optional range) and the
 * Gaussian deviate.
 */
import { CallSite, defineFunction } from '../registry.js';
import { RT } from '../../backend/wasm/emit/names.js';
import * as fdlibm from '../util/fdlibm/index.js';
import { HighLow, PR, TWO_32, below, belowBig, belowWasm, between, betweenWasm, bits64 } from './draws.js';

export const int = defineFunction({
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

export const long = defineFunction({
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

export const float = defineFunction({
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

export const double = defineFunction({
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

/** Box-Muller transform (two uniform draws per deviate; 1 - u keeps the logarithm finite). */
export const gaussian = defineFunction({
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
