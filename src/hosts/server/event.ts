/**
 * An HTTP request as the payload 2.0 event that an HTTP API or a function URL gives Lambda:
 * lower-case headers (repeated ones joined by commas), rawPath and rawQueryString, cookies apart,
 * and a body that is text for textual content types and base64 otherwise, as function URLs do.
 * The server skips the event: `toHttpRequest` gives what `parseEvent` makes of it, built directly
 * (test/hosts/server/event.test.ts holds the two equal), so the handler answers as in Lambda;
 * but a text body stays bytes (`bodyBytes`), for the engine to read without making a string.
 */
import { isUtf8 } from 'node:buffer';
import { IncomingMessage } from 'node:http';
import type { HttpRequest } from '../lambda/events.js';

const TEXTUAL = /^(text\/|application\/(json|[\w.+-]+\+json|xml|javascript|x-www-form-urlencoded))/i;

export function toV2Event(req: IncomingMessage, body: Buffer, requestId: string): Record<string, unknown> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQueryString = q < 0 ? '' : url.slice(q + 1);
  const headers: Record<string, string> = {};
  const raw = req.rawHeaders;
  let cookies: string[] | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (name === 'cookie') {
      (cookies ??= []).push(...raw[i + 1].split(/;\s*/));
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${raw[i + 1]}` : raw[i + 1];
  }
  const contentType = headers['content-type'];
  const text = travelsAsText(body, contentType);
  const now = Date.now();
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: '$default',
      stage: '$default',
      timeEpoch: now,
    },
    isBase64Encoded: !text,
  };
  if (cookies) event.cookies = cookies;
  if (rawQueryString) event.queryStringParameters = Object.fromEntries(new URLSearchParams(rawQueryString));
  if (body.length > 0) event.body = text ? body.toString('utf8') : body.toString('base64');
  return event;
}

/**
 * Whether a body travels as text: bytes that are not UTF-8 travel base64-encoded, so the handler
 * can reject them (a text conversion would replace them with U+FFFD silently).
 */
function travelsAsText(body: Buffer, contentType: string | undefined): boolean {
  return body.length === 0 || ((contentType === undefined || textual(contentType)) && isUtf8(body));
}

// The last content type asked about and its answer: clients send the same one request after request.
let lastType = '';
let lastTextual = false;

function textual(contentType: string): boolean {
  if (contentType !== lastType) {
    lastTextual = TEXTUAL.test(contentType);
    lastType = contentType;
  }
  return lastTextual;
}

/**
 * `parseEvent(toV2Event(req, body, requestId))`, without the event: only the method, the path, the
 * content type (repeated headers joined, as in the event) and the body; a body the event would
 * carry as text is given as its bytes instead (`bodyBytes`: the handler decodes them when needed).
 */
export function toHttpRequest(req: IncomingMessage, body: Buffer, requestId: string): HttpRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  let contentType: string | undefined;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    // The length first: most names are not this one, and lower-casing each would cost more.
    if (raw[i].length === 12 && raw[i].toLowerCase() === 'content-type')
      contentType = contentType === undefined ? raw[i + 1] : `${contentType},${raw[i + 1]}`;
  }
  const text = travelsAsText(body, contentType);
  return {
    kind: 'http',
    format: 'v2',
    method: upperMethod(req.method ?? 'GET'),
    path: q < 0 ? url : url.slice(0, q),
    body: body.length === 0 || text ? undefined : body.toString('base64'),
    bodyBytes: body.length === 0 || !text ? undefined : body,
    isBase64Encoded: !text,
    requestId,
    contentType,
  };
}

/** parseEvent's upper-cased method; the commonest skip toUpperCase, which V8 runs through ICU. */
function upperMethod(method: string): string {
  return method === 'POST' || method === 'GET' ? method : method.toUpperCase();
}
