/**
 * The PfaError of a kernel's error site (instance.ts). Apart from instance.ts because a request
 * that the model scores raises none: the Lambda handler's cold path leaves this file to a chunk
 * (issue 17, deploy/deferred.ts).
 */
import { PfaError } from '../../errors/PfaError.js';
import { runtimeMessages as R } from '../../errors/runtime.js';
import type { ErrorSite } from './lower/lowered.js';

/** The PfaError of a kernel error site (site 0, the timeout, names the routine's limit). */
export function siteError(s: ErrorSite, timeoutMs: number, detail = 0, strings: readonly string[] = []): PfaError {
  if (s.kind === 'timeout') return R.timeout.error(timeoutMs);
  return new PfaError(s.kind, siteMessage(s, detail, strings), { code: s.code, path: s.path || undefined, fcn: s.fcn });
}

/** A site's message, completed with its detail as the JS backend words it (backend/js/paths.ts). */
function siteMessage(s: ErrorSite, detail: number, strings: readonly string[]): string {
  if (s.detail === 'index') return R.arrayIndexNotFound.text(detail);
  if (s.detail === 'key' && strings[detail] !== undefined) return R.mapKeyNotFound.text(strings[detail]);
  return s.message;
}
