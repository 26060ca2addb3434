/**
 * Walking and updating paths for attr, cell and pool. Updates copy every container along the
 * path (values are immutable); the rest of the structure is shared.
 */
import { PfaError } from '../../errors/PfaError.js';
import { mapKeyCode } from '../../errors/codes.js';
import { runtimeMessages } from '../../errors/runtime.js';
import { PathStep } from '../../ir/tree.js';
import { PfaRecord, Value, makeRecord } from '../../values.js';
import { Compiled, Frame } from './state.js';

export type CompiledStep =
  | { kind: 'index'; expr: Compiled }
  | { kind: 'key'; expr: Compiled }
  | { kind: 'field'; name: string };

export function compileSteps(
  steps: readonly PathStep[],
  compile: (n: import('../../ir/tree.js').Node) => Compiled,
): CompiledStep[] {
  return steps.map((s) => (s.kind === 'field' ? s : { kind: s.kind, expr: compile(s.expr) }));
}

function missingIndex(code: number, i: number): PfaError {
  return runtimeMessages.arrayIndexNotFound.with({ code }, i);
}

function missingKey(code: number, k: string): PfaError {
  return runtimeMessages.mapKeyNotFound.with({ code: mapKeyCode(code) }, k);
}

/** Evaluates the index expressions of a path once, in order. */
export function evalKeys(steps: CompiledStep[], f: Frame): (number | string)[] {
  return steps.map((s) => (s.kind === 'field' ? s.name : (s.expr(f) as number | string)));
}

export function getPath(root: Value, steps: CompiledStep[], keys: (number | string)[], code: number): Value {
  let v = root;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    const k = keys[i];
    if (s.kind === 'index') {
      const a = v as Value[];
      const n = k as number;
      if (n < 0 || n >= a.length) throw missingIndex(code, n);
      v = a[n];
    } else if (s.kind === 'key') {
      const m = v as Map<string, Value>;
      const x = m.get(k as string);
      if (x === undefined && !m.has(k as string)) throw missingKey(code, k as string);
      v = x;
    } else {
      v = (v as PfaRecord)[k as string];
    }
  }
  return v;
}

/** A copy of `root` with the value at the path replaced by `update(old)`. */
export function setPath(
  root: Value,
  steps: CompiledStep[],
  keys: (number | string)[],
  depth: number,
  code: number,
  update: (old: Value) => Value,
): Value {
  if (depth === steps.length) return update(root);
  const s = steps[depth];
  const k = keys[depth];
  if (s.kind === 'index') {
    const a = root as Value[];
    const n = k as number;
    if (n < 0 || n >= a.length) throw missingIndex(code, n);
    const out = a.slice();
    out[n] = setPath(a[n], steps, keys, depth + 1, code, update);
    return out;
  }
  if (s.kind === 'key') {
    const m = root as Map<string, Value>;
    if (!m.has(k as string)) throw missingKey(code, k as string);
    const out = new Map(m);
    out.set(k as string, setPath(m.get(k as string), steps, keys, depth + 1, code, update));
    return out;
  }
  const r = root as PfaRecord;
  const out = makeRecord();
  for (const name of Object.keys(r)) out[name] = r[name];
  out[k as string] = setPath(r[k as string], steps, keys, depth + 1, code, update);
  return out;
}
