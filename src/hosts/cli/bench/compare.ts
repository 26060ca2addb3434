/**
 * How `pfa-wasm bench` checks a row before timing it: every answer (Avro-JSON, or the error's code)
 * against the JS backend's, doubles bit for bit. A row that differs is not timed.
 */
import { PfaError } from '../../../errors/PfaError.js';

/** An answer as compared between rows: the Avro-JSON output, or the error's code (or message). */
export type Outcome = { ok: true; json: unknown } | { ok: false; error: string };

export function failure(e: unknown): Outcome {
  if (e instanceof PfaError)
    return { ok: false, error: e.code !== undefined ? `code ${e.code}` : `${e.kind}: ${e.message}` };
  return { ok: false, error: `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}` };
}

export function outcome(run: () => unknown): Outcome {
  try {
    return { ok: true, json: run() };
  } catch (e) {
    return failure(e);
  }
}

/** Avro-JSON equality: objects by keys (any order), numbers with Object.is (bit for bit, -0 ≠ 0). */
export function sameJson(a: unknown, b: unknown): boolean {
  // Longs: encode gives bigints, parsed JSON text gives numbers where they are exact.
  if (typeof a === 'bigint' || typeof b === 'bigint') return isInteger(a) && isInteger(b) && BigInt(a) === BigInt(b);
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b as object, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

function isInteger(x: unknown): x is number | bigint {
  return typeof x === 'bigint' || Number.isInteger(x);
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.ok && b.ok ? sameJson(a.json, b.json) : !a.ok && !b.ok && a.error === b.error;
}

export function show(o: Outcome): string {
  const text = o.ok ? JSON.stringify(o.json, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)) : `error ${o.error}`;
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The first line where `answers` differ from the reference, as a note; null when all agree. */
export function disagreement(
  reference: readonly Outcome[],
  answers: readonly Outcome[],
  indices: readonly number[],
): string | null {
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!sameOutcome(reference[i], answers[k]))
      return `answers differ from the JS backend at input line ${i + 1}: ${show(answers[k])}, JS backend ${show(reference[i])}`;
  }
  return null;
}
