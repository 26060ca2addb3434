/**
 * Real-shaped Lambda events, following the examples in the AWS documentation for API Gateway REST
 * proxy integrations (payload 1.0), HTTP APIs (payload 2.0) and function URLs, and a capturing
 * logger for the handler's JSON lines.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger, jsonLogger } from '../../../src/hosts/lambda/log.js';
import { LogLevel } from '../../../src/hosts/lambda/config.js';

export const MODELS = fileURLToPath(new URL('../../../models/', import.meta.url));
export const SONAR_MODEL = join(MODELS, 'sonar-naive-bayes.pfa.json');
export const SONAR_ROWS = readFileSync(join(MODELS, 'sonar-sample.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim());

interface HttpOptions {
  method?: string;
  path?: string;
  body?: string;
  base64?: boolean;
  headers?: Record<string, string>;
  stage?: string;
}

export function v1Event(o: HttpOptions = {}): Record<string, unknown> {
  const body = o.body === undefined ? null : o.base64 ? Buffer.from(o.body).toString('base64') : o.body;
  const path = o.path ?? '/score';
  return {
    resource: path,
    path,
    httpMethod: o.method ?? 'POST',
    headers: {
      'Content-Type': 'application/json',
      Host: 'abc123.execute-api.us-east-1.amazonaws.com',
      'User-Agent': 'curl/8.5.0',
      ...o.headers,
    },
    multiValueHeaders: { 'Content-Type': ['application/json'] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      extendedRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      httpMethod: o.method ?? 'POST',
      identity: { sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0' },
      path: `/${o.stage ?? 'prod'}${path}`,
      protocol: 'HTTP/1.1',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTime: '25/Nov/2026:17:00:00 +0000',
      requestTimeEpoch: 1795626000000,
      resourceId: 'roq9wj',
      resourcePath: path,
      stage: o.stage ?? 'prod',
    },
    body,
    isBase64Encoded: o.base64 === true,
  };
}

export function v2Event(o: HttpOptions & { domainName?: string } = {}): Record<string, unknown> {
  const stage = o.stage ?? '$default';
  const path = o.path ?? '/score';
  const rawPath = stage === '$default' ? path : `/${stage}${path}`;
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: `${o.method ?? 'POST'} ${path}`,
    rawPath,
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      host: o.domainName ?? 'abc123.execute-api.us-east-1.amazonaws.com',
      'user-agent': 'curl/8.5.0',
      ...o.headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: o.domainName ?? 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: o.method ?? 'POST',
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'curl/8.5.0',
      },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: `${o.method ?? 'POST'} ${path}`,
      stage,
      time: '25/Nov/2026:17:00:00 +0000',
      timeEpoch: 1795626000000,
    },
    isBase64Encoded: o.base64 === true,
  };
  if (o.body !== undefined) event.body = o.base64 ? Buffer.from(o.body).toString('base64') : o.body;
  return event;
}

/** A function URL event: payload 2.0 with routeKey $default and a lambda-url domain. */
export function functionUrlEvent(o: HttpOptions = {}): Record<string, unknown> {
  const e = v2Event({ ...o, domainName: 'abcdefghij.lambda-url.us-east-1.on.aws' });
  e.routeKey = '$default';
  (e.requestContext as Record<string, unknown>).routeKey = '$default';
  (e.requestContext as Record<string, unknown>).authorizer = { iam: null };
  return e;
}

export interface CapturedLog {
  logger: Logger;
  lines: Record<string, unknown>[];
}

export function captureLog(level: LogLevel = 'debug'): CapturedLog {
  const lines: Record<string, unknown>[] = [];
  return {
    logger: jsonLogger(level, (l) => {
      lines.push(JSON.parse(l));
    }),
    lines,
  };
}

/** A temp folder with the given files, for bundle-style models. */
export function tempModels(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pfa-lambda-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
