/**
 * Scoring one item: the object streamed from S3 through the CLI's reader (JSON lines or Avro,
 * gzip or not: src/hosts/cli/score/input.ts), scored in batches, each batch streamed to the output
 * object as the lines `pfa-wasm score` writes or as an Avro block (./avroOutput.ts). The output
 * appears under its key only when the whole item has been scored; a failure or running out of
 * time aborts it, and the invocation fails with an error naming the item.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { PFAEngine } from '../../../engine.js';
import { PfaError } from '../../../errors/PfaError.js';
import { RecordInput, openInput, scoredBatches } from '../../cli/score/input.js';
import { BatchItem, BadItemError } from './items.js';
import { ObjectWriter } from './output.js';
import { AvroCodec, AvroContainer, resultBatches } from './avroOutput.js';
import { OutputFormat } from './config.js';
import { lineRange, openObject } from './source.js';

export interface ItemSummary {
  input: string;
  output: string;
  /** The input's format. */
  format: 'jsonl' | 'avro';
  outputFormat: OutputFormat;
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

/** The item did not finish in the time left; nothing was written under its output key. */
export class ItemTimedOutError extends Error {
  override name = 'ItemTimedOut';
  constructor(
    message: string,
    /** Records scored when it stopped: the item's first `records` records (lines or Avro data). */
    readonly records: number,
  ) {
    super(message);
  }
}

export interface ItemJob {
  client: S3Client;
  engine: PFAEngine;
  item: BatchItem;
  outputBucket: string;
  outputKey: string;
  outputFormat: OutputFormat;
  avroCodec: AvroCodec;
  batch: number;
  partBytes: number;
  /**
   * Milliseconds the item may still run (Infinity: no limit), asked before the item and after
   * each batch: Lambda's getRemainingTimeInMillis less the margin.
   */
  timeLeft(): number;
  /** A failed abort of the upload, for the log (the item's error is thrown regardless). */
  onAbortFailed(message: string): void;
}

export async function scoreItem(job: ItemJob): Promise<ItemSummary> {
  const { client, item } = job;
  const input = `s3://${item.bucket}/${item.key}`;
  const output = `s3://${job.outputBucket}/${job.outputKey}`;
  const started = Date.now();
  const controller = new AbortController();
  let timedOut = false;
  const stop = () => {
    timedOut = true;
    controller.abort();
  };
  // The timer stops a read or an upload that waits past the limit; between batches (kernel calls
  // are synchronous) the time left is asked again.
  const left = job.timeLeft();
  const timer = Number.isFinite(left) ? setTimeout(stop, Math.max(0, left)) : null;
  const avro = job.outputFormat === 'avro';
  const contentType = avro ? 'avro/binary' : 'application/x-ndjson';
  const writer = new ObjectWriter(
    client,
    job.outputBucket,
    job.outputKey,
    job.partBytes,
    contentType,
    controller.signal,
  );
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
    for await (const scored of batches(job, opened)) {
      records += scored.records;
      failures += scored.failed;
      await writer.write(scored.data);
      // (Asked after batches of records, not after the Avro header.)
      if (!timedOut && scored.records > 0 && job.timeLeft() <= 0) stop();
      if (timedOut) break;
    }
    if (timedOut) throw new Error('out of time');
    await writer.close();
    return {
      input,
      output,
      format: opened.format,
      outputFormat: job.outputFormat,
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
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      throw new ItemTimedOutError(
        `${input}: not finished in the time left: stopped after record ${records} of the item (${read()} bytes read in ${seconds} s); nothing was written to ${output}. Split the item (byte or line ranges, smaller objects) or raise the function's timeout`,
        records,
      );
    }
    if (e instanceof PfaError && e.kind === 'input') throw new BadInputError(`${input}: ${e.message}`);
    throw e;
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

/** A scored batch as the output's bytes. */
interface Written {
  data: string | Buffer;
  records: number;
  failed: number;
}

/** The output of the item's batches, in the job's format (Avro: the container's header first, with no records). */
async function* batches(job: ItemJob, input: RecordInput): AsyncGenerator<Written> {
  if (job.outputFormat === 'jsonl') {
    for await (const s of scoredBatches(job.engine, input, job.batch))
      yield { data: s.text, records: s.records, failed: s.failed };
    return;
  }
  const container = new AvroContainer(job.engine, job.avroCodec);
  yield { data: container.header(), records: 0, failed: 0 };
  for await (const results of resultBatches(job.engine, input, job.batch)) {
    const failed = results.filter((r) => r instanceof PfaError).length;
    yield { data: container.block(results), records: results.length, failed };
  }
}
