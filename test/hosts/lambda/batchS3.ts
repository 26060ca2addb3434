/**
 * For the batch handler's tests and its benchmark (bench/batch-s3.ts): a real S3 endpoint on
 * loopback (s3rver in a temporary folder), objects uploaded from files as streams, Sonar rows
 * written to a file of any size without holding them in memory, and `pfa-wasm score` run on a file.
 */
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import avro from 'avsc';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
// @ts-expect-error: s3rver ships no types
import S3rver from 's3rver';
import { main } from '../../../src/hosts/cli/main.js';
import { BatchConfig, DEFAULT_BATCH, DEFAULT_MARGIN_MS } from '../../../src/hosts/lambda/batch/config.js';
import { MIN_PART_BYTES } from '../../../src/hosts/lambda/batch/output.js';
import { SONAR_MODEL } from './fixtures.js';

/** The batch function's configuration as the tests run it: `model` from a file, JS backend, JSON lines out. */
export function batchConfig(model: string, outputBucket: string, over: Partial<BatchConfig> = {}): BatchConfig {
  return {
    model: { kind: 'file', path: model },
    backend: 'js',
    logLevel: 'info',
    outputBucket,
    outputPrefix: '',
    outputFormat: 'jsonl',
    avroCodec: 'deflate',
    batch: DEFAULT_BATCH,
    partBytes: MIN_PART_BYTES,
    marginMs: DEFAULT_MARGIN_MS,
    timeoutMs: null,
    ...over,
  };
}

/** An object's bytes, or null when there is none under the key. */
export async function getObject(client: S3Client, bucket: string, key: string): Promise<Buffer | null> {
  try {
    const r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await r.Body!.transformToByteArray());
  } catch (e) {
    if ((e as { name?: string }).name === 'NoSuchKey') return null;
    throw e;
  }
}

export interface LoopbackS3 {
  client: S3Client;
  endpoint: string;
  close(): Promise<void>;
}

export async function startS3(buckets: string[]): Promise<LoopbackS3> {
  const dir = mkdtempSync(join(tmpdir(), 'pfa-batch-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
    // Stream bodies: no checksum computed ahead (it would read the stream twice).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    client,
    endpoint,
    async close() {
      client.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Uploads a file as a stream (its length known from the file system). */
export async function putFile(client: S3Client, bucket: string, key: string, path: string): Promise<void> {
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: createReadStream(path),
      ContentLength: statSync(path).size,
    }),
  );
}

/**
 * Writes Sonar rows to `path` until it holds at least `bytes`, waiting for the file stream to
 * drain, so memory holds one row at a time. Each row is a row of `rows` with V1 replaced by a
 * value that changes from line to line, so that answers vary.
 */
export async function writeSonarRows(
  path: string,
  rows: readonly string[],
  bytes: number,
): Promise<{ lines: number; bytes: number }> {
  const line = sonarLines(rows);
  const out = createWriteStream(path);
  let written = 0;
  let lines = 0;
  while (written < bytes) {
    const text = line(lines) + '\n';
    written += text.length;
    lines++;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { lines, bytes: written };
}

/** Line i (from 0) of the rows made from `rows`: row i modulo their number, with V1 varied. */
export function sonarLines(rows: readonly string[]): (i: number) => string {
  const tails = rows.map((r) => r.slice(r.indexOf(',')));
  return (i) => `{"V1":${((i * 7919) % 10007) / 10007}${tails[i % tails.length]}`;
}

/** Runs `pfa-wasm score MODEL --input inPath --output outPath ...args` in this process; its exit code. */
export async function cliScore(model: string, inPath: string, outPath: string, ...args: string[]): Promise<number> {
  const quiet = console.error;
  console.error = () => {};
  try {
    return await main(['score', model, '--input', inPath, '--output', outPath, '--quiet', ...args]);
  } finally {
    console.error = quiet;
  }
}

/** The Sonar rows as an Avro object container file (in memory: a few hundred rows). */
export async function sonarAvro(lines: readonly string[]): Promise<Buffer> {
  const fields = Array.from({ length: 60 }, (_, i) => ({ name: `V${i + 1}`, type: 'double' }));
  const encoder = new avro.streams.BlockEncoder(
    avro.Type.forSchema({ type: 'record', name: 'Row', fields } as avro.Schema),
    { blockSize: 4096 },
  );
  const parts: Buffer[] = [];
  encoder.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((r) => encoder.on('end', r));
  for (const l of lines) encoder.write(JSON.parse(l));
  encoder.end();
  await done;
  return Buffer.concat(parts);
}

/** Writes to `path` a model that answers its input, the Sonar row: an output as large as the input. */
export function writeEchoModel(path: string): void {
  const sonar = JSON.parse(readFileSync(SONAR_MODEL, 'utf8'));
  writeFileSync(path, JSON.stringify({ input: sonar.input, output: 'Sonar', action: 'input' }));
}
