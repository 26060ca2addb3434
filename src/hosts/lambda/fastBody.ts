/**
 * Request bodies on the fast path (Wasm engines): the body's text is read by the engine's
 * generated reader (src/backend/wasm/fastpath) record by record, without JSON.parse or runtime values, and
 * the answer is written from the kernel's output memory. The shapes are body.ts's (one record, a
 * JSON array of records, {"records": [...]}); whenever the reader declines any part of a body,
 * the general path answers it instead, so every error a body can cause is the general path's.
 * One record the kernel reads whole is scored here; every other body is staged (fastBatch.ts).
 */
import { PfaError } from '../../errors/PfaError.js';
import { unionTag } from '../../codec/avroJson.js';
import { type Text, readOne, readsText, scoreRead, scoresOneInKernel } from '../../backend/wasm/fastpath/scorer.js';
import { Logger } from './log.js';
import { nowMs } from './clock.js';
import { type StagedBodies, stagedBodies } from './fastBatch.js';
import { recordFailed } from './failures.js';
import type { ScoringEngine } from './compiled.js';

export interface FastScored {
  text: string;
  count: number;
  /** The clock (nowMs) when scoring began: reading the body took until then. */
  startMs: number;
  /** Milliseconds scoring and writing the answers. */
  scoreMs: number;
}

export interface FastBody {
  /** The answer for a body's text; null: the general path answers. `kernelDeclined`: `bytes` already tried the kernel. */
  (text: string, log: Logger, requestId?: string, kernelDeclined?: boolean): FastScored | null;
  /**
   * The answer for a body given as its UTF-8 bytes (checked UTF-8: the server's isUtf8) when it is
   * one record the kernel reads, with no string made; null otherwise: the caller decodes the
   * bytes and calls the text entry with `kernelDeclined`.
   */
  bytes(bytes: Uint8Array, log: Logger, requestId?: string): FastScored | null;
}

/**
 * The fast body path of an engine, or null when it has none (JS backend; an input type the reader
 * never reads; a union input with a branch tagged "records", which body.ts reads as a batch).
 */
/*! @eager */
export function fastBody(engine: ScoringEngine, document: { readonly text: string }): FastBody | null {
  const scorer = engine.textPath();
  if (!scorer || !readsText(scorer)) return null;
  const input = engine.inputType;
  if (input.kind === 'union' && input.types.some((b) => unionTag(b) === 'records' || unionTag(b).endsWith('.records')))
    return null;
  // Every body but one record scored in the kernel's text buffer, made at the first such body.
  let staged: StagedBodies | undefined;
  const stagedPath = () => (staged ??= stagedBodies(engine, scorer, document));
  // One record read whole by the kernel (which declines anything else, a batch too), scored from
  // the kernel's text buffer where the scorer can; null when the kernel declines it.
  const inPlace = scoresOneInKernel(scorer);
  const oneRecord = (text: Text, log: Logger, requestId: string | undefined): FastScored | null => {
    if (!inPlace) return stagedPath().one(text, log, requestId);
    if (!readOne(scorer, text)) return null;
    const t1 = nowMs();
    const out = scoreRead(scorer);
    if (out instanceof PfaError) throw recordFailed(out, '', log, requestId);
    return { text: out, count: 1, startMs: t1, scoreMs: nowMs() - t1 };
  };
  const fast = ((text, log, requestId, kernelDeclined = false) => {
    // The commonest body first; a text that does not start as an object is not copied into the kernel.
    if (!kernelDeclined && startsObject(text)) {
      const one = oneRecord(text, log, requestId);
      if (one) return one;
    }
    return stagedPath().body(text, log, requestId);
  }) as FastBody;
  fast.bytes = oneRecord;
  return fast;
}

/** Whether the text's first character after JSON whitespace is "{". */
/*! @eager */
function startsObject(text: string): boolean {
  let i = 0;
  let c = text.charCodeAt(0);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
  return c === 123;
}
