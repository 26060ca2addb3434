/**
 * The handler: one model per container, loaded once (at module scope in the Lambda entry, so the
 * load runs in the init phase) and reused; a failed load answers 503 and the next invocation
 * loads again. Requests are routed, scored and answered with a Server-Timing header; every
 * answer but a defect's is deliberate, and a defect (500) is logged with its stack.
 */
import { HandlerConfig } from './config.js';
import { nowMs, round } from './clock.js';
import { Logger, errorFields, jsonLogger } from './log.js';
import { ModelFiles, loadModelFiles } from './model.js';
import { ObjectStore, S3Options, fileStore, s3Store } from './store.js';
import type { ModuleCompiler } from './backend.js';
import { ScoringEngine, startScoring } from './compiled.js';
import { HttpRequest, parseEvent } from './events.js';
import { HttpError, asHttpError } from './errors.js';
import { bodyText, checkSize } from './body.js';
import { parseBody } from './bodyParse.js';
import { asString } from '../../backend/wasm/fastpath/scorer.js';
import { FastBody, FastScored, fastBody } from './fastBody.js';
import { directFailure } from './failures.js';
import { type Longs, longsOf, score } from './general.js';

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface LambdaContext {
  awsRequestId?: string;
}

export interface HandlerOptions {
  config: HandlerConfig;
  log?: Logger;
  s3?: S3Options;
  /** Compiles a model that has no module beside it (`pfa-wasm serve`; the Lambda bundle has no compiler). */
  compiler?: ModuleCompiler;
}

interface Loaded {
  engine: ScoringEngine;
  files: ModelFiles;
  initMs: number;
  /** Which backend runs and why (the first log line and /health say it). */
  why: string;
  /**
   * The output as JSON text: JSON.stringify unless the output type holds longs (bigints); and
   * whether bodies may need the exact JSON reader (the input type holds longs). The general path's
   * alone, so they are found at its first request, not in every cold start (issue 17).
   */
  readonly longs: Longs;
  /** Bodies read by the engine's generated reader (Wasm engines), or null. */
  fast: FastBody | null;
  openapi?: string;
}

export interface PfaHandler {
  (event: unknown, context?: LambdaContext): Promise<unknown>;
  /** Settles when the current load has finished (whether it worked or not). */
  ready(): Promise<void>;
  /** Which backend the loaded model runs on and why; null before a load has worked. */
  backend?(): { backend: 'js' | 'wasm'; why: string } | null;
  /**
   * An HTTP request already normalised (what `parseEvent` makes of an event), answered without
   * building the event first: the local server's path. Once the model is loaded the answer comes
   * back synchronously, so the server writes it in the same turn as the body's end.
   */
  http(request: HttpRequest, context?: LambdaContext): HttpResponse | Promise<HttpResponse>;
}

/*! @eager */
export function createHandler(options: HandlerOptions): PfaHandler {
  const { config } = options;
  const log = options.log ?? jsonLogger(config.logLevel);
  let loading: Promise<Loaded> | null = null;
  /** The settled load, so that warm requests skip a promise turn. */
  let loaded: Loaded | null = null;
  let initReported = false;

  const load = async (): Promise<Loaded> => {
    const t0 = nowMs();
    const source = config.model;
    const store: ObjectStore = source.kind === 'file' ? fileStore : await s3Store(source.bucket, options.s3);
    const files = await loadModelFiles(store, source.kind === 'file' ? source.path : source.key, log);
    const readMs = nowMs() - t0;
    const { engine, why, ms } = await startScoring(
      files,
      config.backend,
      log,
      config.timeoutMs === null ? {} : { timeout: config.timeoutMs },
      options.compiler,
    );
    const initMs = nowMs() - t0;
    log.log('info', 'model loaded', {
      backend: engine.backend,
      why,
      model: engine.name,
      source: files.source,
      version: files.version,
      sha256: files.sha256,
      method: engine.method,
      wasm: files.wasm?.source ?? null,
      initMs: round(initMs),
      // What init took apart from module evaluation: reading the files, and on the manifest path
      // WebAssembly.compile and instantiating (bench/cold-start.ts prints them).
      readMs: round(readMs),
      ...ms,
    });
    let longs: Longs | undefined;
    return {
      engine,
      files,
      initMs,
      why,
      get longs() {
        return (longs ??= longsOf(engine));
      },
      fast: fastBody(engine, files),
    };
  };

  const start = () => {
    loading = load();
    loading.then(
      (m) => {
        loaded = m;
      },
      () => {},
    );
    // A rejected load is reported by the invocation that awaits it; this keeps Node from calling it unhandled.
    loading.catch(() => {});
    return loading;
  };
  start();

  /** The loaded model, or a 503 that makes the next invocation load again. */
  const model = async (): Promise<Loaded> => {
    if (loaded) return loaded;
    try {
      return await (loading ?? start());
    } catch (e) {
      loading = null;
      log.log('error', 'model load failed; answering 503, the next invocation loads again', {
        source: config.model,
        ...errorFields(e),
      });
      throw new HttpError(503, `the model could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const handler = (async (event: unknown, context: LambdaContext = {}) => {
    const request = parseEvent(event);
    if (request.kind === 'direct') {
      try {
        const m = await model();
        return score(m, request.payload, log, context.awsRequestId).json;
      } catch (e) {
        throw directFailure(asHttpError(e, log, context.awsRequestId));
      }
    }
    return http(request, context);
  }) as PfaHandler;
  // The per-request debug line's fields are built only when it is written.
  const debug = log.enabled('debug');
  handler.ready = async () => {
    await loading?.catch(() => {});
  };
  handler.backend = () => (loaded ? { backend: loaded.engine.backend, why: loaded.why } : null);

  /** Routes first (a wrong route is answered without waiting for the model), then answers. */
  const http = (request: HttpRequest, context: LambdaContext = {}): HttpResponse | Promise<HttpResponse> => {
    const requestId = context.awsRequestId ?? request.requestId;
    let route: Route;
    try {
      route = routeOf(request);
    } catch (e) {
      return failed(e, requestId, '');
    }
    if (route === 'openapi' && !loaded?.openapi) return describe(request, requestId);
    if (loaded) return answer(loaded, route, request, requestId);
    return model().then(
      (m) => answer(m, route, request, requestId),
      (e) => failed(e, requestId, ''),
    );
  };
  handler.http = http;

  /** GET /openapi.json the first time: its builder is loaded then, as no part of the cold start. */
  const describe = async (request: HttpRequest, requestId: string | undefined): Promise<HttpResponse> => {
    let m: Loaded;
    try {
      m = await model();
      const { openApiDocument } = await import('../../openapi/document.js');
      m.openapi ??= JSON.stringify(openApiDocument(m.engine));
    } catch (e) {
      return failed(e, requestId, '');
    }
    return answer(m, 'openapi', request, requestId);
  };

  const answer = (m: Loaded, route: Route, request: HttpRequest, requestId: string | undefined): HttpResponse => {
    // The Server-Timing header's value as one string: an array and its join cost 0.1-0.2 µs more
    // a request (micro-benchmark, loaded machine).
    let timing = '';
    try {
      if (!initReported) {
        initReported = true;
        timing = `init;dur=${round(m.initMs)}`;
      }
      if (route === 'health') {
        return respond(
          200,
          JSON.stringify({
            status: 'ok',
            model: m.engine.name,
            method: m.engine.method,
            backend: m.engine.backend,
            why: m.why,
            source: m.files.source,
            sha256: m.files.sha256,
          }),
          timing,
        );
      }
      // (made by `describe` before the first answer on this route)
      if (route === 'openapi') return respond(200, m.openapi!, timing);
      const t0 = nowMs();
      const bytes = request.bodyBytes;
      let text: string;
      let fast: FastScored | null | undefined;
      if (bytes !== undefined) {
        // The local server's body (checked UTF-8): one record the kernel reads never becomes a string.
        checkSize(bytes.length, config.maxBodyBytes);
        fast = m.fast?.bytes(bytes, log, requestId);
        text = fast ? '' : asString(bytes);
        fast ??= m.fast?.(text, log, requestId, true);
      } else {
        text = bodyText(request.body, request.isBase64Encoded, config.maxBodyBytes);
        fast = m.fast?.(text, log, requestId);
      }
      if (fast) {
        timing = timed(timing, fast.startMs - t0, fast.scoreMs);
        if (debug) log.log('debug', 'scored', { requestId, status: 200, records: fast.count });
        return respond(200, fast.text, timing);
      }
      const payload = parseBody(text, m.longs.exactInput, request.contentType);
      const t1 = nowMs();
      const out = score(m, payload, log, requestId);
      timing = timed(timing, t1 - t0 + out.decodeMs, out.scoreMs);
      if (debug) log.log('debug', 'scored', { requestId, status: 200, records: out.count });
      return respond(200, out.text, timing);
    } catch (e) {
      return failed(e, requestId, timing);
    }
  };

  const failed = (e: unknown, requestId: string | undefined, timing: string): HttpResponse => {
    const err = asHttpError(e, log, requestId);
    log.log(err.status >= 500 ? 'error' : 'warn', 'request failed', { requestId, status: err.status, ...err.body() });
    return respond(err.status, JSON.stringify(err.body()), timing, err.headers);
  };

  return handler;
}

type Route = 'score' | 'health' | 'openapi';

/*! @eager */
function routeOf(request: HttpRequest): Route {
  const path = request.path.length > 1 && request.path.endsWith('/') ? request.path.slice(0, -1) : request.path;
  const route: Route | undefined =
    path === '/score' || path === '/'
      ? 'score'
      : path === '/health'
        ? 'health'
        : path === '/openapi.json'
          ? 'openapi'
          : undefined;
  if (!route)
    throw new HttpError(
      404,
      `no route ${request.method} ${request.path}: POST /score scores, GET /health and GET /openapi.json describe`,
    );
  const allowed = route === 'score' ? 'POST' : 'GET';
  if (request.method !== allowed && !(allowed === 'GET' && request.method === 'HEAD')) {
    throw new HttpError(405, `${request.path} answers ${allowed}, not ${request.method}`, null, null, {
      allow: allowed,
    });
  }
  return route;
}

/** `timing` ("" or init's entry) followed by the decode and score entries. */
/*! @eager */
function timed(timing: string, decodeMs: number, scoreMs: number): string {
  const entries = `decode;dur=${round(decodeMs)}, score;dur=${round(scoreMs)}`;
  return timing === '' ? entries : `${timing}, ${entries}`;
}

/** `timing` is the Server-Timing header's value ("": none). */
/*! @eager */
function respond(status: number, body: string, timing: string, extra?: Record<string, string>): HttpResponse {
  const headers: Record<string, string> = extra
    ? { 'content-type': 'application/json', ...extra }
    : { 'content-type': 'application/json' };
  if (timing !== '') headers['server-timing'] = timing;
  return { statusCode: status, headers, body };
}
