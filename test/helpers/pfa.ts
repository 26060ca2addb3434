/**
 * Test helpers: build an engine from a PFA document with the JS backend and score Avro-JSON
 * inputs, returning encoded outputs, or {error, code} for inputs whose action fails.
 */
import { PFAEngine, PfaError } from '../../src/index.js';

export type Outcome = unknown | { error: string; code: number | undefined };

export function score(doc: object | string, inputs: unknown[]): Outcome[] {
  const engine = PFAEngine.fromJson(doc);
  return inputs.map((x) => {
    try {
      return engine.encode(engine.action(engine.decode(x)));
    } catch (e) {
      if (e instanceof PfaError) return { error: e.message, code: e.code };
      throw e;
    }
  });
}

/** Scores one input through a one-call document, e.g. call('m.abs', ['int'], 'int', [-3]). */
export function call(fn: string, paramTypes: unknown[], output: unknown, args: unknown[]): Outcome {
  const fields = paramTypes.map((t, i) => ({ name: `a${i}`, type: t }));
  const doc = {
    input: { type: 'record', name: 'Args', fields },
    output,
    action: { [fn]: fields.map((f) => `input.${f.name}`) },
  };
  return score(doc, [Object.fromEntries(args.map((a, i) => [`a${i}`, a]))])[0];
}
