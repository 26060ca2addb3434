/**
 * Test helpers: build an engine from a PFA document with the JS backend and score Avro-JSON
 * inputs, returning encoded outputs, or {error, code} for inputs whose action fails.
 */
import { PFAEngine, PfaError } from '../../src/index.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/** The shared reference folder (../shared beside the repo), or PFA_SHARED. */
export const SHARED = process.env.PFA_SHARED ?? fileURLToPath(new URL('../../../shared', import.meta.url));
export const hasShared = existsSync(SHARED);

/** The shared models with data, as [model, data] paths under SHARED: every backend must answer them alike. */
export const SHARED_MODELS: [string, string][] = [
  ['models/sonar-naive-bayes.pfa.json', 'data/sonar.jsonl'],
  ['models/sonar-naive-bayes-prob.pfa.json', 'data/sonar.jsonl'],
  ['models/sonar-naive-bayes-aurelius.pfa.json', 'data/sonar-aurelius.jsonl'],
  ['pfa/models/hadrian/hipparcos_numerical_10.pfa', 'pfa/models/hadrian/hipparcos-synthetic.jsonl'],
  ['pfa/models/alpinenow/iris_lor_model.pfa', 'pfa/models/alpinenow/iris.jsonl'],
  ['pfa/models/hadrian-wiki/simpleIrisModel.pfa', 'pfa/models/hadrian-wiki/iris.jsonl'],
  ['pfa/models/hadrian-wiki/simpleIrisModel_emit.pfa', 'pfa/models/hadrian-wiki/iris.jsonl'],
];
