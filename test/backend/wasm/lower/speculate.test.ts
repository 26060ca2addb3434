/**
 * Fused loops written twice (lower/speculate.ts): a copy without per-item checks, then the checked
 * loop when the first says a check could have failed. The answers keep the JS backend's bits and
 * the errors are the JS backend's, whichever item fails and however: a NaN or an infinity the
 * first copy only adds up, a key missing from the cell or an invalid entry it tested before its
 * loop, an index out of range that makes it give up at once.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PFAEngine } from '../../../../src/index.js';
import { tryLower } from '../../../../src/backend/wasm/load.js';
import { REFERENCE } from '../../../helpers/reference.js';
import { batchOutcomes, outcome } from '../outcome.js';

type Doc = { cells: Record<string, { init: Record<string, Record<string, { mean: number; variance: number }>> }> };

/** The Sonar naive Bayes that answers each class's probability (a map of doubles). */
const sonar = (): Doc & Record<string, unknown> =>
  JSON.parse(readFileSync(join(REFERENCE, 'models/sonar-naive-bayes-prob.pfa.json'), 'utf8'));

const ROWS: Record<string, number>[] = readFileSync(join(REFERENCE, 'data/sonar.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .slice(0, 30)
  .map((l) => JSON.parse(l));

/** Row 0 with some fields replaced. */
const withFields = (fields: Record<string, number>) => ({ ...ROWS[0], ...fields });

/** The rows that make the first copy give way: non-finite fields early, late, both, and a sum of fields that overflows. */
const ODD = [
  withFields({ V40: Number.NaN }),
  withFields({ V40: Number.POSITIVE_INFINITY }),
  withFields({ V40: Number.NEGATIVE_INFINITY }),
  withFields({ V10: Number.NaN, V40: Number.POSITIVE_INFINITY }),
  withFields({ V1: Number.POSITIVE_INFINITY, V60: Number.NEGATIVE_INFINITY }),
  withFields({ V3: 1.7e308, V4: 1.7e308 }),
  withFields({ V60: -1e300 }),
];

async function expectSame(doc: object, inputs: readonly object[]): Promise<void> {
  const js = PFAEngine.fromJson(doc, { backend: 'js' });
  const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
  expect(wasm.backend).toBe('wasm');
  for (const x of inputs) {
    const expected = outcome(js, x);
    expect(outcome(wasm, x), JSON.stringify(x)).toBe(expected);
    // Doubles bit for bit (JSON text does not tell -0 from 0).
    if (!expected.startsWith('error')) {
      const [a, b] = [js.action(x), wasm.action(x)] as Map<string, number>[];
      for (const [k, v] of a) expect(Object.is(b.get(k), v), k).toBe(true);
    }
  }
  // A batch runs the same routine, record after record.
  expect(batchOutcomes(wasm, inputs)).toEqual(inputs.map((x) => outcome(js, x)));
}

/** The action routine's source (r…), as the lowering writes it. */
function routine(doc: object): string {
  const lowering = tryLower(PFAEngine.fromJson(doc, { backend: 'js' }).typed);
  if (!lowering.ok) throw new Error(`not lowered: ${lowering.reason}`);
  const body = /\nfunction r\d+\([\s\S]*?\n\}\n/.exec(lowering.lowered.source);
  if (!body) throw new Error('no routine function in the source');
  return body[0];
}

describe('speculative copies of fused loops', () => {
  it('checks nothing per item in the first copy of each Sonar sum', () => {
    const src = routine(sonar());
    const copies = [
      ...src.matchAll(
        /\n( *)do \{\n([\s\S]*?)\n\1\} while \(false\);\n\1if \(errorSite != 0\) return [^;]*;\n\1if \(!isFinite\((t\d+)\)\) \{/g,
      ),
    ];
    expect(copies.length).toBe(2);
    for (const [, , first, bad] of copies) {
      // One test of the load-time bounds before the loop, the inputs added up, no failure raised.
      expect(first).toMatch(/if \(!\(d\d+ >= \w+\.length && d\d+ >= \w+\.length\)\)/);
      expect(first).toContain(`${bad} += `);
      // (a timeout is raised there, as anywhere)
      expect(first.replace('{ fail(0); ', '{ ')).not.toMatch(/fail\(|isFinite|return /);
    }
  });

  it('gives the JS backend answers, bit for bit, and its errors on non-finite fields', async () => {
    await expectSame(sonar(), [...ROWS, ...ODD]);
  }, 120_000);

  it('fails on a key missing from the table where the JS backend does', async () => {
    const doc = sonar();
    delete doc.cells.numeric_cond_probs.init.R.V40;
    await expectSame(doc, [ROWS[0], ROWS[1], ...ODD, withFields({ V50: Number.NaN })]);
    expect(outcome(PFAEngine.fromJson(doc, { backend: 'js' }), ROWS[0])).toMatch(/"V40"/);
  }, 120_000);

  it('fails on an invalid entry where the JS backend does, and takes σ == 0 as it does', async () => {
    const doc = sonar();
    doc.cells.numeric_cond_probs.init.M.V20 = { mean: 0.1, variance: -1 };
    doc.cells.numeric_cond_probs.init.R.V30 = { mean: ROWS[0].V30, variance: 0 };
    await expectSame(doc, [ROWS[0], ROWS[1], ...ODD]);
  }, 120_000);

  it('gives up at an index out of range and raises the error the JS backend raises first', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'vals', type: { type: 'array', items: 'double' } },
          { name: 'idx', type: { type: 'array', items: 'int' } },
        ],
      },
      output: 'double',
      action: {
        'a.sum': {
          'a.map': [
            'input.idx',
            {
              params: [{ i: 'int' }],
              ret: 'double',
              do: { 'prob.dist.gaussianLL': [{ attr: 'input', path: [{ string: 'vals' }, 'i'] }, 0.5, 2.0] },
            },
          ],
        },
      },
    };
    expect(routine(doc)).toMatch(/do \{/);
    const js = PFAEngine.fromJson(doc, { backend: 'js' });
    const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
    const inputs = [
      { vals: [0.25, -1.5, 3], idx: [0, 1, 2, 1] },
      { vals: [0.25, Number.NaN, 3], idx: [0, 1, 7] },
      { vals: [0.25, Number.NaN, 3], idx: [0, 7, 1] },
      { vals: [0.25, Number.POSITIVE_INFINITY, 3], idx: [2, 1] },
      { vals: [1e308, 1e308], idx: [0, 1] },
    ];
    const outcomes = inputs.map((x) => outcome(js, x));
    expect(outcomes[1]).not.toBe(outcomes[2]);
    for (const [i, x] of inputs.entries()) {
      expect(outcome(wasm, x), JSON.stringify(x)).toBe(outcomes[i]);
      if (!outcomes[i].startsWith('error')) expect(Object.is(wasm.action(x), js.action(x))).toBe(true);
    }
  }, 120_000);

  it('writes the loop once where its function calls a user function or nothing is left out', () => {
    const doc = sonar();
    const viaUser = JSON.parse(JSON.stringify(doc).replaceAll('"prob.dist.gaussianLL"', '"u.ll"'));
    expect(viaUser).not.toEqual(doc);
    viaUser.fcns = {
      ...(doc.fcns as object),
      ll: {
        params: [{ x: 'double' }, { p: 'GaussianParams' }],
        ret: 'double',
        do: { 'prob.dist.gaussianLL': ['x', 'p'] },
      },
    };
    expect(routine(viaUser)).not.toMatch(/while \(false\)/);
    // (the sum of exp over the two classes checks nothing per item: no copy)
    expect(routine(sonar()).match(/while \(false\)/g)?.length).toBe(2);
  });

  it('raises a timeout that strikes in the first copy', async () => {
    // 20,000 x 20,000 gaussianLL terms; the inner loop is speculated (its function only computes).
    const inner = {
      'a.map': ['input', { params: [{ y: 'double' }], ret: 'double', do: { 'prob.dist.gaussianLL': ['y', 'x', 1.0] } }],
    };
    const doc = {
      input: { type: 'array', items: 'double' },
      output: 'double',
      options: { timeout: 100 },
      action: { 'a.sum': { 'a.map': ['input', { params: [{ x: 'double' }], ret: 'double', do: { 'a.sum': inner } }] } },
    };
    expect(routine(doc).match(/while \(false\)/g)?.length).toBe(1);
    const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
    const started = Date.now();
    expect(() => wasm.action(new Array(20_000).fill(1.5))).toThrow(/exceeded timeout of 100 milliseconds/);
    expect(Date.now() - started).toBeLessThan(5000);
    const js = PFAEngine.fromJson(doc, { backend: 'js' });
    for (const x of [
      [1, 2],
      [1, Number.NaN],
    ])
      expect(outcome(wasm, x)).toBe(outcome(js, x));
  }, 60_000);
});
