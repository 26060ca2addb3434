/**
 * Request bodies on the fast path (Wasm engines): the body's text is read by the engine's
 * generated reader (src/backend/wasm/fastpath) record by record, without JSON.parse or runtime values, and
 * the answer is written from the kernel's output memory. The shapes are body.ts's (one record, a
 * JSON array of records, {"records": [...]}); whenever the reader declines any part of a body,
 * the general path answers it instead, so every error a body can cause is the general path's.
 */
import { PfaError } from '../../errors/PfaError.js';
import { unionTag } from '../../codec/avroJson.js';
import { Scan } from '../../backend/wasm/fastpath/scan.js';
import type { Answer, Text } from '../../backend/wasm/fastpath/scorer.js';
import { HttpError } from './errors.js';
import { Logger } from './log.js';
import { nowMs } from './clock.js';
import { takes } from './bodyParse.js';
import { type Body, independentRecords, stageBody } from './fastBatch.js';
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
  if (!scorer?.readsText) return null;
  const input = engine.inputType;
  if (input.kind === 'union' && input.types.some((b) => unionTag(b) === 'records' || unionTag(b).endsWith('.records')))
    return null;
  // Which batch shapes a body may take, asked at the first body that is not one record.
  let shapes: { arrays: boolean; records: boolean } | undefined;
  // Asked at the first batch (it may parse the whole document): one-record bodies never need it.
  let oneCall: boolean | undefined;
  const scan = new Scan();
  const emit = engine.method === 'emit';
  // The request's answers, gathered by one callback made here rather than a closure per request
  // (each costs an allocation and, at its first call, a trip through V8's lazy-compile stub).
  // Requests run one at a time: a kernel call never starts another.
  let outputs: string[] = [];
  let failure: { j: number; error: PfaError } | null = null;
  const collect: Answer = (j, answer) => {
    if (answer instanceof PfaError) failure ??= { j, error: answer };
    else outputs[j] = emit ? `[${answer}]` : answer;
  };
  const answer = (body: Body, log: Logger, requestId: string | undefined): FastScored => {
    const t1 = nowMs();
    const n = scorer.staged;
    outputs = new Array(n);
    failure = null;
    // A batch stops at its first failing record (later ones are not scored): one kernel call for
    // the whole batch only when scoring them anyway cannot be observed.
    scorer.run(',', body.batch && !(oneCall ??= independentRecords(engine, document.text)), collect);
    const failed = failure as { j: number; error: PfaError } | null;
    if (failed) throw recordFailed(failed.error, body.batch ? `${body.list}/${failed.j}` : '', log, requestId);
    const out = body.batch ? `[${outputs.join(',')}]` : outputs[0];
    return { text: out, count: n, startMs: t1, scoreMs: nowMs() - t1 };
  };
  // One record read whole by the kernel (which declines anything else, a batch too), scored from
  // the kernel's text buffer where the scorer can; null when the kernel declines it.
  const inPlace = scorer.scoresOneInKernel;
  const oneRecord = (text: Text, log: Logger, requestId: string | undefined): FastScored | null => {
    if (!inPlace) {
      scorer.clear();
      return scorer.stageInKernel(text) ? answer(ONE, log, requestId) : null;
    }
    if (!scorer.readOne(text)) return null;
    const t1 = nowMs();
    const out = scorer.scoreRead();
    if (out instanceof PfaError) throw recordFailed(out, '', log, requestId);
    return { text: out, count: 1, startMs: t1, scoreMs: nowMs() - t1 };
  };
  const fast = ((text, log, requestId, kernelDeclined = false) => {
    scan.reset(text);
    // The commonest body first; a text that does not start as an object is not copied into the kernel.
    if (!kernelDeclined && scan.ws() === 123) {
      const one = oneRecord(text, log, requestId);
      if (one) return one;
    }
    scorer.clear();
    shapes ??= { arrays: !takes(input, 'array'), records: !takes(input, 'records') };
    const body = stageBody(scorer, scan, shapes.arrays, shapes.records);
    if (body === null || scorer.staged === 0) return null;
    return answer(body, log, requestId);
  }) as FastBody;
  fast.bytes = oneRecord;
  return fast;
}

/** A body of one record (the kernel's path). */
const ONE: Body = { batch: false, list: '' };

/** The answer for a record the model failed on: 422 naming the record (logged as the general path logs it). */
export function recordFailed(e: PfaError, path: string, log: Logger, requestId?: string): HttpError {
  log.log('info', 'the model failed on a record', {
    requestId,
    record: path,
    kind: e.kind,
    code: e.code,
    fcn: e.fcn,
    error: e.message,
  });
  return new HttpError(422, `the model failed on this record: ${e.message}`, e.code ?? null, path);
}
