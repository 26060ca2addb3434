/**
 * Where the tests and benchmarks find their reference material: test/reference, the conformance
 * suite, the real-world models with their inputs and expected outputs, and the spec's function list,
 * kept in the repository so that a fresh clone runs all of it (their sources: test/reference/SOURCES.md).
 */
import { fileURLToPath } from 'node:url';

export const REFERENCE = fileURLToPath(new URL('../reference', import.meta.url));

/** The reference models with data, as [model, data] paths under REFERENCE: every backend must answer them alike. */
export const REFERENCE_MODELS: [string, string][] = [
  ['models/sonar-naive-bayes.pfa.json', 'data/sonar.jsonl'],
  ['models/sonar-naive-bayes-prob.pfa.json', 'data/sonar.jsonl'],
  ['models/sonar-naive-bayes-aurelius.pfa.json', 'data/sonar-aurelius.jsonl'],
  ['pfa/models/hadrian/hipparcos_numerical_10.pfa', 'pfa/models/hadrian/hipparcos-synthetic.jsonl'],
  ['pfa/models/alpinenow/iris_lor_model.pfa', 'pfa/models/alpinenow/iris.jsonl'],
  ['pfa/models/hadrian-wiki/simpleIrisModel.pfa', 'pfa/models/hadrian-wiki/iris.jsonl'],
  ['pfa/models/hadrian-wiki/simpleIrisModel_emit.pfa', 'pfa/models/hadrian-wiki/iris.jsonl'],
  // (a forest whose one s.lower runs on the host: ARCHITECTURE.md "Strings in kernels")
  ['pfa/models/hadrian-wiki/myModel.pfa', 'pfa/models/hadrian-wiki/myData.jsons'],
];
