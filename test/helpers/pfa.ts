/**
 * Test helpers: build an engine from a PFA document and score Avro-JSON inputs, returning encoded
 * outputs, or {error, code} for inputs whose action fails. Inside `bothBackends`
 * (helpers/backends.ts) the engine runs on the backend of the running pass, and the Wasm pass's
 * answers must equal the JS pass's exactly; elsewhere it runs on the JS backend.
 */
import { expect } from 'vitest';
import { PFAEngine, PfaError } from '../../src/index.js';
import { Scorer, engineFor } from './backends.js';

export type Outcome = unknown | { error: string; code: number | undefined };

function run(engine: Scorer, inputs: unknown[]): Outcome[] {
  return inputs.map((x) => {
    try {
      return engine.encode(engine.action(engine.decode(x)));
    } catch (e) {
      if (e instanceof PfaError) return { error: e.message, code: e.code };
      throw e;
    }
  });
}

export function score(doc: object | string, inputs: unknown[]): Outcome[] {
  const { scorer, recorded, keep } = engineFor(doc);
  const answers = run(scorer, inputs);
  keep(inputs, answers);
  const js = recorded(inputs);
  if (js !== undefined) expect(answers, 'the Wasm answers equal the JS answers').toStrictEqual(js);
  return answers;
}

/** A document whose action calls `fn` on the fields a0, a1, ... of a record input. */
function callDoc(fn: string, paramTypes: unknown[], output: unknown): object {
  const fields = paramTypes.map((t, i) => ({ name: `a${i}`, type: t }));
  return {
    input: { type: 'record', name: 'Args', fields },
    output,
    action: { [fn]: fields.map((f) => `input.${f.name}`) },
  };
}

const argsRecord = (args: unknown[]) => Object.fromEntries(args.map((a, i) => [`a${i}`, a]));

/** Scores one input through a one-call document, e.g. call('m.abs', ['int'], 'int', [-3]). */
export function call(fn: string, paramTypes: unknown[], output: unknown, args: unknown[]): Outcome {
  return score(callDoc(fn, paramTypes, output), [argsRecord(args)])[0];
}

/** `call` for many argument lists through one engine (one document for the Wasm pass to compile). */
export function callEach(fn: string, paramTypes: unknown[], output: unknown, argsList: unknown[][]): Outcome[] {
  return score(callDoc(fn, paramTypes, output), argsList.map(argsRecord));
}

/**
 * Scores the inputs on both backends (the Wasm engine must lower: a test of a Wasm form that ran
 * in JS would prove nothing) and returns the Wasm answers after checking they equal the JS ones.
 */
export async function scoreBoth(doc: object, inputs: unknown[]): Promise<Outcome[]> {
  const js = await PFAEngine.create(doc, { backend: 'js' });
  const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
  if (wasm.backend !== 'wasm') throw new Error(`not lowered: ${wasm.backendNote}`);
  const answers = run(wasm, inputs);
  expect(answers).toStrictEqual(run(js, inputs)); // (Object.is on numbers: -0 is not 0, NaN is NaN)
  return answers;
}

/** scoreBoth for one call of `fn` on the fields of a record input (as `call`). */
export async function callBoth(
  fn: string,
  paramTypes: unknown[],
  output: unknown,
  argsList: unknown[][],
): Promise<Outcome[]> {
  return scoreBoth(callDoc(fn, paramTypes, output), argsList.map(argsRecord));
}
