/**
 * The input of `pfa-wasm score` and of the Lambda batch handler (src/hosts/lambda/batch/): a byte stream
 * of JSON lines or an Avro object container file, either one possibly gzipped. The format is told
 * by the first bytes (gzip's 1f 8b, Avro's "Obj\x01") unless it is given; the records are scored
 * in batches into the text `pfa-wasm score` writes. One reader for both, so that an object scored
 * in S3 gives the same lines as the file scored on disk.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { PFAEngine } from '../../../engine.js';
import { PfaError } from '../../../errors/PfaError.js';
import { AVRO_MAGIC, avroBatches } from './avro.js';
import { Scored, scoreLines, scoreValues } from './batch.js';
import { lineBatches } from './lines.js';

export type InputFormat = 'jsonl' | 'avro';

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

export interface RecordInput {
  format: InputFormat;
  gzip: boolean;
  /** The (decompressed) bytes, from the first. */
  chunks: AsyncIterable<Buffer>;
}

/** Reads the first bytes of `stream` to tell its format; `format` overrides the detection of Avro. */
export async function openInput(stream: AsyncIterable<Buffer | string>, format?: InputFormat): Promise<RecordInput> {
  let { head, chunks } = await peek(stream, AVRO_MAGIC.length);
  const gzip = head.subarray(0, GZIP_MAGIC.length).equals(GZIP_MAGIC);
  if (gzip) ({ head, chunks } = await peek(gunzip(chunks), AVRO_MAGIC.length));
  const avro = format === 'avro' || (format === undefined && head.subarray(0, AVRO_MAGIC.length).equals(AVRO_MAGIC));
  return { format: avro ? 'avro' : 'jsonl', gzip, chunks };
}

/** The scored text of the input's records, `batch` records per kernel call, in input order. */
export async function* scoredBatches(engine: PFAEngine, input: RecordInput, batch: number): AsyncGenerator<Scored> {
  if (input.format === 'avro')
    for await (const values of avroBatches(input.chunks, engine.inputType, batch)) yield scoreValues(engine, values);
  else for await (const lines of lineBatches(input.chunks, batch)) yield scoreLines(engine, lines);
}

/** Decompressed chunks; a stream that is not valid gzip is a PfaError of kind input. */
async function* gunzip(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const source = Readable.from(chunks, { objectMode: false });
  const inflate = createGunzip();
  source.on('error', (e) => inflate.destroy(e));
  source.pipe(inflate);
  try {
    for await (const chunk of inflate) yield chunk as Buffer;
  } catch (e) {
    // zlib's errors carry codes such as Z_DATA_ERROR or Z_BUF_ERROR (a truncated stream).
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_'))
      throw new PfaError('input', `the input is not readable gzip: ${(e as Error).message}`);
    throw e;
  } finally {
    source.destroy();
  }
}

/** Reads the stream's first `n` bytes (fewer at its end) and gives back all its chunks. */
async function peek(
  stream: AsyncIterable<Buffer | string>,
  n: number,
): Promise<{ head: Buffer; chunks: AsyncIterable<Buffer> }> {
  const it = stream[Symbol.asyncIterator]();
  const first: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    first.push(chunk);
    size += chunk.length;
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      yield* first;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      }
    } finally {
      // A reader that stops early (an error, a timeout) releases the stream underneath.
      if (!done) await it.return?.();
    }
  }
  return { head: Buffer.concat(first), chunks: chunks() };
}
