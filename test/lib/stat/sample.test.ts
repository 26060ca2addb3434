import { describe, expect, it } from 'vitest';
import { call, score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const V = { type: 'array', items: 'double' };
const M = { type: 'array', items: V };
const MV = { type: 'map', values: 'double' };
const MM = { type: 'map', values: MV };
const code = (o: unknown) => (o as { code?: number }).code;
const rec = (name: string, fields: Record<string, unknown>) => ({
  type: 'record',
  name,
  fields: Object.entries(fields).map(([n, type]) => ({ name: n, type })),
});

bothBackends(() => {
  describe('stat.sample.update', () => {
    it('updates count, mean and variance as the record has them, copying other fields', () => {
      const S = rec('S', { count: 'double', mean: 'double', variance: 'double', note: 'string' });
      expect(
        call('stat.sample.update', ['double', 'double', S], 'S', [4, 1, { count: 2, mean: 1, variance: 1, note: 'n' }]),
      ).toEqual({ count: 3, mean: 2, variance: (2 + 2 * 3 * 1) / 3, note: 'n' });
      const C = rec('C', { count: 'double' });
      expect(call('stat.sample.update', ['double', 'double', C], 'C', [4, 0.5, { count: 2 }])).toEqual({ count: 2.5 });
    });

    it('rejects a variance without a mean at compile time', () => {
      const S = rec('S', { count: 'double', variance: 'double' });
      expect(() => call('stat.sample.update', ['double', 'double', S], 'S', [1, 1, { count: 0, variance: 0 }])).toThrow(
        /mean/,
      );
    });
  });

  describe('stat.sample.updateCovariance', () => {
    const S = rec('S', { count: 'double', mean: V, covariance: M });
    const SM = rec('SM', { count: MM, mean: MV, covariance: MM });

    it('updates array states', () => {
      const out = call('stat.sample.updateCovariance', [V, 'double', S], 'S', [
        [3, 4],
        1,
        {
          count: 1,
          mean: [1, 2],
          covariance: [
            [0, 0],
            [0, 0],
          ],
        },
      ]);
      expect(out).toEqual({
        count: 2,
        mean: [2, 3],
        covariance: [
          [1, 1],
          [1, 1],
        ],
      });
    });

    it('updates map states, adding new keys', () => {
      const out = call('stat.sample.updateCovariance', [MV, 'double', SM], 'SM', [
        { a: 1, b: 2 },
        1,
        { count: {}, mean: {}, covariance: {} },
      ]) as Record<string, unknown>;
      expect(out.count).toEqual({ a: { a: 1, b: 1 }, b: { a: 1, b: 1 } });
      expect(out.mean).toEqual({ a: 1, b: 2 });
      expect(out.covariance).toEqual({ a: { a: 0, b: 0 }, b: { a: 0, b: 0 } });
    });

    it('raises too few components (14011) and unequal lengths (14012)', () => {
      expect(
        code(
          call('stat.sample.updateCovariance', [V, 'double', S], 'S', [
            [1],
            1,
            { count: 1, mean: [1], covariance: [[0]] },
          ]),
        ),
      ).toBe(14011);
      expect(
        code(
          call('stat.sample.updateCovariance', [MV, 'double', SM], 'SM', [
            { a: 1 },
            1,
            { count: {}, mean: {}, covariance: {} },
          ]),
        ),
      ).toBe(14011);
      expect(
        code(
          call('stat.sample.updateCovariance', [V, 'double', S], 'S', [
            [1, 2],
            1,
            {
              count: 1,
              mean: [1, 2, 3],
              covariance: [
                [0, 0],
                [0, 0],
              ],
            },
          ]),
        ),
      ).toBe(14012);
    });
  });

  describe('stat.sample.updateWindow', () => {
    const W = rec('W', { x: 'double', w: 'double', count: 'double', mean: 'double' });
    const A = { type: 'array', items: W };
    const args = ['double', 'double', A, 'int'];

    it('starts, grows and slides the window', () => {
      const first = call('stat.sample.updateWindow', args, A, [2, 1, [], 3]);
      expect(first).toEqual([{ x: 2, w: 1, count: 1, mean: 2 }]);
      const state = [
        { x: 2, w: 1, count: 1, mean: 2 },
        { x: 4, w: 1, count: 2, mean: 3 },
      ];
      expect(call('stat.sample.updateWindow', args, A, [6, 1, state, 3])).toEqual([
        ...state,
        { x: 6, w: 1, count: 3, mean: 4 },
      ]);
      // window of 2: the sample 2 leaves, leaving 4 and 6
      expect(call('stat.sample.updateWindow', args, A, [6, 1, state, 2])).toEqual([
        state[1],
        { x: 6, w: 1, count: 2, mean: 5 },
      ]);
    });

    it('raises 14020 for small windows and 14021 when unknown fields cannot be initialised', () => {
      expect(code(call('stat.sample.updateWindow', args, A, [1, 1, [], 1]))).toBe(14020);
      const X = rec('X', { x: 'double', w: 'double', count: 'double', other: 'double' });
      const AX = { type: 'array', items: X };
      expect(code(call('stat.sample.updateWindow', ['double', 'double', AX, 'int'], AX, [1, 1, [], 2]))).toBe(14021);
      expect(
        call('stat.sample.updateWindow', ['double', 'double', AX, 'int'], AX, [
          1,
          1,
          [{ x: 0, w: 1, count: 1, other: 7 }],
          2,
        ]),
      ).toEqual([
        { x: 0, w: 1, count: 1, other: 7 },
        { x: 1, w: 1, count: 2, other: 7 },
      ]);
    });
  });

  describe('EWMA and Holt-Winters', () => {
    it('updates an EWMA mean and variance and checks alpha (14030)', () => {
      const S = rec('S', { mean: 'double', variance: 'double', id: 'int' });
      expect(
        call('stat.sample.updateEWMA', ['double', 'double', S], 'S', [10, 0.5, { mean: 0, variance: 0, id: 3 }]),
      ).toEqual({ mean: 5, variance: 25, id: 3 });
      expect(
        code(call('stat.sample.updateEWMA', ['double', 'double', S], 'S', [10, 1.5, { mean: 0, variance: 0, id: 3 }])),
      ).toBe(14030);
    });

    it('imputes with an EWMA kept in a cell', () => {
      const doc = {
        input: ['null', 'double'],
        output: 'double',
        cells: { avg: { type: rec('Avg', { mean: 'double' }), init: { mean: 0 } } },
        action: [
          {
            ifnotnull: { v: 'input' },
            then: [
              {
                cell: 'avg',
                to: { params: [{ old: 'Avg' }], ret: 'Avg', do: { 'stat.sample.updateEWMA': ['v', 0.5, 'old'] } },
              },
              'v',
            ],
            else: { cell: 'avg', path: [{ string: 'mean' }] },
          },
        ],
      };
      expect(score(doc, [{ double: 4 }, null, { double: 8 }, null])).toEqual([4, 2, 8, 5]);
    });

    it('updates level and trend, checking alpha and beta (14040, 14041)', () => {
      const S = rec('S', { level: 'double', trend: 'double' });
      const args = ['double', 'double', 'double', S];
      expect(call('stat.sample.updateHoltWinters', args, 'S', [10, 0.5, 0.5, { level: 2, trend: 2 }])).toEqual({
        level: 7,
        trend: 3.5,
      });
      expect(code(call('stat.sample.updateHoltWinters', args, 'S', [1, -0.1, 0.5, { level: 0, trend: 0 }]))).toBe(
        14040,
      );
      expect(code(call('stat.sample.updateHoltWinters', args, 'S', [1, 0.5, 2, { level: 0, trend: 0 }]))).toBe(14041);
    });

    it('updates periodic states and checks alpha, beta, gamma and the cycle (14050-14053)', () => {
      const S = rec('S', { level: 'double', trend: 'double', cycle: V, multiplicative: 'boolean' });
      const args = ['double', 'double', 'double', 'double', S];
      const state = { level: 1, trend: 0, cycle: [1, 2, 3], multiplicative: false };
      const out = call('stat.sample.updateHoltWintersPeriodic', args, 'S', [4, 1, 0, 1, state]) as Record<
        string,
        unknown
      >;
      expect(out).toEqual({ level: 2, trend: 0, cycle: [2, 3, 1], multiplicative: false });
      expect(code(call('stat.sample.updateHoltWintersPeriodic', args, 'S', [4, 2, 0, 1, state]))).toBe(14050);
      expect(code(call('stat.sample.updateHoltWintersPeriodic', args, 'S', [4, 1, 2, 1, state]))).toBe(14051);
      expect(code(call('stat.sample.updateHoltWintersPeriodic', args, 'S', [4, 1, 0, 2, state]))).toBe(14052);
      expect(
        code(call('stat.sample.updateHoltWintersPeriodic', args, 'S', [4, 1, 0, 1, { ...state, cycle: [] }])),
      ).toBe(14053);
    });

    it('forecasts, raising 14060 and 14070 on empty cycles', () => {
      const P = rec('P', { level: 'double', trend: 'double', cycle: V, multiplicative: 'boolean' });
      const L = rec('L', { level: 'double', trend: 'double' });
      expect(call('stat.sample.forecast1HoltWinters', [L], 'double', [{ level: 1, trend: 2 }])).toBe(3);
      expect(call('stat.sample.forecastHoltWinters', ['int', L], V, [3, { level: 1, trend: 2 }])).toEqual([3, 5, 7]);
      expect(
        call('stat.sample.forecastHoltWinters', ['int', P], V, [
          2,
          { level: 1, trend: 1, cycle: [10, 20], multiplicative: true },
        ]),
      ).toEqual([40, 30]);
      expect(
        code(
          call('stat.sample.forecast1HoltWinters', [P], 'double', [
            { level: 1, trend: 2, cycle: [], multiplicative: true },
          ]),
        ),
      ).toBe(14060);
      expect(
        code(
          call('stat.sample.forecastHoltWinters', ['int', P], V, [
            0,
            { level: 1, trend: 2, cycle: [], multiplicative: true },
          ]),
        ),
      ).toBe(14070);
    });
  });

  describe('histograms and counters', () => {
    const FIXED = rec('H', {
      numbins: 'int',
      low: 'double',
      high: 'double',
      values: V,
      underflow: 'double',
      nanflow: 'double',
    });
    const GROW = rec('G', { low: 'double', binsize: 'double', values: V });
    const RANGES = rec('R', { ranges: M, values: V, underflow: 'double' });
    const fill = (t: { name: string }, x: unknown, h: object) =>
      call('stat.sample.fillHistogram', ['double', 'double', t], t.name, [x, 1, h]);

    it('fills fixed, growable and ranged histograms with their flow counters', () => {
      const h = { numbins: 2, low: 0, high: 1, values: [0, 0], underflow: 0, nanflow: 0 };
      expect(fill(FIXED, 0.75, h)).toEqual({ ...h, values: [0, 1] });
      expect(fill(FIXED, -1, h)).toEqual({ ...h, underflow: 1 });
      expect(fill(FIXED, 'nan', h)).toEqual({ ...h, nanflow: 1 });
      expect(fill(GROW, 3.5, { low: 0, binsize: 1, values: [1] })).toEqual({
        low: 0,
        binsize: 1,
        values: [1, 0, 0, 1],
      });
      const r = {
        ranges: [
          [0, 2],
          [1, 3],
        ],
        values: [0, 0],
        underflow: 0,
      };
      expect(fill(RANGES, 1.5, r)).toEqual({ ...r, values: [1, 1] });
      expect(fill(RANGES, 5, r)).toEqual({ ...r, underflow: 1 });
    });

    it('raises 14080-14083', () => {
      expect(code(fill(FIXED, 0, { numbins: 3, low: 0, high: 1, values: [0, 0], underflow: 0, nanflow: 0 }))).toBe(
        14080,
      );
      expect(code(fill(FIXED, 0, { numbins: 2, low: 1, high: 1, values: [0, 0], underflow: 0, nanflow: 0 }))).toBe(
        14081,
      );
      expect(code(fill(FIXED, 0, { numbins: 0, low: 0, high: 1, values: [], underflow: 0, nanflow: 0 }))).toBe(14082);
      expect(code(fill(GROW, 0, { low: 0, binsize: 0, values: [] }))).toBe(14082);
      expect(code(fill(RANGES, 0, { ranges: [[1, 0]], values: [0], underflow: 0 }))).toBe(14083);
      expect(code(fill(RANGES, 0, { ranges: [[0, 1]], values: [], underflow: 0 }))).toBe(14080);
    });

    it('refuses to grow a histogram or a forecast beyond 2^24 elements (uncoded runtime error)', () => {
      expect(fill(GROW, 1e300, { low: 0, binsize: 1, values: [0] })).toMatchObject({
        code: undefined,
        error: expect.stringMatching(/limit/),
      });
      const L = rec('L', { level: 'double', trend: 'double' });
      expect(
        call('stat.sample.forecastHoltWinters', ['int', L], V, [2147483647, { level: 1, trend: 2 }]),
      ).toMatchObject({
        code: undefined,
        error: expect.stringMatching(/limit/),
      });
    });

    it('rejects a histogram record with more than one set of bin fields', () => {
      const BOTH = rec('B', { numbins: 'int', low: 'double', high: 'double', binsize: 'double', values: V });
      expect(() => fill(BOTH, 0, { numbins: 1, low: 0, high: 1, binsize: 1, values: [0] })).toThrow(/xor/);
    });

    it('fills 2-d histograms and raises 14090-14092', () => {
      const H2 = rec('H2', {
        xnumbins: 'int',
        xlow: 'double',
        xhigh: 'double',
        ynumbins: 'int',
        ylow: 'double',
        yhigh: 'double',
        values: M,
        overmidflow: 'double',
      });
      const args = ['double', 'double', 'double', H2];
      const h = { xnumbins: 2, xlow: 0, xhigh: 2, ynumbins: 1, ylow: 0, yhigh: 1, values: [[0], [0]], overmidflow: 0 };
      expect(call('stat.sample.fillHistogram2d', args, 'H2', [1.5, 0.5, 2, h])).toEqual({ ...h, values: [[0], [2]] });
      expect(call('stat.sample.fillHistogram2d', args, 'H2', [5, 0.5, 2, h])).toEqual({ ...h, overmidflow: 2 });
      expect(code(call('stat.sample.fillHistogram2d', args, 'H2', [0, 0, 1, { ...h, values: [[0]] }]))).toBe(14090);
      expect(code(call('stat.sample.fillHistogram2d', args, 'H2', [0, 0, 1, { ...h, yhigh: 0 }]))).toBe(14091);
      expect(code(call('stat.sample.fillHistogram2d', args, 'H2', [0, 0, 1, { ...h, ynumbins: 0 }]))).toBe(14092);
    });

    it('fills counters and keeps top-N lists', () => {
      const C = rec('C', { values: MV });
      expect(
        call('stat.sample.fillCounter', ['string', 'double', C], 'C', ['b', 2, { values: { a: 1, b: 1 } }]),
      ).toEqual({ values: { a: 1, b: 3 } });
      const doc = {
        input: rec('In', { x: 'int', top: { type: 'array', items: 'int' }, n: 'int' }),
        output: { type: 'array', items: 'int' },
        action: {
          'stat.sample.topN': [
            'input.x',
            'input.top',
            'input.n',
            { params: [{ a: 'int' }, { b: 'int' }], ret: 'boolean', do: { '<': ['a', 'b'] } },
          ],
        },
      };
      expect(
        score(doc, [
          { x: 5, top: [9, 5, 3], n: 3 },
          { x: 1, top: [9, 5], n: 3 },
          { x: 1, top: [9], n: 0 },
        ]),
      ).toEqual([[9, 5, 5], [9, 5, 1], []]);
    });
  });

  describe('forecastHoltWinters in Wasm', () => {
    const Plain = {
      type: 'record',
      name: 'Plain',
      fields: [
        { name: 'level', type: 'double' },
        { name: 'trend', type: 'double' },
      ],
    };
    const Periodic = {
      type: 'record',
      name: 'Periodic',
      fields: [
        { name: 'level', type: 'double' },
        { name: 'trend', type: 'double' },
        { name: 'cycle', type: { type: 'array', items: 'double' } },
        { name: 'multiplicative', type: 'boolean' },
      ],
    };
    const A = { type: 'array', items: 'double' };
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'p', type: Plain },
          { name: 'q', type: Periodic },
        ],
      },
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'p', type: A },
          { name: 'q', type: A },
          { name: 'z', type: A },
        ],
      },
      action: {
        type: 'Out',
        new: {
          p: { 'stat.sample.forecastHoltWinters': [5, 'input.p'] },
          q: { 'stat.sample.forecastHoltWinters': [7, 'input.q'] },
          z: { 'stat.sample.forecastHoltWinters': [-2, 'input.q'] },
        },
      },
    };
    it('a constant number of steps: the same doubles, and emptyCycle', () => {
      const q = (cycle: number[], multiplicative: boolean) => ({ level: 10.1, trend: 0.3, cycle, multiplicative });
      const out = score(doc, [
        { p: { level: 1.1, trend: 0.7 }, q: q([0.9, 1.1, 1.3], true) },
        { p: { level: -3, trend: 0.1 }, q: q([0.5, -0.25], false) },
        { p: { level: 0, trend: 0 }, q: q([], false) },
      ]);
      expect((out[0] as { p: number[] }).p).toEqual([1, 2, 3, 4, 5].map((i) => 1.1 + i * 0.7));
      expect((out[0] as { z: number[] }).z).toEqual([]);
      expect(out[2]).toMatchObject({ code: 14070 });
    }, 600_000);
  });
});
