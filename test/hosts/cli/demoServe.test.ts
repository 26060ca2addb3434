/** `pfa-wasm demo`'s static server: loopback only, the folder's files with their types, nothing outside. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDemo } from '../../../src/hosts/cli/demoServe.js';

/** A raw request (fetch would normalise `..` in the path away). */
function get(url: string, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(url, { path, method }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (c) => (body += c))
        .on('end', () => ok({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
    });
    req.on('error', fail).end();
  });
}

describe('the demo server', () => {
  let dir: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pfa-demo-'));
    mkdirSync(join(dir, 'site'));
    writeFileSync(join(dir, 'site/index.html'), '<!doctype html>');
    writeFileSync(join(dir, 'site/m.wasm'), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    ({ server, url } = await serveDemo(join(dir, 'site'), 0));
  });

  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('serves the folder with content types (wasm as application/wasm for streaming compiles)', async () => {
    expect(await get(url, '/')).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html>' });
    expect((await get(url, '/m.wasm')).type).toBe('application/wasm');
    expect((await get(url, '/nothing.js')).status).toBe(404);
  });

  it('gives nothing outside the folder and answers only GET and HEAD', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      expect((await get(url, p)).status, p).toBe(404);
    }
    expect((await get(url, '/%E0%A4%A')).status).toBe(400);
    expect((await get(url, '/', 'POST')).status).toBe(405);
    expect((await get(url, '/', 'HEAD')).status).toBe(200);
  });
});
