/**
 * An answer other than 200, as data: the status, and the body `{"error", "code", "path"}` that
 * every error response carries (`code` is the spec's or our number, or null; `path` a JSON
 * Pointer into the request body, or null).
 */
import { Logger, errorFields } from './log.js';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly code: number | null = null,
    readonly path: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { error: string; code: number | null; path: string | null } {
    return { error: this.message, code: this.code, path: this.path };
  }
}

/**
 * What a request that threw is answered with: an HttpError as it is, anything else a defect (500,
 * logged). (In index.mjs, not a chunk: a defect is answered even when a chunk cannot load.)
 */
export function asHttpError(e: unknown, log: Logger, requestId?: string): HttpError {
  if (e instanceof HttpError) return e;
  log.log('error', 'defect: an unexpected error while answering a request', { requestId, ...errorFields(e) });
  return new HttpError(500, 'internal error (a defect in pfa-wasm; the log has the details)');
}
