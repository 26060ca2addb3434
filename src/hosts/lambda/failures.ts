/**
 * The handler's answers when something fails: a record the model failed on (422), a direct
 * invocation that failed (an Error whose name is Lambda's `errorType`), and a function deployed
 * with a bad environment (503). Apart from handler.ts because a cold start that answers its request never
 * fails: the Lambda bundle leaves this file to the chunk it loads at the first failure (issue 17,
 * deploy/deferred.ts).
 */
import { PfaError } from '../../errors/PfaError.js';
import { HttpError } from './errors.js';
import { Logger, jsonLogger } from './log.js';
import type { ConfigError } from './config.js';
import { parseEvent } from './events.js';
import type { PfaHandler } from './handler.js';

/** The answer for a record the model failed on: 422 naming the record (logged as the general path logs it). */
export function recordFailed(e: PfaError, path: string, log: Logger, requestId?: string): HttpError {
  log.log('info', 'the model failed on a record', {
    requestId,
    record: path,
    kind: e.kind,
    code: e.code,
    fcn: e.fcn,
    error: e.message,
  });
  return new HttpError(422, `the model failed on this record: ${e.message}`, e.code ?? null, path);
}

/** What a direct invocation that failed with `err` throws: an Error named after its status (directErrorType), with its code and path. */
export function directFailure(err: HttpError): Error {
  const thrown = new Error(err.message);
  thrown.name = directErrorType(err.status);
  Object.assign(thrown, { code: err.code, path: err.path });
  return thrown;
}

/** The name a direct invocation's failure carries as its Lambda `errorType`. */
export function directErrorType(status: number): string {
  switch (status) {
    case 400:
      return 'BadInput';
    case 413:
      return 'PayloadTooLarge';
    case 422:
      return 'ScoringFailed';
    case 503:
      return 'ModelUnavailable';
    default:
      return 'InternalError';
  }
}

/** A function deployed with a bad environment answers 503 and says why, in the log and the body. */
export function misconfigured(e: ConfigError): PfaHandler {
  const log = jsonLogger('info');
  log.log('error', 'configuration error', { error: e.message });
  const err = new HttpError(503, `the function is misconfigured: ${e.message}`);
  const answer = () => {
    log.log('error', 'configuration error', { error: e.message });
    return { statusCode: 503, headers: { 'content-type': 'application/json' }, body: JSON.stringify(err.body()) };
  };
  const h = (async (event: unknown) => {
    if (parseEvent(event).kind === 'direct') {
      log.log('error', 'configuration error', { error: e.message });
      const thrown = new Error(err.message);
      thrown.name = directErrorType(503);
      throw thrown;
    }
    return answer();
  }) as PfaHandler;
  h.ready = async () => {};
  h.http = answer;
  return h;
}
