/**
 * The reference real-world models that use model.tree and model.reg, scored against their expected
 * outputs: the Hipparcos decision tree (1,023 nodes), the Iris trees of the Hadrian wiki, the
 * random forest myModel.pfa, and AlpineNow's logistic regression (model.reg.linear).
 * JS backend only: test/backend/wasm/models.test.ts runs these models on Wasm against the JS backend.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PFAEngine } from '../../../src/index.js';
import { REFERENCE } from '../../helpers/reference.js';

const models = join(REFERENCE, 'pfa', 'models');
const lines = (file: string) =>
  readFileSync(join(models, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));

/** Equal, with numbers within 1e-9 relative (the outputs come from another engine's arithmetic). */
function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => close(x, b[i]));
  if (a !== null && typeof a === 'object') {
    if (b === null || typeof b !== 'object') return false;
    const ka = Object.keys(a),
      kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}

function check(model: string, inputs: string, expected: string) {
  const engine = PFAEngine.fromJson(readFileSync(join(models, model), 'utf8'));
  const want = lines(expected);
  const got = lines(inputs).map((x) => engine.encode(engine.action(engine.decode(x))));
  expect(got.length).toBe(want.length);
  const bad = got.findIndex((g, i) => !close(g, want[i]));
  expect(bad === -1 ? 'all equal' : { line: bad + 1, got: got[bad], want: want[bad] }).toBe('all equal');
}

describe('reference models', () => {
  it('scores the Hipparcos tree (simpleWalk + simpleTest)', () => {
    check(
      'hadrian/hipparcos_numerical_10.pfa',
      'hadrian/hipparcos-synthetic.jsonl',
      'hadrian/hipparcos_numerical_10.expected.jsonl',
    );
  });
  it('scores the Iris tree of the Hadrian wiki', () => {
    check('hadrian-wiki/simpleIrisModel.pfa', 'hadrian-wiki/iris.jsonl', 'hadrian-wiki/simpleIrisModel.expected.jsonl');
  });
  it('scores the random forest myModel.pfa (union-valued tests, "in" and "<=")', () => {
    check('hadrian-wiki/myModel.pfa', 'hadrian-wiki/myData.jsons', 'hadrian-wiki/myModel.expected.jsonl');
  });
  it('scores the emit form of the Iris tree (one emitted value per input)', () => {
    const engine = PFAEngine.fromJson(readFileSync(join(models, 'hadrian-wiki/simpleIrisModel_emit.pfa'), 'utf8'));
    const got = lines('hadrian-wiki/iris.jsonl').flatMap((x) =>
      (engine.action(engine.decode(x)) as unknown[]).map((v) => engine.encode(v)),
    );
    const want = lines('hadrian-wiki/simpleIrisModel_emit.expected.jsonl');
    expect(got.length).toBe(want.length);
    expect(got.every((g, i) => close(g, want[i]))).toBe(true);
  });
  it('scores the AlpineNow logistic regression (model.reg.linear)', () => {
    check('alpinenow/iris_lor_model.pfa', 'alpinenow/iris.jsonl', 'alpinenow/iris_lor_model.expected.jsonl');
  });
});
