/** m.kernel: the four kernels and their "arrays must have same length" errors. */
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';
import { score } from '../../helpers/pfa.js';
import { source } from '../../backend/wasm/lowered.js';
import { vectors } from '../model/vectors.js';

const ARR = { type: 'array', items: 'double' };
const x = [1, 2, 3];

/** A document whose action is `action` on the fields of its input: vectors x and y, a double g. */
const vectorsDoc = (action: unknown) => ({
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 'x', type: ARR },
      { name: 'y', type: ARR },
      { name: 'g', type: 'double' },
    ],
  },
  output: 'double',
  action,
});
const y = [4, -5, 6];

bothBackends(() => {
  describe('m.kernel', () => {
    it('values', () => {
      expect(call('m.kernel.linear', [ARR, ARR], 'double', [x, y])).toBe(12);
      expect(call('m.kernel.rbf', [ARR, ARR, 'double'], 'double', [x, y, 0.01])).toBeCloseTo(Math.exp(-0.01 * 67), 15);
      expect(call('m.kernel.poly', [ARR, ARR, 'double', 'double', 'double'], 'double', [x, y, 0.5, 1, 2])).toBe(49);
      expect(call('m.kernel.sigmoid', [ARR, ARR, 'double', 'double'], 'double', [x, y, 0.1, -1])).toBeCloseTo(
        Math.tanh(0.2),
        15,
      );
      expect(call('m.kernel.linear', [ARR, ARR], 'double', [[], []])).toBe(0);
    });

    it('different lengths: 23000, 23010, 23020, 23030', () => {
      const z = [1, 2];
      expect(call('m.kernel.linear', [ARR, ARR], 'double', [x, z])).toMatchObject({ code: 23000 });
      expect(call('m.kernel.rbf', [ARR, ARR, 'double'], 'double', [x, z, 1])).toMatchObject({ code: 23010 });
      expect(call('m.kernel.poly', [ARR, ARR, 'double', 'double', 'double'], 'double', [x, z, 1, 1, 2])).toMatchObject({
        code: 23020,
      });
      expect(call('m.kernel.sigmoid', [ARR, ARR, 'double', 'double'], 'double', [x, z, 1, 1])).toMatchObject({
        code: 23030,
      });
    });
  });
  describe('m.kernel on random vectors', () => {
    // (lengths around 0-13, NaN, infinities, -0, squares that overflow, magnitudes 1e16 apart: a
    // sum in another order gives other bits; now and then y is one item short: the length error)
    const calls: [string, unknown[], number][] = [
      ['m.kernel.linear', [], 23000],
      ['m.kernel.rbf', ['input.g'], 23010],
      ['m.kernel.poly', ['input.g', 0.5, 3], 23020],
      ['m.kernel.sigmoid', ['input.g', -1], 23030],
    ];
    for (const [fn, rest, error] of calls)
      it(`gives the JS bits (${fn})`, () => {
        const doc = vectorsDoc({ [fn]: ['input.x', 'input.y', ...rest] });
        const { u, int, vector } = vectors(fn.length);
        const inputs = Array.from({ length: 200 }, () => {
          const n = int(0, 13);
          return { x: vector(n), y: vector(u() < 0.05 ? Math.max(n - 1, 0) : n), g: (u() - 0.5) * 0.1 };
        });
        const answers = score(doc, inputs);
        expect(answers.filter((a) => (a as { code?: number }).code === error).length).toBeGreaterThan(2);
      });
  });
});

describe('m.kernel on Wasm', () => {
  it('asks for the clock once per run of items, not per item', () => {
    // (a clock call per item was most of an RBF kernel's time: ~2 of its ~3 ns an item over 60)
    const code = source(vectorsDoc({ 'm.kernel.rbf': ['input.x', 'input.y', 0.5] }));
    expect(code).toMatch(/rt\.clockSpend/);
    expect(code).not.toMatch(/clockExpired\(\)/);
  });
});
