/**
 * Scoring one item: the object streamed from S3 through the CLI's reader (JSON lines or Avro,
 * gzip or not: src/hosts/cli/score/input.ts), scored in batches, the text streamed to the output
 * object. The output appears under its key only when the whole item has been scored; a failure
 * or the deadline aborts it, and the invocation fails with an error naming the item.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { PFAEngine } from '../../../engine.js';
import { PfaError } from '../../../errors/PfaError.js';
import { openInput, scoredBatches } from '../../cli/score/input.js';
import { BatchItem, BadItemError } from './items.js';
import { ObjectWriter } from './output.js';
import { lineRange, openObject } from './source.js';

export interface ItemSummary {
  input: string;
  output: string;
  format: 'jsonl' | 'avro';
  gzip: boolean;
  records: number;
  failures: number;
  /** Bytes read from S3, as stored. */
  bytes: number;
  outputBytes: number;
  seconds: number;
}

/** The object is not a readable JSON-lines or Avro file (bad gzip, a corrupt Avro block, a schema the model cannot read). */
export class BadInputError extends Error {
  override name = 'BadInput';
}

/** The item did not finish before the deadline; nothing was written under its output key. */
export class ItemTimedOutError extends Error {
  override name = 'ItemTimedOut';
}

export interface ItemJob {
  client: S3Client;
  engine: PFAEngine;
  item: BatchItem;
  outputBucket: string;
  outputKey: string;
  batch: number;
  partBytes: number;
  /** Date.now() by which the item must be done, or Infinity. */
  deadline: number;
  /** A failed abort of the upload, for the log (the item's error is thrown regardless). */
  onAbortFailed(message: string): void;
}

export async function scoreItem(job: ItemJob): Promise<ItemSummary> {
  const { client, engine, item } = job;
  const input = `s3://${item.bucket}/${item.key}`;
  const output = `s3://${job.outputBucket}/${job.outputKey}`;
  const started = Date.now();
  const controller = new AbortController();
  let timedOut = false;
  const stop = () => {
    timedOut = true;
    controller.abort();
  };
  // Kernel calls are synchronous, so the timer fires between batches, or while a read or upload waits.
  const timer = Number.isFinite(job.deadline) ? setTimeout(stop, Math.max(0, job.deadline - started)) : null;
  const writer = new ObjectWriter(client, job.outputBucket, job.outputKey, job.partBytes, controller.signal);
  let records = 0,
    failures = 0;
  let read = () => 0;
  try {
    const object = await openObject(client, item, controller.signal);
    read = object.read;
    let opened = await openInput(object.chunks);
    if (item.lines) {
      if (opened.format === 'avro')
        throw new BadItemError(`${input}: a line range is for JSON lines; score an Avro object whole`);
      opened = { ...opened, chunks: lineRange(opened.chunks, item.lines.first, item.lines.count) };
    }
    for await (const scored of scoredBatches(engine, opened, job.batch)) {
      if (timedOut || Date.now() >= job.deadline) stop();
      if (timedOut) break;
      records += scored.records;
      failures += scored.failed;
      await writer.write(scored.text);
    }
    if (timedOut) throw new Error('deadline');
    await writer.close();
    return {
      input,
      output,
      format: opened.format,
      gzip: opened.gzip,
      records,
      failures,
      bytes: read(),
      outputBytes: writer.bytes,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (e) {
    const note = await writer.abort();
    if (note !== null) job.onAbortFailed(note);
    if (timedOut) {
      throw new ItemTimedOutError(
        `${input}: not finished in the time left (${records} records scored, ${read()} bytes read in ${((Date.now() - started) / 1000).toFixed(1)} s); nothing was written to ${output}. Split the item (byte or line ranges, smaller objects) or raise the function's timeout`,
      );
    }
    if (e instanceof PfaError && e.kind === 'input') throw new BadInputError(`${input}: ${e.message}`);
    throw e;
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}
