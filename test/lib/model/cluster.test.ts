import { describe, expect, it } from 'vitest';
import { call, score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const code = (o: unknown) => (o as { code?: number }).code;
const V = { type: 'array', items: 'double' };
const VV = { type: 'array', items: V };
const C = {
  type: 'record',
  name: 'C',
  fields: [
    { name: 'center', type: V },
    { name: 'id', type: 'string' },
  ],
};
const CS = { type: 'array', items: C };
const c = (id: string, ...center: number[]) => ({ center, id });

bothBackends(() => {
  describe('model.cluster.closest and closestN', () => {
    const clusters = [c('a', 1, 1), c('b', 0.5, 0), c('c', 0, 0.5), c('d', 3, 3)];
    it('finds the closest cluster, the first of equals (29000 without clusters)', () => {
      expect(call('model.cluster.closest', [V, CS], 'C', [[0, 0], clusters])).toEqual(c('b', 0.5, 0));
      expect(call('model.cluster.closest', [V, CS], 'C', [[2.9, 3], clusters])).toEqual(c('d', 3, 3));
      expect(code(call('model.cluster.closest', [V, CS], 'C', [[0, 0], []]))).toBe(29000);
    });
    it('takes a metric', () => {
      const doc = {
        input: {
          type: 'record',
          name: 'In',
          fields: [
            { name: 'x', type: V },
            { name: 'cs', type: CS },
          ],
        },
        output: 'C',
        action: {
          'model.cluster.closest': [
            'input.x',
            'input.cs',
            {
              params: [{ a: V }, { b: V }],
              ret: 'double',
              do: { 'metric.chebyshev': [{ fcn: 'metric.absDiff' }, 'a', 'b'] },
            },
          ],
        },
      };
      expect(score(doc, [{ x: [2, 2], cs: clusters }])).toEqual([c('a', 1, 1)]);
    });
    it('walks clusters and coordinates past a run of 65,536 (the clock is charged between runs)', () => {
      // (lib/util/wasm.ts clockedLoop: the last cluster of a run, the first of the next, the last)
      const many = Array.from({ length: 65_540 }, (_, j) => c(`k${j}`, j, 0));
      for (const at of [65_535, 65_536, 65_537, 65_539])
        expect(call('model.cluster.closest', [V, CS], 'C', [[at + 0.25, 0], many])).toEqual(many[at]);
    });
    it('returns the n closest in order (29010 for negative n)', () => {
      const t = ['int', V, CS];
      expect(call('model.cluster.closestN', t, CS, [3, [0, 0], clusters])).toEqual([
        c('b', 0.5, 0),
        c('c', 0, 0.5),
        c('a', 1, 1),
      ]);
      expect(call('model.cluster.closestN', t, CS, [0, [0, 0], clusters])).toEqual([]);
      expect(call('model.cluster.closestN', t, CS, [10, [0, 0], clusters])).toHaveLength(4);
      expect(code(call('model.cluster.closestN', t, CS, [-1, [0, 0], clusters]))).toBe(29010);
    });
  });

  describe('model.cluster.randomSeeds', () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'data', type: VV },
          { name: 'k', type: 'int' },
        ],
      },
      output: CS,
      action: {
        'model.cluster.randomSeeds': [
          'input.data',
          'input.k',
          {
            params: [{ i: 'int' }, { v: V }],
            ret: 'C',
            do: { type: 'C', new: { center: 'v', id: { 's.int': ['i'] } } },
          },
        ],
      },
    };
    it('makes k clusters from distinct points', () => {
      const out = score(doc, [
        {
          data: [
            [1, 2],
            [3, 4],
            [1, 2],
            [3, 4],
          ],
          k: 2,
        },
      ])[0] as { center: number[]; id: string }[];
      expect(out.map((x) => x.id)).toEqual(['0', '1']);
      expect(out.map((x) => x.center).sort((p, q) => p[0] - q[0])).toEqual([
        [1, 2],
        [3, 4],
      ]);
    });
    it('raises 29020, 29021 and 29022', () => {
      expect(code(score(doc, [{ data: [[1]], k: 0 }])[0])).toBe(29020);
      expect(
        code(
          score(doc, [
            {
              data: [
                [1, 2],
                [1, 2],
              ],
              k: 2,
            },
          ])[0],
        ),
      ).toBe(29021);
      expect(code(score(doc, [{ data: [[1], [1, 2]], k: 1 }])[0])).toBe(29022);
    });
  });

  describe('model.cluster.kmeansIteration and updateMean', () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'data', type: VV },
          { name: 'cs', type: CS },
        ],
      },
      output: CS,
      action: {
        'model.cluster.kmeansIteration': [
          'input.data',
          'input.cs',
          {
            params: [{ a: V }, { b: V }],
            ret: 'double',
            do: { 'metric.euclidean': [{ fcn: 'metric.absDiff' }, 'a', 'b'] },
          },
          { params: [{ d: VV }, { old: 'C' }], ret: 'C', do: { 'model.cluster.updateMean': ['d', 'old', 0.0] } },
        ],
      },
    };
    it('moves each center to the mean of its points and leaves empty clusters alone', () => {
      expect(score(doc, [{ data: [[0], [1], [10], [11]], cs: [c('a', 0), c('b', 10), c('c', 100)] }])).toEqual([
        [c('a', 0.5), c('b', 10.5), c('c', 100)],
      ]);
    });
    it('raises 29030 and 29031', () => {
      expect(code(score(doc, [{ data: [], cs: [c('a', 0)] }])[0])).toBe(29030);
      expect(code(score(doc, [{ data: [[1]], cs: [] }])[0])).toBe(29031);
    });
    it('updateMean weighs the old center (29040, 29041)', () => {
      const t = [VV, C, 'double'];
      expect(
        call('model.cluster.updateMean', t, 'C', [
          [
            [1, 2],
            [3, 4],
          ],
          c('x', 10, 10),
          2,
        ]),
      ).toEqual(c('x', 6, 6.5));
      expect(
        call('model.cluster.updateMean', t, 'C', [
          [
            [1, 2],
            [3, 4],
          ],
          c('x', 10, 10),
          0,
        ]),
      ).toEqual(c('x', 2, 3));
      expect(code(call('model.cluster.updateMean', t, 'C', [[], c('x', 10, 10), 0]))).toBe(29040);
      expect(code(call('model.cluster.updateMean', t, 'C', [[[1], [1, 2]], c('x', 10), 0]))).toBe(29041);
      expect(code(call('model.cluster.updateMean', t, 'C', [[[1, 2]], c('x', 10), 0]))).toBe(29041);
    });
  });
});
