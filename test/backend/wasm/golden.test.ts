/**
 * Golden kernels: the AssemblyScript that the lowering writes for each reference model is kept in
 * test/backend/wasm/golden/<model>.ts.txt and compared on every run, so a change to generated code
 * is reviewed as a diff (the way AssemblyScript's own compiler tests keep their .wat files).
 * `UPDATE_GOLDEN=1 npx vitest run test/backend/wasm/golden.test.ts` rewrites them; inspect the diff
 * before committing. The documents are the reference models under test/reference.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PFAEngine } from '../../../src/index.js';
import { tryLower } from '../../../src/backend/wasm/load.js';
import { REFERENCE } from '../../helpers/reference.js';
import { KMEANS_EXAMPLE } from '../../../bench/kmeans.js';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const reference = (path: string) => () => readFileSync(`${REFERENCE}/${path}`, 'utf8');

/** The k-means model of the DMG tutorial is one example's `pfa_json` in the tutorial's file. */
function tutorialKmeans(): string {
  const { examples } = JSON.parse(reference('pfa/models/pfa-docs/dmg-tutorial-examples.json')()) as {
    examples: { id: string; pfa_json: unknown }[];
  };
  const example = examples.find((e) => e.id === KMEANS_EXAMPLE);
  if (!example) throw new Error(`the DMG tutorial examples have no "${KMEANS_EXAMPLE}"`);
  return JSON.stringify(example.pfa_json);
}

/** Golden name → the document's text. */
const MODELS: [string, () => string][] = [
  ['sonar-naive-bayes', reference('models/sonar-naive-bayes.pfa.json')],
  ['sonar-naive-bayes-prob', reference('models/sonar-naive-bayes-prob.pfa.json')],
  ['sonar-naive-bayes-aurelius', reference('models/sonar-naive-bayes-aurelius.pfa.json')],
  ['hipparcos_numerical_10', reference('pfa/models/hadrian/hipparcos_numerical_10.pfa')],
  ['iris_lor_model', reference('pfa/models/alpinenow/iris_lor_model.pfa')],
  ['simpleIrisModel', reference('pfa/models/hadrian-wiki/simpleIrisModel.pfa')],
  ['simpleIrisModel_emit', reference('pfa/models/hadrian-wiki/simpleIrisModel_emit.pfa')],
  ['dmg-tutorial-kmeans', tutorialKmeans],
];

function lowered(name: string, model: () => string): string {
  const typed = PFAEngine.fromJson(model(), { backend: 'js' }).typed;
  const lowering = tryLower(typed);
  if (!lowering.ok) throw new Error(`${name} does not lower: ${lowering.path}: ${lowering.reason}`);
  return lowering.lowered.source;
}

/** The first line where two texts differ, with a line of context each side, for the failure message. */
function firstDifference(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (lines: string[]) =>
    lines
      .slice(Math.max(0, i - 1), i + 2)
      .map((l, k) => `  ${Math.max(0, i - 1) + k + 1}: ${l}`)
      .join('\n');
  return `first difference at line ${i + 1} (golden ${a.length} lines, generated ${b.length}):\n golden:\n${around(a)}\n generated:\n${around(b)}`;
}

describe('golden kernels: generated AssemblyScript of the reference models', () => {
  for (const [name, model] of MODELS) {
    it(name, () => {
      const file = `${GOLDEN}${name}.ts.txt`;
      const got = lowered(name, model);
      if (UPDATE) {
        writeFileSync(file, got);
        return;
      }
      if (!existsSync(file))
        expect.fail(
          `no golden file ${name}.ts.txt: run UPDATE_GOLDEN=1 npx vitest run test/backend/wasm/golden.test.ts and review it`,
        );
      const want = readFileSync(file, 'utf8');
      if (got !== want)
        expect.fail(
          `generated source of ${name} differs from golden/${name}.ts.txt; if the change is intended, run with UPDATE_GOLDEN=1 and review the git diff.\n${firstDifference(want, got)}`,
        );
    });
  }
});
