/**
 * The `stat.change` namespace: change detection. `updateTrigger` keeps run statistics of a
 * predicate in a state record (any record with at least the counter fields; other fields are
 * copied through), `zValue` and `updateCUSUM` are plain arithmetic.
 */
import { defineFunction, defineNamespace } from '../registry.js';
import { AvroType } from '../../types/avro.js';
import { PfaRecord } from '../../values.js';
import { divide } from '../util/division.js';
import { updateRecord } from '../util/record.js';
import { INT_MAX } from '../util/numeric.js';
import { RT } from '../../backend/wasm/emit/names.js';

const updateTrigger = defineFunction({
  name: 'stat.change.updateTrigger',
  sigs: [
    '(predicate: boolean, history: record A {numEvents: int, numRuns: int, currentRun: int, longestRun: int}) -> A',
  ],
  errors: { counterOutOfRange: 37000 },
  js: (site) => (predicate: boolean, history: PfaRecord) => {
    let numEvents = history.numEvents as number;
    let numRuns = history.numRuns as number;
    let currentRun = history.currentRun as number;
    let longestRun = history.longestRun as number;
    if (numEvents < 0 || numRuns < 0 || currentRun < 0 || longestRun < 0) site.fail('counterOutOfRange');
    if (predicate) {
      // Counters are ints: one that would pass the int range is out of range too.
      if (numEvents === INT_MAX || currentRun === INT_MAX || (currentRun === 0 && numRuns === INT_MAX))
        site.fail('counterOutOfRange');
      numEvents += 1;
      if (currentRun === 0) numRuns += 1;
      currentRun += 1;
      if (currentRun > longestRun) longestRun = currentRun;
    } else {
      currentRun = 0;
    }
    return updateRecord(history, { numEvents, numRuns, currentRun, longestRun });
  },
  wasm: (c) => {
    const [predicate, history] = c.args;
    const A = c.site.params[1] as AvroType;
    if (A.kind !== 'record') throw new Error('internal: history must be a record');
    const names = ['numEvents', 'numRuns', 'currentRun', 'longestRun'];
    const [numEvents, numRuns, currentRun, longestRun] = names.map((n) => c.temp('i32', c.field(A, history, n)));
    const bad = c.fail('counterOutOfRange');
    c.emit(`if (${numEvents} < 0 || ${numRuns} < 0 || ${currentRun} < 0 || ${longestRun} < 0) ${bad}`);
    c.group(
      [`if (${predicate}) {`, `} else ${currentRun} = 0;`],
      [
        () => {
          c.emit(
            `if (${numEvents} == ${INT_MAX} || ${currentRun} == ${INT_MAX} || (${currentRun} == 0 && ${numRuns} == ${INT_MAX})) ${bad}`,
          );
          c.emit(
            `${numEvents} += 1; if (${currentRun} == 0) ${numRuns} += 1; ${currentRun} += 1; if (${currentRun} > ${longestRun}) ${longestRun} = ${currentRun};`,
          );
        },
      ],
    );
    const changed: Record<string, string> = { numEvents, numRuns, currentRun, longestRun };
    return c.record(
      A,
      A.fields.map((f) => changed[f.name] ?? c.field(A, history, f.name)),
    );
  },
});

const zValue = defineFunction({
  name: 'stat.change.zValue',
  sigs: [
    '(x: double, meanVariance: record A {mean: double, variance: double}) -> double',
    '(x: double, meanVariance: record A {count: double, mean: double, variance: double}, unbiased: boolean) -> double',
  ],
  js: (site) => {
    // A negative variance (or a negative count/(count - 1)) has no square root: NaN.
    const z = (x: number, mv: PfaRecord) => {
      const variance = mv.variance as number;
      return divide(x - (mv.mean as number), variance >= 0 ? Math.sqrt(variance) : NaN);
    };
    if (site.sig === 0) return z;
    return (x: number, mv: PfaRecord, unbiased: boolean) => {
      if (!unbiased) return z(x, mv);
      const count = mv.count as number;
      const ratio = divide(count, count - 1);
      return z(x, mv) * (ratio >= 0 ? Math.sqrt(ratio) : NaN);
    };
  },
  wasm: (c) => {
    const [x, mv] = c.args;
    const A = c.site.params[1] as AvroType;
    const variance = c.temp('f64', c.field(A, mv, 'variance'));
    const z = c.temp(
      'f64',
      `${RT.divide}(${x} - ${c.field(A, mv, 'mean')}, ${variance} >= 0 ? Math.sqrt(${variance}) : NaN)`,
    );
    if (c.site.sig === 0) return z;
    const out = c.temp('f64', z);
    c.if_(c.args[2], () => {
      const count = c.temp('f64', c.field(A, mv, 'count'));
      const ratio = c.temp('f64', `${RT.divide}(${count}, ${count} - 1)`);
      c.emit(`${out} = ${z} * (${ratio} >= 0 ? Math.sqrt(${ratio}) : NaN);`);
    });
    return out;
  },
});

const updateCUSUM = defineFunction({
  name: 'stat.change.updateCUSUM',
  sigs: ['(logLikelihoodRatio: double, last: double, reset: double) -> double'],
  js: () => (logLikelihoodRatio: number, last: number, reset: number) => {
    const out = logLikelihoodRatio + last;
    return out > reset ? out : reset;
  },
  wasm: (c) => {
    const out = c.temp('f64', `${c.args[0]} + ${c.args[1]}`);
    return `(${out} > ${c.args[2]} ? ${out} : ${c.args[2]})`;
  },
});

export default defineNamespace('stat.change', [updateTrigger, zValue, updateCUSUM]);
