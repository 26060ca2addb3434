/** What every prob.dist function shares: its two error names and the argument checks. */
import type { CallSite } from '../../registry.js';

export type Errors = { invalidParameterization: number; invalidInput: number };
export type Site = CallSite<Errors>;
/** What a parameter check needs: any site that can raise "invalid parameterization". */
export type ParamSite = { fail(name: 'invalidParameterization', message?: string): never };

/** The error pair of a function whose codes start at `base` (base, base + 1). */
export function codes(base: number): Errors {
  return { invalidParameterization: base, invalidInput: base + 1 };
}

export const finite = Number.isFinite;

/** Raises "invalid input" unless 0 <= p <= 1 (NaN included). */
export function checkProbability(site: Site, p: number): void {
  if (!(p >= 0 && p <= 1)) site.fail('invalidInput');
}

/** Raises "invalid input" unless x is finite. */
export function checkFinite(site: Site, x: number): void {
  if (!finite(x)) site.fail('invalidInput');
}
