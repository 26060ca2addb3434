/**
 * Answers of the text paths (scoreText, scoreTextBatch, the composition they must equal) as one
 * comparable string each: the output text, or a PfaError's kind, code, input path and message.
 */
import { PfaError } from '../../src/index.js';

export function describeError(e: unknown): string {
  if (!(e instanceof PfaError)) throw e;
  return `error ${e.kind} ${e.code} ${e.inputPath} ${e.message}`;
}

export function answer(run: () => string): string {
  try {
    return run();
  } catch (e) {
    return describeError(e);
  }
}
