/**
 * The batch handler (src/hosts/lambda/batch/) against a real S3 endpoint on loopback (s3rver): objects of
 * JSON lines and of Avro, gzipped or not, give what `pfa-wasm score` writes for the same bytes,
 * line for line; byte and line ranges tile an object; a retried item replaces its output; a
 * corrupt object, a missing one and one out of time fail and write nothing; records that do not
 * match the model get their error lines. The large object is in batch-large.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import avro from 'avsc';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createBatchHandler } from '../../../src/hosts/lambda/batch/handler.js';
import { BatchConfig } from '../../../src/hosts/lambda/batch/config.js';
import { SONAR_MODEL, captureLog } from './fixtures.js';
import { LoopbackS3, batchConfig, cliScore, getObject, sonarAvro, sonarLines, startS3 } from './batchS3.js';

const IN = 'in-bucket';
const OUT = 'out-bucket';
const dir = mkdtempSync(join(tmpdir(), 'pfa-batch-'));
const sample = readFileSync(join(SONAR_MODEL, '../sonar-sample.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim());
const rows = Array.from({ length: 200 }, (_, i) => sonarLines(sample)(i));
/** Sonar rows with records the model cannot read among them (a missing field, a string, not JSON). */
const mixed =
  [...rows.slice(0, 20), '{"V1": 1}', rows[20], '{"V1": "x"}', 'not json', ...rows.slice(21)].join('\n') + '\n';

let s3: LoopbackS3;
beforeAll(async () => {
  s3 = await startS3([IN, OUT]);
});
afterAll(async () => {
  await s3?.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = (over: Partial<BatchConfig> = {}) => batchConfig(SONAR_MODEL, OUT, { outputPrefix: 'scored', ...over });

function handler(over: Partial<BatchConfig> = {}) {
  const log = captureLog();
  return { run: createBatchHandler({ config: config(over), client: s3.client, log: log.logger }), lines: log.lines };
}

const put = (key: string, body: string | Uint8Array) =>
  s3.client.send(new PutObjectCommand({ Bucket: IN, Key: key, Body: body }));

async function output(key: string): Promise<string | null> {
  return (await getObject(s3.client, OUT, key))?.toString('utf8') ?? null;
}

let n = 0;
/** What `pfa-wasm score` writes for these bytes. */
async function cli(bytes: string | Uint8Array, ...args: string[]): Promise<string> {
  const inPath = join(dir, `in-${n}`),
    outPath = join(dir, `out-${n++}`);
  writeFileSync(inPath, bytes);
  expect(await cliScore(SONAR_MODEL, inPath, outPath, '--backend', 'js', ...args)).toBe(0);
  return readFileSync(outPath, 'utf8');
}

const lineCount = (text: string) => text.split('\n').length - 1;

describe('batch handler: objects in S3 scored as pfa-wasm score scores files', () => {
  it('JSON lines, with error lines for records that do not match the model', async () => {
    await put('day/part-0.jsonl', mixed);
    const { run, lines } = handler();
    const r = await run({ bucket: IN, key: 'day/part-0.jsonl' });
    const expected = await cli(mixed);
    expect(await output('scored/day/part-0.jsonl.jsonl')).toBe(expected);
    expect(r.items).toEqual([
      expect.objectContaining({
        input: `s3://${IN}/day/part-0.jsonl`,
        output: `s3://${OUT}/scored/day/part-0.jsonl.jsonl`,
        format: 'jsonl',
        gzip: false,
        records: lineCount(expected),
        failures: 3,
        bytes: Buffer.byteLength(mixed),
      }),
    ]);
    expect(r).toMatchObject({ records: lineCount(expected), failures: 3, bytes: Buffer.byteLength(mixed) });
    expect(r.seconds).toBeGreaterThan(0);
    expect(expected.split('\n').filter((l) => l.startsWith('{"error"'))).toHaveLength(3);
    expect(lines.find((l) => l.msg === 'item scored')).toMatchObject({ records: lineCount(expected), failures: 3 });
  });

  it('gzipped JSON lines, on the Wasm backend too', async () => {
    const gz = gzipSync(mixed);
    await put('day/part-1.jsonl.gz', gz);
    const expected = await cli(gz);
    expect(expected).toBe(await cli(mixed));
    for (const backend of ['js', 'wasm'] as const) {
      const r = await handler({ backend, outputPrefix: `gz-${backend}/` }).run({
        bucket: IN,
        key: 'day/part-1.jsonl.gz',
      });
      expect(await output(`gz-${backend}/day/part-1.jsonl.gz.jsonl`)).toBe(expected);
      expect(r.items[0]).toMatchObject({ gzip: true, format: 'jsonl', failures: 3, bytes: gz.length });
    }
  }, 60_000);

  it('Avro container files, plain and gzipped', async () => {
    const file = await sonarAvro(rows);
    const expected = await cli(file);
    expect(expected).toBe(await cli(rows.join('\n')));
    await put('avro/rows.avro', file);
    await put('avro/rows.avro.gz', gzipSync(file));
    const r = await handler().run({
      Items: [{ Key: 'avro/rows.avro' }, { Key: 'avro/rows.avro.gz' }],
      BatchInput: { bucket: IN },
    });
    expect(await output('scored/avro/rows.avro.jsonl')).toBe(expected);
    expect(await output('scored/avro/rows.avro.gz.jsonl')).toBe(expected);
    expect(r.items.map((i) => [i.format, i.gzip, i.records])).toEqual([
      ['avro', false, rows.length],
      ['avro', true, rows.length],
    ]);
    expect(r.records).toBe(2 * rows.length);
  });

  it('an S3 event record names the object (key URL-encoded)', async () => {
    await put('day/with space.jsonl', mixed);
    const r = await handler().run({
      Records: [
        {
          eventSource: 'aws:s3',
          s3: { bucket: { name: IN }, object: { key: 'day/with+space.jsonl', size: mixed.length } },
        },
      ],
    });
    expect(r.items[0].input).toBe(`s3://${IN}/day/with space.jsonl`);
    expect(await output('scored/day/with space.jsonl.jsonl')).toBe(await cli(mixed));
  });

  it('byte ranges that tile an object score each line once, wherever the cuts fall', async () => {
    await put('day/ranged.jsonl', mixed);
    const whole = await cli(mixed);
    const size = Buffer.byteLength(mixed);
    const firstNl = mixed.indexOf('\n');
    // Cuts inside a line, just after a "\n", on a "\n", and a range holding no line start.
    for (const cuts of [
      [0, 1000, 5000, size],
      [0, firstNl + 1, size],
      [0, firstNl, size],
      [0, 3, 5, size],
      [0, size + 10],
    ]) {
      let joined = '';
      for (let i = 0; i + 1 < cuts.length; i++) {
        const range = { start: cuts[i], end: cuts[i + 1] };
        await handler({ outputPrefix: 'ranges' }).run({ bucket: IN, key: 'day/ranged.jsonl', range });
        joined += await output(`ranges/day/ranged.jsonl.bytes-${range.start}-${range.end}.jsonl`);
      }
      expect(joined, `cuts ${cuts}`).toBe(whole);
    }
  });

  it('line ranges, of plain and of gzipped JSON lines', async () => {
    await put('day/lines.jsonl.gz', gzipSync(mixed));
    const all = mixed.split('\n').slice(0, -1);
    const r = await handler({ outputPrefix: 'lines' }).run({
      bucket: IN,
      key: 'day/lines.jsonl.gz',
      lines: { first: 15, count: 10 },
    });
    expect(await output('lines/day/lines.jsonl.gz.lines-15-25.jsonl')).toBe(
      await cli(all.slice(15, 25).join('\n') + '\n'),
    );
    expect(r.items[0]).toMatchObject({ records: 10, failures: 3 });
  });
});

describe('batch handler: retries and failures', () => {
  it('a retried item replaces its output, also after an attempt that ran out of time', async () => {
    await put('retry/a.jsonl', mixed);
    const { run } = handler({ outputPrefix: 'retry-out' });
    await run({ bucket: IN, key: 'retry/a.jsonl' });
    await run({ bucket: IN, key: 'retry/a.jsonl' });
    expect(await output('retry-out/retry/a.jsonl.jsonl')).toBe(await cli(mixed));
    // The object is rewritten and the item retried: the output is the new object's, not both.
    const fewer = rows.slice(0, 5).join('\n') + '\n';
    await put('retry/a.jsonl', fewer);
    await run({ bucket: IN, key: 'retry/a.jsonl' });
    expect(await output('retry-out/retry/a.jsonl.jsonl')).toBe(await cli(fewer));
    // Out of time: no output (the previous one stays), and the error says what happened.
    await put('retry/b.jsonl', mixed);
    const late = handler({ outputPrefix: 'retry-out', marginMs: 1000, batch: 1 });
    await expect(
      late.run({ bucket: IN, key: 'retry/b.jsonl' }, { getRemainingTimeInMillis: () => 1000 }),
    ).rejects.toMatchObject({
      name: 'ItemTimedOut',
      message: expect.stringContaining(`nothing was written to s3://${OUT}/retry-out/retry/b.jsonl.jsonl`),
    });
    expect(await output('retry-out/retry/b.jsonl.jsonl')).toBeNull();
    await late.run({ bucket: IN, key: 'retry/b.jsonl' }, { getRemainingTimeInMillis: () => 60_000 });
    expect(await output('retry-out/retry/b.jsonl.jsonl')).toBe(await cli(mixed));
  });

  it('time running out partway: reported with the record reached, nothing committed; a retry writes all', async () => {
    await put('late/c.jsonl', mixed);
    const key = 'late-out/late/c.jsonl.jsonl';
    await s3.client.send(new PutObjectCommand({ Bucket: OUT, Key: key, Body: 'earlier\n' }));
    const late = handler({ outputPrefix: 'late-out', marginMs: 1000, batch: 10 });
    // Lambda's clock as the handler asks it (before the item, then after each batch): plenty of
    // time for the first six asks, then less than the margin, so the item stops after 5 batches.
    let asked = 0;
    const clock = { getRemainingTimeInMillis: () => (++asked <= 6 ? 60_000 : 500) };
    const failed = late.run({ bucket: IN, key: 'late/c.jsonl' }, clock);
    await expect(failed).rejects.toMatchObject({
      name: 'ItemTimedOut',
      records: 60,
      message: expect.stringMatching(
        new RegExp(
          `^s3://${IN}/late/c.jsonl: not finished in the time left: stopped after record 60 .*nothing was written to s3://${OUT}/${key}`,
        ),
      ),
    });
    expect(asked).toBe(7);
    expect(await output(key)).toBe('earlier\n');
    const r = await late.run({ bucket: IN, key: 'late/c.jsonl' }, { getRemainingTimeInMillis: () => 60_000 });
    expect(await output(key)).toBe(await cli(mixed));
    expect(r.records).toBe(lineCount(mixed));
  });

  it('a corrupt object fails with BadInput and leaves the output key as it was', async () => {
    const avroFile = await sonarAvro(rows);
    const corrupt: [string, Uint8Array, RegExp][] = [
      ['bad/truncated.jsonl.gz', gzipSync(mixed).subarray(0, 300), /not readable gzip/],
      ['bad/garbled.jsonl.gz', Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(200, 7)]), /not readable gzip/],
      [
        'bad/truncated.avro',
        avroFile.subarray(0, avroFile.length - 100),
        /not a readable Avro object container file: it ends inside a block/,
      ],
      [
        'bad/header.avro',
        avroFile.subarray(0, 30),
        /not a readable Avro object container file: it ends inside its header/,
      ],
    ];
    for (const [key, bytes, message] of corrupt) {
      await put(key, bytes);
      await s3.client.send(new PutObjectCommand({ Bucket: OUT, Key: `scored/${key}.jsonl`, Body: 'earlier\n' }));
      await expect(handler().run({ bucket: IN, key }), key).rejects.toMatchObject({
        name: 'BadInput',
        message: expect.stringMatching(message),
      });
      expect(await output(`scored/${key}.jsonl`), key).toBe('earlier\n');
    }
  });

  it('an Avro file whose schema the model cannot read fails with BadInput naming both types', async () => {
    const type = avro.Type.forSchema({
      type: 'record',
      name: 'Other',
      fields: [{ name: 'V1', type: 'string' }],
    } as avro.Schema);
    const encoder = new avro.streams.BlockEncoder(type);
    const parts: Buffer[] = [];
    encoder.on('data', (b: Buffer) => parts.push(b));
    const done = new Promise((r) => encoder.on('end', r));
    encoder.end({ V1: 'x' });
    await done;
    await put('bad/other.avro', Buffer.concat(parts));
    await expect(handler().run({ bucket: IN, key: 'bad/other.avro' })).rejects.toMatchObject({
      name: 'BadInput',
      message: expect.stringContaining("cannot be read as the engine's input type"),
    });
  });

  it('a missing object fails with InputNotFound and writes nothing', async () => {
    await expect(handler().run({ bucket: IN, key: 'nowhere.jsonl' })).rejects.toMatchObject({
      name: 'InputNotFound',
      message: `s3://${IN}/nowhere.jsonl does not exist`,
    });
    expect(await output('scored/nowhere.jsonl.jsonl')).toBeNull();
  });

  it('an event that names no object fails with BadItem; a byte range of gzip is refused', async () => {
    await expect(handler().run({ key: 'x' })).rejects.toMatchObject({ name: 'BadItem' });
    await expect(handler().run({ bucket: IN, key: 'x', range: { start: 5, end: 2 } })).rejects.toMatchObject({
      name: 'BadItem',
    });
    await put('day/r.jsonl.gz', gzipSync(mixed));
    await expect(
      handler().run({ bucket: IN, key: 'day/r.jsonl.gz', range: { start: 0, end: 100 } }),
    ).rejects.toMatchObject({ name: 'BadItem', message: expect.stringContaining('byte range') });
  });
});
