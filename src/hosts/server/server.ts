/**
 * The local server (`pfa-wasm serve`): node:http in front of the Lambda handler. Each request
 * reaches the handler as what it makes of an HTTP API (payload 2.0) event, as a function URL would
 * send it (event.ts), so what answers on loopback is what answers in Lambda: POST /score (and /),
 * GET /health, GET /openapi.json.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { HttpResponse, PfaHandler } from '../lambda/handler.js';
import { HttpError } from '../lambda/errors.js';
import { toHttpRequest } from './event.js';

export interface ServerOptions {
  handler: PfaHandler;
  /** Bodies over this many bytes are answered 413 without reading the rest. */
  maxBodyBytes: number;
}

export function createPfaServer(options: ServerOptions): Server {
  const { handler, maxBodyBytes } = options;
  let counter = 0;
  const idPrefix = `local-${process.pid}-`;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        over = true;
        chunks.length = 0;
        const err = new HttpError(413, `the body is over the limit of ${maxBodyBytes} bytes (--max-body-bytes)`);
        send(res, {
          statusCode: 413,
          headers: { 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify(err.body()),
        });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) return;
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      let answer: HttpResponse | Promise<HttpResponse>;
      try {
        answer = handler.http(toHttpRequest(req, body, idPrefix + ++counter));
      } catch (e) {
        answer = Promise.reject(e);
      }
      // Once the model is loaded the answer is there already: written in this turn, as a plain
      // node:http server would, rather than after a promise's.
      if (answer instanceof Promise)
        answer.then(
          (a) => send(res, a),
          (e) => send(res, defect(e)),
        );
      else send(res, answer);
    });
    req.on('error', () => res.destroy());
  });
  // Longer than typical client and load-balancer idle timeouts, so keep-alive connections are reused.
  server.keepAliveTimeout = 65_000;
  return server;
}

function defect(e: unknown): HttpResponse {
  return {
    statusCode: 500,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: `internal error: ${String(e)}`, code: null, path: null }),
  };
}

function send(res: ServerResponse, answer: HttpResponse): void {
  if (res.headersSent) return;
  // A content-length (rather than chunked encoding) saves the client a parse and the server a write.
  answer.headers['content-length'] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.statusCode, answer.headers);
  res.end(answer.body);
}

/** Listens and resolves with the bound address (port 0 picks a free port). */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export type { IncomingMessage };
