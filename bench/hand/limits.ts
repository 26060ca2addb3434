/**
 * The Sonar "limit" rows of `npm run bench`: the engine's decision written by hand in plain JS,
 * AssemblyScript and (when `cc` is on PATH) C, each checked bit for bit against the engine's
 * labels and posteriors on every input line before it is timed (hand/sonarModel.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PFAEngine } from '../../src/engine.js';
import type { BenchRow, ExtraKernel } from '../../src/hosts/cli/bench.js';
import type { Value } from '../../src/values.js';
import { REFERENCE } from '../../test/helpers/reference.js';
import { sonarJsKernel } from './sonar.js';
import { sonarAsKernel } from './sonarAs.js';
import { findCc, runSonarC } from './sonarC.js';
import { type LimitAnswer, checkBits, engineAnswers, rowOf, sonarConstants } from './sonarModel.js';

export const LIMIT_JS = 'limit: plain JS';
export const LIMIT_AS = 'limit: AssemblyScript';
export const LIMIT_C = 'limit: C';

const copy = (a: LimitAnswer): LimitAnswer => ({ best: a.best, posterior: Float64Array.from(a.posterior) });

export interface SonarLimits {
  extra: ExtraKernel[];
  /** The C row, measured at once (its per-record figure in records/s), or why there is none. */
  c: { row: Omit<BenchRow, 'model' | 'ratio'> } | { note: string };
}

/** Builds and checks the limit kernels for the Sonar record model over `lines`. */
export async function sonarLimits(
  documentText: string,
  lines: readonly string[],
  seconds: number,
): Promise<SonarLimits> {
  const k = sonarConstants(documentText);
  const probText = readFileSync(join(REFERENCE, 'models/sonar-naive-bayes-prob.pfa.json'), 'utf8');
  const expected = await engineAnswers(documentText, probText, lines);
  const decoder = await PFAEngine.create(documentText, { backend: 'js' });
  const rows = lines.map((l) => rowOf(k, decoder.decodeText(l)));

  const js = sonarJsKernel(k);
  checkBits(
    LIMIT_JS,
    k,
    expected,
    rows.map((r) => copy(js(r))),
  );
  // Room for the check here and benchCase's two passes (its check, then its timed inputs).
  const as = await sonarAsKernel(k, 3 * rows.length);
  checkBits(
    LIMIT_AS,
    k,
    expected,
    rows.map((r) => copy(as.score(as.place(r)))),
  );

  const extra: ExtraKernel[] = [
    { variant: LIMIT_JS, prepare: (v: Value) => rowOf(k, v), score: (x) => k.classes[js(x as Float64Array).best] },
    {
      variant: LIMIT_AS,
      prepare: (v: Value) => as.place(rowOf(k, v)),
      score: (at) => k.classes[as.score(at as number).best],
    },
  ];
  const cc = findCc();
  if (!cc) return { extra, c: { note: `${LIMIT_C}: not measured: no cc on PATH` } };
  const run = runSonarC(cc, k, rows, seconds, 5);
  checkBits(LIMIT_C, k, expected, run.answers);
  const hz = run.nsPerRecord.map((ns) => 1e9 / ns);
  const mean = hz.reduce((a, b) => a + b) / hz.length;
  const sd = Math.sqrt(hz.reduce((a, b) => a + (b - mean) ** 2, 0) / (hz.length - 1));
  // benchmark.js's margin: the 95% t-quantile for 4 degrees of freedom times the standard error.
  const rme = ((2.776 * sd) / Math.sqrt(hz.length) / mean) * 100;
  return {
    extra,
    c: { row: { variant: LIMIT_C, kind: 'per record', value: mean, unit: 'records/s', rme, how: run.how } },
  };
}
