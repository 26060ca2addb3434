/**
 * Golden kernels: the AssemblyScript that the lowering writes for each reference model is kept in
 * test/backend/wasm/golden/<model>.ts.txt and compared on every run, so a change to generated code
 * is reviewed as a diff (the way AssemblyScript's own compiler tests keep their .wat files).
 * `UPDATE_GOLDEN=1 npx vitest run test/backend/wasm/golden.test.ts` rewrites them; inspect the diff
 * before committing. The documents are copies kept beside the goldens (golden/models/SOURCES.md),
 * so this test does not need ../shared.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PFAEngine } from '../../../src/index.js';
import { tryLower } from '../../../src/backend/wasm/load.js';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Golden name → document under golden/models/. */
const MODELS: [string, string][] = [
  ['sonar-naive-bayes', 'sonar-naive-bayes.pfa.json'],
  ['sonar-naive-bayes-prob', 'sonar-naive-bayes-prob.pfa.json'],
  ['sonar-naive-bayes-aurelius', 'sonar-naive-bayes-aurelius.pfa.json'],
  ['hipparcos_numerical_10', 'hipparcos_numerical_10.pfa'],
  ['iris_lor_model', 'iris_lor_model.pfa'],
  ['simpleIrisModel', 'simpleIrisModel.pfa'],
  ['simpleIrisModel_emit', 'simpleIrisModel_emit.pfa'],
  ['dmg-tutorial-kmeans', 'dmg-tutorial-kmeans.pfa.json'],
];

function lowered(model: string): string {
  const typed = PFAEngine.fromJson(readFileSync(`${GOLDEN}models/${model}`, 'utf8'), { backend: 'js' }).typed;
  const lowering = tryLower(typed);
  if (!lowering.ok) throw new Error(`${model} does not lower: ${lowering.path}: ${lowering.reason}`);
  return lowering.lowered.source;
}

/** The first line where two texts differ, with a line of context each side, for the failure message. */
function firstDifference(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (lines: string[]) => lines.slice(Math.max(0, i - 1), i + 2).map((l, k) => `  ${Math.max(0, i - 1) + k + 1}: ${l}`).join('\n');
  return `first difference at line ${i + 1} (golden ${a.length} lines, generated ${b.length}):\n golden:\n${around(a)}\n generated:\n${around(b)}`;
}

describe('golden kernels: generated AssemblyScript of the reference models', () => {
  for (const [name, model] of MODELS) {
    it(name, () => {
      const file = `${GOLDEN}${name}.ts.txt`;
      const got = lowered(model);
      if (UPDATE) {
        writeFileSync(file, got);
        return;
      }
      if (!existsSync(file)) expect.fail(`no golden file ${name}.ts.txt: run UPDATE_GOLDEN=1 npx vitest run test/backend/wasm/golden.test.ts and review it`);
      const want = readFileSync(file, 'utf8');
      if (got !== want) expect.fail(`generated source of ${name} differs from golden/${name}.ts.txt; if the change is intended, run with UPDATE_GOLDEN=1 and review the git diff.\n${firstDifference(want, got)}`);
    });
  }
});
