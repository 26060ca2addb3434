/**
 * util/timsortWasm: the Wasm forms that sort with a user's lessThan follow V8's sort step for
 * step, so even inconsistent lessThan functions (`<=`, a chaotic rule) give the JS backend's
 * order, with the same number of lessThan calls (counted in a cell). Arrays long enough for
 * natural runs, merges and galloping (n >= 64) are included. The JS pass records the JS backend's
 * answers; the Wasm pass must give them exactly (helpers/backends.ts).
 */
import { describe, expect, it } from 'vitest';
import { score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const INTS = { type: 'array', items: 'int' };
const lt = (body: unknown) => ({ params: [{ x: 'int' }, { y: 'int' }], ret: 'boolean', do: body });
const OUT = {
  type: 'record',
  name: 'Out',
  fields: [
    { name: 's', type: INTS },
    { name: 'calls', type: 'long' },
  ],
};

/** sortLT with `rule` (x, y -> boolean), counting calls in a cell. */
function counted(rule: unknown) {
  return {
    input: INTS,
    output: OUT,
    cells: { calls: { type: 'long', init: 0 } },
    action: [
      { cell: 'calls', to: 0 },
      { let: { s: { 'a.sortLT': ['input', lt([{ cell: 'calls', to: { '+': [{ cell: 'calls' }, 1] } }, rule])] } } },
      { new: { s: 's', calls: { cell: 'calls' } }, type: 'Out' },
    ],
  };
}

/** Deterministic test arrays: short, just under and over one run, and long. */
function arrays(): number[][] {
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  return [0, 1, 2, 7, 63, 64, 65, 200, 1500].flatMap((n) => [
    Array.from({ length: n }, () => (next() % 3000) - 1500),
    Array.from({ length: n }, () => next() % 7),
    Array.from({ length: n }, (_, i) => (i % 50 < 40 ? i : n - i)),
  ]);
}

bothBackends(() => {
  describe('V8 sort order in Wasm', () => {
    const rules: Record<string, unknown> = {
      'a strict order on a key': { '<': [{ '%': ['x', 10] }, { '%': ['y', 10] }] },
      'not strict (<=)': { '<=': [{ '%': ['x', 5] }, { '%': ['y', 5] }] },
      inconsistent: { '==': [{ '%': [{ '+': [{ '*': ['x', 7] }, 'y'] }, 3] }, 0] },
    };
    for (const [name, rule] of Object.entries(rules)) {
      it(`a.sortLT, ${name}: same order and same number of lessThan calls`, () => {
        const out = score(counted(rule), arrays()) as { s: number[]; calls: number }[];
        expect(out.every((o, i) => o.s.length === arrays()[i].length)).toBe(true);
      });
    }

    it('a.argmaxNLT with n above and below the insertion limit', () => {
      const fields = [
        { name: 'a', type: INTS },
        { name: 'n', type: 'int' },
      ];
      const doc = {
        input: { type: 'record', name: 'In', fields },
        output: INTS,
        action: { 'a.argmaxNLT': ['input.a', 'input.n', lt({ '<=': [{ '%': ['x', 4] }, { '%': ['y', 4] }] })] },
      };
      const inputs = arrays()
        .filter((x) => x.length > 0)
        .flatMap((a) => [0, 3, 8, 9, 70].map((n) => ({ a, n })));
      const out = score(doc, inputs) as number[][];
      expect(out.every((o, i) => o.length === Math.min(inputs[i].n, inputs[i].a.length))).toBe(true);
    });
  });
});
