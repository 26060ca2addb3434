/**
 * The state a compiled JS engine closes over: cells, pools, user functions, the emit and log
 * hooks, the clock for timeouts. One per engine instance.
 */
import { PfaError } from '../../errors/PfaError.js';
import { runtimeMessages } from '../../errors/runtime.js';
import { Value } from '../../values.js';
import { Rng } from '../../rng.js';

export type Frame = Value[];
export type Compiled = (f: Frame) => Value;

export class JsState {
  readonly cells = new Map<string, Value>();
  readonly pools = new Map<string, Map<string, Value>>();
  /** User functions, compiled lazily (they may call each other recursively). */
  readonly fcns = new Map<string, (...args: Value[]) => Value>();
  emit: (v: Value) => void = () => {};
  log: (values: Value[], namespace: string | null) => void = () => {};
  /** Milliseconds since the epoch after which the running routine raises a timeout; Infinity if none. */
  deadline = Infinity;
  timeoutMs = -1;
  readonly rng: Rng;

  constructor(seed: bigint | null) {
    this.rng = new Rng(seed);
  }

  /** Called from loops and user-function calls: cheap unless a timeout is set. */
  checkClock(): void {
    if (this.deadline !== Infinity && Date.now() > this.deadline) {
      throw runtimeMessages.timeout.error(this.timeoutMs);
    }
  }
}

/** Attaches the PFA path of the failing node to a runtime error that does not have one yet. */
export function withPath(e: unknown, path: string): unknown {
  if (e instanceof PfaError && e.path === undefined) e.path = path;
  return e;
}
