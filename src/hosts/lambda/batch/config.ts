/**
 * The batch function's configuration, read once per container. The model and backend are read as
 * the HTTP handler reads them (PFA_MODEL or PFA_MODEL_S3_URI, PFA_BACKEND, PFA_LOG_LEVEL:
 * ../config.ts); the rest says where outputs go and how items are cut into work.
 */
import { ConfigError, HandlerConfig, readConfig } from '../config.js';
import { MIN_PART_BYTES } from './output.js';
import { AvroCodec } from './avroOutput.js';

export type OutputFormat = 'jsonl' | 'avro';

export interface BatchConfig {
  model: HandlerConfig['model'];
  backend: HandlerConfig['backend'];
  logLevel: HandlerConfig['logLevel'];
  /** PFA_OUTPUT_BUCKET: where outputs are written. */
  outputBucket: string;
  /** PFA_OUTPUT_PREFIX: the output of input key K is PREFIX/K.jsonl (PREFIX/K.avro). */
  outputPrefix: string;
  /**
   * PFA_OUTPUT_FORMAT: jsonl (default: the lines `pfa-wasm score` writes) or avro (a container
   * file: ./avroOutput.ts). An item's "outputFormat" overrides it.
   */
  outputFormat: OutputFormat;
  /** PFA_AVRO_CODEC: the Avro output's block codec, deflate (default) or null. */
  avroCodec: AvroCodec;
  /** PFA_BATCH: records per kernel call. */
  batch: number;
  /** PFA_PART_BYTES: size of each multipart upload part (S3: at least 5 MiB). */
  partBytes: number;
  /**
   * PFA_TIME_MARGIN_MS: an item still running this long before Lambda's limit is stopped and
   * reported (time to abort the upload and answer), rather than killed mid-write.
   */
  marginMs: number;
  /** PFA_TIMEOUT_MS when set: milliseconds per begin/action/end; unset: none, as `pfa-wasm score`. */
  timeoutMs: number | null;
}

export const DEFAULT_BATCH = 4096;
export const DEFAULT_PART_BYTES = 16 << 20;
export const DEFAULT_MARGIN_MS = 10_000;

export function readBatchConfig(env: Record<string, string | undefined>): BatchConfig {
  const base = readConfig(env);
  const outputBucket = env.PFA_OUTPUT_BUCKET?.trim();
  if (!outputBucket) throw new ConfigError('set PFA_OUTPUT_BUCKET, the bucket the scored objects are written to');
  return {
    model: base.model,
    backend: base.backend,
    logLevel: base.logLevel,
    outputBucket,
    outputPrefix: env.PFA_OUTPUT_PREFIX?.trim() ?? '',
    outputFormat: oneOf(env, 'PFA_OUTPUT_FORMAT', ['jsonl', 'avro'] as const),
    avroCodec: oneOf(env, 'PFA_AVRO_CODEC', ['deflate', 'null'] as const),
    batch: integer(env, 'PFA_BATCH', DEFAULT_BATCH, 1),
    partBytes: integer(env, 'PFA_PART_BYTES', DEFAULT_PART_BYTES, MIN_PART_BYTES),
    marginMs: integer(env, 'PFA_TIME_MARGIN_MS', DEFAULT_MARGIN_MS, 0),
    timeoutMs: env.PFA_TIMEOUT_MS?.trim() ? base.timeoutMs : null,
  };
}

function integer(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min)
    throw new ConfigError(`${name} must be an integer >= ${min}, found "${text}"`);
  return n;
}

/** The variable's value among `choices`; the first when it is unset. */
function oneOf<T extends string>(env: Record<string, string | undefined>, name: string, choices: readonly T[]): T {
  const text = env[name]?.trim();
  if (!text) return choices[0];
  if (!(choices as readonly string[]).includes(text))
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}, found "${text}"`);
  return text as T;
}
