/** prob.dist gaussianLL, gaussianCDF, gaussianQF: the normal distribution. */
import { WasmCall, defineFunction } from '../../registry.js';
import type { AvroType } from '../../../types/avro.js';
import type { PfaRecord } from '../../../values.js';
import { Site, checkFinite, checkProbability, codes, finite } from './common.js';
import { normalTails } from './incomplete.js';
import { normalQuantile } from './normal.js';
import { RT } from '../../../backend/wasm/emit/names.js';
import * as fdlibm from '../../util/fdlibm/index.js';

const SQRT_2PI = Math.sqrt(2.0 * Math.PI);

/** Both signatures reduce to (mu, sigma); the record gives the variance. */
function withParams(site: Site, f: (x: number, mu: number, sigma: number) => number) {
  const check = (mu: number, spread: number) => {
    if (!finite(mu) || !finite(spread) || spread < 0) site.fail('invalidParameterization');
  };
  if (site.sig === 0)
    return (x: number, mu: number, sigma: number) => {
      check(mu, sigma);
      return f(x, mu, sigma);
    };
  return (x: number, params: PfaRecord) => {
    const mu = params.mean as number,
      variance = params.variance as number;
    check(mu, variance);
    return f(x, mu, Math.sqrt(variance));
  };
}

/** withParams in AS: emits the parameter check, returns [mu, sigma] (the record gives the variance). */
function wasmParams(c: WasmCall): [string, string] {
  const bad = (m: string, s: string) =>
    `if (!isFinite(${m}) || !isFinite(${s}) || ${s} < 0) ${c.fail('invalidParameterization')}`;
  if (c.site.sig === 0) {
    c.emit(bad(c.args[1], c.args[2]));
    return [c.args[1], c.args[2]];
  }
  const t = c.site.params[1] as AvroType;
  const mu = c.temp('f64', c.field(t, c.args[1], 'mean'));
  const variance = c.temp('f64', c.field(t, c.args[1], 'variance'));
  c.emit(bad(mu, variance));
  return [mu, c.temp('f64', `Math.sqrt(${variance})`)];
}

const SIGS = [
  '(x: double, mu: double, sigma: double) -> double',
  '(x: double, params: record A {mean: double, variance: double}) -> double',
];
const QSIGS = [
  '(p: double, mu: double, sigma: double) -> double',
  '(p: double, params: record A {mean: double, variance: double}) -> double',
];

/**
 * gaussianLL's Wasm form when the parameters are an entry of a constant cell (a naive Bayes
 * model's table): what depends only on them is computed once per entry at load time by the same
 * operations (the mean, 2·σ², the log-normaliser), so the per-item path is the formula alone.
 * Entries that are invalid or have σ == 0 take the general path, from the first such entry on
 * (WasmCall.fromFirstEntry), so the error is raised at the same item and the answers keep their bits.
 */
function entryLL(c: WasmCall): string {
  const x = c.args[0];
  const t = c.site.params[1] as AvroType;
  const field = (e: string, f: string) => c.field(t, e, f);
  const sd = (e: string) => `Math.sqrt(${field(e, 'variance')})`;
  const invalid = (e: string) =>
    `!isFinite(${field(e, 'mean')}) || !isFinite(${field(e, 'variance')}) || ${field(e, 'variance')} < 0`;
  const general = c.fromFirstEntry(1, (e) => `${invalid(e)} || ${sd(e)} == 0`)!;
  const mu = c.perEntry(1, 'f64', (e) => field(e, 'mean'))!;
  const twoVariance = c.perEntry(1, 'f64', (e) => `2.0 * (${sd(e)} * ${sd(e)})`)!;
  const logNorm = c.perEntry(1, 'f64', (e) => `Math.log(${sd(e)} * ${c.f64(SQRT_2PI)})`)!;
  const out = c.temp('f64', '0.0');
  // The JS form's order: -(x - mu)^2 / (2 sigma^2) - ln(sigma sqrt(2 pi)).
  const formula = () => {
    const d = c.temp('f64', `${x} - ${mu}`);
    c.emit(`${out} = -(${d} * ${d}) / ${twoVariance} - ${logNorm};`);
  };
  // (deferred in a speculative copy of the loop: the formula is arithmetic, safe for any x)
  const checkInput = () => c.requireFinite(x, 'invalidInput');
  if (general === 'false') {
    checkInput();
    formula();
    return out;
  }
  c.if_(
    general,
    () => {
      const bad = c.perEntry(1, 'i32', (e) => `${invalid(e)} ? 1 : 0`)!;
      c.emit(`if (${bad}) ${c.fail('invalidParameterization')}`);
      checkInput();
      const sigma = c.perEntry(1, 'f64', sd)!;
      c.if_(`${sigma} == 0`, () => c.emit(`${out} = ${x} == ${mu} ? Infinity : -Infinity;`), formula);
    },
    () => {
      checkInput();
      formula();
    },
  );
  return out;
}

export const gaussianLL = defineFunction({
  name: 'prob.dist.gaussianLL',
  sigs: SIGS,
  errors: codes(13000),
  js: (site) =>
    withParams(site, (x, mu, sigma) => {
      checkFinite(site, x);
      if (sigma === 0) return x === mu ? Infinity : -Infinity;
      // The reference engines' exact order of operations, so that sums of log-likelihoods (naive
      // Bayes) agree bit for bit: -(x - mu)^2 / (2 sigma^2) - ln(sigma sqrt(2 pi)).
      const d = x - mu;
      return -(d * d) / (2.0 * (sigma * sigma)) - fdlibm.log(sigma * SQRT_2PI);
    }),
  wasm: (c) => {
    const x = c.args[0];
    let mu: string, sigma: string;
    const bad = (m: string, s: string) =>
      `if (!isFinite(${m}) || !isFinite(${s}) || ${s} < 0) ${c.fail('invalidParameterization')}`;
    if (c.site.sig === 0) {
      [mu, sigma] = [c.args[1], c.args[2]];
      c.emit(bad(mu, sigma));
    } else if (c.isEntry(1)) {
      return entryLL(c);
    } else {
      const t = c.site.params[1] as AvroType;
      mu = c.temp('f64', c.field(t, c.args[1], 'mean'));
      const variance = c.temp('f64', c.field(t, c.args[1], 'variance'));
      c.emit(bad(mu, variance));
      sigma = c.temp('f64', `Math.sqrt(${variance})`);
    }
    // (what follows is arithmetic, safe for any x: deferred in a speculative loop copy)
    c.requireFinite(x, 'invalidInput');
    const out = c.temp('f64', '0.0');
    let d = '';
    // (the else block's last statement and its closing brace share a line)
    c.group(
      [
        `if (${sigma} == 0) { ${out} = ${x} == ${mu} ? Infinity : -Infinity; } else {`,
        () => `${out} = -(${d} * ${d}) / (2.0 * (${sigma} * ${sigma})) - Math.log(${sigma} * ${c.f64(SQRT_2PI)}); }`,
      ],
      [
        () => {
          d = c.temp('f64', `${x} - ${mu}`);
        },
      ],
    );
    return out;
  },
});

export const gaussianCDF = defineFunction({
  name: 'prob.dist.gaussianCDF',
  sigs: SIGS,
  errors: codes(13010),
  wasm: (c) => {
    const [mu, sigma] = wasmParams(c);
    const x = c.args[0];
    c.emit(`if (!isFinite(${x})) ${c.fail('invalidInput')}`);
    return `(${sigma} == 0 ? (${x} < ${mu} ? 0.0 : 1.0) : ${RT.distNormalTails}((${x} - ${mu}) / ${sigma}))`;
  },
  js: (site) =>
    withParams(site, (x, mu, sigma) => {
      checkFinite(site, x);
      if (sigma === 0) return x < mu ? 0 : 1;
      return normalTails((x - mu) / sigma).lower;
    }),
});

export const gaussianQF = defineFunction({
  name: 'prob.dist.gaussianQF',
  sigs: QSIGS,
  errors: codes(13020),
  wasm: (c) => {
    const [mu, sigma] = wasmParams(c);
    const p = c.args[0];
    c.emit(`if (!(${p} >= 0 && ${p} <= 1)) ${c.fail('invalidInput')}`);
    return `(${p} == 1 ? Infinity : ${p} == 0 ? -Infinity : ${sigma} == 0 ? ${mu} : ${mu} + ${sigma} * ${RT.distNormalQuantile}(${p}))`;
  },
  js: (site) =>
    withParams(site, (p, mu, sigma) => {
      checkProbability(site, p);
      if (p === 1) return Infinity;
      if (p === 0) return -Infinity;
      if (sigma === 0) return mu;
      return mu + sigma * normalQuantile(p);
    }),
});
