/**
 * Loading the model from S3, against a real S3 endpoint on loopback (s3rver, started here on a
 * free port with a temporary folder): model present, model missing then uploaded, Wasm artifacts
 * with a mismatched or matching hash, and an object that changes under a warm container.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { S3Client, PutObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
// @ts-expect-error: s3rver ships no types
import S3rver from 's3rver';
import { createHandler, HttpResponse } from '../../../src/hosts/lambda/handler.js';
import { HandlerConfig } from '../../../src/hosts/lambda/config.js';
import { sha256 as sha256Hex } from '../../../src/backend/wasm/artifact.js';
import { SONAR_MODEL, SONAR_ROWS, captureLog, v2Event } from './fixtures.js';
import { compileArtifact } from '../../helpers/wasmArtifact.js';

const BUCKET = 'models';
const sonarText = readFileSync(SONAR_MODEL, 'utf8');
const doubler = JSON.stringify({ input: 'double', output: 'double', action: { '*': ['input', 2] } });
const tripler = JSON.stringify({ input: 'double', output: 'double', action: { '*': ['input', 3] } });
// Not a whole module: a module the hash check ignores is never compiled, and one it passes fails to.
const wasmBytes = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

let server: { run(): Promise<AddressInfo>; close(): Promise<void> };
let dir: string;
let client: S3Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pfa-s3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const put = (key: string, body: string | Uint8Array) =>
  client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
const del = (key: string) => client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));

function make(key: string, backend: HandlerConfig['backend'] = 'auto') {
  const log = captureLog();
  const handler = createHandler({
    config: {
      model: { kind: 's3', bucket: BUCKET, key },
      backend,
      maxBodyBytes: 1 << 20,
      timeoutMs: null,
      logLevel: 'debug',
    },
    log: log.logger,
    s3: { client },
  });
  const call = async (body: string) => (await handler(v2Event({ body }), {})) as HttpResponse;
  return { call, lines: log.lines };
}

describe('models in S3', () => {
  it('a model present in the bucket is loaded once and scores', async () => {
    await put('demo/sonar-naive-bayes.pfa.json', sonarText);
    const { call, lines } = make('demo/sonar-naive-bayes.pfa.json');
    const r = await call(SONAR_ROWS[0]);
    expect(r.statusCode).toBe(200);
    expect(JSON.parse(r.body).class).toBe('R');
    await call(SONAR_ROWS[1]);
    const loaded = lines.filter((l) => l.msg === 'model loaded');
    expect(loaded).toHaveLength(1);
    expect(loaded[0]).toMatchObject({
      source: `s3://${BUCKET}/demo/sonar-naive-bayes.pfa.json`,
      sha256: sha256Hex(Buffer.from(sonarText)),
      version: expect.stringMatching(/^"[0-9a-f]{32}"/),
    });
  });

  it('a missing model answers 503 until it is uploaded; the next invocation loads it', async () => {
    const { call, lines } = make('later/model.pfa.json');
    const r = await call('1');
    expect(r.statusCode).toBe(503);
    expect(JSON.parse(r.body).error).toBe(
      `the model could not be loaded: the model s3://${BUCKET}/later/model.pfa.json does not exist`,
    );
    expect(lines.find((l) => l.level === 'error')).toMatchObject({ msg: expect.stringContaining('model load failed') });
    await put('later/model.pfa.json', doubler);
    const again = await call('1.5');
    expect(again.statusCode).toBe(200);
    expect(JSON.parse(again.body)).toBe(3);
  });

  it('a .wasm whose manifest hash does not match the document is ignored and logged', async () => {
    await put('mismatch/model.pfa.json', doubler);
    await put('mismatch/model.wasm', wasmBytes);
    await put('mismatch/model.wasm.json', JSON.stringify({ sha256: sha256Hex(Buffer.from(tripler)) }));
    const { call, lines } = make('mismatch/model.pfa.json', 'auto');
    const r = await call('2');
    expect(r.statusCode).toBe(200);
    expect(JSON.parse(r.body)).toBe(4);
    expect(lines.find((l) => l.level === 'warn')).toMatchObject({
      msg: expect.stringContaining('sha256 does not match'),
      manifest: `s3://${BUCKET}/mismatch/model.wasm.json`,
      expected: sha256Hex(Buffer.from(doubler)),
      found: sha256Hex(Buffer.from(tripler)),
    });
    expect(lines.find((l) => l.msg === 'model loaded')).toMatchObject({ backend: 'js', wasm: null });
  });

  it('a module with only half its pair, or an unreadable manifest, is ignored and logged', async () => {
    await put('half/model.pfa.json', doubler);
    await put('half/model.wasm', wasmBytes);
    const half = make('half/model.pfa.json');
    expect((await half.call('1')).statusCode).toBe(200);
    expect(half.lines.find((l) => l.level === 'warn')).toMatchObject({
      missing: `s3://${BUCKET}/half/model.wasm.json`,
    });
    await put('half/model.wasm.json', '{not json');
    const broken = make('half/model.pfa.json');
    expect((await broken.call('1')).statusCode).toBe(200);
    expect(broken.lines.find((l) => l.level === 'warn')).toMatchObject({ msg: expect.stringContaining('not JSON') });
  });

  it('a module whose manifest matches runs on the Wasm backend (auto and wasm), without compiling', async () => {
    const artifact = await compileArtifact(doubler);
    await put('match/model.pfa.json', doubler);
    await put('match/model.wasm', artifact.wasm);
    await put('match/model.wasm.json', JSON.stringify(artifact.manifest));
    for (const backend of ['auto', 'wasm'] as const) {
      const h = make('match/model.pfa.json', backend);
      expect(JSON.parse((await h.call('5')).body)).toBe(10);
      expect(h.lines.some((l) => l.level === 'warn')).toBe(false);
      expect(h.lines.find((l) => l.msg === 'model loaded')).toMatchObject({
        backend: 'wasm',
        why: `wasm: the module beside the model, s3://${BUCKET}/match/model.wasm`,
        wasm: `s3://${BUCKET}/match/model.wasm`,
      });
    }
  }, 60_000);

  it('a module that matches by hash but does not instantiate: auto falls back to js and logs it, wasm fails', async () => {
    const artifact = await compileArtifact(doubler);
    await put('corrupt/model.pfa.json', doubler);
    await put('corrupt/model.wasm', wasmBytes.slice(0, 6));
    await put('corrupt/model.wasm.json', JSON.stringify(artifact.manifest));
    const auto = make('corrupt/model.pfa.json', 'auto');
    expect(JSON.parse((await auto.call('5')).body)).toBe(10);
    expect(auto.lines.find((l) => l.level === 'warn')).toMatchObject({
      msg: expect.stringContaining('could not be used; using js'),
      module: `s3://${BUCKET}/corrupt/model.wasm`,
    });
    expect(auto.lines.find((l) => l.msg === 'model loaded')).toMatchObject({ backend: 'js' });
    const wasm = make('corrupt/model.pfa.json', 'wasm');
    const r = await wasm.call('5');
    expect(r.statusCode).toBe(503);
    expect(JSON.parse(r.body).error).toMatch(/PFA_BACKEND=wasm/);
  }, 60_000);

  it('when the object changes, a warm container keeps its model and a new one loads the new object', async () => {
    await put('changing/model.pfa.json', doubler);
    const warm = make('changing/model.pfa.json');
    expect(JSON.parse((await warm.call('1')).body)).toBe(2);
    await put('changing/model.pfa.json', tripler);
    expect(JSON.parse((await warm.call('1')).body)).toBe(2);
    const cold = make('changing/model.pfa.json');
    expect(JSON.parse((await cold.call('1')).body)).toBe(3);
    const v1 = warm.lines.find((l) => l.msg === 'model loaded')!;
    const v2 = cold.lines.find((l) => l.msg === 'model loaded')!;
    expect(v1.version).not.toBe(v2.version);
    expect(v1.sha256).toBe(sha256Hex(Buffer.from(doubler)));
    expect(v2.sha256).toBe(sha256Hex(Buffer.from(tripler)));
    // Deleted while warm: the warm container goes on; a new one answers 503.
    await del('changing/model.pfa.json');
    expect((await warm.call('1')).statusCode).toBe(200);
    expect((await make('changing/model.pfa.json').call('1')).statusCode).toBe(503);
  });
});
