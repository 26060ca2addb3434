/**
 * The Lambda entry (`index.handler` in the bundle built by deploy/build-lambda.ts). Module scope
 * runs once per container, in the init phase: it reads the configuration and loads the model, so
 * the first request does not pay for it. The handler itself is in handler.ts.
 */
// First: the bundle publishes PfaError and HttpError for its chunks where these two evaluate, and a
// Node that cannot require an ES module imports chunks/deferred.mjs where the first deferred
// module is imported (deploy/deferred.ts), which must come after (build-lambda.ts SHARED).
import '../../errors/PfaError.js';
import './errors.js';
import { ConfigError, readConfig } from './config.js';
import { createHandler, PfaHandler } from './handler.js';
import { misconfigured } from './failures.js';

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

export const handler = configuredHandler();
await handler.ready();
