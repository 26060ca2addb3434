/**
 * The Lambda entry (`index.handler` in the bundle built by deploy/build-lambda.ts). Module scope
 * runs once per container, in the init phase: it reads the configuration and loads the model, so
 * the first request does not pay for it. The handler itself is in handler.ts.
 */
import { ConfigError, readConfig } from './config.js';
import { createHandler, PfaHandler } from './handler.js';
import { jsonLogger } from './log.js';
import { HttpError, directErrorType } from './errors.js';
import { parseEvent } from './events.js';

/*! @eager */
function configuredHandler(): PfaHandler {
  try {
    return createHandler({
      config: readConfig(process.env),
      s3: {
        forcePathStyle: process.env.PFA_S3_FORCE_PATH_STYLE === '1' || process.env.PFA_S3_FORCE_PATH_STYLE === 'true',
      },
    });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return misconfigured(e);
  }
}

/** A function deployed with a bad environment answers 503 and says why, in the log and the body. */
function misconfigured(e: ConfigError): PfaHandler {
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

export const handler = configuredHandler();
await handler.ready();
