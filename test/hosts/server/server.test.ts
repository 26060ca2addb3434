/** The local server on loopback: routes, keep-alive, the v2 events it makes, 413 before reading. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { Server } from 'node:http';
import { createHandler } from '../../../src/hosts/lambda/handler.js';
import { createPfaServer, listen } from '../../../src/hosts/server/server.js';
import { PFAEngine } from '../../../src/engine.js';
import { readFileSync } from 'node:fs';
import { SONAR_MODEL, SONAR_ROWS, captureLog } from '../lambda/fixtures.js';

let server: Server;
let base: string;
const log = captureLog();

beforeAll(async () => {
  const handler = createHandler({
    config: {
      model: { kind: 'file', path: SONAR_MODEL },
      backend: 'auto',
      maxBodyBytes: 8192,
      timeoutMs: null,
      logLevel: 'debug',
    },
    log: log.logger,
  });
  server = createPfaServer({ handler, maxBodyBytes: 8192 });
  const { port } = await listen(server, 0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
});
afterAll(
  () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
);

const engine = PFAEngine.fromJson(readFileSync(SONAR_MODEL, 'utf8'));
const want = SONAR_ROWS.map((r) => engine.encode(engine.action(engine.decodeText(r))));

describe('pfa-wasm serve (server)', () => {
  it('POST /score and POST / score; results in order for a batch', async () => {
    const r = await fetch(`${base}/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: SONAR_ROWS[0],
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('server-timing')).toMatch(/decode;dur=[\d.]+, score;dur=[\d.]+$/);
    expect(await r.json()).toEqual(want[0]);
    const b = await fetch(`${base}/`, { method: 'POST', body: `[${SONAR_ROWS.join(',')}]` });
    expect(await b.json()).toEqual(want);
  });

  it('a binary content type travels base64-encoded in the event, as with function URLs', async () => {
    const r = await fetch(`${base}/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: SONAR_ROWS[1],
    });
    expect(await r.json()).toEqual(want[1]);
  });

  it('GET /health, GET /openapi.json, 404, 405', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({
      status: 'ok',
      model: 'sonar_naive_bayes_demo',
    });
    const api = await (await fetch(`${base}/openapi.json?x=1`)).json();
    expect(api.paths['/score'].post.operationId).toBe('score');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    const r = await fetch(`${base}/health`, { method: 'POST', body: '{}' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET');
  });

  it('400 names the field', async () => {
    const r = await fetch(`${base}/score`, {
      method: 'POST',
      body: JSON.stringify({ ...JSON.parse(SONAR_ROWS[0]), V9: [] }),
    });
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: expect.stringContaining('expected a double'), code: 1100, path: '/V9' });
  });

  it('413 for a body over the limit, answered without reading it all', async () => {
    const r = await fetch(`${base}/score`, { method: 'POST', body: 'x'.repeat(100_000) });
    expect(r.status).toBe(413);
    expect((await r.json()).error).toMatch(/over the limit of 8192/);
  });

  it('keeps connections alive across requests', async () => {
    const agent = new (await import('node:http')).Agent({ keepAlive: true, maxSockets: 1 });
    const ports = new Set<number>();
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((done, fail) => {
        const req = request(`${base}/score`, { method: 'POST', agent }, (res) => {
          ports.add(res.socket.localPort!);
          expect(res.statusCode).toBe(200);
          res.resume().on('end', done);
        });
        req.on('error', fail);
        req.end(SONAR_ROWS[i % SONAR_ROWS.length]);
      });
    }
    agent.destroy();
    expect(ports.size).toBe(1);
  });

  it('logs only failures at info level and every request at debug', () => {
    expect(log.lines.some((l) => l.msg === 'scored' && String(l.requestId).startsWith('local-'))).toBe(true);
    expect(
      log.lines
        .filter((l) => l.msg === 'request failed')
        .map((l) => l.status)
        .sort(),
    ).toEqual([400, 404, 405]);
  });
});
