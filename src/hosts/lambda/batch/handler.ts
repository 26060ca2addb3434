/**
 * The batch handler (issue 20): an invocation scores its items (./items.ts) one after the other
 * and answers a summary: per item and in total, records, failures (records whose error line was
 * written), bytes read and seconds. An item that cannot be scored (missing, unreadable, out of
 * time) fails the invocation with an error whose type names the cause, for the state machine's
 * Retry and failure tolerance; outputs already written stay, and a retry rewrites them whole.
 *
 * The model is loaded once per container, as the HTTP handler loads it (../model.ts,
 * ../engine.ts). An engine whose answers depend on the record alone (the CLI's `parallelSafe`) is
 * shared by the items; any other starts afresh for each item, so that an item's output is what
 * `pfa-wasm score` writes for that object alone, whichever container scores it and how often.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { PFAEngine } from '../../../engine.js';
import { parallelSafe } from '../../cli/score/parallel.js';
import { Logger, jsonLogger } from '../log.js';
import { ModelFiles, loadModelFiles } from '../model.js';
import { fileStore, s3Store } from '../store.js';
import { startEngine } from '../backend.js';
import { BatchConfig } from './config.js';
import { outputKey, parseItems } from './items.js';
import { ItemSummary, scoreItem } from './score.js';

export interface BatchContext {
  /** Lambda's: milliseconds until the function is stopped. */
  getRemainingTimeInMillis?(): number;
  awsRequestId?: string;
}

export interface BatchResult {
  items: ItemSummary[];
  records: number;
  failures: number;
  bytes: number;
  seconds: number;
}

export interface BatchHandlerOptions {
  config: BatchConfig;
  /** The client for inputs and outputs (tests point one at s3rver); by default one from the environment. */
  client?: S3Client;
  log?: Logger;
}

export type BatchHandler = (event: unknown, context?: BatchContext) => Promise<BatchResult>;

interface Model {
  files: ModelFiles;
  /** The engine every item uses, or null when each item needs its own. */
  shared: PFAEngine | null;
}

export function createBatchHandler(options: BatchHandlerOptions): BatchHandler {
  const { config } = options;
  const log = options.log ?? jsonLogger(config.logLevel);
  const client = options.client ?? new S3Client({});
  const engineOptions = config.timeoutMs === null ? {} : { timeout: config.timeoutMs };
  let model: Promise<Model> | null = null;

  const load = async (): Promise<Model> => {
    const source = config.model;
    const store = source.kind === 'file' ? fileStore : await s3Store(source.bucket, { client });
    const files = await loadModelFiles(store, source.kind === 'file' ? source.path : source.key, log);
    const { engine, why } = await startEngine(files, config.backend, log, engineOptions);
    const shared = parallelSafe(engine, files.text);
    log.log('info', 'model loaded', {
      model: engine.name,
      source: files.source,
      sha256: files.sha256,
      backend: engine.backend,
      why,
      sharedByItems: shared,
    });
    if (!shared) return { files, shared: null };
    engine.begin();
    return { files, shared: engine };
  };

  return async (event, context) => {
    const started = Date.now();
    const items = parseItems(event);
    // A failed load is tried again by the next invocation.
    model ??= load().catch((e) => {
      model = null;
      throw e;
    });
    const { files, shared } = await model;
    // Asked again before each item and after each batch: Lambda's clock, or a test's.
    const remaining = context?.getRemainingTimeInMillis?.bind(context);
    const timeLeft = remaining ? () => remaining() - config.marginMs : () => Infinity;
    const result: BatchResult = { items: [], records: 0, failures: 0, bytes: 0, seconds: 0 };
    for (const item of items) {
      const engine = shared ?? (await startEngine(files, config.backend, log, engineOptions)).engine;
      if (!shared) engine.begin();
      const outputFormat = item.outputFormat ?? config.outputFormat;
      const summary = await scoreItem({
        client,
        engine,
        item,
        timeLeft,
        outputBucket: config.outputBucket,
        outputKey: outputKey(config.outputPrefix, item, outputFormat),
        outputFormat,
        avroCodec: config.avroCodec,
        batch: config.batch,
        partBytes: config.partBytes,
        onAbortFailed: (message) => log.log('warn', 'abort of an unfinished upload failed', { error: message }),
      });
      if (!shared) engine.end();
      log.log('info', 'item scored', { ...summary, requestId: context?.awsRequestId });
      result.items.push(summary);
      result.records += summary.records;
      result.failures += summary.failures;
      result.bytes += summary.bytes;
    }
    result.seconds = (Date.now() - started) / 1000;
    return result;
  };
}
