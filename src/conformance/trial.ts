/**
 * Runs one trial on a built engine and judges it, following the upstream runners
 * (animator/pfa `conformance-tests/runTestTitus.py`) and the suite's README, "Markers":
 *
 * - `skip` trials are not run; the others' samples lose undeclared record fields first (sample.ts);
 * - an expected `error` passes iff a PfaError with that code was raised, whatever the marker;
 * - `pseudorandom` and `unstable` trials pass when the action returns a value (not compared);
 * - otherwise the encoded result is compared with `compareValues` at the official tolerance,
 *   after sorting both lists when the trial is `unordered`.
 *
 * A passing trial is also "strict" when it holds at the STRICT tolerance; a trial whose value is
 * not compared is strict whenever it passes.
 */
import { PfaError } from '../errors/PfaError.js';
import { compareValues, OFFICIAL, STRICT } from './compare.js';
import { projectSample } from './sample.js';
import type { Trial } from './suite.js';

/** The part of PFAEngine the harness uses. */
export interface ConformanceEngine {
  decode(json: unknown): unknown;
  action(input: unknown): unknown;
  encode(value: unknown): unknown;
}

/** What the engine did: a value (Avro-JSON), a PfaError, or a crash (any other exception: a bug). */
export type Actual =
  | { result: unknown }
  | { error: number | undefined; kind: string; message: string }
  | { crash: string };

export interface TrialOutcome {
  status: 'passed' | 'failed' | 'skipped';
  strict: boolean;
  actual?: Actual;
  /** Why it failed. */
  reason?: string;
  /** Wall time of decode + action + encode, in milliseconds. */
  ms: number;
}

export interface TrialContext {
  /** A trial slower than this fails (the engine cannot be interrupted, only judged). */
  trialMs: number;
  /** The document uses the float type (compare.ts, `floats`). */
  floats: boolean;
  /** The document's input schema, for projectSample. */
  input: unknown;
}

export function runTrial(engine: ConformanceEngine, trial: Trial, context: TrialContext): TrialOutcome {
  if (trial.skip !== undefined) return { status: 'skipped', strict: false, ms: 0 };
  const start = performance.now();
  const actual = execute(engine, trial, context.input);
  const ms = performance.now() - start;
  const outcome = judge(trial, actual, context.floats);
  if (outcome.status === 'passed' && ms > context.trialMs) {
    return {
      status: 'failed',
      strict: false,
      actual,
      reason: `too slow: ${Math.round(ms)} ms (limit ${context.trialMs} ms)`,
      ms,
    };
  }
  return { ...outcome, actual, ms };
}

function execute(engine: ConformanceEngine, trial: Trial, inputSchema: unknown): Actual {
  try {
    const input = engine.decode(projectSample(trial.sample, inputSchema));
    return { result: engine.encode(engine.action(input)) };
  } catch (e) {
    if (e instanceof PfaError) return { error: e.code, kind: e.kind, message: e.message };
    return { crash: describeCrash(e) };
  }
}

function judge(trial: Trial, actual: Actual, floats: boolean): Omit<TrialOutcome, 'ms' | 'actual'> {
  if ('crash' in actual) return { status: 'failed', strict: false, reason: `crash: ${actual.crash}` };
  const fail = (reason: string) => ({ status: 'failed' as const, strict: false, reason });
  if (trial.error !== undefined) {
    if ('result' in actual) return fail(`expected error ${trial.error}, got a result`);
    if (actual.error === trial.error) return { status: 'passed', strict: true };
    return fail(
      `expected error ${trial.error}, got ${actual.kind} error ${actual.error ?? '(no code)'}: ${actual.message}`,
    );
  }
  if (!('result' in actual))
    return fail(`unexpected ${actual.kind} error ${actual.error ?? '(no code)'}: ${actual.message}`);
  if (trial.nondeterministic === 'pseudorandom' || trial.nondeterministic === 'unstable')
    return { status: 'passed', strict: true };
  if (!trial.hasResult) return fail('the suite gives no expected value');
  const options = { unordered: trial.nondeterministic === 'unordered', floats };
  const difference = compareValues(trial.result, actual.result, OFFICIAL, options);
  if (difference !== undefined) return fail(difference);
  return { status: 'passed', strict: compareValues(trial.result, actual.result, STRICT, options) === undefined };
}

export function describeCrash(e: unknown): string {
  if (e instanceof Error) {
    const frame = e.stack
      ?.split('\n')
      .find((l) => l.trim().startsWith('at '))
      ?.trim();
    return `${e.name}: ${e.message}${frame ? ` (${frame})` : ''}`;
  }
  return String(e);
}

/** Does the document name the float type anywhere (as a type, or a field's or item's type)? */
export function usesFloat(doc: unknown): boolean {
  if (doc === 'float') return true;
  if (Array.isArray(doc)) return doc.some(usesFloat);
  if (typeof doc === 'object' && doc !== null) return Object.values(doc).some(usesFloat);
  return false;
}
