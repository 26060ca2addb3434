/**
 * The staged side of the fast body path (fastBody.ts): a body that is a JSON array of records or
 * {"records": [...]}, or one record the kernel does not score in place (a map, an emit engine,
 * a record the kernel declines), staged record by record, and whether a batch's records may be
 * scored in one kernel call. Apart from fastBody.ts because a cold start's request is one record
 * the kernel reads: the Lambda bundle leaves this to the chunk it loads at the first other body
 * (issue 17, deploy/deferred.ts), which the JS reader a batch stages with is in too.
 */
import { PfaError } from '../../errors/PfaError.js';
import { Scan } from '../../backend/wasm/fastpath/scan.js';
import type { Answer, Text, TextScorer } from '../../backend/wasm/fastpath/scorer.js';
import type { ScoringEngine } from './compiled.js';
import type { FastScored } from './fastBody.js';
import { Logger } from './log.js';
import { nowMs } from './clock.js';
import { takes } from './bodyParse.js';
import { recordFailed } from './failures.js';

/** The staged bodies of one engine (fastBody.ts); null: the general path answers. */
export interface StagedBodies {
  /** A body's text, staged whole. */
  body(text: string, log: Logger, requestId: string | undefined): FastScored | null;
  /** One record read by the kernel and staged (a text or its UTF-8 bytes). */
  one(text: Text, log: Logger, requestId: string | undefined): FastScored | null;
}

/** The staged path of `engine`'s bodies; `scorer` is its text path. */
export function stagedBodies(
  engine: ScoringEngine,
  scorer: TextScorer,
  document: { readonly text: string },
): StagedBodies {
  const input = engine.inputType;
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
  return {
    body(text, log, requestId) {
      scan.reset(text);
      scorer.clear();
      shapes ??= { arrays: !takes(input, 'array'), records: !takes(input, 'records') };
      const body = stageBody(scorer, scan, shapes.arrays, shapes.records);
      if (body === null || scorer.staged === 0) return null;
      return answer(body, log, requestId);
    },
    one(text, log, requestId) {
      scorer.clear();
      return scorer.stageInKernel(text) ? answer(ONE, log, requestId) : null;
    },
  };
}

export interface Body {
  batch: boolean;
  /** The JSON Pointer of the list of records in a batch ("" for a JSON array). */
  list: string;
}

const ONE: Body = { batch: false, list: '' };
const ARRAY: Body = { batch: true, list: '' };
const RECORDS: Body = { batch: true, list: '/records' };

/** Stages the records of a body; null when the reader declines any part (or the shape is not sure). */
export function stageBody(scorer: TextScorer, scan: Scan, arrays: boolean, records: boolean): Body | null {
  const c = scan.ws();
  if (c === 91 && arrays) return stageList(scorer, scan) && Number.isNaN(scan.ws()) ? ARRAY : null;
  if (c === 123 && records) {
    // {"records": [...]} and nothing else is a batch; any other object starting so is the general path's.
    const start = scan.i;
    scan.i++;
    if (scan.ws() === 34 && scan.quoted('records')) {
      if (scan.ws() !== 58) return null;
      scan.i++;
      if (scan.ws() !== 91 || !stageList(scorer, scan) || scan.ws() !== 125) return null;
      scan.i++;
      return Number.isNaN(scan.ws()) ? RECORDS : null;
    }
    scan.i = start;
  }
  return scorer.stageAt(scan, true) ? ONE : null;
}

/** At '[': stages each item. */
function stageList(scorer: TextScorer, scan: Scan): boolean {
  scan.i++;
  if (scan.ws() === 93) {
    scan.i++;
    return true;
  }
  for (;;) {
    if (!scorer.stageAt(scan, false)) return false;
    const c = scan.ws();
    scan.i++;
    if (c === 44) continue;
    return c === 93;
  }
}

/** Library functions that draw random numbers (scoring a record more changes later draws). */
const DRAWS = /^(rand\.|a\.shuffle$|model\.cluster\.randomSeeds$)/;

/**
 * Whether scoring the records after a failing one (then dropping their answers) cannot change any
 * later answer: no state (cells, pools, a fold tally), no random draws, and no use of the record
 * counters (looked for in the document's text: a mention anywhere is enough to say no).
 */
export function independentRecords(engine: ScoringEngine, documentText: string): boolean {
  if (engine.method === 'fold' || /actionsStarted|actionsFinished/.test(documentText)) return false;
  const t = engine.typed;
  if (!t) return !mayDrawOrKeep(documentText);
  if (t.cells.size > 0 || t.pools.size > 0) return false;
  for (const f of t.used) if (DRAWS.test(f)) return false;
  return true;
}

/**
 * Without the checked document (an engine run from its manifest): whether the document may keep
 * state or draw random numbers, from its JSON: cells or pools, or any key or string naming a
 * function that draws. A document that is not JSON (YAML) may, as far as this can tell.
 */
function mayDrawOrKeep(documentText: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(documentText);
  } catch {
    return true;
  }
  if (typeof doc !== 'object' || doc === null || 'cells' in doc || 'pools' in doc) return true;
  const names = (x: unknown): boolean => {
    if (typeof x === 'string') return DRAWS.test(x);
    if (typeof x !== 'object' || x === null) return false;
    if (Array.isArray(x)) return x.some(names);
    return Object.entries(x).some(([k, v]) => DRAWS.test(k) || names(v));
  };
  return names(doc);
}
