/**
 * `pfa-wasm demo [--port 8080] [--dir DIR]`: serves the browser demo (dist/browser/demo/, built by
 * `npm run build:browser`) as static files on loopback only. The page scores in the tab: this
 * server only hands out its files.
 */
import { createServer, Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AddressInfo } from 'node:net';
import { commandArgs, portOption } from './args.js';

/** The package's built demo (works from src/ and from dist/). */
export const DEMO_DIR = fileURLToPath(new URL('../../../dist/browser/demo/', import.meta.url));

const USAGE = 'usage: pfa-wasm demo [--port 8080] [--dir DIR]   (serves on 127.0.0.1 only)';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** A static file server for `dir` on 127.0.0.1: GET and HEAD only, nothing outside `dir`. */
export function staticServer(dir: string): Server {
  const root = resolve(dir);
  return createServer(async (req, res) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(400, 'bad path\n');
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) return send(404, 'not found\n');
    try {
      if (!(await stat(file)).isFile()) return send(404, 'not found\n');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      send(404, 'not found\n');
    }
  });
}

/** Starts the server on 127.0.0.1 (port 0: any free port); resolves with its URL. */
export async function serveDemo(dir: string, port: number): Promise<{ server: Server; url: string }> {
  const server = staticServer(dir);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

export async function demoCommand(argv: string[]): Promise<number> {
  const parsed = commandArgs('demo', USAGE, argv, ['port', 'dir'], 0);
  if (typeof parsed === 'number') return parsed;
  const { options } = parsed;
  const port = portOption('demo', options, 8080);
  if (port === null) return 2;
  const dir = (options.get('dir') as string | undefined) ?? DEMO_DIR;
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`pfa-wasm demo: no demo page in ${dir}; build it with \`npm run build:browser\``);
    return 1;
  }
  const { server, url } = await serveDemo(dir, port);
  console.error(`pfa-wasm demo: ${dir} on ${url} (loopback only; Ctrl-C stops)`);
  console.log(url);
  await new Promise<void>((done) => {
    const stop = () => {
      server.close(() => done());
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
