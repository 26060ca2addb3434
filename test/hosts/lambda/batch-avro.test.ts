/**
 * The batch handler's Avro output (src/hosts/lambda/batch/avroOutput.ts) against s3rver: the
 * container file read back with avsc holds, datum for datum, what `pfa-wasm score` writes as
 * lines for the same input (which has no Avro output to compare with byte for byte): the output
 * value in its branch of the file's union, or a ScoreError record where it writes an error line.
 * Also a union output with longs beyond 2^53 and bytes, a retried item, a large output in parts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import avro from 'avsc';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchResult, createBatchHandler } from '../../../src/hosts/lambda/batch/handler.js';
import { BatchConfig } from '../../../src/hosts/lambda/batch/config.js';
import { MIN_PART_BYTES } from '../../../src/hosts/lambda/batch/output.js';
import { SCORE_ERROR } from '../../../src/hosts/lambda/batch/avroOutput.js';
import { avscType } from '../../../src/hosts/cli/score/avro.js';
import { parseJson } from '../../../src/document/json.js';
import { SONAR_MODEL, SONAR_ROWS, captureLog } from './fixtures.js';
import {
  LoopbackS3,
  batchConfig,
  cliScore,
  getObject,
  putFile,
  sonarAvro,
  sonarLines,
  startS3,
  writeEchoModel,
  writeSonarRows,
} from './batchS3.js';

const IN = 'in-avro';
const OUT = 'out-avro';
const dir = mkdtempSync(join(tmpdir(), 'pfa-batch-avro-'));
const sample = SONAR_ROWS;
const rows = Array.from({ length: 300 }, (_, i) => sonarLines(sample)(i));
const mixed = [...rows.slice(0, 20), '{"V1": 1}', 'not json', ...rows.slice(20)].join('\n') + '\n';

/** Output union<null, Out>: a long beyond 2^53, bytes, and a division by zero when x is 5. */
const UNION_MODEL = {
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 'x', type: 'long' },
      { name: 's', type: 'string' },
    ],
  },
  output: [
    'null',
    {
      type: 'record',
      name: 'Out',
      fields: [
        { name: 'n', type: 'long' },
        { name: 'b', type: 'bytes' },
        { name: 'q', type: 'long' },
      ],
    },
  ],
  action: [
    {
      if: { '>': ['input.x', 0] },
      then: {
        type: 'Out',
        new: {
          n: { '*': ['input.x', { long: 1000000000000 }] },
          b: { 'bytes.encodeUtf8': 'input.s' },
          q: { '//': [100, { '-': ['input.x', 5] }] },
        },
      },
      else: null,
    },
  ],
};

let s3: LoopbackS3;
beforeAll(async () => {
  s3 = await startS3([IN, OUT]);
});
afterAll(async () => {
  await s3?.close();
  rmSync(dir, { recursive: true, force: true });
});

function handler(model: string, over: Partial<BatchConfig> = {}) {
  const config = batchConfig(model, OUT, { outputFormat: 'avro', ...over });
  return createBatchHandler({ config, client: s3.client, log: captureLog().logger });
}

const put = (key: string, body: string | Uint8Array) =>
  s3.client.send(new PutObjectCommand({ Bucket: IN, Key: key, Body: body }));

let n = 0;
/** `pfa-wasm score`'s lines for these bytes, read exactly (integers as bigint). */
async function cliLines(model: string, bytes: string | Uint8Array): Promise<unknown[]> {
  const inPath = join(dir, `in-${n}`),
    outPath = join(dir, `out-${n++}`);
  writeFileSync(inPath, bytes);
  expect(await cliScore(model, inPath, outPath, '--backend', 'js')).toBe(0);
  return readFileSync(outPath, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => parseJson(l));
}

const META = avro.Type.forSchema({ type: 'map', values: 'bytes' });
const LONG = avro.Type.forSchema('long');

/**
 * A container file's schema, codec and data (unions wrapped, longs bigint), read by the format's
 * definition here: avsc's BlockDecoder streams objects, which end at a null datum.
 */
function readContainer(bytes: Buffer) {
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('Obj\x01');
  const header = META.decode(bytes, 4);
  const meta = header.value as Record<string, Buffer>;
  const type = avscType(JSON.parse(meta['avro.schema'].toString()));
  const codec = meta['avro.codec'].toString();
  const sync = bytes.subarray(header.offset, header.offset + 16);
  const data: unknown[] = [];
  for (let at = header.offset + 16; at < bytes.length; ) {
    const count = LONG.decode(bytes, at);
    const size = LONG.decode(bytes, count.offset);
    const raw = bytes.subarray(size.offset, size.offset + (size.value as number));
    const block = codec === 'deflate' ? inflateRawSync(raw) : raw;
    for (let i = 0, p = 0; i < (count.value as number); i++) {
      const d = type.decode(block, p);
      data.push(d.value);
      p = d.offset;
    }
    at = size.offset + raw.length;
    expect(bytes.subarray(at, at + 16).equals(sync)).toBe(true);
    at += 16;
  }
  return { schema: type.schema(), codec, data };
}

/** The data of a container file as avsc's stream decoder reads it (unions wrapped). */
async function avscData(bytes: Buffer): Promise<unknown[]> {
  const decoder = new avro.streams.BlockDecoder({
    parseHook: (schema: avro.Schema) => avro.Type.forSchema(schema, { wrapUnions: true }),
  });
  const data: unknown[] = [];
  for await (const d of Readable.from([bytes]).pipe(decoder)) data.push(d);
  return data;
}

/** Numbers as exact text (integers from avsc are numbers, from parseJson bigints), bytes as PFA's base64. */
function canonical(x: unknown): unknown {
  if (typeof x === 'bigint') return x.toString();
  if (typeof x === 'number') return Number.isInteger(x) ? BigInt(x).toString() : x;
  if (Buffer.isBuffer(x)) return x.toString('base64');
  if (Array.isArray(x)) return x.map(canonical);
  if (typeof x === 'object' && x !== null)
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, canonical(v)]));
  return x;
}

/** A datum of the file's union as `pfa-wasm score` writes it: the output's Avro-JSON, or its error line. */
function asLine(datum: unknown, outputTag: string | null): unknown {
  const d = datum as Record<string, Record<string, unknown>> | null;
  if (d !== null && SCORE_ERROR in d) {
    const e = d[SCORE_ERROR];
    return canonical({ error: e.error, code: (e.code as { int: number } | null)?.int ?? null });
  }
  // A union output keeps its branch wrapper, as in Avro-JSON; any other is unwrapped.
  return canonical(outputTag === null ? d : d![outputTag]);
}

describe('batch handler: Avro output', () => {
  it('JSON lines in, with failing records: ScoreError data where the CLI writes error lines', async () => {
    await put('day/mixed.jsonl', mixed);
    const r = await handler(SONAR_MODEL, { outputPrefix: 'a' })({ bucket: IN, key: 'day/mixed.jsonl' });
    const expected = await cliLines(SONAR_MODEL, mixed);
    const bytes = (await getObject(s3.client, OUT, 'a/day/mixed.jsonl.avro'))!;
    const file = readContainer(bytes);
    expect(file.codec).toBe('deflate');
    const sonar = JSON.parse(readFileSync(SONAR_MODEL, 'utf8'));
    expect(file.schema).toEqual([sonar.output, expect.objectContaining({ type: 'record', name: SCORE_ERROR })]);
    expect(file.data.map((d) => asLine(d, 'Prediction'))).toEqual(expected.map(canonical));
    expect(file.data.filter((d) => SCORE_ERROR in (d as object))).toHaveLength(2);
    // An Avro library's container reader reads the same data.
    expect(await avscData(bytes)).toEqual(file.data);
    expect(r.items[0]).toMatchObject({
      output: `s3://${OUT}/a/day/mixed.jsonl.avro`,
      outputFormat: 'avro',
      records: rows.length + 2,
      failures: 2,
    });
  });

  it('Avro in, the item asking for Avro out, codec null, on the Wasm backend', async () => {
    await put('day/rows.avro', await sonarAvro(rows));
    const run = handler(SONAR_MODEL, { outputFormat: 'jsonl', avroCodec: 'null', backend: 'wasm', outputPrefix: 'b' });
    await run({ Items: [{ Key: 'day/rows.avro' }], BatchInput: { bucket: IN, outputFormat: 'avro' } });
    const file = readContainer((await getObject(s3.client, OUT, 'b/day/rows.avro.avro'))!);
    expect(file.codec).toBe('null');
    expect(file.data.map((d) => asLine(d, 'Prediction'))).toEqual(
      (await cliLines(SONAR_MODEL, rows.join('\n'))).map(canonical),
    );
  }, 60_000);

  it('a union output, longs beyond 2^53, bytes and a runtime error', async () => {
    const model = join(dir, 'union.pfa.json');
    writeFileSync(model, JSON.stringify(UNION_MODEL));
    const input = [-2, 0, 3, 5, 9007199, 12345678].map((x, i) => JSON.stringify({ x, s: `é${i}\u0000` })).join('\n');
    await put('u/in.jsonl', input);
    const r = await handler(model, { outputPrefix: 'u' })({ bucket: IN, key: 'u/in.jsonl' });
    const expected = await cliLines(model, input);
    const file = readContainer((await getObject(s3.client, OUT, 'u/u/in.jsonl.avro'))!);
    expect(file.schema).toEqual(['null', UNION_MODEL.output[1], expect.objectContaining({ name: SCORE_ERROR })]);
    expect(file.data.map((d) => asLine(d, null))).toEqual(expected.map(canonical));
    // 9007199 * 10^12 is beyond 2^53: exact in both; 12345678 * 10^12 overflows a long.
    expect(file.data[4]).toMatchObject({ Out: { n: 9007199000000000000n } });
    expect(r.items[0]).toMatchObject({ records: 6, failures: 2 });
  });

  it('an output type that names pfa_wasm.ScoreError itself is refused as Misconfigured', async () => {
    const model = join(dir, 'clash.pfa.json');
    const output = { type: 'record', name: SCORE_ERROR, fields: [{ name: 'x', type: 'long' }] };
    writeFileSync(model, JSON.stringify({ input: 'long', output, action: { new: { x: 'input' }, type: output } }));
    await put('clash/in.jsonl', '1\n2\n');
    await expect(
      handler(model, { outputPrefix: 'clash' })({ bucket: IN, key: 'clash/in.jsonl' }),
    ).rejects.toMatchObject({
      name: 'Misconfigured',
      message: expect.stringContaining('PFA_OUTPUT_FORMAT=jsonl'),
    });
    expect(await getObject(s3.client, OUT, 'clash/clash/in.jsonl.avro')).toBeNull();
  });

  it('a retried item overwrites its output', async () => {
    await put('retry/r.jsonl', mixed);
    const run = handler(SONAR_MODEL, { outputPrefix: 'r' });
    await run({ bucket: IN, key: 'retry/r.jsonl' });
    const first = await getObject(s3.client, OUT, 'r/retry/r.jsonl.avro');
    await run({ bucket: IN, key: 'retry/r.jsonl' });
    const second = (await getObject(s3.client, OUT, 'r/retry/r.jsonl.avro'))!;
    // Same data, one copy (each file has its own sync marker, so the bytes differ).
    expect(readContainer(second).data).toEqual(readContainer(first!).data);
    const fewer = rows.slice(0, 7).join('\n');
    await put('retry/r.jsonl', fewer);
    await run({ bucket: IN, key: 'retry/r.jsonl' });
    const third = readContainer((await getObject(s3.client, OUT, 'r/retry/r.jsonl.avro'))!);
    expect(third.data.map((d) => asLine(d, 'Prediction'))).toEqual((await cliLines(SONAR_MODEL, fewer)).map(canonical));
  });

  it('a large output goes through a multipart upload; one that runs out of time is aborted', async () => {
    // A model that answers its input: 60 doubles a datum, about 480 bytes (codec null).
    const echo = join(dir, 'echo.pfa.json');
    writeEchoModel(echo);
    const path = join(dir, 'echo.jsonl');
    const written = await writeSonarRows(path, sample, 30 << 20);
    await putFile(s3.client, IN, 'big/echo.jsonl', path);
    const commands: string[] = [];
    s3.client.middlewareStack.add(
      (next, context) => (args) => {
        commands.push(context.commandName!);
        return next(args);
      },
      { step: 'initialize', name: 'countCommands' },
    );
    const run = handler(echo, { avroCodec: 'null', outputPrefix: 'big' });
    const key = 'big/big/echo.jsonl.avro';
    let r: BatchResult;
    try {
      // Out of time after 4 batches of 4096 data (about 8 MB): a part was sent, the upload is aborted.
      let asked = 0;
      const clock = { getRemainingTimeInMillis: () => (++asked <= 4 ? 600_000 : 0) };
      await expect(run({ bucket: IN, key: 'big/echo.jsonl' }, clock)).rejects.toMatchObject({
        name: 'ItemTimedOut',
        records: 4 * 4096,
      });
      expect(commands).toContain('UploadPartCommand');
      expect(commands).toContain('AbortMultipartUploadCommand');
      expect(commands).not.toContain('CompleteMultipartUploadCommand');
      expect(await getObject(s3.client, OUT, key)).toBeNull();
      commands.length = 0;
      r = await run({ bucket: IN, key: 'big/echo.jsonl' });
    } finally {
      s3.client.middlewareStack.remove('countCommands');
    }
    expect(r.items[0].outputBytes).toBeGreaterThan(2 * MIN_PART_BYTES);
    expect(commands.filter((c) => c === 'UploadPartCommand').length).toBeGreaterThanOrEqual(2);
    expect(commands).toContain('CompleteMultipartUploadCommand');
    expect(commands).not.toContain('PutObjectCommand');
    const bytes = (await getObject(s3.client, OUT, key))!;
    expect(bytes.length).toBe(r.items[0].outputBytes);
    const file = readContainer(bytes);
    expect(file.data).toHaveLength(written.lines);
    const lines = readFileSync(path, 'utf8').split('\n');
    for (const i of [0, 1, Math.floor(written.lines / 2), written.lines - 1])
      expect(canonical((file.data[i] as Record<string, unknown>).Sonar)).toEqual(canonical(JSON.parse(lines[i])));
  }, 180_000);
});
