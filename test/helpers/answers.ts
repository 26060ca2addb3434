/**
 * Answers of the text paths (scoreText, scoreTextBatch, the composition they must equal) as one
 * comparable string each: the output text, or a PfaError's kind, code, input path and message.
 */
import { expect } from 'vitest';
import { PFAEngine, PfaError } from '../../src/index.js';

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

/** `answer` of each input text through decodeText, action and encodeText. */
export function textAnswers(e: PFAEngine, texts: readonly string[]): string[] {
  return texts.map((t) => answer(() => e.encodeText(e.action(e.decodeText(t)))));
}

/**
 * The JS backend's answers; the Wasm backend (which must lower the document) gives the same, and
 * so does its text path (the kernel's reader, the fast writer) for a document that keeps no state.
 */
export async function sameTextAnswers(doc: object, texts: readonly string[], stateless = true): Promise<string[]> {
  const want = textAnswers(PFAEngine.fromJson(doc, { backend: 'js' }), texts);
  const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
  expect(wasm.backend).toBe('wasm');
  expect(textAnswers(wasm, texts)).toEqual(want);
  if (stateless) expect(texts.map((t) => answer(() => wasm.scoreText(t)))).toEqual(want);
  return want;
}
