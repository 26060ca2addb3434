/**
 * Helpers of the lowering tests that compare one document on both backends: the two engines, the
 * generated AssemblyScript, and what a call answered as a value (or an error's code and message).
 */
import { PFAEngine, PfaError } from '../../../src/index.js';
import { tryLower } from '../../../src/backend/wasm/load.js';

export const pair = async (doc: object) =>
  [PFAEngine.fromJson(doc, { backend: 'js' }), await PFAEngine.create(doc, { backend: 'wasm' })] as const;

/** The document's generated AssemblyScript. */
export function source(doc: object): string {
  const lowering = tryLower(PFAEngine.fromJson(doc, { backend: 'js' }).typed);
  if (!lowering.ok) throw new Error(`not lowered: ${lowering.reason} at ${lowering.path}`);
  return lowering.lowered.source;
}

export function valueOutcome(e: PFAEngine, x: unknown): unknown {
  try {
    return { value: e.action(x) };
  } catch (err) {
    if (!(err instanceof PfaError)) throw err;
    return { code: err.code, message: err.message };
  }
}

export const show = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
