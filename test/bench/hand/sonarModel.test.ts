/**
 * The Sonar limit kernels' bit check (bench/hand/sonarModel.ts): the plain-JS kernel gives the
 * engine's labels and posteriors on all 208 rows, and the check sees divisors one ulp off (as the
 * multiplier -1/(2σ²) would round: it changes 27% of the terms and 37 rows' posteriors).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sonarJsKernel } from '../../../bench/hand/sonar.js';
import { findCc, sonarCProgram } from '../../../bench/hand/sonarC.js';
import { type LimitAnswer, checkBits, engineAnswers, rowOf, sonarConstants } from '../../../bench/hand/sonarModel.js';
import { PFAEngine } from '../../../src/engine.js';
import { REFERENCE } from '../../helpers/reference.js';

const read = (p: string) => readFileSync(join(REFERENCE, p), 'utf8');
const text = read('models/sonar-naive-bayes.pfa.json');
const lines = read('data/sonar.jsonl')
  .split('\n')
  .filter((l) => l.trim() !== '');

describe('the Sonar limit kernels', async () => {
  const k = sonarConstants(text);
  const expected = await engineAnswers(text, read('models/sonar-naive-bayes-prob.pfa.json'), lines);
  const decoder = await PFAEngine.create(text, { backend: 'js' });
  const rows = lines.map((l) => rowOf(k, decoder.decodeText(l)));
  const copy = (a: LimitAnswer): LimitAnswer => ({ best: a.best, posterior: Float64Array.from(a.posterior) });

  it('the plain-JS kernel answers as the engine, bit for bit, on all 208 rows', () => {
    expect(rows).toHaveLength(208);
    const js = sonarJsKernel(k);
    expect(() =>
      checkBits(
        'js',
        k,
        expected,
        rows.map((r) => copy(js(r))),
      ),
    ).not.toThrow();
  });

  // (needs `cc`, which the CI machine has; the bench itself only notes a missing C row)
  it('the C kernel answers as the engine, and times a round on its own clock', () => {
    const cc = findCc();
    expect(cc, 'a C compiler on PATH').not.toBeNull();
    const c = sonarCProgram(cc!, k, rows);
    expect(() => checkBits('c', k, expected, c.answers)).not.toThrow();
    const t = c.measure(0.03);
    expect(t.hz).toBeGreaterThan(1e4);
    expect(Number.isFinite(t.rme)).toBe(true);
    expect(c.how).toMatch(/-ffp-contract=off.*3 passes a round/);
  });

  it('refuses a kernel whose divisors are one ulp off', () => {
    const twoVariance = Float64Array.from(k.twoVariance);
    const bits = new BigUint64Array(twoVariance.buffer);
    for (let i = 0; i < bits.length; i++) bits[i] += 1n;
    const js = sonarJsKernel({ ...k, twoVariance });
    expect(() =>
      checkBits(
        'one ulp',
        k,
        expected,
        rows.map((r) => copy(js(r))),
      ),
    ).toThrow(/^one ulp: line \d+: /);
  });
});
