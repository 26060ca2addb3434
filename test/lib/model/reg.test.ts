import { describe, expect, it } from 'vitest';
import { call, score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';
import { PFAEngine } from '../../../src/index.js';
import { lowerDocument } from '../../../src/build/index.js';

const code = (o: unknown) => (o as { code?: number }).code;
const V = { type: 'array', items: 'double' };
const VV = { type: 'array', items: V };
const M = { type: 'map', values: 'double' };
const MM = { type: 'map', values: M };
const rec = (name: string, fields: Record<string, unknown>) => ({
  type: 'record',
  name,
  fields: Object.entries(fields).map(([n, t]) => ({ name: n, type: t })),
});

/** gaussianProcess over a table of {x: double, to: double, sigma: `sigma`}. */
function sigmaDoc(sigma: unknown) {
  const R = { type: 'array', items: rec('R', { x: 'double', to: 'double', sigma }) };
  return {
    input: rec('In', { x: 'double', table: R, kw: ['null', 'double'] }),
    output: 'double',
    action: {
      'model.reg.gaussianProcess': [
        'input.x',
        'input.table',
        'input.kw',
        { params: [{ a: V }, { b: V }], ret: 'double', do: { 'm.kernel.rbf': ['a', 'b', 1.0] } },
      ],
    },
  };
}

describe('model.reg.gaussianProcess with a "sigma" not of the type of "to"', () => {
  // spec: sigma, "if present, it must have the same type as to"
  const bad = sigmaDoc(V);
  const message = /model\.reg\.gaussianProcess .*"sigma" field is not a double, the type of "to"/;
  it('is a semantic error on the JS backend', () => {
    expect(() => PFAEngine.fromJson(bad, { backend: 'js' })).toThrow(message);
  });
  it('is the same error on the Wasm backend, not a fallback', async () => {
    expect(() => lowerDocument(JSON.stringify(bad))).toThrow(message);
    await expect(PFAEngine.create(bad, { backend: 'auto' })).rejects.toMatchObject({ kind: 'semantic' });
  });
});

bothBackends(() => {
  describe('model.reg.linear', () => {
    it('applies a single-output model to an array (31000 when misaligned)', () => {
      const t = [V, rec('M', { coeff: V, const: 'double' })];
      expect(call('model.reg.linear', t, 'double', [[1, 2], { coeff: [3, 4], const: 5 }])).toBe(16);
      expect(code(call('model.reg.linear', t, 'double', [[1], { coeff: [3, 4], const: 5 }]))).toBe(31000);
    });
    it('applies a multi-output model (31001 for const, then 31000 for rows)', () => {
      const t = [V, rec('M', { coeff: VV, const: V })];
      expect(
        call('model.reg.linear', t, V, [
          [1, 2],
          {
            coeff: [
              [1, 0],
              [0, 1],
              [1, 1],
            ],
            const: [10, 20, 30],
          },
        ]),
      ).toEqual([11, 22, 33]);
      expect(
        code(
          call('model.reg.linear', t, V, [
            [1, 2],
            {
              coeff: [
                [1, 0],
                [0, 1],
                [1, 1],
              ],
              const: [10, 20],
            },
          ]),
        ),
      ).toBe(31001);
      expect(code(call('model.reg.linear', t, V, [[1, 2], { coeff: [[1, 0], [0]], const: [10, 20] }]))).toBe(31000);
      expect(call('model.reg.linear', t, V, [[], { coeff: [[], []], const: [1, 2] }])).toEqual([1, 2]);
    });
    it('treats missing map entries as zero', () => {
      expect(
        call('model.reg.linear', [M, rec('M', { coeff: M, const: 'double' })], 'double', [
          { a: 1, b: 2 },
          { coeff: { a: 3, c: 4 }, const: 1 },
        ]),
      ).toBe(4);
      expect(
        call('model.reg.linear', [M, rec('M', { coeff: MM, const: M })], M, [
          { a: 1, b: 2 },
          { coeff: { p: { a: 1 }, q: { b: 3 } }, const: { p: 10, r: 5 } },
        ]),
      ).toEqual({ p: 11, q: 6, r: 5 });
    });
  });

  describe('model.reg.linearVariance', () => {
    const C = [
      [1, 0.5],
      [0.5, 4],
    ];
    it('propagates a covariance with the constant term last (31010 when misaligned)', () => {
      const t = [V, rec('M', { covar: VV })];
      expect(call('model.reg.linearVariance', t, 'double', [[2], { covar: C }])).toBe(10);
      expect(code(call('model.reg.linearVariance', t, 'double', [[2], { covar: [[1]] }]))).toBe(31010);
      const t3 = [V, rec('M', { covar: { type: 'array', items: VV } })];
      expect(
        call('model.reg.linearVariance', t3, V, [
          [2],
          {
            covar: [
              [
                [1, 0],
                [0, 1],
              ],
              [
                [2, 0],
                [0, 0],
              ],
            ],
          },
        ]),
      ).toEqual([5, 8]);
      expect(
        code(
          call('model.reg.linearVariance', t3, V, [
            [2],
            {
              covar: [
                [
                  [1, 0],
                  [0, 1],
                ],
                [[2, 0]],
              ],
            },
          ]),
        ),
      ).toBe(31010);
    });
    it('uses the empty key for the constant term in maps', () => {
      const covar = { a: { a: 1, '': 0.5 }, '': { a: 0.5, '': 4 } };
      expect(call('model.reg.linearVariance', [M, rec('M', { covar: MM })], 'double', [{ a: 2 }, { covar }])).toBe(10);
      expect(
        call('model.reg.linearVariance', [M, rec('M', { covar: { type: 'map', values: MM } })], M, [
          { a: 2 },
          { covar: { out: covar } },
        ]),
      ).toEqual({ out: 10 });
    });
  });

  describe('model.reg.gaussianProcess', () => {
    const R = (x: unknown, to: unknown) => ({ type: 'array', items: rec('R', { x, to }) });
    const doc = (x: unknown, to: unknown, output: unknown, kernel: unknown = { 'm.kernel.rbf': ['a', 'b', 1.0] }) => ({
      input: rec('In', { x, table: R(x, to), kw: ['null', 'double'] }),
      output,
      action: {
        'model.reg.gaussianProcess': [
          'input.x',
          'input.table',
          'input.kw',
          { params: [{ a: V }, { b: V }], ret: 'double', do: kernel },
        ],
      },
    });
    const scalar = doc('double', 'double', 'double');
    const table = [
      { x: 0, to: 0 },
      { x: 1, to: 1 },
      { x: 3, to: 0.5 },
    ];
    it('interpolates its training points', () => {
      const r = score(scalar, [
        { x: 0, table, kw: null },
        { x: 1, table, kw: null },
        { x: 3, table, kw: null },
      ]) as number[];
      expect(r[0]).toBeCloseTo(0, 8);
      expect(r[1]).toBeCloseTo(1, 8);
      expect(r[2]).toBeCloseTo(0.5, 8);
    });
    it('falls back to mean + std * krigingWeight far from the data', () => {
      const two = [
        { x: 0, to: 0 },
        { x: 1, to: 1 },
      ];
      const r = score(scalar, [
        { x: 1000, table: two, kw: { double: 0 } },
        { x: 1000, table: two, kw: { double: 1 } },
      ]) as number[];
      expect(r[0]).toBeCloseTo(0.5, 12);
      expect(r[1]).toBeCloseTo(1, 12);
    });
    it('predicts each output dimension of vector data', () => {
      const vec = doc(V, V, V);
      const t = [
        { x: [0, 0], to: [0, 5] },
        { x: [1, 0], to: [1, 6] },
        { x: [0, 1], to: [2, 7] },
      ];
      const r = score(vec, [{ x: [1, 0], table: t, kw: null }])[0] as number[];
      expect(r[0]).toBeCloseTo(1, 8);
      expect(r[1]).toBeCloseTo(6, 8);
    });
    it('raises 31080-31088', () => {
      expect(code(score(scalar, [{ x: 0, table: [], kw: null }])[0])).toBe(31080);
      const vx = doc(V, 'double', 'double');
      expect(code(score(vx, [{ x: [], table: [{ x: [1], to: 1 }], kw: null }])[0])).toBe(31081);
      expect(code(score(vx, [{ x: [1], table: [{ x: [1, 2], to: 1 }], kw: null }])[0])).toBe(31082);
      const vt = doc('double', V, V);
      expect(code(score(vt, [{ x: 0, table: [{ x: 1, to: [] }], kw: null }])[0])).toBe(31083);
      expect(
        code(
          score(vt, [
            {
              x: 0,
              table: [
                { x: 1, to: [1] },
                { x: 2, to: [1, 2] },
              ],
              kw: null,
            },
          ])[0],
        ),
      ).toBe(31084);
      expect(code(score(scalar, [{ x: 'nan', table, kw: null }])[0])).toBe(31085);
      expect(code(score(scalar, [{ x: 0, table: [{ x: 0, to: 'inf' }], kw: null }])[0])).toBe(31086);
      expect(code(score(scalar, [{ x: 0, table: [{ x: '-inf', to: 1 }], kw: null }])[0])).toBe(31086);
      expect(code(score(scalar, [{ x: 0, table, kw: { double: 'inf' } }])[0])).toBe(31087);
      const constant = doc('double', 'double', 'double', 2.0);
      expect(code(score(constant, [{ x: 0, table, kw: null }])[0])).toBe(31088);
    });
    it('takes the uncertainty "sigma" of each datum when the table has it', () => {
      const withSigma = sigmaDoc('double');
      const rows = table.map((r) => ({ ...r, sigma: 0.5 }));
      const [fit, loose] = score(withSigma, [
        { x: 2, table, kw: null },
        { x: 2, table: rows, kw: null },
      ]) as number[];
      // a larger nugget smooths the fit: the prediction moves away from the exact interpolation
      expect(loose).not.toBe(fit);
    });
  });

  describe('deprecated model.reg functions', () => {
    it('residual and pull (31020, 31030, 31031)', () => {
      expect(call('model.reg.residual', ['double', 'double'], 'double', [3, 1])).toBe(2);
      expect(
        call('model.reg.residual', [V, V], V, [
          [3, 4],
          [1, 1],
        ]),
      ).toEqual([2, 3]);
      expect(code(call('model.reg.residual', [V, V], V, [[3, 4], [1]]))).toBe(31020);
      expect(call('model.reg.residual', [M, M], M, [{ a: 3 }, { a: 1 }])).toEqual({ a: 2 });
      expect(code(call('model.reg.residual', [M, M], M, [{ a: 3 }, { b: 1 }]))).toBe(31020);
      expect(call('model.reg.pull', ['double', 'double', 'double'], 'double', [3, 1, 2])).toBe(1);
      expect(
        call('model.reg.pull', [V, V, V], V, [
          [3, 5],
          [1, 1],
          [2, 4],
        ]),
      ).toEqual([1, 1]);
      expect(code(call('model.reg.pull', [V, V, V], V, [[3, 5], [1], [2, 4]]))).toBe(31030);
      expect(code(call('model.reg.pull', [V, V, V], V, [[3, 5], [1, 1], [2]]))).toBe(31031);
      expect(call('model.reg.pull', [M, M, M], M, [{ a: 3 }, { a: 1 }, { a: 4 }])).toEqual({ a: 0.5 });
      expect(code(call('model.reg.pull', [M, M, M], M, [{ a: 3 }, { a: 1 }, { b: 4 }]))).toBe(31031);
    });
    it('mahalanobis (31040-31042)', () => {
      const t = [V, V, VV];
      expect(
        call('model.reg.mahalanobis', t, 'double', [
          [1, 2],
          [0, 0],
          [
            [1, 0],
            [0, 4],
          ],
        ]),
      ).toBeCloseTo(Math.SQRT2, 14);
      expect(code(call('model.reg.mahalanobis', t, 'double', [[], [], []]))).toBe(31040);
      expect(
        code(
          call('model.reg.mahalanobis', t, 'double', [
            [1, 2],
            [0],
            [
              [1, 0],
              [0, 4],
            ],
          ]),
        ),
      ).toBe(31041);
      expect(code(call('model.reg.mahalanobis', t, 'double', [[1, 2], [0, 0], [[1]]]))).toBe(31042);
      const tm = [M, M, MM];
      expect(
        call('model.reg.mahalanobis', tm, 'double', [
          { a: 1, b: 2 },
          { a: 0, b: 0 },
          { a: { a: 1, b: 0 }, b: { a: 0, b: 4 } },
        ]),
      ).toBeCloseTo(Math.SQRT2, 14);
      expect(code(call('model.reg.mahalanobis', tm, 'double', [{ a: 1, b: 2 }, { a: 0, c: 0 }, { a: { a: 1 } }]))).toBe(
        31041,
      );
      expect(
        code(call('model.reg.mahalanobis', tm, 'double', [{ a: 1, b: 2 }, { a: 0, b: 0 }, { a: { a: 1, b: 0 } }])),
      ).toBe(31042);
    });
    it('updateChi2, reducedChi2 and chi2Prob (31070)', () => {
      const S = rec('S', { chi2: 'double', DOF: 'int', note: 'string' });
      expect(call('model.reg.updateChi2', ['double', S], 'S', [2, { chi2: 1, DOF: 3, note: 'keep' }])).toEqual({
        chi2: 5,
        DOF: 4,
        note: 'keep',
      });
      expect(call('model.reg.updateChi2', [V, S], 'S', [[1, 2], { chi2: 1, DOF: 3, note: '' }])).toEqual({
        chi2: 6,
        DOF: 4,
        note: '',
      });
      expect(call('model.reg.updateChi2', [M, S], 'S', [{ a: 3 }, { chi2: 0, DOF: 0, note: '' }])).toEqual({
        chi2: 9,
        DOF: 1,
        note: '',
      });
      expect(call('model.reg.reducedChi2', [S], 'double', [{ chi2: 6, DOF: 3, note: '' }])).toBe(2);
      expect(call('model.reg.chi2Prob', [S], 'double', [{ chi2: 2, DOF: 2, note: '' }])).toBeCloseTo(
        1 - Math.exp(-1),
        14,
      );
      expect(call('model.reg.chi2Prob', [S], 'double', [{ chi2: -1, DOF: 2, note: '' }])).toBe(0);
      expect(code(call('model.reg.chi2Prob', [S], 'double', [{ chi2: 2, DOF: -1, note: '' }]))).toBe(31070);
    });
  });

  describe('model.reg deprecated functions in Wasm', () => {
    const A = { type: 'array', items: 'double' };
    const M = { type: 'map', values: 'double' };
    const State = {
      type: 'record',
      name: 'State',
      fields: [
        { name: 'chi2', type: 'double' },
        { name: 'DOF', type: 'int' },
      ],
    };
    const In = {
      type: 'record',
      name: 'In',
      fields: [
        { name: 'o', type: A },
        { name: 'p', type: A },
        { name: 'mo', type: M },
        { name: 'mp', type: M },
        { name: 'mu', type: M },
        { name: 's', type: State },
      ],
    };
    const Out = {
      type: 'record',
      name: 'Out',
      fields: [
        { name: 'r', type: A },
        { name: 'pull', type: M },
        { name: 'x', type: 'double' },
        { name: 'red', type: 'double' },
      ],
    };
    const doc = {
      input: In,
      output: Out,
      action: {
        type: 'Out',
        new: {
          r: { 'model.reg.residual': ['input.o', 'input.p'] },
          pull: { 'model.reg.pull': ['input.mo', 'input.mp', 'input.mu'] },
          x: { 'model.reg.pull': [{ attr: 'input.o', path: [0] }, 0.1, 0.5] },
          red: { 'model.reg.reducedChi2': ['input.s'] },
        },
      },
    };
    it('residual, pull and reducedChi2: the same doubles and the same misalignment errors', () => {
      const row = (o: number[], p: number[], mo: object, mp: object, mu: object, chi2: number, DOF: number) => ({
        o,
        p,
        mo,
        mp,
        mu,
        s: { chi2, DOF },
      });
      const out = score(doc, [
        row([1.5, 2], [0.25, 3], { a: 1, b: 2 }, { b: 1.5, a: 0.5 }, { a: 0.3, b: 0 }, 3.5, 2),
        row([0.1, 0.2], [0.3, -0.7], { a: 1 }, { a: 0 }, { a: -0 }, 0, 0),
        row([1], [1, 2], {}, {}, {}, 1, 1),
        row([1], [1], { a: 1 }, { b: 1 }, { a: 1 }, 1, 1),
        row([1], [1], { a: 1 }, { a: 1 }, { a: 1, b: 2 }, 1, 1),
        row([1], [1], { a: 1 }, { a: 1 }, { b: 1 }, 1, 1),
      ]);
      expect(out[0]).toEqual({ r: [1.25, -1], pull: { a: 0.5 / 0.3, b: 'inf' }, x: (1.5 - 0.1) / 0.5, red: 1.75 });
      expect(out[1]).toMatchObject({ pull: { a: '-inf' }, red: 'nan' });
      expect(out.slice(2).map((o) => (o as { code: number }).code)).toEqual([31020, 31030, 31031, 31031]);
    }, 300_000);
  });
});
