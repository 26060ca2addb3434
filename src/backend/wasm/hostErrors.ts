/**
 * The PfaError of a kernel's failure, as a WasmHost raises it: the kernel returns the number of the
 * error site that failed and a detail (instance.ts errorDetailOf). A function of the host, which
 * its calls into the kernel raise (hostKernel.ts `run` and `actionAt`, host.ts `batch`); a request
 * that the model answers never needs it, so the Lambda build leaves this module to
 * chunks/deferred.mjs (deploy/deferred.ts).
 */
import { PfaError } from '../../errors/PfaError.js';
import type { HostKernel } from './hostKernel.js';
import { siteError } from './instance.js';

/** The error of site `site` with `detail` (a host call's own error when the site is one). */
export function siteFailure(host: HostKernel, site: number, detail: number): PfaError {
  const s = host.spec.sites[site];
  if (s.detail === 'host') return host.hostCalls!.error(detail) as PfaError;
  return siteError(s, host.timeoutMs, detail, host.dict.strings);
}
