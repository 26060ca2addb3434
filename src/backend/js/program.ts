/**
 * A compiled JS engine: the routines of one TypedEngine as closures, with its cells, pools,
 * counters and the spec's execution rules (rollback of cells and pools on a failed action,
 * timeouts per routine, begin before the first action).
 */
import { engineMessages, runtimeMessages } from '../../errors/runtime.js';
import { Routine, TypedEngine } from '../../ir/tree.js';
import { Value, boxerFor } from '../../values.js';
import { Compiled, JsState } from './state.js';
import { JsCompiler } from './compile.js';

export interface RoutineHooks {
  emit?: (v: Value) => void;
  log?: (values: Value[], namespace: string | null) => void;
}

interface CompiledRoutine {
  body: Compiled;
  frameSize: number;
  predefined: Readonly<Record<string, number>>;
}

export class JsProgram {
  readonly rt: JsState;
  private readonly actionR: CompiledRoutine;
  private readonly beginR: CompiledRoutine | null;
  private readonly endR: CompiledRoutine | null;
  private readonly mergeR: CompiledRoutine | null;
  private actionsStarted = 0n;
  private actionsFinished = 0n;
  tally: Value;
  private begun = false;
  private readonly rollbackCells: string[];
  private readonly rollbackPools: string[];
  /** The API's runtime type rule for inputs and tallies (values.ts boxerFor); identity if nothing boxes. */
  private readonly boxInput: (v: Value) => Value;
  private readonly boxTally: (v: Value) => Value;

  constructor(
    readonly typed: TypedEngine,
    readonly instance = 0,
  ) {
    this.rt = new JsState(typed.randseed === null ? null : typed.randseed + BigInt(instance));
    const compiler = new JsCompiler(this.rt, typed.fcns);
    for (const fn of typed.fcns.values()) this.rt.fcns.set(fn.name, compiler.userFunction(fn));
    const routine = (r: Routine | null): CompiledRoutine | null =>
      r && { body: compiler.compile(r.body), frameSize: r.frameSize, predefined: r.predefined };
    this.actionR = routine(typed.action)!;
    this.beginR = routine(typed.begin);
    this.endR = routine(typed.end);
    this.mergeR = routine(typed.merge);
    this.rollbackCells = [...typed.cells.values()].filter((c) => c.rollback).map((c) => c.name);
    this.rollbackPools = [...typed.pools.values()].filter((p) => p.rollback).map((p) => p.name);
    this.tally = typed.zero;
    this.boxInput = boxerFor(typed.input) ?? ((v) => v);
    this.boxTally = boxerFor(typed.output) ?? ((v) => v);
    this.resetState();
  }

  /** Puts cells, pools and the tally back to the document's initial values. */
  resetState(): void {
    for (const c of this.typed.cells.values()) this.rt.cells.set(c.name, c.init);
    for (const p of this.typed.pools.values()) this.rt.pools.set(p.name, p.init as Map<string, Value>);
    this.tally = this.typed.zero;
  }

  private frameFor(r: CompiledRoutine, extra: Record<string, Value>): Value[] {
    const f: Value[] = new Array(r.frameSize);
    const p = r.predefined;
    const t = this.typed;
    if ('name' in p) f[p.name] = t.name;
    if ('instance' in p) f[p.instance] = this.instance;
    if ('version' in p) f[p.version] = t.version;
    if ('metadata' in p) f[p.metadata] = t.metadata;
    if ('actionsStarted' in p) f[p.actionsStarted] = this.actionsStarted;
    if ('actionsFinished' in p) f[p.actionsFinished] = this.actionsFinished;
    if ('tally' in p) f[p.tally] = this.tally;
    for (const [k, v] of Object.entries(extra)) if (k in p) f[p[k]] = v;
    return f;
  }

  private run<T>(which: 'begin' | 'action' | 'end', hooks: RoutineHooks, body: () => T): T {
    const o = this.typed.options;
    const ms = (o[`timeout.${which}`] ?? o.timeout ?? -1) as number;
    this.rt.timeoutMs = ms;
    this.rt.deadline = ms >= 0 ? Date.now() + ms : Infinity;
    this.rt.emit = hooks.emit ?? (() => {});
    this.rt.log = hooks.log ?? (() => {});
    try {
      return body();
    } catch (e) {
      if (e instanceof RangeError && /call stack/i.test(e.message)) {
        throw runtimeMessages.recursionTooDeep.error();
      }
      throw e;
    } finally {
      this.rt.deadline = Infinity;
    }
  }

  begin(hooks: RoutineHooks = {}): void {
    this.begun = true;
    const r = this.beginR;
    if (r) this.run('begin', hooks, () => r.body(this.frameFor(r, {})));
  }

  action(input: Value, hooks: RoutineHooks = {}): Value {
    if (!this.begun) this.begin(hooks);
    const r = this.actionR;
    this.actionsStarted++;
    const savedCells = this.rollbackCells.map((n) => this.rt.cells.get(n));
    const savedPools = this.rollbackPools.map((n) => this.rt.pools.get(n)!);
    try {
      const out = this.run('action', hooks, () => r.body(this.frameFor(r, { input: this.boxInput(input) })));
      this.actionsFinished++;
      if (this.typed.method === 'fold') this.tally = out;
      return out;
    } catch (e) {
      this.rollbackCells.forEach((n, i) => {
        this.rt.cells.set(n, savedCells[i]);
      });
      this.rollbackPools.forEach((n, i) => {
        this.rt.pools.set(n, savedPools[i]);
      });
      throw e;
    }
  }

  end(hooks: RoutineHooks = {}): void {
    const r = this.endR;
    if (r) this.run('end', hooks, () => r.body(this.frameFor(r, {})));
  }

  merge(a: Value, b: Value): Value {
    const r = this.mergeR;
    if (!r) throw engineMessages.mergeNotFold.error();
    const out = this.run('action', {}, () =>
      r.body(this.frameFor(r, { tallyOne: this.boxTally(a), tallyTwo: this.boxTally(b) })),
    );
    this.tally = out;
    return out;
  }
}
