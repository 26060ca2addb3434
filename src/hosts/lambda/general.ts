/**
 * The general path of a request: the body parsed as JSON, each record decoded, scored and encoded
 * as a value (bodies the fast path declines, direct invocations, the JS backend). Apart from
 * handler.ts because a request the kernel reads never takes it: the Lambda bundle leaves this
 * file to the chunk it loads at the first such request (issue 17, deploy/deferred.ts).
 */
import { PfaError } from '../../errors/PfaError.js';
import { jsonText } from '../../document/json.js';
import { AvroType, someType } from '../../types/avro.js';
import { nowMs } from './clock.js';
import { Logger } from './log.js';
import type { ScoringEngine } from './compiled.js';
import { HttpError } from './errors.js';
import { splitBatch } from './bodyParse.js';
import { recordFailed } from './failures.js';

/** What the general path needs of a loaded model (handler.ts Loaded). */
export interface GeneralModel {
  engine: ScoringEngine;
  readonly longs: Longs;
}

/**
 * The output as JSON text: JSON.stringify unless the output type holds longs (bigints); and
 * whether bodies may need the exact JSON reader (the input type holds longs).
 */
export interface Longs {
  stringify: (x: unknown) => string;
  exactInput: boolean;
}

export function longsOf(engine: ScoringEngine): Longs {
  return {
    stringify: hasLong(engine.outputType) ? jsonText : JSON.stringify,
    exactInput: hasLong(engine.inputType),
  };
}

export interface Scored {
  json: unknown;
  text: string;
  count: number;
  /** Milliseconds decoding the records, and scoring and encoding them (Server-Timing). */
  decodeMs: number;
  scoreMs: number;
}

/** Decodes every record first (a bad one rejects the request before any state changes), then scores. */
export function score(m: GeneralModel, payload: unknown, log: Logger, requestId?: string): Scored {
  const { engine } = m;
  const t0 = nowMs();
  const batch = splitBatch(payload, engine.inputType);
  const inputs = new Array(batch.records.length);
  for (let i = 0; i < inputs.length; i++) {
    try {
      inputs[i] = engine.decode(batch.records[i]);
    } catch (e) {
      if (e instanceof PfaError && e.kind === 'input')
        throw new HttpError(400, e.message, e.code ?? null, batch.pathOf(i) + (e.inputPath ?? ''));
      throw e;
    }
  }
  const t1 = nowMs();
  const emit = engine.method === 'emit';
  const outputs = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    try {
      const out = engine.action(inputs[i]);
      outputs[i] = emit ? (out as unknown[]).map((v) => engine.encode(v)) : engine.encode(out);
    } catch (e) {
      if (e instanceof PfaError) throw recordFailed(e, batch.pathOf(i), log, requestId);
      throw e;
    }
  }
  const json = batch.batch ? outputs : outputs[0];
  const text = m.longs.stringify(json);
  const t2 = nowMs();
  return { json, text, count: inputs.length, decodeMs: t1 - t0, scoreMs: t2 - t1 };
}

/** Whether values of `t` hold longs (bigints, which JSON.stringify refuses). */
function hasLong(t: AvroType): boolean {
  return someType(t, (u) => u.kind === 'long');
}
