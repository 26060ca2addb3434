/**
 * An answer other than 200, as data: the status, and the body `{"error", "code", "path"}` that
 * every error response carries (`code` is the spec's or our number, or null; `path` a JSON
 * Pointer into the request body, or null).
 */
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
