/**
 * The Wasm forms of the numeric library functions that had none (issue 16 sec. 2): la.inverse,
 * la.eigenBasis, the hypergeometric distribution, the chi-square updates and probabilities of
 * stat.test and model.reg, model.reg.mahalanobis and gaussianProcess, forecastHoltWinters of any
 * length. Each answers, and fails, as the JS backend does: doubles bit for bit (callBoth).
 */
import { describe, expect, it } from 'vitest';
import { callBoth, scoreBoth } from '../../helpers/pfa.js';

const V = { type: 'array', items: 'double' };
const M = { type: 'map', values: 'double' };
const rec = (name: string, fields: Record<string, unknown>) => ({
  type: 'record',
  name,
  fields: Object.entries(fields).map(([n, type]) => ({ name: n, type })),
});
const code = (o: unknown) => (o as { code?: number }).code;

describe('chi-square updates and probabilities', () => {
  const S = rec('S', { chi2: 'double', dof: 'int', note: 'string' });
  const R = rec('R', { note: 'string', DOF: 'int', chi2: 'double' });

  it('stat.test.updateChi2 adds the squares and one degree of freedom; int overflow at 2^31 - 1', async () => {
    const got = await callBoth('stat.test.updateChi2', [V, S], 'S', [
      [[0.1, 0.2, -3], { chi2: 1.5, dof: 3, note: 'keep' }],
      [[], { chi2: 0, dof: 0, note: '' }],
      [[1], { chi2: 0, dof: 2147483647, note: '' }],
    ]);
    expect(got[1]).toEqual({ chi2: 0, dof: 1, note: '' });
    expect(got[2]).toMatchObject({ error: 'int overflow' });
    await callBoth('stat.test.updateChi2', ['double', S], 'S', [[0.3, { chi2: 0.1, dof: 7, note: 'x' }]]);
    await callBoth('stat.test.updateChi2', [M, S], 'S', [
      [
        { a: 0.1, b: 7 },
        { chi2: 0.1, dof: 7, note: 'x' },
      ],
    ]);
  });

  it('model.reg.updateChi2 fails as stat.test.updateChi2 does instead of a DOF of 2^31', async () => {
    const got = await callBoth('model.reg.updateChi2', [M, R], 'R', [
      [
        { a: 0.1, b: 7 },
        { note: 'n', DOF: 4, chi2: 0.25 },
      ],
      [{ a: 1 }, { note: 'n', DOF: 2147483647, chi2: 0.25 }],
    ]);
    expect(got[1]).toMatchObject({ error: 'int overflow' });
    await callBoth('model.reg.updateChi2', ['double', R], 'R', [[-0.7, { note: '', DOF: 0, chi2: 0 }]]);
  });

  it('chi2Prob of stat.test and model.reg: the chi-square CDF, 0 at 0 degrees of freedom and chi2 <= 0', async () => {
    const states = [
      [2, 2],
      [0.1, 1],
      [1e-3, 200001],
      [1, 0],
      [0, 0],
      [Number.NaN, 0],
      [Number.NaN, 3],
      [Number.POSITIVE_INFINITY, 4],
      [-1, 3],
      [1, -1],
    ];
    const a = await callBoth(
      'stat.test.chi2Prob',
      [S],
      'double',
      states.map(([chi2, dof]) => [{ chi2, dof, note: '' }]),
    );
    const b = await callBoth(
      'model.reg.chi2Prob',
      [R],
      'double',
      states.map(([chi2, DOF]) => [{ chi2, DOF, note: '' }]),
    );
    expect(a.slice(0, -1)).toEqual(b.slice(0, -1));
    expect(a.slice(3, 9)).toEqual([1, 0, 0, 'nan', 1, 0]);
    expect([code(a[9]), code(b[9])]).toEqual([38060, 31070]);
  });

  it('prob.dist.chi2CDF through the same kernel', async () => {
    await callBoth('prob.dist.chi2CDF', ['double', 'int'], 'double', [
      [3.5, 4],
      [0, 0],
      [2, 0],
      [-1, 2],
      [1e6, 3],
    ]);
  });
});

describe('model.reg.mahalanobis', () => {
  it('is stat.test.mahalanobis with its own codes', async () => {
    const cov = [
      [2, 0.5],
      [0.5, 1],
    ];
    const got = await callBoth('model.reg.mahalanobis', [V, V, { type: 'array', items: V }], 'double', [
      [[1, 2], [0.5, 0.25], cov],
      [[], [], []],
      [[1, 2], [0.5], cov],
      [[1, 2], [0.5, 0.25], [[1, 2]]],
    ]);
    expect(got.slice(1).map(code)).toEqual([31040, 31041, 31042]);
    const mm = { type: 'map', values: M };
    const mcov = { a: { a: 2, b: 0.5 }, b: { a: 0.5, b: 1 } };
    const mgot = await callBoth('model.reg.mahalanobis', [M, M, mm], 'double', [
      [{ a: 1, b: 2 }, { a: 0.5, b: 0.25 }, mcov],
      [{ a: 1, b: 2 }, { a: 0.5, c: 0.25 }, mcov],
      [{ a: 1, b: 2 }, { a: 0.5, b: 0.25 }, { a: { a: 1 } }],
    ]);
    expect(mgot.slice(1).map(code)).toEqual([31041, 31042]);
  });
});

describe('stat.sample.forecastHoltWinters', () => {
  it('lowers for a forecast length from the input, with the length limit and the empty cycle', async () => {
    const P = rec('P', { level: 'double', trend: 'double', cycle: V, multiplicative: 'boolean' });
    const got = await callBoth('stat.sample.forecastHoltWinters', ['int', P], V, [
      [3, { level: 1.5, trend: 0.1, cycle: [0.9, 1.1], multiplicative: true }],
      [4, { level: 1.5, trend: -0.3, cycle: [0.2, -0.1, 0.05], multiplicative: false }],
      [-2, { level: 1, trend: 1, cycle: [1], multiplicative: false }],
      [2, { level: 1, trend: 1, cycle: [], multiplicative: false }],
      [16777217, { level: 1, trend: 1, cycle: [1], multiplicative: false }],
    ]);
    expect(got[2]).toEqual([]);
    expect(code(got[3])).toBe(14070);
    expect(got[4]).toEqual({ error: 'the forecast exceeds the limit of 16777216 elements', code: undefined });
    const T = rec('T', { level: 'double', trend: 'double' });
    await callBoth('stat.sample.forecastHoltWinters', ['int', T], V, [
      [5, { level: 0.25, trend: 0.7 }],
      [0, { level: 0.25, trend: 0.7 }],
    ]);
  });
});

describe('la.inverse and la.eigenBasis', () => {
  const MAT = { type: 'array', items: V };
  const MM = { type: 'map', values: M };

  it('la.inverse: LU for a square matrix, the pseudoinverse otherwise, and the shape errors', async () => {
    const got = await callBoth('la.inverse', [MAT], MAT, [
      [
        [
          [4, 7, 2],
          [3, 6, 1],
          [2, 5, 3],
        ],
      ],
      [
        [
          [1, 2],
          [2, 4],
        ],
      ],
      [
        [
          [1, 2, 3],
          [4, 5, 6.5],
        ],
      ],
      [[[1], [2], [3]]],
      [[]],
      [[[1, 2], [3]]],
    ]);
    expect(got.slice(4).map(code)).toEqual([24070, 24071]);
    await callBoth('la.inverse', [MM], MM, [
      [{ a: { x: 1, y: 2 }, b: { x: 3, y: -1 } }],
      [{ a: { x: 1, y: 2, z: 0.5 }, b: { y: 3 } }],
      [{}],
    ]);
  });

  it('la.eigenBasis: scaled eigenvectors of the symmetric part, and its errors', async () => {
    const got = await callBoth('la.eigenBasis', [MAT], MAT, [
      [
        [
          [2, 1, 0.5],
          [1, 3, 0.25],
          [0.5, 0.25, 4],
        ],
      ],
      [
        [
          [1, 0],
          [0, 0],
        ],
      ],
      [
        [
          [5, 2],
          [-1, 5],
        ],
      ],
      [[]],
      [[[1, 2], [3]]],
      [[[1, 2]]],
      [
        [
          [1, Number.NaN],
          [0, 1],
        ],
      ],
    ]);
    expect(got.slice(3).map(code)).toEqual([24110, 24111, 24112, 24113]);
  });
});

describe('a plain value given where a union is expected', () => {
  it('a.append and a.cycle wrap it into the branch it matches, as the JS backend holds it', async () => {
    const U = { type: 'array', items: ['null', 'double', 'string'] };
    const doc = {
      input: U,
      output: { type: 'array', items: U },
      action: [
        {
          new: [
            { 'a.append': ['input', 2.5] },
            { 'a.append': ['input', { string: 'x' }] },
            { 'a.append': ['input', null] },
            { 'a.cycle': ['input', 7, 2] },
          ],
          type: { type: 'array', items: U },
        },
      ],
    };
    const got = await scoreBoth(doc, [[null, { double: 1 }], []]);
    expect(got[1]).toEqual([[{ double: 2.5 }], [{ string: 'x' }], [null], [{ double: 7 }]]);
  });
});

describe('model.reg.gaussianProcess', () => {
  const rbf = { fcn: 'm.kernel.rbf', fill: { gamma: 2.0 } };
  const gp = (xType: unknown, toType: unknown, sigma?: unknown) => ({
    input: {
      type: 'record',
      name: 'In',
      fields: [
        { name: 'x', type: xType },
        {
          name: 'table',
          type: {
            type: 'array',
            items: rec('Row', sigma ? { x: xType, to: toType, sigma } : { x: xType, to: toType }),
          },
        },
        { name: 'w', type: ['double', 'null'] },
      ],
    },
    output: toType,
    action: { 'model.reg.gaussianProcess': ['input.x', 'input.table', 'input.w', rbf] },
  });

  it('scalar and vector features and outputs, sigma nuggets, a Kriging weight, and the checks in order', async () => {
    const rows = [
      { x: [0, 0.5], to: [1, 2] },
      { x: [1, 0.25], to: [0.5, 2.5] },
      { x: [2, 1], to: [-1, 3] },
    ];
    const got = await scoreBoth(gp(V, V), [
      { x: [0.7, 0.4], table: rows, w: null },
      { x: [0.7, 0.4], table: rows, w: { double: 0.3 } },
      { x: [0.7, 0.4], table: [], w: null },
      { x: [], table: rows, w: null },
      { x: [0.7], table: rows, w: null },
      { x: [0.7, 0.4], table: [{ x: [0, 1], to: [] }], w: null },
      { x: [0.7, 0.4], table: [rows[0], { x: [1, 2], to: [1] }], w: null },
      { x: [0.7, Number.NaN], table: rows, w: null },
      { x: [0.7, 0.4], table: [rows[0], { x: [1, 2], to: [1, Number.POSITIVE_INFINITY] }], w: null },
      { x: [0.7, 0.4], table: rows, w: { double: Number.NaN } },
      { x: [0.7, 0.4], table: [rows[0], rows[0]], w: null },
    ]);
    expect(got.slice(2).map(code)).toEqual([31080, 31081, 31082, 31083, 31084, 31085, 31086, 31087, 31088]);
    const srows = [
      { x: 0, to: 1, sigma: 0.1 },
      { x: 1, to: 0, sigma: 0.2 },
      { x: 2.5, to: 2, sigma: 0.05 },
    ];
    await scoreBoth(gp('double', 'double', 'double'), [
      { x: 0.3, table: srows, w: null },
      { x: 1.7, table: srows, w: { double: 1 } },
    ]);
    await scoreBoth(gp('double', V, V), [
      {
        x: 0.3,
        table: [
          { x: 0, to: [1, 2], sigma: [0.1] },
          { x: 1, to: [0, 3], sigma: [0.2, 0.3] },
        ],
        w: null,
      },
    ]);
  });
});

describe('prob.dist.hypergeometric', () => {
  // (m + n <= 2000: exact ratios of binomial coefficients; above: doubles)
  const params = [
    [10, 5, 4],
    [1000, 1000, 1000],
    [3, 1997, 50],
    [7, 20, 27],
    [5000, 3000, 2500],
    [2147483647, 100, 70],
  ];

  it('PDF and CDF over the support and beyond it, and the parameter checks', async () => {
    const args = params.flatMap(([m, n, k]) =>
      [-1, 0, 1, 2, Math.floor(k / 3), Math.floor(k / 2), k - 1, k, k + 1].map((x) => [x, m, n, k]),
    );
    const bad = [
      [1, 2, 0, 1],
      [1, -1, 3, 1],
      [1, 2, 3, 6],
      [1, 2, 3, -1],
    ];
    const pdf = await callBoth('prob.dist.hypergeometricPDF', ['int', 'int', 'int', 'int'], 'double', [
      ...args,
      ...bad,
    ]);
    expect(pdf.slice(-4).map(code)).toEqual([13390, 13390, 13390, 13390]);
    expect(pdf[5]).toBeGreaterThan(0);
    const cdf = await callBoth('prob.dist.hypergeometricCDF', ['int', 'int', 'int', 'int'], 'double', [
      ...args,
      ...bad,
    ]);
    // (1000, 1000, 1000) is symmetric about 500: P(X <= 500) = 1/2 + P(X = 500)/2
    expect(cdf[14]).toBeCloseTo(0.5 + (pdf[14] as number) / 2, 15);
  });

  it('QF at probabilities from 0 to 1, and its checks', async () => {
    const ps = [0, 1e-12, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-12, 1];
    const got = await callBoth('prob.dist.hypergeometricQF', ['double', 'int', 'int', 'int'], 'double', [
      ...params.flatMap(([m, n, k]) => ps.map((p) => [p, m, n, k])),
      [1.5, 10, 5, 4],
      [Number.NaN, 10, 5, 4],
      [0.5, 10, 0, 4],
    ]);
    expect(got.slice(-3).map(code)).toEqual([13411, 13411, 13410]);
  });
});

describe('stat.sample.updateCovariance, map form', () => {
  it('updates the pairs x holds, starts new keys, and keeps the others', async () => {
    const MM = { type: 'map', values: M };
    const S = rec('Cov', { count: MM, mean: M, covariance: MM });
    const state = {
      count: { a: { a: 2, b: 2 }, b: { a: 2, b: 2 } },
      mean: { a: 0.5, b: 1.5 },
      covariance: { a: { a: 0.25, b: 0.1 }, b: { a: 0.1, b: 0.3 } },
    };
    const empty = { count: {}, mean: {}, covariance: {} };
    const got = await callBoth('stat.sample.updateCovariance', [M, 'double', S], 'Cov', [
      [{ a: 1, b: 2 }, 1, state],
      [{ b: 2, c: -1 }, 0.5, state],
      [{ x: 1, y: 3 }, 1, empty],
      [{ a: 1 }, 1, state],
    ]);
    expect(code(got[3])).toBe(14011);
  });
});

describe('stat.sample.fillHistogram, growable form', () => {
  it('grows by whole bins, counts the flows, and stops at the length limit', async () => {
    const G = rec('G', { low: 'double', binsize: 'double', values: V, nanflow: 'double', underflow: 'double' });
    const h = { low: 0, binsize: 0.5, values: [1, 2], nanflow: 0, underflow: 0 };
    const got = await callBoth('stat.sample.fillHistogram', ['double', 'double', G], 'G', [
      [0.7, 1, h],
      [3.2, 2, h],
      [-1, 1, h],
      [Number.NaN, 1, h],
      [Number.POSITIVE_INFINITY, 1, h],
      [1, 1, { ...h, values: [] }],
      [1, 1, { ...h, binsize: 0 }],
      [1e300, 1, h],
      [1, 1, { ...h, low: Number.NEGATIVE_INFINITY }],
    ]);
    expect((got[1] as { values: number[] }).values).toEqual([1, 2, 0, 0, 0, 0, 2]);
    expect(code(got[6])).toBe(14082);
    expect(got[7]).toEqual({ error: 'the histogram exceeds the limit of 16777216 elements', code: undefined });
  });
});
