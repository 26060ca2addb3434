/**
 * Request bodies: the size limit and base64, for every request. Their JSON and batch shapes, which
 * a request the kernel reads never needs, are in bodyParse.ts.
 */
import { HttpError } from './errors.js';
import { LIMIT_CODES } from '../../limits.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The body text of an HTTP event, after the size limit and base64 decoding. */
/*! @eager */
export function bodyText(body: string | undefined, isBase64: boolean, maxBytes: number): string {
  if (body === undefined || body === '')
    throw new HttpError(
      400,
      'the request has no body: send one record, a JSON array of records, or {"records": [...]}',
    );
  if (!isBase64) {
    // Characters are at most 3 UTF-8 bytes each, so most bodies skip the exact count.
    if (body.length * 3 > maxBytes) checkSize(Buffer.byteLength(body), maxBytes);
    return body;
  }
  checkSize(Math.floor((body.length * 3) / 4) - 2, maxBytes);
  const compact = body.replace(/\s+/g, '');
  if (compact.length % 4 === 1 || !BASE64.test(compact))
    throw new HttpError(400, 'the body is marked base64 but is not valid base64');
  const bytes = Buffer.from(compact, 'base64');
  checkSize(bytes.length, maxBytes);
  // Fatal: a lossy decode would turn bad bytes into U+FFFD and score a string nobody sent.
  try {
    return (UTF8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })).decode(bytes);
  } catch {
    throw new HttpError(400, 'the body is not valid UTF-8', LIMIT_CODES.invalidUtf8, '');
  }
}

/** Made at the first base64 body, not in every cold start. */
let UTF8: TextDecoder | undefined;

/**
 * The size limit: a body of `bytes` bytes after base64 decoding (also a body given as its UTF-8
 * bytes, HttpRequest.bodyBytes: bodyText would count the same bytes in their text).
 */
export function checkSize(bytes: number, maxBytes: number): void {
  if (bytes > maxBytes)
    throw new HttpError(413, `the body has ${bytes} bytes, over the limit of ${maxBytes} (PFA_MAX_BODY_BYTES)`);
}
