/** What a call answered, as text to compare across backends: the encoded value, or the error's kind, code and message. */
import { PFAEngine, PfaError } from '../../../src/index.js';

export function outcome(e: PFAEngine, x: unknown): string {
  try {
    return JSON.stringify(e.encode(e.action(x)));
  } catch (err) {
    if (!(err instanceof PfaError)) throw err;
    return described(err);
  }
}

/** The outcome of each record of one batch call (scoreBatch). */
export function batchOutcomes(e: PFAEngine, inputs: readonly unknown[]): string[] {
  return e.scoreBatch(inputs).map((r) => (r instanceof PfaError ? described(r) : JSON.stringify(e.encode(r))));
}

function described(err: PfaError): string {
  return `error ${err.kind} ${err.code} ${err.message}`;
}
