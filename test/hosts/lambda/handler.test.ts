/**
 * The handler with real-shaped events: REST (v1), HTTP API (v2), function URL and direct
 * invocation, text and base64 bodies, batches, and every error answer.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledCached, forgetCached } from '../../../src/build/cache.js';
import { createHandler, HttpResponse } from '../../../src/hosts/lambda/handler.js';
import { HandlerConfig } from '../../../src/hosts/lambda/config.js';
import { PFAEngine } from '../../../src/engine.js';
import { Logger } from '../../../src/hosts/lambda/log.js';
import { SONAR_MODEL, SONAR_ROWS, captureLog, functionUrlEvent, tempModels, v1Event, v2Event } from './fixtures.js';
import { NOT_LOWERED_DOC, NOT_LOWERED_INPUT, NOT_LOWERED_REASON } from '../../helpers/notLowered.js';

const sonar = PFAEngine.fromJson(readFileSync(SONAR_MODEL, 'utf8'));
const expected = SONAR_ROWS.map((r) => sonar.encode(sonar.action(sonar.decodeText(r))));

function config(path: string, extra: Partial<HandlerConfig> = {}): HandlerConfig {
  return {
    model: { kind: 'file', path },
    backend: 'js',
    maxBodyBytes: 1 << 20,
    timeoutMs: null,
    logLevel: 'debug',
    ...extra,
  };
}

function make(path = SONAR_MODEL, extra: Partial<HandlerConfig> = {}, logger?: Logger) {
  const log = captureLog();
  const handler = createHandler({ config: config(path, extra), log: logger ?? log.logger });
  return {
    handler,
    lines: log.lines,
    call: async (e: unknown) => (await handler(e, { awsRequestId: 'req-1' })) as HttpResponse,
  };
}

const json = (r: HttpResponse) => JSON.parse(r.body);

function modelFile(doc: object): string {
  return join(tempModels({ 'model.pfa.json': JSON.stringify(doc) }), 'model.pfa.json');
}

describe('scoring through each event format', () => {
  const { call } = make();
  const formats = { v1: v1Event, v2: v2Event, 'function URL': functionUrlEvent };
  for (const [name, event] of Object.entries(formats)) {
    it(`${name}: one record, text and base64 bodies`, async () => {
      for (const base64 of [false, true]) {
        const r = await call(event({ body: SONAR_ROWS[0], base64 }));
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-type']).toBe('application/json');
        expect(json(r)).toEqual(expected[0]);
      }
    });
    it(`${name}: a JSON array and {"records": [...]} answer the results in order`, async () => {
      const records = SONAR_ROWS.map((r) => JSON.parse(r));
      const a = await call(event({ body: JSON.stringify(records) }));
      expect(a.statusCode).toBe(200);
      expect(json(a)).toEqual(expected);
      const b = await call(event({ body: JSON.stringify({ records }), base64: true }));
      expect(json(b)).toEqual(expected);
    });
  }

  it('an HTTP API stage prefix is not part of the route', async () => {
    const r = await call(v2Event({ stage: 'prod', body: SONAR_ROWS[1] }));
    expect(r.statusCode).toBe(200);
    expect(json(r)).toEqual(expected[1]);
  });

  it('POST / scores too; GET /health and GET /openapi.json describe the model', async () => {
    expect(json(await call(v2Event({ path: '/', body: SONAR_ROWS[2] })))).toEqual(expected[2]);
    const health = await call(v2Event({ method: 'GET', path: '/health' }));
    expect(health.statusCode).toBe(200);
    expect(json(health)).toMatchObject({ status: 'ok', model: 'sonar_naive_bayes_demo', method: 'map', backend: 'js' });
    const api = await call(v1Event({ method: 'GET', path: '/openapi.json' }));
    expect(json(api).openapi).toBe('3.1.0');
    expect(json(api).components.schemas.Sonar.required).toHaveLength(60);
  });
});

describe('direct invocation', () => {
  const { handler } = make();
  it('takes the record itself, an array, or {"records": [...]}, and returns the result', async () => {
    const records = SONAR_ROWS.map((r) => JSON.parse(r));
    expect(await handler(records[3])).toEqual(expected[3]);
    expect(await handler(records)).toEqual(expected);
    expect(await handler({ records })).toEqual(expected);
  });
  it('fails bad input with a named error carrying the code and path', async () => {
    const bad = { ...JSON.parse(SONAR_ROWS[0]), V7: 'seven' };
    const err = await handler(bad).then(
      () => null,
      (e) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('BadInput');
    expect(err).toMatchObject({ code: 1100, path: '/V7' });
  });
});

describe('error answers', () => {
  const { call, lines } = make(SONAR_MODEL, { maxBodyBytes: 4096 });
  const row = JSON.parse(SONAR_ROWS[0]);

  it('400 for unparsable JSON, with the position', async () => {
    const r = await call(v2Event({ body: '{"V1": 0.1,' }));
    expect(r.statusCode).toBe(400);
    expect(json(r)).toEqual({
      error: expect.stringMatching(/^invalid JSON: .* at character \d+$/),
      code: 1000,
      path: '',
    });
  });
  it('400 for an empty body, invalid base64, and "records" that is not an array', async () => {
    expect((await call(v2Event({}))).statusCode).toBe(400);
    const b64 = v2Event({ body: 'not base64!', base64: false });
    b64.isBase64Encoded = true;
    expect(json(await call(b64)).error).toMatch(/not valid base64/);
    const r = await call(v2Event({ body: '{"records": 3}' }));
    expect(r.statusCode).toBe(400);
    expect(json(r).path).toBe('/records');
  });
  it('400 names the field: wrong type, missing field, extra field', async () => {
    const wrong = await call(v1Event({ body: JSON.stringify({ ...row, V5: 'x' }) }));
    expect(wrong.statusCode).toBe(400);
    expect(json(wrong)).toEqual({ error: expect.stringContaining('expected a double'), code: 1100, path: '/V5' });
    const { V60: _, ...missing } = row;
    expect(json(await call(v2Event({ body: JSON.stringify(missing) })))).toMatchObject({ code: 1101, path: '/V60' });
    expect(json(await call(v2Event({ body: JSON.stringify({ ...row, V61: 1 }) })))).toMatchObject({
      code: 1102,
      path: '/V61',
    });
  });
  it('400 in a batch names the record and the field', async () => {
    const records = [row, row, { ...row, V3: null }];
    expect(json(await call(v2Event({ body: JSON.stringify({ records }) })))).toMatchObject({
      code: 1100,
      path: '/records/2/V3',
    });
    expect(json(await call(v2Event({ body: JSON.stringify(records) })))).toMatchObject({ code: 1100, path: '/2/V3' });
    expect(json(await call(v2Event({ body: '[1]' })))).toMatchObject({ code: 1100, path: '/0' });
  });
  it('413 over the configured limit, for text and base64 bodies', async () => {
    const big = JSON.stringify(Array(6).fill(row));
    expect((await call(v2Event({ body: JSON.stringify(Array(5).fill(row)) }))).statusCode).toBe(200);
    expect(big.length).toBeGreaterThan(4096);
    for (const base64 of [false, true]) {
      const r = await call(v2Event({ body: big, base64 }));
      expect(r.statusCode).toBe(413);
      expect(json(r).error).toMatch(/over the limit of 4096/);
    }
    // Multi-byte characters count as bytes, not characters.
    const wide = `{"x": "${'é'.repeat(2100)}"}`;
    expect(wide.length).toBeLessThan(4096);
    expect((await call(v2Event({ body: wide }))).statusCode).toBe(413);
  });
  it('404 for an unknown route, 405 with Allow for a wrong method', async () => {
    const nf = await call(v2Event({ path: '/predict', body: SONAR_ROWS[0] }));
    expect(nf.statusCode).toBe(404);
    const na = await call(v2Event({ method: 'GET', path: '/score' }));
    expect(na.statusCode).toBe(405);
    expect(na.headers.allow).toBe('POST');
    expect((await call(v1Event({ method: 'DELETE', path: '/health' }))).statusCode).toBe(405);
  });
  it('logs each failed request as a JSON line with its status and request id', () => {
    const failed = lines.filter((l) => l.msg === 'request failed');
    expect(failed.length).toBeGreaterThan(5);
    expect(failed[0]).toMatchObject({ level: 'warn', requestId: 'req-1', status: 400 });
    expect(typeof failed[0].time).toBe('string');
  });
});

describe('Server-Timing', () => {
  it('reports init on the first request only, then decode and score', async () => {
    const { call } = make();
    const first = await call(v2Event({ body: SONAR_ROWS[0] }));
    expect(first.headers['server-timing']).toMatch(/^init;dur=[\d.]+, decode;dur=[\d.]+, score;dur=[\d.]+$/);
    const second = await call(v2Event({ body: SONAR_ROWS[0] }));
    expect(second.headers['server-timing']).toMatch(/^decode;dur=[\d.]+, score;dur=[\d.]+$/);
  });
});

describe("http (the local server's path, without an event)", () => {
  const request = (path: string, body?: string) => ({
    kind: 'http' as const,
    format: 'v2' as const,
    method: body === undefined ? 'GET' : 'POST',
    path,
    body,
    isBase64Encoded: false,
    requestId: 'local-1',
    contentType: 'application/json',
  });
  it('answers as the event does; synchronously once the model is loaded, and a wrong route before it', async () => {
    const { handler, call } = make();
    expect(handler.http(request('/nope'))).toMatchObject({ statusCode: 404 });
    const first = handler.http(request('/score', SONAR_ROWS[0]));
    expect(first).toBeInstanceOf(Promise);
    expect(json(await first)).toEqual(expected[0]);
    const now = handler.http(request('/score', SONAR_ROWS[1])) as HttpResponse;
    expect(now).not.toBeInstanceOf(Promise);
    expect(now).toEqual({ ...(await call(v2Event({ body: SONAR_ROWS[1] }))), headers: now.headers });
    expect(json(now)).toEqual(expected[1]);
    expect(now.headers['server-timing']).toMatch(/^decode;dur=[\d.]+, score;dur=[\d.]+$/);
  });
});

describe('loading', () => {
  it('a failed load answers 503 and the next invocation loads again', async () => {
    const dir = tempModels({});
    const path = join(dir, 'late.pfa.json');
    const { call, lines } = make(path);
    const r = await call(v2Event({ body: SONAR_ROWS[0] }));
    expect(r.statusCode).toBe(503);
    expect(json(r).error).toMatch(/does not exist/);
    expect(lines.some((l) => l.level === 'error' && String(l.msg).startsWith('model load failed'))).toBe(true);
    writeFileSync(path, JSON.stringify({ input: 'double', output: 'double', action: { '*': ['input', 2] } }));
    const again = await call(v2Event({ body: '21' }));
    expect(again.statusCode).toBe(200);
    expect(json(again)).toBe(42);
    expect(again.headers['server-timing']).toMatch(/^init;/);
    rmSync(dir, { recursive: true });
  });
  it('an invalid document is a failed load (503), never a 500', async () => {
    const { call } = make(modelFile({ input: 'double', output: 'string', action: 'input' }));
    const r = await call(v2Event({ body: '1' }));
    expect(r.statusCode).toBe(503);
    expect(json(r).error).toMatch(/could not be loaded/);
  });
  it('PFA_BACKEND=wasm for a model the Wasm backend cannot run is a failed load that says why', async () => {
    const { call } = make(modelFile(NOT_LOWERED_DOC), { backend: 'wasm' });
    const r = await call(v2Event({ body: NOT_LOWERED_INPUT }));
    expect(r.statusCode).toBe(503);
    expect(json(r).error).toMatch(new RegExp(`PFA_BACKEND=wasm: not lowered to Wasm: .*${NOT_LOWERED_REASON}`));
  });
  it('with a compiler (serve), a model that does not lower runs on js (auto) or fails the load (wasm), saying why', async () => {
    const model = modelFile(NOT_LOWERED_DOC);
    const cache = mkdtempSync(join(tmpdir(), 'pfa-cache-'));
    const compiler = {
      compiled: (text: string) => compiledCached(text, cache),
      forget: (text: string) => forgetCached(text, cache),
    };
    const auto = captureLog();
    const h = createHandler({ config: config(model, { backend: 'auto' }), log: auto.logger, compiler });
    const health = json((await h(v2Event({ method: 'GET', path: '/health' }))) as HttpResponse);
    expect(health).toMatchObject({
      backend: 'js',
      why: expect.stringMatching(new RegExp(`^js: not lowered to Wasm: /action: .*${NOT_LOWERED_REASON}`)),
    });
    expect(auto.lines[0]).toMatchObject({ msg: 'model loaded', backend: 'js', why: health.why });
    const wasm = createHandler({ config: config(model, { backend: 'wasm' }), log: captureLog().logger, compiler });
    const r = (await wasm(v2Event({ body: NOT_LOWERED_INPUT }))) as HttpResponse;
    expect(r.statusCode).toBe(503);
    expect(json(r).error).toMatch(/PFA_BACKEND=wasm: not lowered to Wasm: \/action: /);
    expect(readdirSync(cache)).toEqual([]);
  });
  it('PFA_BACKEND=auto falls back to js and says so', async () => {
    const { call, lines } = make(SONAR_MODEL, { backend: 'auto' });
    expect((await call(v2Event({ body: SONAR_ROWS[0] }))).statusCode).toBe(200);
    // The first line says which backend runs and why (no module beside the model, no compiler given).
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'model loaded',
      backend: 'js',
      why: expect.stringMatching(/^js: no Wasm module with a matching manifest/),
      model: 'sonar_naive_bayes_demo',
      method: 'map',
    });
  });
});

describe('methods and types', () => {
  it('emit engines answer with the emitted values (a list per record in a batch)', async () => {
    const { call } = make(
      modelFile({
        input: 'int',
        output: 'int',
        method: 'emit',
        action: [
          { for: { i: 0 }, while: { '<': ['i', 'input'] }, step: { i: { '+': ['i', 1] } }, do: { emit: ['i'] } },
        ],
      }),
    );
    expect(json(await call(v2Event({ body: '3' })))).toEqual([0, 1, 2]);
    expect(json(await call(v2Event({ body: '[0, 2]' })))).toEqual([[], [0, 1]]);
  });
  it('fold engines keep their tally across invocations of one container', async () => {
    const { call } = make(
      modelFile({
        input: 'double',
        output: 'double',
        method: 'fold',
        zero: 0,
        action: { '+': ['input', 'tally'] },
        merge: { '+': ['tallyOne', 'tallyTwo'] },
      }),
    );
    expect(json(await call(v2Event({ body: '1.5' })))).toBe(1.5);
    expect(json(await call(v2Event({ body: '[2, 3]' })))).toEqual([3.5, 6.5]);
  });
  it('a model error on a record answers 422 with the record path, and later records still score', async () => {
    const { call } = make(
      modelFile({
        input: 'double',
        output: 'double',
        action: [{ if: { '<': ['input', 0] }, then: { error: 'negative input' } }, 'input'],
      }),
    );
    const r = await call(v2Event({ body: '[1, -1]' }));
    expect(r.statusCode).toBe(422);
    expect(json(r)).toEqual({ error: expect.stringContaining('negative input'), code: null, path: '/1' });
    expect(json(await call(v2Event({ body: '2' })))).toBe(2);
  });
  it('longs beyond 2^53 stay exact in and out', async () => {
    const { call } = make(modelFile({ input: 'long', output: 'long', action: { '+': ['input', 1] } }));
    const r = await call(v2Event({ body: '9007199254740993' }));
    expect(r.body).toBe('9007199254740994');
    expect((await call(v2Event({ body: '{"records": [9223372036854775806]}' }))).body).toBe('[9223372036854775807]');
  });
  it('when the input type is an array, a JSON array is one input and {"records": [...]} a batch', async () => {
    const { call } = make(
      modelFile({ input: { type: 'array', items: 'double' }, output: 'double', action: { 'a.sum': ['input'] } }),
    );
    expect(json(await call(v2Event({ body: '[1, 2, 3]' })))).toBe(6);
    expect(json(await call(v2Event({ body: '{"records": [[1], [2, 3]]}' })))).toEqual([1, 5]);
  });
  it('when the input type is a map, {"records": ...} is one input', async () => {
    const { call } = make(
      modelFile({
        input: { type: 'map', values: { type: 'array', items: 'int' } },
        output: 'int',
        action: { 'map.len': ['input'] },
      }),
    );
    expect(json(await call(v2Event({ body: '{"records": [1, 2]}' })))).toBe(1);
  });
});

describe('defects', () => {
  it('an unexpected exception answers 500, is logged with its stack, and the container goes on', async () => {
    const lines: Record<string, unknown>[] = [];
    let explode = true;
    const logger: Logger = {
      level: 'debug',
      enabled: () => true,
      log(level, msg, fields) {
        if (msg === 'scored' && explode) {
          explode = false;
          throw new TypeError('logger broke');
        }
        lines.push({ level, msg, ...fields });
      },
    };
    const { call } = make(SONAR_MODEL, {}, logger);
    const r = await call(v2Event({ body: SONAR_ROWS[0] }));
    expect(r.statusCode).toBe(500);
    expect(json(r).error).toMatch(/defect/);
    expect(lines.find((l) => String(l.msg).startsWith('defect'))).toMatchObject({
      level: 'error',
      error: 'logger broke',
      stack: expect.stringContaining('TypeError'),
    });
    expect((await call(v2Event({ body: SONAR_ROWS[0] }))).statusCode).toBe(200);
  });
});

describe('body parsing', () => {
  it('a record with a full-precision double and a long of 19 digits: the double as a double, the long exactly', async () => {
    const { call } = make(
      modelFile({
        input: {
          type: 'record',
          name: 'R',
          fields: [
            { name: 'x', type: 'double' },
            { name: 'n', type: 'long' },
          ],
        },
        output: 'R',
        action: { new: { x: 'input.x', n: { '+': ['input.n', 1] } }, type: 'R' },
      }),
    );
    const r = await call(v2Event({ body: '{"x": 0.12345678901234567, "n": 1234567890123456789}' }));
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('{"x":0.12345678901234566,"n":1234567890123456790}');
  });
});
