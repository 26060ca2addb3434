/**
 * Sums of several rows against one shared vector, computed in lockstep (model.neural,
 * model.neighbor, model.svm). Each sum is one serial chain of float adds whose order the JS form
 * fixes, so a single chain runs at the latency of one add per item; the chains of different rows
 * are independent, and keeping LOCKSTEP of them in one loop lets the CPU overlap them. Each sum
 * still performs exactly the JS form's operations in the JS form's order: the same bits.
 */
import { WasmCall } from '../registry.js';

/** How many rows one loop carries: four chains cover the add latency of current x86 and arm64 cores. */
export const LOCKSTEP = 4;

/**
 * The term of item i: `dot` adds row[i] * shared[i] (or shared[i] * row[i] when `sharedFirst`);
 * `squares` adds d * d for d = row[i] - shared[i] (or shared[i] - row[i]).
 */
export interface LockstepTerm {
  kind: 'dot' | 'squares';
  sharedFirst: boolean;
}

/**
 * Emits the sums over i < n of the term of rows[k] and `shared`, each starting from 0.0 and adding
 * in index order, and returns the locals holding them. The caller guarantees that n is at most the
 * length of `shared` and of every row (the reads are unchecked). All arguments are pure expressions.
 */
export function wasmLockstepSums(
  c: WasmCall,
  rows: readonly string[],
  shared: string,
  n: string,
  term: LockstepTerm,
): string[] {
  const sums = rows.map(() => c.temp('f64', '0.0'));
  // (each array's data address read once, then one byte offset for all: the loop body is the
  // loads and the float operations only)
  const data = [shared, ...rows].map((a) => c.temp('usize', `${a}.dataStart`));
  const o = c.temp('usize', '0');
  const end = c.temp('usize', `<usize>${n} << 3`);
  const x = c.temp('f64', '0.0');
  const d = term.kind === 'squares' ? c.temp('f64', '0.0') : '';
  const step = data.slice(1).map((row, k) => {
    const r = `load<f64>(${row} + ${o})`;
    const [a, b] = term.sharedFirst ? [x, r] : [r, x];
    return term.kind === 'dot' ? `${sums[k]} += ${a} * ${b};` : `${d} = ${a} - ${b}; ${sums[k]} += ${d} * ${d};`;
  });
  c.emit(`for (; ${o} < ${end}; ${o} += 8) { ${x} = load<f64>(${data[0]} + ${o}); ${step.join(' ')} }`);
  return sums;
}

/**
 * Emits a loop over the items 0 <= j < count of a collection in blocks of LOCKSTEP, then one at a
 * time for the rest: `body(js)` is called once for a block (js: LOCKSTEP index expressions, in
 * order) and once for the remainder (one index). Each iteration charges the clock per item with a
 * mask test (WasmCall.clockAt): a block's first index is a multiple of LOCKSTEP, and so is 65,536.
 */
export function wasmLockstepLoop(c: WasmCall, count: string, body: (js: readonly string[]) => void): void {
  const j = c.temp('i32', '0');
  c.block(`for (; ${j} + ${LOCKSTEP} <= ${count}; ${j} += ${LOCKSTEP})`, () => {
    c.emit(c.clockAt(j, `${count} - ${j}`));
    body(Array.from({ length: LOCKSTEP }, (_, k) => (k === 0 ? j : `${j} + ${k}`)));
  });
  c.block(`for (; ${j} < ${count}; ${j}++)`, () => {
    c.emit(c.clockAt(j, `${count} - ${j}`));
    body([j]);
  });
}
