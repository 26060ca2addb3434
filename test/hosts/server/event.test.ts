/** HTTP requests as payload 2.0 events (what an HTTP API or a function URL sends Lambda). */
import { describe, expect, it } from 'vitest';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { toHttpRequest, toV2Event } from '../../../src/hosts/server/event.js';
import { parseEvent } from '../../../src/hosts/lambda/events.js';

function message(method: string, url: string, rawHeaders: string[]): IncomingMessage {
  const m = new IncomingMessage(new Socket());
  Object.assign(m, { method, url, rawHeaders, httpVersion: '1.1' });
  return m;
}

describe('toV2Event', () => {
  it('builds a payload 2.0 event: lower-case headers joined, cookies apart, query string', () => {
    const req = message('POST', '/score?a=1&b=two', [
      'Content-Type',
      'application/json',
      'X-Tag',
      'a',
      'x-tag',
      'b',
      'Cookie',
      'k=v; s=t',
      'Host',
      'localhost:8080',
    ]);
    const e = toV2Event(req, Buffer.from('{"V1": 1}'), 'id-1');
    expect(e).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/score',
      rawQueryString: 'a=1&b=two',
      headers: { 'content-type': 'application/json', 'x-tag': 'a,b', host: 'localhost:8080' },
      cookies: ['k=v', 's=t'],
      queryStringParameters: { a: '1', b: 'two' },
      requestContext: {
        http: { method: 'POST', path: '/score', protocol: 'HTTP/1.1' },
        requestId: 'id-1',
        stage: '$default',
      },
      body: '{"V1": 1}',
      isBase64Encoded: false,
    });
    expect(parseEvent(e)).toMatchObject({
      kind: 'http',
      format: 'v2',
      method: 'POST',
      path: '/score',
      body: '{"V1": 1}',
    });
  });
  it('text for textual types and no type, base64 otherwise; no body for an empty request', () => {
    for (const type of [
      'text/plain; charset=utf-8',
      'application/json',
      'application/vnd.api+json',
      'application/x-www-form-urlencoded',
    ]) {
      expect(toV2Event(message('POST', '/', ['Content-Type', type]), Buffer.from('é'), 'i')).toMatchObject({
        body: 'é',
        isBase64Encoded: false,
      });
    }
    expect(toV2Event(message('POST', '/', []), Buffer.from('é'), 'i')).toMatchObject({
      body: 'é',
      isBase64Encoded: false,
    });
    expect(
      toV2Event(message('POST', '/', ['Content-Type', 'application/octet-stream']), Buffer.from('é'), 'i'),
    ).toMatchObject({ body: Buffer.from('é').toString('base64'), isBase64Encoded: true });
    expect(toV2Event(message('GET', '/health', []), Buffer.alloc(0), 'i')).not.toHaveProperty('body');
  });
});

describe('toHttpRequest', () => {
  it('is what parseEvent makes of the event, for each kind of request', () => {
    const cases: [IncomingMessage, Buffer][] = [
      [message('POST', '/score?a=1', ['Host', 'h', 'Content-Type', 'application/json']), Buffer.from('{"V1": 1}')],
      [message('post', '/score/', ['CONTENT-TYPE', 'text/plain', 'content-type', 'x/y']), Buffer.from('é')],
      [message('POST', '/', ['Content-Type', 'application/octet-stream']), Buffer.from('{}')],
      [message('POST', '/', ['Content-Type', 'application/json']), Buffer.from([0x7b, 0xff, 0x7d])],
      [message('POST', '/', ['Content-Type', 'application/json']), Buffer.from('\ufeff{}')],
      [message('POST', '/score', []), Buffer.from('[1, 2]')],
      [message('GET', '/health?x', ['Cookie', 'k=v']), Buffer.alloc(0)],
      [message('HEAD', '/openapi.json', ['content-length', '0']), Buffer.alloc(0)],
    ];
    for (const [req, body] of cases) {
      // A text body stays bytes (bodyBytes, the body itself); their text is the event's body.
      const { bodyBytes, ...request } = toHttpRequest(req, body, 'r-1');
      if (bodyBytes !== undefined) {
        expect(bodyBytes).toBe(body);
        expect(request.body).toBeUndefined();
        request.body = Buffer.from(bodyBytes).toString('utf8');
      }
      expect(request).toEqual(parseEvent(toV2Event(req, body, 'r-1')));
    }
  });
});
