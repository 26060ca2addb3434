/**
 * Test helpers: build an engine from a PFA document with the JS backend and score Avro-JSON
 * inputs, returning encoded outputs, or {error, code} for inputs whose action fails.
 */
import { expect } from 'vitest';
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

/**
 * Scores the inputs on both backends (the Wasm engine must lower: a test of a Wasm form that ran
 * in JS would prove nothing) and returns the Wasm answers after checking they equal the JS ones.
 */
export async function scoreBoth(doc: object, inputs: unknown[]): Promise<Outcome[]> {
  const js = await PFAEngine.create(doc, { backend: 'js' });
  const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
  if (wasm.backend !== 'wasm') throw new Error(`not lowered: ${wasm.backendNote}`);
  const run = (engine: PFAEngine) =>
    inputs.map((x) => {
      try {
        return engine.encode(engine.action(engine.decode(x)));
      } catch (e) {
        if (e instanceof PfaError) return { error: e.message, code: e.code };
        throw e;
      }
    });
  const answers = run(wasm);
  expect(answers).toStrictEqual(run(js)); // (Object.is on numbers: -0 is not 0, NaN is NaN)
  return answers;
}

/** scoreBoth for one call of `fn` on the fields of a record input (as `call`). */
export async function callBoth(
  fn: string,
  paramTypes: unknown[],
  output: unknown,
  argsList: unknown[][],
): Promise<Outcome[]> {
  const fields = paramTypes.map((t, i) => ({ name: `a${i}`, type: t }));
  const doc = {
    input: { type: 'record', name: 'Args', fields },
    output,
    action: { [fn]: fields.map((f) => `input.${f.name}`) },
  };
  return scoreBoth(
    doc,
    argsList.map((args) => Object.fromEntries(args.map((a, i) => [`a${i}`, a]))),
  );
}
