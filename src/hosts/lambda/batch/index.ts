/**
 * The batch Lambda entry (`batch.handler` in the zip built by deploy/build-lambda.ts). Module
 * scope runs once per container: it reads the configuration; the model is loaded by the first
 * invocation. A bad configuration fails every invocation with the reason (errorType Misconfigured).
 */
import { ConfigError } from '../config.js';
import { readBatchConfig } from './config.js';
import { BatchHandler, createBatchHandler } from './handler.js';

function configured(): BatchHandler {
  try {
    return createBatchHandler({ config: readBatchConfig(process.env) });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const message = `the function is misconfigured: ${e.message}`;
    console.error(message);
    return async () => {
      const err = new Error(message);
      err.name = 'Misconfigured';
      throw err;
    };
  }
}

export const handler = configured();
