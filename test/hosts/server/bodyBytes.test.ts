/**
 * The local server hands the handler a text body as its bytes (HttpRequest.bodyBytes), which a
 * Wasm engine reads without making a string: every answer (status, headers but timing, body) and
 * every log line is the one for the same body given as text, as a Lambda event gives it; bytes
 * that are not UTF-8 still travel base64-encoded and are refused as before.
 */
import { describe, expect, it } from 'vitest';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { createHandler, HttpResponse } from '../../../src/hosts/lambda/handler.js';
import type { HttpRequest } from '../../../src/hosts/lambda/events.js';
import { toHttpRequest } from '../../../src/hosts/server/event.js';
import { SONAR_MODEL, SONAR_ROWS, captureLog } from '../lambda/fixtures.js';

function message(contentType: string): IncomingMessage {
  const m = new IncomingMessage(new Socket());
  Object.assign(m, { method: 'POST', url: '/score', rawHeaders: ['Content-Type', contentType], httpVersion: '1.1' });
  return m;
}

function handler(backend: 'js' | 'wasm', maxBodyBytes = 4096) {
  const log = captureLog();
  const h = createHandler({
    config: { model: { kind: 'file', path: SONAR_MODEL }, backend, maxBodyBytes, timeoutMs: null, logLevel: 'debug' },
    log: log.logger,
  });
  const send = async (request: HttpRequest) => {
    const r: HttpResponse = await h.http(request);
    const { 'server-timing': _timing, ...headers } = r.headers;
    return { status: r.statusCode, headers, body: r.body };
  };
  return { h, log, send };
}

const row = SONAR_ROWS[0];
const BODIES = [
  row,
  `  ${row}\r\n`,
  `[${row},${SONAR_ROWS[1]}]`,
  `{"records": [${row}]}`,
  // Declined by the kernel (a newline inside), and failing ones: the general path's answers.
  row.replace(',', ',\n'),
  '\ufeff' + row,
  row.replace('"V1":0.02', '"V1":"é€😀"'),
  row.replace('}', ',"clé😀":1}'),
  '{"V1": 1}',
  'not json',
  '[]',
  '{}',
];

describe('a body given as bytes answers as given as text', () => {
  it('on the Wasm backend (the kernel reads the bytes) and the JS one', async () => {
    for (const backend of ['wasm', 'js'] as const) {
      const bytes = handler(backend);
      const text = handler(backend);
      await Promise.all([bytes.h.ready(), text.h.ready()]);
      for (const body of BODIES) {
        const request = toHttpRequest(message('application/json'), Buffer.from(body), 'r-1');
        expect(request.bodyBytes, body).toBeDefined();
        const asText = { ...request, bodyBytes: undefined, body };
        expect(await bytes.send(request), `${backend} ${body.slice(0, 80)}`).toEqual(await text.send(asText));
      }
      // The requests' lines (not the load's, which times it), but for their clock.
      const untimed = (lines: Record<string, unknown>[]) =>
        lines.filter((l) => l.msg !== 'model loaded').map(({ time: _time, ...l }) => l);
      expect(untimed(bytes.log.lines)).toEqual(untimed(text.log.lines));
    }
    // The first row is Sonar's, read and scored on the fast path.
    const wasm = handler('wasm');
    await wasm.h.ready();
    const fast = wasm.h.http(toHttpRequest(message('application/json'), Buffer.from(row), 'r-2')) as HttpResponse;
    expect(fast.statusCode).toBe(200);
    expect(fast.headers['server-timing']).toMatch(/decode;dur=.*score;dur=/);
  }, 120_000);

  it('keeps the size limit (413) and refuses bytes that are not UTF-8 (400, invalid UTF-8)', async () => {
    const { h, send } = handler('wasm', 64);
    await h.ready();
    const big = Buffer.from('{"V1": "' + 'é'.repeat(40) + '"}');
    const over = await send(toHttpRequest(message('application/json'), big, 'r-3'));
    expect(over.status).toBe(413);
    const limit = `the body has ${big.length} bytes, over the limit of 64 (PFA_MAX_BODY_BYTES)`;
    expect(JSON.parse(over.body).error).toBe(limit);
    const request = toHttpRequest(message('application/json'), big, 'r-3');
    const asText = await send({ ...request, bodyBytes: undefined, body: big.toString() });
    expect(over).toEqual(asText);

    const invalid = toHttpRequest(message('application/json'), Buffer.from([0x7b, 0xff, 0x7d]), 'r-4');
    expect(invalid.bodyBytes).toBeUndefined();
    expect(invalid.isBase64Encoded).toBe(true);
    const refused = await send(invalid);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toEqual({ error: 'the body is not valid UTF-8', code: 1105, path: '' });
  });
});
