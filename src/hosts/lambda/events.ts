/**
 * The events the handler answers, normalised: API Gateway REST proxy (payload 1.0), HTTP API and
 * function URLs (payload 2.0: the same shape), and direct invocation, where the event is the
 * payload itself (a record, an array of records, or {"records": [...]}), as the seed's
 * `lambda_function.py` took it.
 */
export interface HttpRequest {
  kind: 'http';
  format: 'v1' | 'v2';
  method: string;
  /** The route, with an HTTP API stage prefix removed. */
  path: string;
  body: string | undefined;
  /**
   * The body as UTF-8 bytes, not yet a string (the local server's, checked UTF-8, never empty):
   * `body` is then undefined and `isBase64Encoded` false. Wasm engines read one record from them
   * without the string; the handler decodes them for everything else.
   */
  bodyBytes?: Uint8Array;
  isBase64Encoded: boolean;
  requestId: string | undefined;
  /** The Content-Type header, if any (bodies are read as JSON whatever it says; errors mention it). */
  contentType: string | undefined;
}

export interface DirectRequest {
  kind: 'direct';
  payload: unknown;
}

export type Request = HttpRequest | DirectRequest;

type Obj = Record<string, unknown>;
/*! @eager */
function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/*! @eager */
export function parseEvent(event: unknown): Request {
  if (isObj(event) && isObj(event.requestContext)) {
    const rc = event.requestContext;
    if (event.version === '2.0' && isObj(rc.http) && typeof rc.http.method === 'string') {
      return {
        kind: 'http',
        format: 'v2',
        method: rc.http.method.toUpperCase(),
        path: stripStage(String(event.rawPath ?? rc.http.path ?? '/'), rc.stage),
        body: typeof event.body === 'string' ? event.body : undefined,
        isBase64Encoded: event.isBase64Encoded === true,
        requestId: typeof rc.requestId === 'string' ? rc.requestId : undefined,
        contentType: header(event.headers, 'content-type'),
      };
    }
    if (typeof event.httpMethod === 'string' && typeof event.path === 'string') {
      return {
        kind: 'http',
        format: 'v1',
        method: event.httpMethod.toUpperCase(),
        // REST APIs give the resource path without the stage in `path`.
        path: event.path,
        body: typeof event.body === 'string' ? event.body : undefined,
        isBase64Encoded: event.isBase64Encoded === true,
        requestId: typeof rc.requestId === 'string' ? rc.requestId : undefined,
        contentType: header(event.headers, 'content-type'),
      };
    }
  }
  return { kind: 'direct', payload: event };
}

/** A header by name: payload 2.0 lower-cases names, REST (1.0) events keep the client's case. */
/*! @eager */
function header(headers: unknown, name: string): string | undefined {
  if (!isObj(headers)) return undefined;
  const v = headers[name];
  if (typeof v === 'string') return v;
  for (const k in headers) if (k.toLowerCase() === name && typeof headers[k] === 'string') return headers[k] as string;
  return undefined;
}

/** HTTP APIs with a named stage put it in front of rawPath (`/prod/score`); `$default` adds nothing. */
/*! @eager */
function stripStage(path: string, stage: unknown): string {
  if (typeof stage !== 'string' || stage === '$default' || stage === '') return path;
  const prefix = `/${stage}`;
  if (path === prefix) return '/';
  return path.startsWith(prefix + '/') ? path.slice(prefix.length) : path;
}
