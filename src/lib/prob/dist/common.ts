/** What every prob.dist function shares: its two error names and the argument checks. */
import type { CallSite, WasmCall } from '../../registry.js';

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

/**
 * The Wasm form of a closed-form distribution function, checks in the JS form's order: `bad` (an
 * AS condition on the parameters) raises "invalid parameterization", then the first argument is
 * checked as `input` says; `body(out)` gives the statements that assign the result to `out`.
 */
export function wasmClosedForm(
  c: WasmCall,
  bad: string,
  input: 'finite' | 'probability' | 'none',
  body: (out: string) => string,
): string {
  c.emit(`if (${bad}) ${c.fail('invalidParameterization')}`);
  const x = c.args[0];
  if (input === 'finite') c.emit(`if (!isFinite(${x})) ${c.fail('invalidInput')}`);
  if (input === 'probability') c.emit(`if (!(${x} >= 0 && ${x} <= 1)) ${c.fail('invalidInput')}`);
  const out = c.temp('f64', '0.0');
  c.emit(`{ ${body(out)} }`);
  return out;
}
