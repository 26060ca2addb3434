/**
 * What one batch invocation scores: items, each an S3 object or a part of one. Accepted events:
 * - one item: `{"bucket", "key"}`, optionally `"range": {"start", "end"}` (bytes [start, end):
 *   the JSON lines that start in it) or `"lines": {"first", "count"}` (0-based);
 * - a Distributed Map item as its S3 listing gives it (`{"Key", "Size", ...}`) with the bucket in
 *   the batch input, or a batch of items (`{"Items": [...], "BatchInput": {"bucket"}}`, ItemBatcher);
 * - an S3 event notification (`{"Records": [{"s3": {"bucket": {"name"}, "object": {"key"}}}]}`),
 *   whose keys arrive URL-encoded with "+" for a space.
 * An item (or the batch input) may name its output format, `"outputFormat": "jsonl"` or `"avro"`,
 * over the function's PFA_OUTPUT_FORMAT.
 */
import type { OutputFormat } from './config.js';

export interface BatchItem {
  bucket: string;
  key: string;
  range?: { start: number; end: number };
  lines?: { first: number; count: number };
  outputFormat?: OutputFormat;
}

export class BadItemError extends Error {
  override name = 'BadItem';
}

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

export function parseItems(event: unknown): BatchItem[] {
  if (!isObject(event))
    throw new BadItemError('the event must be an object: an item {"bucket", "key"}, {"Items": [...]} or an S3 event');
  if (Array.isArray(event.Records)) return event.Records.map((r, i) => s3Record(r, i));
  if (Array.isArray(event.Items)) {
    const batchInput = isObject(event.BatchInput) ? event.BatchInput : {};
    return event.Items.map((x, i) => item(x, batchInput, `Items/${i}`));
  }
  return [item(event, {}, '')];
}

function item(x: unknown, defaults: Json, at: string): BatchItem {
  if (!isObject(x)) throw new BadItemError(`item ${at || '(the event)'} must be an object`);
  const bucket = x.bucket ?? x.Bucket ?? defaults.bucket ?? defaults.Bucket;
  const key = x.key ?? x.Key;
  if (typeof bucket !== 'string' || bucket === '')
    throw new BadItemError(`item ${at || '(the event)'} names no bucket ("bucket", or "bucket" in BatchInput)`);
  if (typeof key !== 'string' || key === '')
    throw new BadItemError(`item ${at || '(the event)'} names no key ("key" or "Key")`);
  const out: BatchItem = { bucket, key };
  const format = x.outputFormat ?? defaults.outputFormat;
  if (format !== undefined) {
    if (format !== 'jsonl' && format !== 'avro')
      throw new BadItemError(`item ${at || '(the event)'}: "outputFormat" must be "jsonl" or "avro"`);
    out.outputFormat = format;
  }
  if (x.range !== undefined) {
    const r = x.range as Json;
    if (!isObject(r) || !count(r.start) || !count(r.end) || (r.end as number) <= (r.start as number)) {
      throw new BadItemError(
        `item ${at || '(the event)'}: "range" must be {"start", "end"} with 0 <= start < end (bytes)`,
      );
    }
    out.range = { start: r.start as number, end: r.end as number };
  }
  if (x.lines !== undefined) {
    const l = x.lines as Json;
    if (!isObject(l) || !count(l.first) || !count(l.count) || (l.count as number) === 0) {
      throw new BadItemError(
        `item ${at || '(the event)'}: "lines" must be {"first", "count"} with first >= 0 and count >= 1`,
      );
    }
    out.lines = { first: l.first as number, count: l.count as number };
  }
  if (out.range && out.lines) throw new BadItemError(`item ${at || '(the event)'}: give "range" or "lines", not both`);
  return out;
}

function count(x: unknown): boolean {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function s3Record(r: unknown, i: number): BatchItem {
  const s3 = isObject(r) && isObject(r.s3) ? r.s3 : null;
  const bucket = s3 && isObject(s3.bucket) ? s3.bucket.name : undefined;
  const key = s3 && isObject(s3.object) ? s3.object.key : undefined;
  if (typeof bucket !== 'string' || typeof key !== 'string')
    throw new BadItemError(`Records/${i} is not an S3 event record (s3.bucket.name, s3.object.key)`);
  return { bucket, key: decodeURIComponent(key.replace(/\+/g, ' ')) };
}

/** The output key of an item: the input key under the prefix, a part's bounds in its name, the format's extension. */
export function outputKey(prefix: string, item: BatchItem, format: OutputFormat): string {
  const base = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  const part = item.range
    ? `.bytes-${item.range.start}-${item.range.end}`
    : item.lines
      ? `.lines-${item.lines.first}-${item.lines.first + item.lines.count}`
      : '';
  return `${base}${item.key}${part}.${format}`;
}
