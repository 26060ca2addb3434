/**
 * Issue 9: hostile inputs through the handler, `serve` and the API. Each gets a 4xx with the
 * code and the path into the body, or a correct answer; never a 5xx, a crash or a stall, and the
 * next request still works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Server } from 'node:http';
import { createHandler, HttpResponse } from '../../src/hosts/lambda/handler.js';
import { HandlerConfig } from '../../src/hosts/lambda/config.js';
import { createPfaServer, listen } from '../../src/hosts/server/server.js';
import { PFAEngine } from '../../src/engine.js';
import { PfaError } from '../../src/errors/PfaError.js';
import { isInstance } from '../../src/values.js';
import { captureLog, tempModels, v2Event } from '../hosts/lambda/fixtures.js';

// Every kind of field, and a recursive type (the only way an input can nest deeper than its type).
const DOC = {
  name: 'hostile',
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 'i', type: 'int' },
      { name: 'l', type: 'long' },
      { name: 'd', type: 'double' },
      { name: 's', type: 'string' },
      { name: 'tree', type: ['null', { type: 'record', name: 'T', fields: [{ name: 'next', type: ['null', 'T'] }] }] },
    ],
  },
  output: 'double',
  action: [
    {
      '+': [
        { attr: 'input', path: [{ string: 'd' }] },
        { attr: 'input', path: [{ string: 'i' }] },
      ],
    },
  ],
};
const MODEL = join(tempModels({ 'm.pfa.json': JSON.stringify(DOC) }), 'm.pfa.json');
const GOOD = { i: 1, l: 2, d: 3.5, s: 'x', tree: null };
const good = (o: Record<string, unknown> = {}) => JSON.stringify({ ...GOOD, ...o });

function make(extra: Partial<HandlerConfig> = {}) {
  const log = captureLog('error');
  const config: HandlerConfig = {
    model: { kind: 'file', path: MODEL },
    backend: 'js',
    maxBodyBytes: 1 << 20,
    timeoutMs: 1000,
    logLevel: 'error',
    ...extra,
  };
  const handler = createHandler({ config, log: log.logger });
  return async (e: unknown) => (await handler(e)) as HttpResponse;
}
const call = make();
const big = make({ maxBodyBytes: 8 << 20 });

/** Status and body of one request, then proof that the next request still scores. */
async function answer(
  body: string | undefined,
  o: { headers?: Record<string, string>; rawBase64?: boolean; via?: typeof call } = {},
) {
  const via = o.via ?? call;
  const event = v2Event({ body, headers: o.headers });
  if (o.rawBase64) event.isBase64Encoded = true;
  const r = await via(event);
  const next = await via(v2Event({ body: good() }));
  expect(next.statusCode).toBe(200);
  expect(JSON.parse(next.body)).toBe(4.5);
  return {
    status: r.statusCode,
    ...(JSON.parse(r.body) as { error: string; code: number | null; path: string | null }),
  };
}

function nested(levels: number): string {
  let t = 'null';
  for (let k = 0; k < levels; k++) t = `{"T":{"next":${t}}}`;
  return t;
}

describe('hostile inputs through the handler', () => {
  it.each([
    ['malformed JSON', '{"i":', 400, 1000, ''],
    ['a wrong type', good({ i: 'one' }), 400, 1100, '/i'],
    ['a missing field', JSON.stringify({ i: 1 }), 400, 1101, '/l'],
    ['an extra field', good({ z: 1 }), 400, 1102, '/z'],
    ['an inherited name is not a field', good({ constructor: 1 }), 400, 1102, '/constructor'],
    ['null where not allowed', good({ s: null }), 400, 1100, '/s'],
    ['an int above 2^31-1', good({ i: 2147483648 }), 400, 1100, '/i'],
    ['an int below -2^31', good({ i: -2147483649 }), 400, 1100, '/i'],
    ['a fractional int', good({ i: 1.5 }), 400, 1100, '/i'],
    ['a long above 2^63-1', good().replace('"l":2', '"l":9223372036854775808'), 400, 1100, '/l'],
    [
      'a long beyond 2^53 (rounded by JSON.parse) in a batch',
      `[${good()},${good().replace('"l":2', '"l":12345678901234567890')}]`,
      400,
      1100,
      '/1/l',
    ],
    ['bare NaN', good().replace('3.5', 'NaN'), 400, 1000, ''],
    ['bare Infinity', good().replace('3.5', 'Infinity'), 400, 1000, ''],
    ['bare -Infinity', good().replace('3.5', '-Infinity'), 400, 1000, ''],
    ['"NaN" for an int', good({ i: 'NaN' }), 400, 1100, '/i'],
    ['an empty body', undefined, 400, null, null],
    ['an array 100,000 deep', '['.repeat(100_000) + ']'.repeat(100_000), 400, 1100, '/0'],
    ['an object 100,000 deep', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), 400, 1101, '/i'],
    ['"records" that is not an array', '{"records": 3}', 400, null, '/records'],
  ])('%s', async (_name, body, status, code, path) => {
    const r = await answer(body);
    expect([r.status, r.code, r.path]).toEqual([status, code, path]);
    expect(r.error.length).toBeGreaterThan(10);
  });

  it('bare NaN and Infinity: the message says how to spell them', async () => {
    expect((await answer(good().replace('3.5', '-Infinity'))).error).toMatch(
      /write them as the strings "nan", "inf" and "-inf"/,
    );
  });

  it.each([
    ['"nan"', 'nan', 'nan'],
    ['"NaN"', 'NaN', 'nan'],
    ['"inf"', 'inf', 'inf'],
    ['"Infinity"', 'Infinity', 'inf'],
    ['"-inf"', '-inf', '-inf'],
    ['"-Infinity"', '-Infinity', '-inf'],
  ])('%s for a double is accepted', async (_n, d, out) => {
    const r = await call(v2Event({ body: good({ d }) }));
    expect([r.statusCode, JSON.parse(r.body)]).toEqual([200, out]);
  });

  it('1e999 is a double too large for binary64: it reads as Infinity, as JSON.parse rounds it', async () => {
    const r = await call(v2Event({ body: good().replace('3.5', '1e999') }));
    expect([r.statusCode, JSON.parse(r.body)]).toEqual([200, 'inf']);
  });

  it('records 100,000 deep in a recursive type: 400, code 1104, at the 1,000th level', async () => {
    const r = await answer(good({ tree: 0 }).replace('"tree":0', `"tree":${nested(100_000)}`), { via: big });
    expect([r.status, r.code]).toEqual([400, 1104]);
    expect(r.path).toBe('/tree' + '/T/next'.repeat(999) + '/T');
    expect(r.error).toMatch(/records nest deeper than 1000 levels \(maxInputDepth\)/);
    // The exact reader (a 16-digit long in the body) stops at its own nesting limit first.
    const exact = await answer(
      good({ tree: 0 })
        .replace('"tree":0', `"tree":${nested(100_000)}`)
        .replace('"l":2', '"l":1234567890123456'),
      { via: big },
    );
    expect([exact.status, exact.code]).toEqual([400, 1000]);
    expect(exact.error).toMatch(/nesting deeper than 2500/);
  });

  it('records 999 deep are fine', async () => {
    const r = await big(v2Event({ body: good({ tree: 0 }).replace('"tree":0', `"tree":${nested(998)}`) }));
    expect(r.statusCode).toBe(200);
  });

  it('a 6 MB body: 413 under the default 1 MiB limit', async () => {
    const r = await answer(JSON.stringify({ records: Array.from({ length: 150_000 }, () => GOOD) }));
    expect(r.status).toBe(413);
    expect(r.error).toMatch(/over the limit of 1048576 \(PFA_MAX_BODY_BYTES\)/);
  });

  it('a 100,000-record batch within the body limit is answered in full', async () => {
    const records = Array.from({ length: 100_000 }, (_, i) => ({ ...GOOD, i }));
    const t0 = Date.now();
    const r = await big(v2Event({ body: JSON.stringify({ records }) }));
    expect(r.statusCode).toBe(200);
    const out = JSON.parse(r.body) as number[];
    expect(out.length).toBe(100_000);
    expect(out[99_999]).toBe(99_999 + 3.5);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('a 100,000-record batch with one bad record: 400 at that record, nothing scored', async () => {
    const records = Array.from({ length: 100_000 }, (_, i) => (i === 77_777 ? { ...GOOD, s: 5 } : GOOD));
    const r = await answer(JSON.stringify({ records }), { via: big });
    expect([r.status, r.code, r.path]).toEqual([400, 1100, '/records/77777/s']);
  });

  it('invalid UTF-8 in a base64 body: 400, code 1105', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"i":1,"l":2,"d":3.5,"s":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","tree":null}'),
    ]);
    const b = await answer(bytes.toString('base64'), { rawBase64: true });
    expect(b).toMatchObject({ status: 400, code: 1105, error: 'the body is not valid UTF-8' });
  });

  it('a wrong content type: the body is still read as JSON; when it is not JSON the error says what was sent', async () => {
    const ok = await call(v2Event({ body: good(), headers: { 'content-type': 'text/plain' } }));
    expect([ok.statusCode, JSON.parse(ok.body)]).toEqual([200, 4.5]);
    const form = await answer('i=1&l=2', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([form.status, form.code]).toEqual([400, 1000]);
    expect(form.error).toMatch(/its content-type is "application\/x-www-form-urlencoded"/);
  });
});

describe('hostile inputs through serve (node:http in front of the handler)', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const log = captureLog('error');
    const handler = createHandler({
      config: {
        model: { kind: 'file', path: MODEL },
        backend: 'js',
        maxBodyBytes: 1 << 20,
        timeoutMs: 1000,
        logLevel: 'error',
      },
      log: log.logger,
    });
    await handler.ready();
    server = createPfaServer({ handler, maxBodyBytes: 1 << 20 });
    const a = await listen(server, 0, '127.0.0.1');
    base = `http://127.0.0.1:${a.port}`;
  });
  afterAll(
    () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  );
  const post = (body: string | Uint8Array<ArrayBuffer>, type = 'application/json') =>
    fetch(`${base}/score`, { method: 'POST', headers: { 'content-type': type }, body });

  it('a 6 MB body: 413 without reading it all; the next request works', async () => {
    const r = await post('['.padEnd(6 * 1024 * 1024, ' ') + ']');
    expect(r.status).toBe(413);
    expect((await r.json()).error).toMatch(/over the limit of 1048576 bytes/);
    expect(await (await post(good())).json()).toBe(4.5);
  });

  it('invalid UTF-8 in a JSON body: 400, code 1105 (not a silent U+FFFD)', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"i":1,"l":2,"d":3.5,"s":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('","tree":null}'),
    ]);
    const r = await post(bytes);
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ code: 1105, path: '' });
    expect(await (await post(good())).json()).toBe(4.5);
  });

  it('an array 100,000 deep, an empty body and a form body', async () => {
    const deep = await post('['.repeat(100_000) + ']'.repeat(100_000));
    expect([deep.status, (await deep.json()).code]).toEqual([400, 1100]);
    const empty = await post('');
    expect(empty.status).toBe(400);
    const form = await post('a=1', 'application/x-www-form-urlencoded');
    expect([form.status, (await form.json()).code]).toEqual([400, 1000]);
    expect(await (await post(good())).json()).toBe(4.5);
  });
});

describe('hostile inputs through the API', () => {
  it('decode: 100,000 levels is a PfaError 1104; maxInputDepth is an option', async () => {
    const engine = await PFAEngine.create(DOC);
    const deep = JSON.parse(good({ tree: 0 }).replace('"tree":0', `"tree":${nested(100_000)}`));
    expect(() => engine.decode(deep)).toThrow(expect.objectContaining({ kind: 'input', code: 1104 }));
    const shallow = await PFAEngine.create(DOC, { limits: { maxInputDepth: 10 } });
    const ten = JSON.parse(good({ tree: 0 }).replace('"tree":0', `"tree":${nested(10)}`));
    expect(() => shallow.decode(ten)).toThrow(expect.objectContaining({ code: 1104 }));
    expect(shallow.decode(JSON.parse(good({ tree: 0 }).replace('"tree":0', `"tree":${nested(9)}`)))).toBeTruthy();
    expect(engine.decode(ten)).toBeTruthy();
  });

  it('untagged values of nested unions of records: bounded work, PfaError 1106; tagged values decode', async () => {
    // Two record branches that both recurse: without a budget, 2^depth tries.
    const rec = (name: string) => ({ type: 'record', name, fields: [{ name: 'a', type: ['null', 'A', 'B', 'int'] }] });
    const engine = await PFAEngine.create({
      input: { type: 'array', items: [rec('A'), rec('B')] },
      output: 'int',
      action: [1],
    });
    let untagged: unknown = 'x';
    for (let k = 0; k < 40; k++) untagged = { a: untagged };
    const t0 = Date.now();
    expect(() => engine.decode([untagged])).toThrow(expect.objectContaining({ kind: 'input', code: 1106 }));
    expect(Date.now() - t0).toBeLessThan(2000);
    let tagged: unknown = { int: 5 };
    for (let k = 0; k < 40; k++) tagged = { B: { a: tagged } };
    expect(engine.decode([(tagged as { B: unknown }).B])).toBeTruthy();
    let plain: unknown = 5;
    for (let k = 0; k < 40; k++) plain = { a: plain };
    expect(engine.decode([plain])).toBeTruthy(); // untagged but readable: accepted
  });

  it('isInstance and encode on a value a model built 100,000 deep: PfaError 1202, not a RangeError', async () => {
    const t = (await PFAEngine.create(DOC)).inputType;
    let v: unknown = null;
    for (let k = 0; k < 100_000; k++) v = Object.assign(Object.create(null), { next: v });
    const treeType = t.kind === 'record' ? t.fields[4].type : t;
    let caught: unknown;
    try {
      isInstance(v, treeType);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PfaError);
    expect((caught as PfaError).code).toBe(1202);
    const echo = await PFAEngine.create({ input: DOC.input, output: DOC.input, action: ['input'] });
    const deep = { ...GOOD, tree: v };
    expect(() => echo.encode(deep)).toThrow(expect.objectContaining({ code: 1202 }));
    expect(echo.encode(echo.decode(GOOD))).toEqual({ ...GOOD, l: 2n });
  });
});
