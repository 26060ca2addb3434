/**
 * The bytes of a batch item, streamed from S3 as they are read (the body is consumed chunk by
 * chunk; an unread body holds the connection back, so memory does not grow with the object).
 * A byte range takes the JSON lines that start in [start, end), as Hadoop's line splits do: the
 * line running into `start` belongs to the range before, the line running over `end` to this one.
 * So ranges that tile an object score each line exactly once. A line range counts the object's
 * lines (after gzip, blank lines included) from 0.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchItem, BadItemError } from './items.js';

export class InputNotFoundError extends Error {
  override name = 'InputNotFound';
}

export interface ObjectBytes {
  chunks: AsyncIterable<Buffer>;
  /** Bytes read from S3 so far (as stored: compressed when the object is gzip). */
  read(): number;
}

const NL = 10;

export async function openObject(client: S3Client, item: BatchItem, signal: AbortSignal): Promise<ObjectBytes> {
  let read = 0;
  const counted = async function* (body: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
    for await (const c of body) {
      read += c.length;
      yield Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    }
  };
  const where = `s3://${item.bucket}/${item.key}`;
  if (!item.range) {
    const body = await get(client, item, undefined, signal);
    return { chunks: counted(body ?? empty()), read: () => read };
  }
  const { start, end } = item.range;
  const head = await get(client, item, 'bytes=0-3', signal);
  const magic = head ? Buffer.concat(await collect(head)) : Buffer.alloc(0);
  if ((magic[0] === 0x1f && magic[1] === 0x8b) || magic.toString('latin1') === 'Obj\x01') {
    throw new BadItemError(
      `${where}: a byte range splits JSON lines only; score a gzip or Avro object whole (or gzip JSON lines by "lines")`,
    );
  }
  // From the byte before `start`, to know whether a line starts at `start`.
  const from = start === 0 ? 0 : start - 1;
  const body = await get(client, item, `bytes=${from}-`, signal);
  return { chunks: linesStartingIn(counted(body ?? empty()), from, start, end), read: () => read };
}

/** The object's body, or null for a range that starts past its end; a missing object is InputNotFound. */
async function get(
  client: S3Client,
  item: BatchItem,
  range: string | undefined,
  signal: AbortSignal,
): Promise<AsyncIterable<Uint8Array> | null> {
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: item.bucket, Key: item.key, Range: range }), {
      abortSignal: signal,
    });
    return res.Body as AsyncIterable<Uint8Array>;
  } catch (e) {
    const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404) {
      throw new InputNotFoundError(`s3://${item.bucket}/${item.key} does not exist`);
    }
    if (err.name === 'InvalidRange' || err.$metadata?.httpStatusCode === 416) return null;
    throw e;
  }
}

async function* empty(): AsyncGenerator<Uint8Array> {}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of body) out.push(Buffer.from(c));
  return out;
}

/** Bytes from offset `from` of the object → the lines that start in [start, end). */
async function* linesStartingIn(
  chunks: AsyncIterable<Buffer>,
  from: number,
  start: number,
  end: number,
): AsyncGenerator<Buffer> {
  const it = chunks[Symbol.asyncIterator]();
  let at = from;
  let skipping = start > 0;
  try {
    for (let r = await it.next(); !r.done; r = await it.next()) {
      const chunk = r.value;
      let lo = 0;
      if (skipping) {
        // Skip through the "\n" ending the line that ran into `start` (the byte before it, at least).
        const nl = chunk.indexOf(NL);
        if (nl < 0) {
          at += chunk.length;
          continue;
        }
        lo = nl + 1;
        skipping = false;
        if (at + lo >= end) return;
      }
      const chunkEnd = at + chunk.length;
      if (chunkEnd < end) {
        yield chunk.subarray(lo);
        at = chunkEnd;
        continue;
      }
      // Byte end-1 is in this chunk: the line holding it is the last, up to its "\n".
      const nl = chunk.indexOf(NL, end - 1 - at);
      if (nl >= 0) {
        yield chunk.subarray(lo, nl + 1);
        return;
      }
      yield chunk.subarray(lo);
      for (let rest = await it.next(); !rest.done; rest = await it.next()) {
        const k = rest.value.indexOf(NL);
        if (k >= 0) {
          yield rest.value.subarray(0, k + 1);
          return;
        }
        yield rest.value;
      }
      return;
    }
  } finally {
    // The rest of the object is not needed: close the connection.
    await it.return?.();
  }
}

/** Lines [first, first + count) of decompressed text, "\n"-separated. */
export async function* lineRange(chunks: AsyncIterable<Buffer>, first: number, count: number): AsyncGenerator<Buffer> {
  let line = 0;
  const last = first + count;
  for await (const chunk of chunks) {
    let lo = 0;
    let from = -1;
    while (line < last) {
      if (line >= first && from < 0) from = lo;
      const nl = chunk.indexOf(NL, lo);
      if (nl < 0) break;
      line++;
      lo = nl + 1;
    }
    if (from >= 0) yield chunk.subarray(from, line >= last ? lo : chunk.length);
    if (line >= last) return;
  }
}
