/**
 * The `stat.sample` namespace: running statistics kept in state records (usually in cells or
 * pools). Each state argument is "any record with at least these fields"; optional fields (mean,
 * variance, cycle, underflow, ...) are found in the record type at compile time, and every field
 * the function does not update is copied through unchanged (util/record.ts).
 *
 * The updates are the incremental (West 1979 / Welford-style) weighted formulas the reference
 * engines use, written in the same order of operations so that results agree to rounding.
 */
import { CallSite, WasmCall, defineFunction, defineNamespace } from '../../registry.js';
import { eachItem } from '../../util/wasm.js';
import { PfaError } from '../../../errors/PfaError.js';
import { AvroType, RecordType } from '../../../types/avro.js';
import { PfaRecord, makeRecord } from '../../../types/values.js';
import { divide } from '../../util/division.js';
import { updateRecord } from '../../util/record.js';
import { RT } from '../../../backend/wasm/emit/names.js';

type Vec = number[];

/**
 * The longest array these functions build from a number in their input (a growable histogram's
 * new bin, forecastHoltWinters' n). Inputs are hostile (ARCHITECTURE.md, trust model); the spec has
 * no error code for this, so it is an uncoded runtime error.
 */
const MAX_LENGTH = 1 << 24;

function tooLong(fcn: string, what: string): never {
  throw new PfaError('runtime', `${what} exceeds the limit of ${MAX_LENGTH} elements`, { fcn });
}
type MapVec = Map<string, number>;
type MapMat = Map<string, MapVec>;

/**
 * Whether the record type has an optional field; a field of that name with another type than
 * `kind` is a semantic error (the reference engine rejects it when the call is compiled).
 */
function hasField(fcn: string, t: AvroType, name: string, accepts: (t: AvroType) => boolean, what: string): boolean {
  if (t.kind !== 'record') return false;
  const f = t.fields.find((x) => x.name === name);
  if (f === undefined) return false;
  if (!accepts(f.type)) throw new PfaError('semantic', `${fcn} is being given a record type in which the "${name}" field is not ${what}`, { fcn });
  return true;
}

const isDouble = (t: AvroType) => t.kind === 'double';
const isBoolean = (t: AvroType) => t.kind === 'boolean';
const isDoubleArray = (t: AvroType) => t.kind === 'array' && t.items.kind === 'double';

/** 0: count only, 1: count and mean, 2: count, mean and variance. */
function meanVarianceLevel(fcn: string, t: AvroType): 0 | 1 | 2 {
  const mean = hasField(fcn, t, 'mean', isDouble, 'a double');
  const variance = hasField(fcn, t, 'variance', isDouble, 'a double');
  if (variance && !mean) throw new PfaError('semantic', `${fcn} with "variance" must also have "mean" in the state record type`, { fcn });
  return variance ? 2 : mean ? 1 : 0;
}

/** updateRecord in AS: a new record of type A with the changed fields, every other field copied. */
function wasmUpdate(c: WasmCall, A: AvroType, rec: string, changes: Record<string, string>): string {
  if (A.kind !== 'record') throw new Error('internal: the state must be a record');
  return c.record(A, A.fields.map((f) => changes[f.name] ?? c.field(A, rec, f.name)));
}

const update = defineFunction({
  name: 'stat.sample.update',
  sigs: ['(x: double, w: double, state: record A {count: double}) -> A'],
  js: (site) => {
    const level = meanVarianceLevel('stat.sample.update', site.bindings.A);
    return (x: number, w: number, state: PfaRecord) => {
      const originalCount = state.count as number;
      const count = originalCount + w;
      if (level === 0) return updateRecord(state, { count });
      const oldMean = state.mean as number;
      const delta = x - oldMean;
      const shift = divide(delta * w, count);
      const mean = oldMean + shift;
      if (level === 1) return updateRecord(state, { count, mean });
      let varianceTimesCount = (state.variance as number) * originalCount;
      varianceTimesCount += originalCount * delta * shift;
      return updateRecord(state, { count, mean, variance: divide(varianceTimesCount, count) });
    };
  },
  wasm: (c) => {
    const [x, w, state] = c.args;
    const A = c.site.bindings.A;
    const level = meanVarianceLevel('stat.sample.update', A);
    const originalCount = c.temp('f64', c.field(A, state, 'count'));
    const count = c.temp('f64', `${originalCount} + ${w}`);
    if (level === 0) return wasmUpdate(c, A, state, { count });
    const oldMean = c.temp('f64', c.field(A, state, 'mean'));
    const delta = c.temp('f64', `${x} - ${oldMean}`);
    const shift = c.temp('f64', `${RT.divide}(${delta} * ${w}, ${count})`);
    const mean = c.temp('f64', `${oldMean} + ${shift}`);
    if (level === 1) return wasmUpdate(c, A, state, { count, mean });
    const vtc = c.temp('f64', `${c.field(A, state, 'variance')} * ${originalCount}`);
    c.emit(`${vtc} += ${originalCount} * ${delta} * ${shift};`);
    return wasmUpdate(c, A, state, { count, mean, variance: `${RT.divide}(${vtc}, ${count})` });
  },
});

function updateCovarianceArrays(site: CallSite<{ tooFewComponents: number; unequalLengthArrays: number }>) {
  return (x: Vec, w: number, state: PfaRecord) => {
    const size = x.length;
    if (size < 2) site.fail('tooFewComponents');
    const oldCount = state.count as number, oldMean = state.mean as Vec, oldCov = state.covariance as Vec[];
    if (size !== oldMean.length || size !== oldCov.length || oldCov.some((row) => row.length !== size)) site.fail('unequalLengthArrays');
    const count = oldCount + w;
    const mean = oldMean.map((m, i) => m + divide((x[i] - m) * w, count));
    const covariance = oldCov.map((row, i) => row.map((c, j) =>
      divide(c * oldCount + divide((x[i] - oldMean[i]) * (x[j] - oldMean[j]) * w * oldCount, count), count)));
    return updateRecord(state, { count, mean, covariance });
  };
}

/**
 * The map form: `count` is a matrix of the weights seen by each pair of keys; keys absent from x
 * contribute nothing, and a new key starts a new row and column.
 */
function updateCovarianceMaps(site: CallSite<{ tooFewComponents: number; unequalLengthArrays: number }>) {
  const keysOf = (m: MapMat) => { const s = new Set(m.keys()); for (const row of m.values()) for (const k of row.keys()) s.add(k); return s; };
  return (x: MapVec, w: number, state: PfaRecord) => {
    if (x.size < 2) site.fail('tooFewComponents');
    const oldCount = state.count as MapMat, oldMean = state.mean as MapVec, oldCov = state.covariance as MapMat;
    const keys = [...new Set([...x.keys(), ...keysOf(oldCount), ...keysOf(oldCov)])];
    const at = (m: MapMat, i: string, j: string) => m.get(i)?.get(j) ?? 0;
    const count: MapMat = new Map(keys.map((i) => [i, new Map(keys.map((j) => [j, x.has(i) && x.has(j) ? at(oldCount, i, j) + w : at(oldCount, i, j)]))]));
    const mean: MapVec = new Map(keys.map((i) => {
      const old = oldMean.get(i) ?? 0;
      return [i, x.has(i) ? old + divide((x.get(i)! - old) * w, count.get(i)!.get(i)!) : old];
    }));
    const covariance: MapMat = new Map(keys.map((i) => [i, new Map(keys.map((j) => {
      const c = at(oldCov, i, j);
      if (!(x.has(i) && x.has(j))) return [j, c];
      const oldC = at(oldCount, i, j), n = count.get(i)!.get(j)!;
      const dx = (x.get(i)! - (oldMean.get(i) ?? 0)) * (x.get(j)! - (oldMean.get(j) ?? 0));
      return [j, divide(c * oldC + divide(dx * w * oldC, n), n)];
    }))]));
    return updateRecord(state, { count, mean, covariance });
  };
}

const updateCovariance = defineFunction({
  name: 'stat.sample.updateCovariance',
  sigs: [
    '(x: array<double>, w: double, state: record A {count: double, mean: array<double>, covariance: array<array<double>>}) -> A',
    '(x: map<double>, w: double, state: record A {count: map<map<double>>, mean: map<double>, covariance: map<map<double>>}) -> A',
  ],
  errors: { tooFewComponents: 14011, unequalLengthArrays: 14012 },
  js: (site) => (site.sig === 0 ? updateCovarianceArrays(site) : updateCovarianceMaps(site)),
  wasm: (c) => {
    if (c.site.sig !== 0) return c.unsupported('the map form is not lowered');
    const [x, w, state] = c.args;
    const A = c.site.params[2] as AvroType;
    const size = c.temp('i32', `${x}.length`);
    c.emit(`if (${size} < 2) ${c.fail('tooFewComponents')}`);
    const oldCount = c.temp('f64', c.field(A, state, 'count'));
    const oldMean = c.temp('Array<f64>', c.field(A, state, 'mean'));
    const oldCov = c.temp('Array<Array<f64>>', c.field(A, state, 'covariance'));
    const ragged = c.temp('bool', 'false');
    eachItem(c, oldCov, (row) => c.emit(`if (${row}.length != ${size}) ${ragged} = true;`));
    c.emit(`if (${size} != ${oldMean}.length || ${size} != ${oldCov}.length || ${ragged}) ${c.fail('unequalLengthArrays')}`);
    const count = c.temp('f64', `${oldCount} + ${w}`);
    const mean = c.temp('Array<f64>', 'new Array<f64>(0)');
    eachItem(c, oldMean, (m, i) => {
      const mm = c.temp('f64', m);
      c.emit(`${mean}.push(${mm} + ${RT.divide}((unchecked(${x}[${i}]) - ${mm}) * ${w}, ${count}));`);
    });
    const cov = c.temp('Array<Array<f64>>', 'new Array<Array<f64>>(0)');
    eachItem(c, oldCov, (row, i) => {
      const r = c.temp('Array<f64>', row);
      const o = c.temp('Array<f64>', 'new Array<f64>(0)');
      eachItem(c, r, (v, j) => c.emit(`${o}.push(${RT.divide}(${v} * ${oldCount} + ${RT.divide}((unchecked(${x}[${i}]) - unchecked(${oldMean}[${i}])) * (unchecked(${x}[${j}]) - unchecked(${oldMean}[${j}])) * ${w} * ${oldCount}, ${count}), ${count}));`));
      c.emit(`${cov}.push(${o});`);
    });
    return wasmUpdate(c, A, state, { count, mean, covariance: cov });
  },
});

const WINDOW_FIELDS = new Set(['x', 'w', 'count', 'mean', 'variance']);

const updateWindow = defineFunction({
  name: 'stat.sample.updateWindow',
  sigs: ['(x: double, w: double, state: array<record A {x: double, w: double, count: double}>, windowSize: int) -> array<A>'],
  errors: { windowSizeMustBeAtLeast2: 14020, cannotInitializeUnrecognizedFields: 14021 },
  js: (site) => {
    const rec = site.bindings.A as RecordType;
    const level = meanVarianceLevel('stat.sample.updateWindow', rec);
    const initializable = rec.fields.every((f) => WINDOW_FIELDS.has(f.name));
    return (x: number, w: number, state: PfaRecord[], windowSize: number) => {
      if (windowSize < 2) site.fail('windowSizeMustBeAtLeast2', 'windowSize must be at least 2');
      if (state.length === 0) {
        if (!initializable) site.fail('cannotInitializeUnrecognizedFields');
        const first = makeRecord();
        const init: Record<string, number> = { x, w, count: w, mean: x, variance: 0 };
        for (const f of rec.fields) first[f.name] = init[f.name];
        return [first];
      }
      const record = state[state.length - 1];
      const originalCount = record.count as number;
      const count = originalCount + w;
      // Samples that fall out of the window are removed from the running sums one by one.
      const splitAt = state.length >= windowSize ? state.length - windowSize + 1 : 0;
      const removed = state.slice(0, splitAt);
      const kept = state.slice(splitAt);
      let removedWeight = 0;
      for (const r of removed) removedWeight += -(r.w as number);
      const finalCount = splitAt > 0 ? count + removedWeight : count;
      if (level === 0) return [...kept, updateRecord(record, { x, w, count: finalCount })];
      const oldMean = record.mean as number;
      const delta = x - oldMean;
      const shift = divide(delta * w, count);
      let mean = oldMean + shift;
      let accumulated = count;
      let varianceCorrection = 0;
      for (const r of removed) {
        const ow = -(r.w as number);
        accumulated += ow;
        const delta2 = (r.x as number) - mean;
        const shift2 = divide(delta2 * ow, accumulated);
        mean += shift2;
        varianceCorrection += (accumulated - ow) * delta2 * shift2;
      }
      if (level === 1) return [...kept, updateRecord(record, { x, w, count: finalCount, mean })];
      let varianceTimesCount = (record.variance as number) * originalCount;
      varianceTimesCount += originalCount * delta * shift;
      if (splitAt > 0) varianceTimesCount += varianceCorrection;
      return [...kept, updateRecord(record, { x, w, count: finalCount, mean, variance: divide(varianceTimesCount, finalCount) })];
    };
  },  wasm: (c) => {
    const [x, w, state, windowSize] = c.args;
    const rec = c.site.bindings.A as RecordType;
    const level = meanVarianceLevel('stat.sample.updateWindow', rec);
    const initializable = rec.fields.every((f) => WINDOW_FIELDS.has(f.name));
    const R = c.type(rec);
    const out = c.temp(`Array<${R}>`, `new Array<${R}>(0)`);
    c.emit(`if (${windowSize} < 2) ${c.fail('windowSizeMustBeAtLeast2', 'windowSize must be at least 2')}`);
    c.if_(`${state}.length == 0`, () => {
      if (!initializable) c.emit(c.fail('cannotInitializeUnrecognizedFields'));
      else {
        const init: Record<string, string> = { x, w, count: w, mean: x, variance: '0.0' };
        c.emit(`${out}.push(${c.record(rec, rec.fields.map((f) => init[f.name]))});`);
      }
    }, () => {
      const record = c.temp(R, `unchecked(${state}[${state}.length - 1])`);
      const originalCount = c.temp('f64', c.field(rec, record, 'count'));
      const count = c.temp('f64', `${originalCount} + ${w}`);
      const splitAt = c.temp('i32', `${state}.length >= ${windowSize} ? ${state}.length - ${windowSize} + 1 : 0`);
      const removedWeight = c.temp('f64', '0.0');
      const i = c.temp('i32', '0');
      c.emit(`for (; ${i} < ${splitAt}; ${i}++) ${removedWeight} += -${c.field(rec, `unchecked(${state}[${i}])`, 'w')};`);
      const finalCount = c.temp('f64', `${splitAt} > 0 ? ${count} + ${removedWeight} : ${count}`);
      c.emit(`${out} = ${state}.slice(${splitAt});`);
      let changes: Record<string, string> = { x, w, count: finalCount };
      if (level > 0) {
        const oldMean = c.temp('f64', c.field(rec, record, 'mean'));
        const delta = c.temp('f64', `${x} - ${oldMean}`);
        const shift = c.temp('f64', `${RT.divide}(${delta} * ${w}, ${count})`);
        const mean = c.temp('f64', `${oldMean} + ${shift}`);
        const accumulated = c.temp('f64', count);
        const correction = c.temp('f64', '0.0');
        const j = c.temp('i32', '0');
        c.block(`for (; ${j} < ${splitAt}; ${j}++)`, () => {
          c.emit(c.clock());
          const r = c.temp(R, `unchecked(${state}[${j}])`);
          const ow = c.temp('f64', `-${c.field(rec, r, 'w')}`);
          c.emit(`${accumulated} += ${ow};`);
          const delta2 = c.temp('f64', `${c.field(rec, r, 'x')} - ${mean}`);
          const shift2 = c.temp('f64', `${RT.divide}(${delta2} * ${ow}, ${accumulated})`);
          c.emit(`${mean} += ${shift2};`);
          c.emit(`${correction} += (${accumulated} - ${ow}) * ${delta2} * ${shift2};`);
        });
        changes = { ...changes, mean };
        if (level === 2) {
          const vtc = c.temp('f64', `${c.field(rec, record, 'variance')} * ${originalCount}`);
          c.emit(`${vtc} += ${originalCount} * ${delta} * ${shift};`);
          c.emit(`if (${splitAt} > 0) ${vtc} += ${correction};`);
          changes = { ...changes, variance: `${RT.divide}(${vtc}, ${finalCount})` };
        }
      }
      c.emit(`${out}.push(${wasmUpdate(c, rec, record, changes)});`);
    });
    return out;
  },
});

/** alpha, beta and gamma must lie in [0, 1] (NaN passes, as in the reference). */
const outOfRange = (v: number) => v < 0 || v > 1;

const updateEWMA = defineFunction({
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
      return updateRecord(state, { mean: mean + incr, variance: (1 - alpha) * ((state.variance as number) + diff * incr) });
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
    return wasmUpdate(c, A, state, { mean: `${mean} + ${incr}`, variance: `(1.0 - ${alpha}) * (${c.field(A, state, 'variance')} + ${diff} * ${incr})` });
  },
});

const updateHoltWinters = defineFunction({
  name: 'stat.sample.updateHoltWinters',
  sigs: ['(x: double, alpha: double, beta: double, state: record A {level: double, trend: double}) -> A'],
  errors: { alphaOutOfRange: 14040, betaOutOfRange: 14041 },
  js: (site) => (x: number, alpha: number, beta: number, state: PfaRecord) => {
    if (outOfRange(alpha)) site.fail('alphaOutOfRange');
    if (outOfRange(beta)) site.fail('betaOutOfRange');
    const levelPrev = state.level as number, trendPrev = state.trend as number;
    const level = alpha * x + (1 - alpha) * (levelPrev + trendPrev);
    const trend = beta * (level - levelPrev) + (1 - beta) * trendPrev;
    return updateRecord(state, { level, trend });
  },
  wasm: (c) => {
    const [x, alpha, beta, state] = c.args;
    const A = c.site.params[3] as AvroType;
    c.emit(`if (${alpha} < 0 || ${alpha} > 1) ${c.fail('alphaOutOfRange')}`);
    c.emit(`if (${beta} < 0 || ${beta} > 1) ${c.fail('betaOutOfRange')}`);
    const levelPrev = c.temp('f64', c.field(A, state, 'level')), trendPrev = c.temp('f64', c.field(A, state, 'trend'));
    const level = c.temp('f64', `${alpha} * ${x} + (1.0 - ${alpha}) * (${levelPrev} + ${trendPrev})`);
    const trend = c.temp('f64', `${beta} * (${level} - ${levelPrev}) + (1.0 - ${beta}) * ${trendPrev}`);
    return wasmUpdate(c, A, state, { level, trend });
  },
});

const updateHoltWintersPeriodic = defineFunction({
  name: 'stat.sample.updateHoltWintersPeriodic',
  sigs: ['(x: double, alpha: double, beta: double, gamma: double, state: record A {level: double, trend: double, cycle: array<double>, multiplicative: boolean}) -> A'],
  errors: { alphaOutOfRange: 14050, betaOutOfRange: 14051, gammaOutOfRange: 14052, emptyCycle: 14053 },
  js: (site) => (x: number, alpha: number, beta: number, gamma: number, state: PfaRecord) => {
    if (outOfRange(alpha)) site.fail('alphaOutOfRange');
    if (outOfRange(beta)) site.fail('betaOutOfRange');
    if (outOfRange(gamma)) site.fail('gammaOutOfRange');
    const levelPrev = state.level as number, trendPrev = state.trend as number;
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
    const levelPrev = c.temp('f64', c.field(A, state, 'level')), trendPrev = c.temp('f64', c.field(A, state, 'trend'));
    const cycle = c.temp('Array<f64>', c.field(A, state, 'cycle'));
    c.emit(`if (${cycle}.length == 0) ${c.fail('emptyCycle')}`);
    // rotated = cycle[1..] + cycle[0]; its head is the seasonal term of this step.
    const rotated = c.temp('Array<f64>', `${cycle}.slice(1)`);
    c.emit(`${rotated}.push(unchecked(${cycle}[0]));`);
    const cyclePrev = c.temp('f64', `unchecked(${rotated}[0])`);
    const level = c.temp('f64', '0.0'), trend = c.temp('f64', '0.0'), cc = c.temp('f64', '0.0');
    c.if_(c.field(A, state, 'multiplicative'), () => {
      c.emit(`${level} = ${RT.divide}(${alpha} * ${x}, ${cyclePrev}) + (1.0 - ${alpha}) * (${levelPrev} + ${trendPrev});`);
      c.emit(`${trend} = ${beta} * (${level} - ${levelPrev}) + (1.0 - ${beta}) * ${trendPrev};`);
      c.emit(`${cc} = ${RT.divide}(${gamma} * ${x}, ${level}) + (1.0 - ${gamma}) * ${cyclePrev};`);
    }, () => {
      c.emit(`${level} = ${alpha} * (${x} - ${cyclePrev}) + (1.0 - ${alpha}) * (${levelPrev} + ${trendPrev});`);
      c.emit(`${trend} = ${beta} * (${level} - ${levelPrev}) + (1.0 - ${beta}) * ${trendPrev};`);
      c.emit(`${cc} = ${gamma} * (${x} - ${level}) + (1.0 - ${gamma}) * ${cyclePrev};`);
    });
    c.emit(`${RT.setAt}(${rotated}, 0, ${cc});`);
    return wasmUpdate(c, A, state, { level, trend, cycle: rotated });
  },
});

/** Whether a Holt-Winters state record is periodic: it must have both cycle and multiplicative or neither. */
function periodic(fcn: string, t: AvroType): boolean {
  const cycle = hasField(fcn, t, 'cycle', isDoubleArray, 'an array of double');
  const multiplicative = hasField(fcn, t, 'multiplicative', isBoolean, 'a boolean');
  if (cycle !== multiplicative) throw new PfaError('semantic', `${fcn} is being given a state record type with a "cycle" but no "multiplicative" or vice-versa`, { fcn });
  return cycle;
}

const forecast1HoltWinters = defineFunction({
  name: 'stat.sample.forecast1HoltWinters',
  sigs: ['(state: record A {level: double, trend: double}) -> double'],
  errors: { emptyCycle: 14060 },
  js: (site) => {
    const isPeriodic = periodic('stat.sample.forecast1HoltWinters', site.bindings.A);
    return (state: PfaRecord) => {
      const level = state.level as number, trend = state.trend as number;
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
    const level = c.temp('f64', c.field(A, state, 'level')), trend = c.temp('f64', c.field(A, state, 'trend'));
    if (!isPeriodic) return `(${level} + ${trend})`;
    const cycle = c.temp('Array<f64>', c.field(A, state, 'cycle'));
    c.emit(`if (${cycle}.length == 0) ${c.fail('emptyCycle')}`);
    const cc = c.temp('f64', `unchecked(${cycle}[1 % ${cycle}.length])`);
    return `(${c.field(A, state, 'multiplicative')} ? (${level} + ${trend}) * ${cc} : ${level} + ${trend} + ${cc})`;
  },
});

const forecastHoltWinters = defineFunction({
  name: 'stat.sample.forecastHoltWinters',
  sigs: ['(n: int, state: record A {level: double, trend: double}) -> array<double>'],
  errors: { emptyCycle: 14070 },
  js: (site) => {
    const isPeriodic = periodic('stat.sample.forecastHoltWinters', site.bindings.A);
    return (n: number, state: PfaRecord) => {
      const level = state.level as number, trend = state.trend as number;
      if (n > MAX_LENGTH) tooLong('stat.sample.forecastHoltWinters', `a forecast of ${n} steps`);
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
});

type Flow = 'underflow' | 'overflow' | 'nanflow' | 'infflow' | null;

/**
 * The new histogram record: `values` replaced, and each counter field the record has incremented
 * by w if x went there (and by 0.0 otherwise, as the reference does, which turns -0.0 into 0.0).
 */
function filled(hist: PfaRecord, values: unknown, counters: readonly string[], hit: string | null, w: number): PfaRecord {
  const changes: PfaRecord = makeRecord();
  changes.values = values;
  for (const c of counters) changes[c] = (hist[c] as number) + (c === hit ? w : 0);
  return updateRecord(hist, changes);
}

/** floor((x - low) / (high - low) * bins), clamped to a valid bin (rounding can reach `bins`). */
function binIndex(x: number, low: number, high: number, bins: number): number {
  const width = high - low;
  if (width === 0) return 0;
  const i = Math.floor(((x - low) / width) * bins);
  return Math.min(Math.max(i, 0), bins - 1);
}

/** filled() in AS: `flow` is an i32 local holding the index in `counters` of the counter hit, or -1. */
function wasmFilled(c: WasmCall, A: AvroType, hist: string, values: string, counters: readonly string[], flow: string, w: string): string {
  const changes: Record<string, string> = { values };
  counters.forEach((name, i) => { changes[name] = `${c.field(A, hist, name)} + (${flow} == ${i} ? ${w} : 0.0)`; });
  return wasmUpdate(c, A, hist, changes);
}

/** binIndex in AS (x finite, low < high finite). */
function wasmBinIndex(x: string, low: string, high: string, bins: string): string {
  return `(${high} - ${low} == 0 ? 0 : <i32>Math.min(Math.max(Math.floor(((${x} - ${low}) / (${high} - ${low})) * <f64>${bins}), 0.0), <f64>(${bins} - 1)))`;
}

const fillHistogram = defineFunction({
  name: 'stat.sample.fillHistogram',
  sigs: [
    '(x: double, w: double, histogram: record A {numbins: int, low: double, high: double, values: array<double>}) -> A',
    '(x: double, w: double, histogram: record A {low: double, binsize: double, values: array<double>}) -> A',
    '(x: double, w: double, histogram: record A {ranges: array<array<double>>, values: array<double>}) -> A',
  ],
  errors: { wrongHistogramSize: 14080, badHistogramRange: 14081, badHistogramScale: 14082, badHistogramRanges: 14083 },
  js: (site) => {
    const fcn = 'stat.sample.fillHistogram';
    const t = site.bindings.A;
    const isInt = (u: AvroType) => u.kind === 'int';
    const isRanges = (u: AvroType) => u.kind === 'array' && isDoubleArray(u.items);
    const fixed = hasField(fcn, t, 'numbins', isInt, 'an int') && hasField(fcn, t, 'low', isDouble, 'a double') && hasField(fcn, t, 'high', isDouble, 'a double');
    const growable = hasField(fcn, t, 'low', isDouble, 'a double') && hasField(fcn, t, 'binsize', isDouble, 'a double');
    const ranged = hasField(fcn, t, 'ranges', isRanges, 'an array of arrays of double');
    if (Number(fixed) + Number(growable) + Number(ranged) !== 1) {
      throw new PfaError('semantic', `${fcn} must have "numbins", "low", "high" xor it must have "low", "binsize" xor it must have "ranges", but not any other combination of these fields`, { fcn });
    }
    const counters = ['underflow', 'overflow', 'nanflow', 'infflow'].filter((c) => hasField(fcn, t, c, isDouble, 'a double'));
    const hasInfflow = counters.includes('infflow');
    const isInf = (x: number) => x === Infinity || x === -Infinity;

    if (fixed) return (x: number, w: number, hist: PfaRecord) => {
      const numbins = hist.numbins as number, low = hist.low as number, high = hist.high as number, values = hist.values as Vec;
      if (numbins < 1) site.fail('badHistogramScale');
      if (values.length !== numbins) site.fail('wrongHistogramSize');
      if (!(low < high) || !Number.isFinite(low) || !Number.isFinite(high)) site.fail('badHistogramRange');
      const flow: Flow = hasInfflow && isInf(x) ? 'infflow' : Number.isNaN(x) ? 'nanflow' : x >= high ? 'overflow' : x < low ? 'underflow' : null;
      if (flow !== null) return filled(hist, values, counters, flow, w);
      const out = values.slice();
      out[binIndex(x, low, high, numbins)] += w;
      return filled(hist, out, counters, null, w);
    };

    if (growable) return (x: number, w: number, hist: PfaRecord) => {
      const low = hist.low as number, binsize = hist.binsize as number, values = hist.values as Vec;
      if (!(binsize > 0) || !Number.isFinite(binsize)) site.fail('badHistogramScale');
      // Only finite values can grow the histogram; +inf is overflow, -inf underflow.
      const flow: Flow = hasInfflow && isInf(x) ? 'infflow' : Number.isNaN(x) ? 'nanflow' : x === Infinity ? 'overflow' : x < low ? 'underflow' : null;
      if (flow !== null) return filled(hist, values, counters, flow, w);
      const currentHigh = low + binsize * values.length;
      const width = currentHigh - low;
      const index = width === 0 ? 0 : Math.floor(((x - low) / width) * values.length);
      // NaN when low is -inf or NaN (the reference engine fails there too, without a code).
      if (!(index < MAX_LENGTH)) tooLong(fcn, `histogram bin ${index}`);
      if (index < values.length) {
        const out = values.slice();
        out[index] += w;
        return filled(hist, out, counters, null, w);
      }
      const out = values.concat(new Array<number>(index - values.length).fill(0), [w]);
      return filled(hist, out, counters, null, w);
    };

    return (x: number, w: number, hist: PfaRecord) => {
      const ranges = hist.ranges as Vec[], values = hist.values as Vec;
      if (values.length !== ranges.length) site.fail('wrongHistogramSize');
      if (ranges.some((r) => r.length !== 2 || !(r[0] < r[1]) || !Number.isFinite(r[0]) || !Number.isFinite(r[1]))) site.fail('badHistogramRanges');
      const out = values.slice();
      let hit = false;
      if (Number.isFinite(x)) {
        // Overlapping intervals are all filled.
        ranges.forEach(([lo, hi], i) => { if (x >= lo && x < hi) { out[i] += w; hit = true; } });
      }
      const flow: Flow = hasInfflow && isInf(x) ? 'infflow' : Number.isNaN(x) ? 'nanflow' : hit ? null : 'underflow';
      return filled(hist, out, counters, flow, w);
    };
  },
  // The growable form can fail with an uncoded error (too many bins), which Wasm sites cannot raise.
  wasm: (c) => {
    const fcn = 'stat.sample.fillHistogram';
    const t = c.site.bindings.A;
    const [x, w, hist] = c.args;
    const fixed = hasField(fcn, t, 'numbins', (u) => u.kind === 'int', 'an int') && hasField(fcn, t, 'low', isDouble, 'a double') && hasField(fcn, t, 'high', isDouble, 'a double');
    const ranged = hasField(fcn, t, 'ranges', (u) => u.kind === 'array' && isDoubleArray(u.items), 'an array of arrays of double');
    if (!fixed && !ranged) return c.unsupported('the growable histogram is not lowered');
    const counters = ['underflow', 'overflow', 'nanflow', 'infflow'].filter((n) => hasField(fcn, t, n, isDouble, 'a double'));
    const code = (n: string) => counters.indexOf(n);
    const isInf = counters.includes('infflow') ? `(${x} == Infinity || ${x} == -Infinity)` : 'false';
    const values = c.temp('Array<f64>', c.field(t, hist, 'values'));
    const flow = c.temp('i32', '-1');
    if (fixed) {
      const numbins = c.temp('i32', c.field(t, hist, 'numbins'));
      const low = c.temp('f64', c.field(t, hist, 'low')), high = c.temp('f64', c.field(t, hist, 'high'));
      c.emit(`if (${numbins} < 1) ${c.fail('badHistogramScale')}`);
      c.emit(`if (${values}.length != ${numbins}) ${c.fail('wrongHistogramSize')}`);
      c.emit(`if (!(${low} < ${high}) || !isFinite(${low}) || !isFinite(${high})) ${c.fail('badHistogramRange')}`);
      const out = c.temp('Array<f64>', values);
      c.block(`if (${isInf}) ${flow} = ${code('infflow')}; else if (isNaN(${x})) ${flow} = ${code('nanflow')}; else if (${x} >= ${high}) ${flow} = ${code('overflow')}; else if (${x} < ${low}) ${flow} = ${code('underflow')}; else`, () => {
        c.emit(`${out} = ${values}.slice();`);
        const b = c.temp('i32', wasmBinIndex(x, low, high, numbins));
        c.emit(`unchecked(${out}[${b}] += ${w});`);
      });
      return wasmFilled(c, t, hist, out, counters, flow, w);
    }
    const ranges = c.temp('Array<Array<f64>>', c.field(t, hist, 'ranges'));
    c.emit(`if (${values}.length != ${ranges}.length) ${c.fail('wrongHistogramSize')}`);
    eachItem(c, ranges, (r) => {
      const rr = c.temp('Array<f64>', r);
      c.emit(`if (${rr}.length != 2 || !(unchecked(${rr}[0]) < unchecked(${rr}[1])) || !isFinite(unchecked(${rr}[0])) || !isFinite(unchecked(${rr}[1]))) ${c.fail('badHistogramRanges')}`);
    });
    const out = c.temp('Array<f64>', `${values}.slice()`);
    const hit = c.temp('bool', 'false');
    c.if_(`isFinite(${x})`, () => {
      eachItem(c, ranges, (r, i) => {
        const rr = c.temp('Array<f64>', r);
        c.emit(`if (${x} >= unchecked(${rr}[0]) && ${x} < unchecked(${rr}[1])) { unchecked(${out}[${i}] += ${w}); ${hit} = true; }`);
      });
    });
    c.emit(`if (${isInf}) ${flow} = ${code('infflow')}; else if (isNaN(${x})) ${flow} = ${code('nanflow')}; else if (!${hit}) ${flow} = ${code('underflow')};`);
    return wasmFilled(c, t, hist, out, counters, flow, w);
  },
});

const REGIONS_2D = ['underunderflow', 'undermidflow', 'underoverflow', 'midunderflow', 'midoverflow', 'overunderflow', 'overmidflow', 'overoverflow'];

const fillHistogram2d = defineFunction({
  name: 'stat.sample.fillHistogram2d',
  sigs: ['(x: double, y: double, w: double, histogram: record A {xnumbins: int, xlow: double, xhigh: double, ynumbins: int, ylow: double, yhigh: double, values: array<array<double>>}) -> A'],
  errors: { wrongHistogramSize: 14090, badHistogramRange: 14091, badHistogramScale: 14092 },
  js: (site) => {
    const fcn = 'stat.sample.fillHistogram2d';
    const counters = [...REGIONS_2D, 'nanflow', 'infflow'].filter((c) => hasField(fcn, site.bindings.A, c, isDouble, 'a double'));
    const hasInfflow = counters.includes('infflow');
    const finite = Number.isFinite;
    /** 0: under, 1: inside, 2: over. */
    const side = (v: number, lo: number, hi: number) => (v >= hi ? 2 : v >= lo ? 1 : 0);
    return (x: number, y: number, w: number, hist: PfaRecord) => {
      const values = hist.values as Vec[];
      const xnumbins = hist.xnumbins as number, xlow = hist.xlow as number, xhigh = hist.xhigh as number;
      const ynumbins = hist.ynumbins as number, ylow = hist.ylow as number, yhigh = hist.yhigh as number;
      if (xnumbins < 1 || ynumbins < 1) site.fail('badHistogramScale');
      if (values.length !== xnumbins || values.some((row) => row.length !== ynumbins)) site.fail('wrongHistogramSize');
      if (!(xlow < xhigh) || !(ylow < yhigh) || !finite(xlow) || !finite(xhigh) || !finite(ylow) || !finite(yhigh)) site.fail('badHistogramRange');
      // NaN wins over infinity; infinities go to infflow only if the record has it.
      if (Number.isNaN(x) || Number.isNaN(y)) return filled(hist, values, counters, 'nanflow', w);
      if (hasInfflow && (!finite(x) || !finite(y))) return filled(hist, values, counters, 'infflow', w);
      const sx = side(x, xlow, xhigh), sy = side(y, ylow, yhigh);
      if (sx !== 1 || sy !== 1) {
        const region = ['under', 'mid', 'over'][sx] + ['under', 'mid', 'over'][sy] + 'flow';
        return filled(hist, values, counters, region, w);
      }
      const out = values.map((row) => row.slice());
      out[binIndex(x, xlow, xhigh, xnumbins)][binIndex(y, ylow, yhigh, ynumbins)] += w;
      return filled(hist, out, counters, null, w);
    };
  },
  wasm: (c) => {
    const fcn = 'stat.sample.fillHistogram2d';
    const A = c.site.bindings.A;
    const [x, y, w, hist] = c.args;
    const counters = [...REGIONS_2D, 'nanflow', 'infflow'].filter((n) => hasField(fcn, A, n, isDouble, 'a double'));
    const code = (n: string) => counters.indexOf(n);
    const f = (n: string, T: string) => c.temp(T, c.field(A, hist, n));
    const values = f('values', 'Array<Array<f64>>');
    const [xnumbins, ynumbins] = [f('xnumbins', 'i32'), f('ynumbins', 'i32')];
    const [xlow, xhigh, ylow, yhigh] = ['xlow', 'xhigh', 'ylow', 'yhigh'].map((n) => f(n, 'f64'));
    c.emit(`if (${xnumbins} < 1 || ${ynumbins} < 1) ${c.fail('badHistogramScale')}`);
    const wrong = c.temp('bool', `${values}.length != ${xnumbins}`);
    eachItem(c, values, (row) => c.emit(`if (${row}.length != ${ynumbins}) ${wrong} = true;`));
    c.emit(`if (${wrong}) ${c.fail('wrongHistogramSize')}`);
    c.emit(`if (!(${xlow} < ${xhigh}) || !(${ylow} < ${yhigh}) || !isFinite(${xlow}) || !isFinite(${xhigh}) || !isFinite(${ylow}) || !isFinite(${yhigh})) ${c.fail('badHistogramRange')}`);
    const flow = c.temp('i32', '-1');
    const out = c.temp('Array<Array<f64>>', values);
    const hasInf = counters.includes('infflow');
    c.block(`if (isNaN(${x}) || isNaN(${y})) ${flow} = ${code('nanflow')}; else if (${hasInf} && (!isFinite(${x}) || !isFinite(${y}))) ${flow} = ${code('infflow')}; else`, () => {
      const side = (v: string, lo: string, hi: string) => `(${v} >= ${hi} ? 2 : ${v} >= ${lo} ? 1 : 0)`;
      const sx = c.temp('i32', side(x, xlow, xhigh)), sy = c.temp('i32', side(y, ylow, yhigh));
      // REGIONS_2D lists the nine regions but mid-mid, row by row: index 3 sx + sy, less one past the middle.
      const regionCode = (i: number) => code(REGIONS_2D[i]);
      c.block(`if (${sx} != 1 || ${sy} != 1) { const r = ${sx} * 3 + ${sy}; const k = r > 4 ? r - 1 : r; ${flow} = ${REGIONS_2D.map((_, i) => `k == ${i} ? ${regionCode(i)} : `).join('')}-1; } else`, () => {
        c.emit(`${out} = new Array<Array<f64>>(0);`);
        eachItem(c, values, (row) => c.emit(`${out}.push(${row}.slice());`));
        const bx = c.temp('i32', wasmBinIndex(x, xlow, xhigh, xnumbins)), by = c.temp('i32', wasmBinIndex(y, ylow, yhigh, ynumbins));
        c.emit(`unchecked(unchecked(${out}[${bx}])[${by}] += ${w});`);
      });
    });
    return wasmFilled(c, A, hist, out, counters, flow, w);
  },
});

const fillCounter = defineFunction({
  name: 'stat.sample.fillCounter',
  sigs: ['(x: string, w: double, counter: record A {values: map<double>}) -> A'],
  js: () => (x: string, w: number, counter: PfaRecord) => {
    const values = new Map(counter.values as MapVec);
    values.set(x, (values.get(x) ?? 0) + w);
    return updateRecord(counter, { values });
  },
  wasm: (c) => {
    const [x, w, counter] = c.args;
    const A = c.site.params[2] as AvroType;
    const old = c.temp('CodeMap<f64>', c.field(A, counter, 'values'));
    const values = c.temp('CodeMap<f64>', 'new CodeMap<f64>()');
    const ks = c.temp('Array<i32>', `${old}.keys()`);
    eachItem(c, ks, (k) => c.emit(`${values}.set(${k}, ${old}.get(${k}));`));
    c.emit(`${values}.set(${x}, (${values}.has(${x}) ? ${values}.get(${x}) : 0.0) + ${w});`);
    return wasmUpdate(c, A, counter, { values });
  },
});

const topN = defineFunction({
  name: 'stat.sample.topN',
  sigs: ['(x: any A, top: array<A>, n: int, lessThan: fcn(A, A) -> boolean) -> array<A>'],
  js: () => (x: unknown, top: unknown[], n: number, lessThan: (a: unknown, b: unknown) => boolean) => {
    if (n <= 0) return [];
    // x goes before the first element that is less than it, so equal elements already there win.
    let index = top.findIndex((best) => lessThan(best, x));
    if (index < 0) index = top.length;
    return [...top.slice(0, index), x, ...top.slice(index)].slice(0, n);
  },
  wasm: (c) => {
    const [x, top, n] = c.args;
    const T = c.type(c.site.ret);
    const out = c.temp(T, `new ${T}(0)`);
    c.if_(`${n} > 0`, () => {
      const index = c.temp('i32', `${top}.length`);
      const i = c.temp('i32', '0');
      c.block(`for (; ${i} < ${top}.length; ${i}++)`, () => {
        c.emit(c.clock());
        c.emit(`if (${c.fcn(3).apply([`unchecked(${top}[${i}])`, x])}) { ${index} = ${i}; break; }`);
      });
      c.emit(`${out} = ${top}.slice(0, ${index}); ${out}.push(${x});`);
      const j = c.temp('i32', index);
      c.emit(`for (; ${j} < ${top}.length && ${out}.length < ${n}; ${j}++) ${out}.push(unchecked(${top}[${j}]));`);
      c.emit(`if (${out}.length > ${n}) ${out} = ${out}.slice(0, ${n});`);
    });
    return out;
  },
});

export default defineNamespace('stat.sample', [
  update, updateCovariance, updateWindow, updateEWMA, updateHoltWinters, updateHoltWintersPeriodic,
  forecast1HoltWinters, forecastHoltWinters, fillHistogram, fillHistogram2d, fillCounter, topN,
]);
