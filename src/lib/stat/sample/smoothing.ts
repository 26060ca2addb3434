/**
 * `stat.sample` namespace, exponential smoothing and its forecasts: updateEWMA,
 * updateHoltWinters, updateHoltWintersPeriodic, forecast1HoltWinters, forecastHoltWinters.
 */
import { defineFunction } from '../../registry.js';
import { PfaError } from '../../../errors/PfaError.js';
import { AvroType } from '../../../types/avro.js';
import { PfaRecord } from '../../../values.js';
import { divide } from '../../util/division.js';
import { updateRecord } from '../../util/record.js';
import { RT } from '../../../backend/wasm/emit/names.js';
import {
  MAX_LENGTH,
  Vec,
  hasField,
  isBoolean,
  isDouble,
  isDoubleArray,
  tooLong,
  tooLongMessage,
  wasmUpdate,
} from './state.js';

/** alpha, beta and gamma must lie in [0, 1] (NaN passes, as in the reference). */
const outOfRange = (v: number) => v < 0 || v > 1;

export const updateEWMA = defineFunction({
  name: 'stat.sample.updateEWMA',
  sigs: ['(x: double, alpha: double, state: record A {mean: double}) -> A'],
  errors: { alphaOutOfRange: 14030 },
  js: (site) => {
    const hasVariance = hasField('stat.sample.updateEWMA', site.bindings.A, 'variance', isDouble, 'a double');
    return (x: number, alpha: number, state: PfaRecord) => {
      if (outOfRange(alpha)) site.fail('alphaOutOfRange');
      const mean = state.mean as number;
      const diff = x - mean;
      const incr = alpha * diff;
      if (!hasVariance) return updateRecord(state, { mean: mean + incr });
      return updateRecord(state, {
        mean: mean + incr,
        variance: (1 - alpha) * ((state.variance as number) + diff * incr),
      });
    };
  },
  wasm: (c) => {
    const [x, alpha, state] = c.args;
    const A = c.site.bindings.A;
    const hasVariance = hasField('stat.sample.updateEWMA', A, 'variance', isDouble, 'a double');
    c.emit(`if (${alpha} < 0 || ${alpha} > 1) ${c.fail('alphaOutOfRange')}`);
    const mean = c.temp('f64', c.field(A, state, 'mean'));
    const diff = c.temp('f64', `${x} - ${mean}`);
    const incr = c.temp('f64', `${alpha} * ${diff}`);
    if (!hasVariance) return wasmUpdate(c, A, state, { mean: `${mean} + ${incr}` });
    return wasmUpdate(c, A, state, {
      mean: `${mean} + ${incr}`,
      variance: `(1.0 - ${alpha}) * (${c.field(A, state, 'variance')} + ${diff} * ${incr})`,
    });
  },
});

export const updateHoltWinters = defineFunction({
  name: 'stat.sample.updateHoltWinters',
  sigs: ['(x: double, alpha: double, beta: double, state: record A {level: double, trend: double}) -> A'],
  errors: { alphaOutOfRange: 14040, betaOutOfRange: 14041 },
  js: (site) => (x: number, alpha: number, beta: number, state: PfaRecord) => {
    if (outOfRange(alpha)) site.fail('alphaOutOfRange');
    if (outOfRange(beta)) site.fail('betaOutOfRange');
    const levelPrev = state.level as number,
      trendPrev = state.trend as number;
    const level = alpha * x + (1 - alpha) * (levelPrev + trendPrev);
    const trend = beta * (level - levelPrev) + (1 - beta) * trendPrev;
    return updateRecord(state, { level, trend });
  },
  wasm: (c) => {
    const [x, alpha, beta, state] = c.args;
    const A = c.site.params[3] as AvroType;
    c.emit(`if (${alpha} < 0 || ${alpha} > 1) ${c.fail('alphaOutOfRange')}`);
    c.emit(`if (${beta} < 0 || ${beta} > 1) ${c.fail('betaOutOfRange')}`);
    const levelPrev = c.temp('f64', c.field(A, state, 'level')),
      trendPrev = c.temp('f64', c.field(A, state, 'trend'));
    const level = c.temp('f64', `${alpha} * ${x} + (1.0 - ${alpha}) * (${levelPrev} + ${trendPrev})`);
    const trend = c.temp('f64', `${beta} * (${level} - ${levelPrev}) + (1.0 - ${beta}) * ${trendPrev}`);
    return wasmUpdate(c, A, state, { level, trend });
  },
});

export const updateHoltWintersPeriodic = defineFunction({
  name: 'stat.sample.updateHoltWintersPeriodic',
  sigs: [
    '(x: double, alpha: double, beta: double, gamma: double, state: record A {level: double, trend: double, cycle: array<double>, multiplicative: boolean}) -> A',
  ],
  errors: { alphaOutOfRange: 14050, betaOutOfRange: 14051, gammaOutOfRange: 14052, emptyCycle: 14053 },
  js: (site) => (x: number, alpha: number, beta: number, gamma: number, state: PfaRecord) => {
    if (outOfRange(alpha)) site.fail('alphaOutOfRange');
    if (outOfRange(beta)) site.fail('betaOutOfRange');
    if (outOfRange(gamma)) site.fail('gammaOutOfRange');
    const levelPrev = state.level as number,
      trendPrev = state.trend as number;
    const cycle = state.cycle as Vec;
    if (cycle.length === 0) site.fail('emptyCycle');
    // The cycle is rotated left by one; its new head is the seasonal term used for this step and
    // is replaced by the updated one (the reference engine's convention).
    const rotated = [...cycle.slice(1), cycle[0]];
    const cyclePrev = rotated[0];
    let level: number, trend: number, c: number;
    if (state.multiplicative) {
      level = divide(alpha * x, cyclePrev) + (1 - alpha) * (levelPrev + trendPrev);
      trend = beta * (level - levelPrev) + (1 - beta) * trendPrev;
      c = divide(gamma * x, level) + (1 - gamma) * cyclePrev;
    } else {
      level = alpha * (x - cyclePrev) + (1 - alpha) * (levelPrev + trendPrev);
      trend = beta * (level - levelPrev) + (1 - beta) * trendPrev;
      c = gamma * (x - level) + (1 - gamma) * cyclePrev;
    }
    return updateRecord(state, { level, trend, cycle: [c, ...rotated.slice(1)] });
  },
  wasm: (c) => {
    const [x, alpha, beta, gamma, state] = c.args;
    const A = c.site.params[4] as AvroType;
    c.emit(`if (${alpha} < 0 || ${alpha} > 1) ${c.fail('alphaOutOfRange')}`);
    c.emit(`if (${beta} < 0 || ${beta} > 1) ${c.fail('betaOutOfRange')}`);
    c.emit(`if (${gamma} < 0 || ${gamma} > 1) ${c.fail('gammaOutOfRange')}`);
    const levelPrev = c.temp('f64', c.field(A, state, 'level')),
      trendPrev = c.temp('f64', c.field(A, state, 'trend'));
    const cycle = c.temp('Array<f64>', c.field(A, state, 'cycle'));
    c.emit(`if (${cycle}.length == 0) ${c.fail('emptyCycle')}`);
    // rotated = cycle[1..] + cycle[0]; its head is the seasonal term of this step.
    const rotated = c.temp('Array<f64>', `${cycle}.slice(1)`);
    c.emit(`${rotated}.push(unchecked(${cycle}[0]));`);
    const cyclePrev = c.temp('f64', `unchecked(${rotated}[0])`);
    const level = c.temp('f64', '0.0'),
      trend = c.temp('f64', '0.0'),
      cc = c.temp('f64', '0.0');
    c.if_(
      c.field(A, state, 'multiplicative'),
      () => {
        c.emit(
          `${level} = ${RT.divide}(${alpha} * ${x}, ${cyclePrev}) + (1.0 - ${alpha}) * (${levelPrev} + ${trendPrev});`,
        );
        c.emit(`${trend} = ${beta} * (${level} - ${levelPrev}) + (1.0 - ${beta}) * ${trendPrev};`);
        c.emit(`${cc} = ${RT.divide}(${gamma} * ${x}, ${level}) + (1.0 - ${gamma}) * ${cyclePrev};`);
      },
      () => {
        c.emit(`${level} = ${alpha} * (${x} - ${cyclePrev}) + (1.0 - ${alpha}) * (${levelPrev} + ${trendPrev});`);
        c.emit(`${trend} = ${beta} * (${level} - ${levelPrev}) + (1.0 - ${beta}) * ${trendPrev};`);
        c.emit(`${cc} = ${gamma} * (${x} - ${level}) + (1.0 - ${gamma}) * ${cyclePrev};`);
      },
    );
    c.emit(`${RT.setAt}(${rotated}, 0, ${cc});`);
    return wasmUpdate(c, A, state, { level, trend, cycle: rotated });
  },
});

/** Whether a Holt-Winters state record is periodic: it must have both cycle and multiplicative or neither. */
function periodic(fcn: string, t: AvroType): boolean {
  const cycle = hasField(fcn, t, 'cycle', isDoubleArray, 'an array of double');
  const multiplicative = hasField(fcn, t, 'multiplicative', isBoolean, 'a boolean');
  if (cycle !== multiplicative)
    throw new PfaError(
      'semantic',
      `${fcn} is being given a state record type with a "cycle" but no "multiplicative" or vice-versa`,
      { fcn },
    );
  return cycle;
}

export const forecast1HoltWinters = defineFunction({
  name: 'stat.sample.forecast1HoltWinters',
  sigs: ['(state: record A {level: double, trend: double}) -> double'],
  errors: { emptyCycle: 14060 },
  js: (site) => {
    const isPeriodic = periodic('stat.sample.forecast1HoltWinters', site.bindings.A);
    return (state: PfaRecord) => {
      const level = state.level as number,
        trend = state.trend as number;
      if (!isPeriodic) return level + trend;
      const cycle = state.cycle as Vec;
      if (cycle.length === 0) site.fail('emptyCycle');
      const c = cycle[1 % cycle.length];
      return state.multiplicative ? (level + trend) * c : level + trend + c;
    };
  },
  wasm: (c) => {
    const A = c.site.bindings.A;
    const state = c.args[0];
    const isPeriodic = periodic('stat.sample.forecast1HoltWinters', A);
    const level = c.temp('f64', c.field(A, state, 'level')),
      trend = c.temp('f64', c.field(A, state, 'trend'));
    if (!isPeriodic) return `(${level} + ${trend})`;
    const cycle = c.temp('Array<f64>', c.field(A, state, 'cycle'));
    c.emit(`if (${cycle}.length == 0) ${c.fail('emptyCycle')}`);
    const cc = c.temp('f64', `unchecked(${cycle}[1 % ${cycle}.length])`);
    return `(${c.field(A, state, 'multiplicative')} ? (${level} + ${trend}) * ${cc} : ${level} + ${trend} + ${cc})`;
  },
});

/** (The limit's message names no length: a kernel's error message is fixed per call site.) */
const FORECAST = 'the forecast';

export const forecastHoltWinters = defineFunction({
  name: 'stat.sample.forecastHoltWinters',
  sigs: ['(n: int, state: record A {level: double, trend: double}) -> array<double>'],
  errors: { emptyCycle: 14070 },
  js: (site) => {
    const isPeriodic = periodic('stat.sample.forecastHoltWinters', site.bindings.A);
    return (n: number, state: PfaRecord) => {
      const level = state.level as number,
        trend = state.trend as number;
      if (n > MAX_LENGTH) tooLong('stat.sample.forecastHoltWinters', FORECAST);
      const steps = Array.from({ length: Math.max(n, 0) }, (_, k) => k + 1);
      if (!isPeriodic) return steps.map((i) => level + i * trend);
      const cycle = state.cycle as Vec;
      const L = cycle.length;
      if (L === 0) site.fail('emptyCycle');
      return state.multiplicative
        ? steps.map((i) => (level + i * trend) * cycle[i % L])
        : steps.map((i) => level + i * trend + cycle[i % L]);
    };
  },
  // i * trend: i is exact as a double, as in JS.
  wasm: (c) => {
    const [n, state] = c.args;
    const A = c.site.bindings.A;
    const isPeriodic = periodic('stat.sample.forecastHoltWinters', A);
    const level = c.temp('f64', c.field(A, state, 'level')),
      trend = c.temp('f64', c.field(A, state, 'trend'));
    c.emit(`if (${n} > ${MAX_LENGTH}) ${c.failUncoded(tooLongMessage(FORECAST))}`);
    const out = c.temp('Array<f64>', 'new Array<f64>(0)');
    const i = c.temp('i32', '1');
    if (!isPeriodic) {
      c.emit(`for (; ${i} <= ${n}; ${i}++) ${out}.push(${level} + <f64>${i} * ${trend});`);
      return out;
    }
    const cycle = c.temp('Array<f64>', c.field(A, state, 'cycle'));
    c.emit(`if (${cycle}.length == 0) ${c.fail('emptyCycle')}`);
    const at = `unchecked(${cycle}[${i} % ${cycle}.length])`;
    c.if_(
      c.field(A, state, 'multiplicative'),
      () => {
        c.emit(`for (; ${i} <= ${n}; ${i}++) ${out}.push((${level} + <f64>${i} * ${trend}) * ${at});`);
      },
      () => {
        c.emit(`for (; ${i} <= ${n}; ${i}++) ${out}.push(${level} + <f64>${i} * ${trend} + ${at});`);
      },
    );
    return out;
  },
});
