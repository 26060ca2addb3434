/**
 * `stat.sample` namespace, spec sections "Incremental count, mean, and/or variance" (plain and in
 * a window) and "Incremental covariance matrix": update, updateCovariance, updateWindow.
 */
import { CallSite, WasmCall, defineFunction } from '../../registry.js';
import { eachItem } from '../../util/wasm.js';
import { PfaError } from '../../../errors/PfaError.js';
import { AvroType, RecordType } from '../../../types/avro.js';
import { PfaRecord, makeRecord } from '../../../values.js';
import { divide } from '../../util/division.js';
import { updateRecord } from '../../util/record.js';
import { RT } from '../../../backend/wasm/emit/names.js';
import { MapMat, MapVec, Vec, hasField, isDouble, wasmUpdate } from './state.js';

/** 0: count only, 1: count and mean, 2: count, mean and variance. */
function meanVarianceLevel(fcn: string, t: AvroType): 0 | 1 | 2 {
  const mean = hasField(fcn, t, 'mean', isDouble, 'a double');
  const variance = hasField(fcn, t, 'variance', isDouble, 'a double');
  if (variance && !mean)
    throw new PfaError('semantic', `${fcn} with "variance" must also have "mean" in the state record type`, { fcn });
  return variance ? 2 : mean ? 1 : 0;
}

export const update = defineFunction({
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
    const oldCount = state.count as number,
      oldMean = state.mean as Vec,
      oldCov = state.covariance as Vec[];
    if (size !== oldMean.length || size !== oldCov.length || oldCov.some((row) => row.length !== size))
      site.fail('unequalLengthArrays');
    const count = oldCount + w;
    const mean = oldMean.map((m, i) => m + divide((x[i] - m) * w, count));
    const covariance = oldCov.map((row, i) =>
      row.map((c, j) =>
        divide(c * oldCount + divide((x[i] - oldMean[i]) * (x[j] - oldMean[j]) * w * oldCount, count), count),
      ),
    );
    return updateRecord(state, { count, mean, covariance });
  };
}

/**
 * The map form: `count` is a matrix of the weights seen by each pair of keys; keys absent from x
 * contribute nothing, and a new key starts a new row and column.
 */
function updateCovarianceMaps(site: CallSite<{ tooFewComponents: number; unequalLengthArrays: number }>) {
  const keysOf = (m: MapMat) => {
    const s = new Set(m.keys());
    for (const row of m.values()) for (const k of row.keys()) s.add(k);
    return s;
  };
  return (x: MapVec, w: number, state: PfaRecord) => {
    if (x.size < 2) site.fail('tooFewComponents');
    const oldCount = state.count as MapMat,
      oldMean = state.mean as MapVec,
      oldCov = state.covariance as MapMat;
    const keys = [...new Set([...x.keys(), ...keysOf(oldCount), ...keysOf(oldCov)])];
    const at = (m: MapMat, i: string, j: string) => m.get(i)?.get(j) ?? 0;
    const count: MapMat = new Map(
      keys.map((i) => [
        i,
        new Map(keys.map((j) => [j, x.has(i) && x.has(j) ? at(oldCount, i, j) + w : at(oldCount, i, j)])),
      ]),
    );
    const mean: MapVec = new Map(
      keys.map((i) => {
        const old = oldMean.get(i) ?? 0;
        return [i, x.has(i) ? old + divide((x.get(i)! - old) * w, count.get(i)!.get(i)!) : old];
      }),
    );
    const covariance: MapMat = new Map(
      keys.map((i) => [
        i,
        new Map(
          keys.map((j) => {
            const c = at(oldCov, i, j);
            if (!(x.has(i) && x.has(j))) return [j, c];
            const oldC = at(oldCount, i, j),
              n = count.get(i)!.get(j)!;
            const dx = (x.get(i)! - (oldMean.get(i) ?? 0)) * (x.get(j)! - (oldMean.get(j) ?? 0));
            return [j, divide(c * oldC + divide(dx * w * oldC, n), n)];
          }),
        ),
      ]),
    );
    return updateRecord(state, { count, mean, covariance });
  };
}

/**
 * updateCovarianceMaps in AS, the same operations in the same order. The keys: x's, then each
 * state matrix's row keys and column keys, in order of first appearance (rt.laUnionKeys).
 */
function updateCovarianceMapsWasm(c: WasmCall): string {
  const [x, w, state] = c.args;
  const A = c.site.params[2] as AvroType;
  const MM = 'CodeMap<CodeMap<f64>>',
    MV = 'CodeMap<f64>';
  c.emit(`if (${x}.size < 2) ${c.fail('tooFewComponents')}`);
  const oldCount = c.temp(MM, c.field(A, state, 'count')),
    oldMean = c.temp(MV, c.field(A, state, 'mean')),
    oldCov = c.temp(MM, c.field(A, state, 'covariance'));
  const keysOf = (m: string) => `${RT.laUnionKeys}(${m}.keys(), ${RT.laColKeys}(${m}))`;
  const keys = c.temp(
    'Array<i32>',
    `${RT.laUnionKeys}(${RT.laUnionKeys}(${x}.keys(), ${keysOf(oldCount)}), ${keysOf(oldCov)})`,
  );
  const meanAt = (k: string) => `(${oldMean}.has(${k}) ? ${oldMean}.get(${k}) : 0.0)`;
  /** A map matrix over keys x keys, entry (i, j) from `entry`'s statements. */
  const matrix = (entry: (i: string, j: string, both: string) => string) => {
    const out = c.temp(MM, `new ${MM}(${keys}.length)`);
    eachItem(c, keys, (ki) => {
      const i = c.temp('i32', ki);
      const row = c.temp(MV, `new ${MV}(${keys}.length)`);
      eachItem(c, keys, (kj) => {
        const j = c.temp('i32', kj);
        const both = c.temp('bool', `${x}.has(${i}) && ${x}.has(${j})`);
        c.emit(`${row}.add(${j}, ${entry(i, j, both)});`);
      });
      c.emit(`${out}.add(${i}, ${row});`);
    });
    return out;
  };
  const count = matrix((i, j, both) => {
    const old = c.temp('f64', `${RT.laGet}(${oldCount}, ${i}, ${j})`);
    return `(${both} ? ${old} + ${w} : ${old})`;
  });
  const mean = c.temp(MV, `new ${MV}(${keys}.length)`);
  eachItem(c, keys, (ki) => {
    const i = c.temp('i32', ki);
    const old = c.temp('f64', meanAt(i));
    c.emit(
      `${mean}.add(${i}, ${x}.has(${i}) ? ${old} + ${RT.divide}((${x}.get(${i}) - ${old}) * ${w}, ${count}.get(${i}).get(${i})) : ${old});`,
    );
  });
  const covariance = matrix((i, j, both) => {
    const v = c.temp('f64', `${RT.laGet}(${oldCov}, ${i}, ${j})`);
    c.if_(both, () => {
      const oldC = c.temp('f64', `${RT.laGet}(${oldCount}, ${i}, ${j})`);
      const n = c.temp('f64', `${count}.get(${i}).get(${j})`);
      const dx = c.temp('f64', `(${x}.get(${i}) - ${meanAt(i)}) * (${x}.get(${j}) - ${meanAt(j)})`);
      c.emit(`${v} = ${RT.divide}(${v} * ${oldC} + ${RT.divide}(${dx} * ${w} * ${oldC}, ${n}), ${n});`);
    });
    return v;
  });
  return wasmUpdate(c, A, state, { count, mean, covariance });
}

export const updateCovariance = defineFunction({
  name: 'stat.sample.updateCovariance',
  sigs: [
    '(x: array<double>, w: double, state: record A {count: double, mean: array<double>, covariance: array<array<double>>}) -> A',
    '(x: map<double>, w: double, state: record A {count: map<map<double>>, mean: map<double>, covariance: map<map<double>>}) -> A',
  ],
  errors: { tooFewComponents: 14011, unequalLengthArrays: 14012 },
  js: (site) => (site.sig === 0 ? updateCovarianceArrays(site) : updateCovarianceMaps(site)),
  wasm: (c) => {
    if (c.site.sig !== 0) return updateCovarianceMapsWasm(c);
    const [x, w, state] = c.args;
    const A = c.site.params[2] as AvroType;
    const size = c.temp('i32', `${x}.length`);
    c.emit(`if (${size} < 2) ${c.fail('tooFewComponents')}`);
    const oldCount = c.temp('f64', c.field(A, state, 'count'));
    const oldMean = c.temp('Array<f64>', c.field(A, state, 'mean'));
    const oldCov = c.temp('Array<Array<f64>>', c.field(A, state, 'covariance'));
    const ragged = c.temp('bool', 'false');
    eachItem(c, oldCov, (row) => c.emit(`if (${row}.length != ${size}) ${ragged} = true;`));
    c.emit(
      `if (${size} != ${oldMean}.length || ${size} != ${oldCov}.length || ${ragged}) ${c.fail('unequalLengthArrays')}`,
    );
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
      eachItem(c, r, (v, j) =>
        c.emit(
          `${o}.push(${RT.divide}(${v} * ${oldCount} + ${RT.divide}((unchecked(${x}[${i}]) - unchecked(${oldMean}[${i}])) * (unchecked(${x}[${j}]) - unchecked(${oldMean}[${j}])) * ${w} * ${oldCount}, ${count}), ${count}));`,
        ),
      );
      c.emit(`${cov}.push(${o});`);
    });
    return wasmUpdate(c, A, state, { count, mean, covariance: cov });
  },
});

const WINDOW_FIELDS = new Set(['x', 'w', 'count', 'mean', 'variance']);

export const updateWindow = defineFunction({
  name: 'stat.sample.updateWindow',
  sigs: [
    '(x: double, w: double, state: array<record A {x: double, w: double, count: double}>, windowSize: int) -> array<A>',
  ],
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
      return [
        ...kept,
        updateRecord(record, { x, w, count: finalCount, mean, variance: divide(varianceTimesCount, finalCount) }),
      ];
    };
  },
  wasm: (c) => {
    const [x, w, state, windowSize] = c.args;
    const rec = c.site.bindings.A as RecordType;
    const level = meanVarianceLevel('stat.sample.updateWindow', rec);
    const initializable = rec.fields.every((f) => WINDOW_FIELDS.has(f.name));
    const R = c.type(rec);
    const out = c.temp(`Array<${R}>`, `new Array<${R}>(0)`);
    c.emit(`if (${windowSize} < 2) ${c.fail('windowSizeMustBeAtLeast2', 'windowSize must be at least 2')}`);
    c.if_(
      `${state}.length == 0`,
      () => {
        if (!initializable) c.emit(c.fail('cannotInitializeUnrecognizedFields'));
        else {
          const init: Record<string, string> = { x, w, count: w, mean: x, variance: '0.0' };
          c.emit(
            `${out}.push(${c.record(
              rec,
              rec.fields.map((f) => init[f.name]),
            )});`,
          );
        }
      },
      () => {
        const record = c.temp(R, `unchecked(${state}[${state}.length - 1])`);
        const originalCount = c.temp('f64', c.field(rec, record, 'count'));
        const count = c.temp('f64', `${originalCount} + ${w}`);
        const splitAt = c.temp('i32', `${state}.length >= ${windowSize} ? ${state}.length - ${windowSize} + 1 : 0`);
        const removedWeight = c.temp('f64', '0.0');
        const i = c.temp('i32', '0');
        c.emit(
          `for (; ${i} < ${splitAt}; ${i}++) ${removedWeight} += -${c.field(rec, `unchecked(${state}[${i}])`, 'w')};`,
        );
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
      },
    );
    return out;
  },
});
