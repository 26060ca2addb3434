/**
 * The Sonar "limit" rows of `npm run bench`: the engine's decision written by hand in plain JS,
 * AssemblyScript and (when `cc` is on PATH) C, each checked bit for bit against the engine's
 * labels and posteriors on every input line before it is timed (hand/sonarModel.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PFAEngine } from '../../src/engine.js';
import type { ExternalRow, ExtraKernel } from '../../src/hosts/cli/bench.js';
import type { Value } from '../../src/values.js';
import { REFERENCE } from '../../test/helpers/reference.js';
import { sonarJsKernel } from './sonar.js';
import { sonarAsKernel } from './sonarAs.js';
import { findCc, sonarCProgram } from './sonarC.js';
import { type LimitAnswer, checkBits, engineAnswers, rowOf, sonarConstants } from './sonarModel.js';

export const LIMIT_JS = 'limit: plain JS';
export const LIMIT_AS = 'limit: AssemblyScript';
export const LIMIT_C = 'limit: C';

const copy = (a: LimitAnswer): LimitAnswer => ({ best: a.best, posterior: Float64Array.from(a.posterior) });

export interface SonarLimits {
  extra: ExtraKernel[];
  /** The C row, timed in the bench's rounds by the C program's own clock, or why there is none. */
  c: { row: ExternalRow } | { note: string };
}

/** Builds and checks the limit kernels for the Sonar record model over `lines`. */
export async function sonarLimits(documentText: string, lines: readonly string[]): Promise<SonarLimits> {
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
  const program = sonarCProgram(cc, k, rows);
  checkBits(LIMIT_C, k, expected, program.answers);
  return {
    extra,
    c: { row: { variant: LIMIT_C, kind: 'per record', unit: 'records/s', how: program.how, measure: program.measure } },
  };
}
