/**
 * A fused loop written twice (issue 18: Sonar's two 60-item sums of gaussianLL). The first copy,
 * the speculative one, checks nothing per item that it can check otherwise; the second is the
 * loop as it always was, and it runs only when the first says that some check could have failed:
 *
 *     bad = 0.0;
 *     do {
 *       ...the producer's statements before its loop...
 *       if (!(present >= n && first >= n)) { bad = NaN; break; }   // the assumptions, tested once
 *       for (...) { ...item without its checks; bad += x...; fold step }
 *     } while (false);
 *     if (!isFinite(bad)) { fold accumulators set again; the checked loop }
 *
 * Three kinds of check leave the first copy:
 * - a check that can fail only at an item whose index is not below a load-time bound (a key missing
 *   from a constant map, lower/paths.ts inKeyOrder; an entry a form flags, WasmCall.fromFirstEntry)
 *   becomes one test of that bound against the item count, before the loop (`assumeBelow`);
 * - `WasmCall.requireFinite(x)` adds x to `bad`: a sum of finite numbers is finite or overflows,
 *   and a NaN or an infinity stays in it, so `bad` ends finite only if every x was (or it
 *   overflowed, and the second copy runs for nothing);
 * - any other failure (an array index, a helper's) sets `bad` to NaN and leaves both loops
 *   (Fn.speculation: `break`, and a test after each inner loop or switch), without raising; a
 *   timeout is raised as it is anywhere (after the copy, the routine leaves).
 *
 * Why the answers and errors stay the JS backend's: the first copy performs the same operations in
 * the same order as the second wherever no check would fail, so when `bad` ends finite its folds
 * hold the second copy's results; otherwise the second copy starts again from the first item, with
 * the folds' accumulators set again, and raises the first error the JS backend raises. This needs
 * an item function whose only effects are on its own locals (`speculable`): no `set`, no emit, log,
 * user function or pool, nothing nondeterministic, nothing that takes a function; and folds that
 * can start again from their first statements (`restartable`).
 */
import type { Node } from '../../../ir/tree.js';
import { eachNode } from '../../../ir/walk.js';
import type { WasmFold } from '../../../lib/registry.js';
import { RT } from '../emit/names.js';
import type { Fn } from './fn.js';

type CallNode = Extract<Node, { k: 'call' }>;

/** Node kinds an item function of a speculated loop may hold: reads and computations only. */
const PURE_KINDS = new Set<Node['k']>([
  'literal',
  'symbol',
  'let',
  'do',
  'if',
  'cond',
  'convert',
  'newarray',
  'newmap',
  'newrecord',
  'attr',
  'cell',
  'call',
]);

/** Whether producer `n`'s function arguments may be run a second time (see the file comment). */
export function speculable(n: CallNode): boolean {
  const fcns = n.args.filter((a) => a.k === 'fcn');
  if (fcns.length === 0) return false;
  return fcns.every((a) => {
    if (a.k !== 'fcn' || a.fcn.k !== 'fcndef') return false;
    let pure = true;
    eachNode(a.fcn.body, (x) => {
      if (!PURE_KINDS.has(x.k)) pure = false;
      else if ((x.k === 'attr' || x.k === 'cell') && x.to !== null) pure = false;
      else if (x.k === 'call' && (x.fn.nondeterministic || x.args.some((y) => y.k !== 'value'))) pure = false;
    });
    return pure;
  });
}

/**
 * Whether folds started by these statements (what their forms wrote when made) can start again by
 * writing them again: each a local set to a value without a call, and no fold that counts its
 * items first (a.append's array) or takes items by entry.
 */
export function restartable(folds: readonly WasmFold[], made: readonly string[]): boolean {
  return folds.every((f) => !f.begin && !f.entry) && made.every((s) => /^\w+ = [^();]*;$/.test(s.trim()));
}

/** The state of the speculative copy being written (Fn.speculation). */
export class Speculation {
  /** The item index of the loop, once the producer hands over its first item. */
  index: string | undefined;
  private count: string | undefined;
  private place: ((line: string) => void) | undefined;
  private readonly below: string[] = [];

  /** `bad`: the f64 local the copy's checks feed (NaN once a failure bailed out). */
  constructor(readonly bad: string) {}

  /** The statements that leave the copy as a failure would (inside `{ }`). */
  bail(): string {
    return `${this.bad} = NaN; break;`;
  }

  /**
   * A timeout (site 0) in the copy: raised, not put off (the JS backend times out too, and where a
   * timeout is noticed is the clock's business), and the copy left; `writeTwice` leaves after it.
   */
  timeout(): string {
    return `${RT.fail}(0); ${this.bail()}`;
  }

  /** After a loop or switch inside the copy: leave if something in it bailed out. */
  after(): string {
    return `if (${this.bad} != ${this.bad}) break;`;
  }

  /**
   * After a call that may fail (a helper): its failure bails out, and is forgotten until the rerun
   * (rt.fail keeps the first site), unless it is the timeout (errorSite 1: site 0).
   */
  propagate(): string {
    return `if (${RT.errorSite} != 0) { if (${RT.errorSite} != 1) ${RT.errorSite} = 0; ${this.bail()} }`;
  }

  /** The producer said how many items its loop has (`items`, pure), at the line `place` fills. */
  counted(items: string, place: (line: string) => void): void {
    this.count = items;
    this.place = place;
  }

  /**
   * A check that fails only when `index` is `bound` or more: when `index` is the loop's own and its
   * count is known, the copy assumes every index is below `bound` (tested once before the loop) and
   * the check is left out (true). Otherwise false: the caller writes the check.
   */
  assumeBelow(index: string, bound: string): boolean {
    if (index !== this.index || this.count === undefined) return false;
    this.below.push(`${bound} >= ${this.count}`);
    return true;
  }

  /** A check of `x`'s finiteness, deferred: x joins `bad` (a statement). */
  deferFinite(x: string): string {
    this.deferred = true;
    return `${this.bad} += ${x};`;
  }

  private deferred = false;

  /** Whether the copy left out any check (else it is no faster than the checked loop). */
  get gained(): boolean {
    return this.deferred || this.below.length > 0;
  }

  /** Writes the assumptions' test where the producer counted its items. */
  finish(): void {
    if (!this.place) return;
    this.place(this.below.length === 0 ? '' : `if (!(${this.below.join(' && ')})) { ${this.bail()} }`);
  }
}

/**
 * Writes a fused loop as the file comment shows: `loop` writes the producer's loop (with its folds'
 * steps), in the speculative copy when given one; `made` are the statements that started the folds.
 * A copy that left no check out is taken back, and the loop written once.
 */
export function writeTwice(fn: Fn, made: readonly string[], loop: (spec?: Speculation) => void): void {
  const before = fn.mark;
  const spec = new Speculation(fn.temp('f64', '0.0'));
  fn.doWhile(() => {
    fn.speculation = spec;
    try {
      loop(spec);
    } finally {
      fn.speculation = undefined;
    }
    spec.finish();
  }, 'false');
  // (a timeout in the copy)
  fn.emit(fn.propagate());
  if (!spec.gained) {
    fn.rollback(before);
    loop();
    return;
  }
  fn.block(`if (!isFinite(${spec.bad}))`, () => {
    for (const s of made) fn.emit(s);
    loop();
  });
}
