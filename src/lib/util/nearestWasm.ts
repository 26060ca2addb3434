/**
 * The Wasm forms of nearest.ts (model.cluster, model.neighbor), operation for operation: squared
 * Euclidean distance over the common length, and the indexes of the n smallest distances.
 */
import { WasmCall } from '../registry.js';
import { RT } from '../../backend/wasm/emit/names.js';
import { wasmLockstepLoop, wasmLockstepSums } from './lockstepWasm.js';

/** squaredDistance: sum of (a[i] - b[i]) ** 2 over the common length (`** 2` is exact in JS, and so is Math.pow(x, 2.0), FdlibmMath.pow, in AS). */
export function wasmSquaredDistance(c: WasmCall, a: string, b: string): string {
  const n = c.temp('i32', `min<i32>(${a}.length, ${b}.length)`);
  const s = c.temp('f64', '0.0');
  const i = c.temp('i32', '0');
  // (d * d: the bits of `** 2` and of fdlibm's pow(d, 2), which returns x * x for y = 2)
  const d = c.temp('f64', '0.0');
  c.emit(`for (; ${i} < ${n}; ${i}++) { ${d} = unchecked(${a}[${i}]) - unchecked(${b}[${i}]); ${s} += ${d} * ${d}; }`);
  return s;
}

/**
 * squaredDistance(a, b[j]) for every item of `points` (an Array<Array<f64>>), as an Array<f64> in
 * item order: LOCKSTEP points at a time over the length they all share with `a`
 * (util/lockstepWasm.ts), then each point on alone to its own common length with `a`, so every
 * sum adds the same terms in the same order as wasmSquaredDistance. No errors; the clock is charged per point.
 */
export function wasmSquaredDistances(c: WasmCall, a: string, points: string): string {
  // (every index is stored before it is read: no clearing, and stores without the growing setter)
  const out = c.temp('Array<f64>', `${RT.rawArray}<f64>(${points}.length)`);
  wasmLockstepLoop(c, `${points}.length`, (js) => {
    const rows = js.map((j) => c.temp('Array<f64>', `unchecked(${points}[${j}])`));
    const n = c.temp(
      'i32',
      rows.reduce((m, row) => `min<i32>(${m}, ${row}.length)`, `${a}.length`),
    );
    const sums = wasmLockstepSums(c, rows, a, n, { kind: 'squares', sharedFirst: true });
    const i = c.temp('i32', '0');
    const d = c.temp('f64', '0.0');
    js.forEach((j, k) => {
      // (the rest of a longer point: empty when all have a's length, as codebooks of nearestK do)
      c.emit(
        `for (${i} = ${n}; ${i} < min<i32>(${a}.length, ${rows[k]}.length); ${i}++) { ${d} = unchecked(${a}[${i}]) - unchecked(${rows[k]}[${i}]); ${sums[k]} += ${d} * ${d}; }`,
      );
      c.emit(`${RT.setAt}(${out}, ${j}, ${sums[k]});`);
    });
  });
  return out;
}

/**
 * lowestN as its NaN path replays it: each index is inserted before the first kept index whose
 * distance it is strictly below, and at most n are kept. Without NaNs this is the stable sort the
 * JS form uses (its comparator treats equal and infinite-minus-infinite alike as ties).
 */
export function wasmLowestN(c: WasmCall, distances: string, n: string): string {
  const out = c.temp('Array<i32>', 'new Array<i32>(0)');
  c.if_(`${n} > 0`, () => {
    const i = c.temp('i32', '0');
    c.block(`for (; ${i} < ${distances}.length; ${i}++)`, () => {
      c.emit(c.clock());
      const d = c.temp('f64', `unchecked(${distances}[${i}])`);
      // The kept distances that are not NaN are ascending (an index goes before the first it is
      // below; NaN goes last), so when n are kept and the last is not NaN, a distance not below it
      // is below none and would be dropped: skip the search, as most items of a large codebook are.
      const last = c.temp('f64', '0.0');
      c.if_(`${out}.length >= ${n}`, () => {
        c.emit(`${last} = unchecked(${distances}[unchecked(${out}[${out}.length - 1])]);`);
        c.emit(`if (${last} == ${last} && !(${d} < ${last})) continue;`);
      });
      const at = c.temp('i32', `${out}.length`);
      const j = c.temp('i32', '0');
      c.emit(
        `for (; ${j} < ${out}.length; ${j}++) if (${d} < unchecked(${distances}[unchecked(${out}[${j}])])) { ${at} = ${j}; break; }`,
      );
      c.emit(`if (${at} >= ${n}) continue;`);
      c.emit(`${out}.push(0);`);
      const k = c.temp('i32', `${out}.length - 1`);
      c.emit(`for (; ${k} > ${at}; ${k}--) ${RT.setAt}(${out}, ${k}, ${out}[${k} - 1]);`);
      c.emit(`${RT.setAt}(${out}, ${at}, ${i});`);
      c.emit(`if (${out}.length > ${n}) ${out}.pop();`);
    });
  });
  return out;
}
