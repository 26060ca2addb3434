import { describe, expect, it } from 'vitest';
import { call, score } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

const M = { type: 'array', items: { type: 'array', items: 'double' } };
const V = { type: 'array', items: 'double' };
const MM = { type: 'map', values: { type: 'map', values: 'double' } };
const MV = { type: 'map', values: 'double' };

const code = (o: unknown) => (o as { code?: number }).code;

bothBackends(() => {
  describe('la.map, la.scale, la.zipmap', () => {
    it('applies a function to every element of an array or map matrix', () => {
      const doc = (t: unknown) => ({
        input: t,
        output: t,
        action: { 'la.map': ['input', { params: [{ v: 'double' }], ret: 'double', do: { '*': ['v', 2] } }] },
      });
      expect(
        score(doc(M), [
          [
            [1, 2],
            [3, 4],
          ],
        ]),
      ).toEqual([
        [
          [2, 4],
          [6, 8],
        ],
      ]);
      expect(score(doc(MM), [{ a: { b: 1.5 } }])).toEqual([{ a: { b: 3 } }]);
    });

    it('scales vectors and matrices', () => {
      expect(call('la.scale', [V, 'double'], V, [[1, -2], 0.5])).toEqual([0.5, -1]);
      expect(call('la.scale', [MV, 'double'], MV, [{ a: 2 }, 3])).toEqual({ a: 6 });
    });

    it('zips aligned arrays (24020 otherwise) and the union of map keys', () => {
      const doc = (t: unknown) => ({
        input: {
          type: 'record',
          name: 'In',
          fields: [
            { name: 'x', type: t },
            { name: 'y', type: t },
          ],
        },
        output: t,
        action: {
          'la.zipmap': [
            'input.x',
            'input.y',
            { params: [{ a: 'double' }, { b: 'double' }], ret: 'double', do: { '-': ['a', 'b'] } },
          ],
        },
      });
      expect(score(doc(M), [{ x: [[5, 6]], y: [[1, 2]] }])).toEqual([[[4, 4]]]);
      expect(code(score(doc(M), [{ x: [[5, 6]], y: [[1]] }])[0])).toBe(24020);
      expect(score(doc(MM), [{ x: { a: { p: 5 } }, y: { b: { q: 1 } } }])).toEqual([
        { a: { p: 5, q: 0 }, b: { p: 0, q: -1 } },
      ]);
    });
  });

  describe('la.add, la.sub', () => {
    it('adds and subtracts, with misaligned arrays as errors', () => {
      expect(
        call('la.add', [V, V], V, [
          [1, 2],
          [3, 4],
        ]),
      ).toEqual([4, 6]);
      expect(code(call('la.add', [V, V], V, [[1, 2], [3]]))).toBe(24030);
      expect(call('la.sub', [MV, MV], MV, [{ a: 1 }, { b: 2 }])).toEqual({ a: 1, b: -2 });
      expect(code(call('la.sub', [M, M], M, [[[1]], [[1], [2]]]))).toBe(24040);
    });
  });

  describe('la.dot', () => {
    it('multiplies matrices and vectors', () => {
      expect(
        call('la.dot', [M, V], V, [
          [
            [1, 2],
            [3, 4],
          ],
          [1, 1],
        ]),
      ).toEqual([3, 7]);
      expect(call('la.dot', [M, M], M, [[[1, 2]], [[3], [4]]])).toEqual([[11]]);
      expect(call('la.dot', [MM, MV], MV, [{ r: { a: 2, b: 3 } }, { a: 1, c: 5 }])).toEqual({ r: 2 });
    });

    it('checks sizes, then finiteness, then alignment', () => {
      expect(code(call('la.dot', [M, V], V, [[[1, 2]], []]))).toBe(24051);
      expect(code(call('la.dot', [M, V], V, [[[1, 'nan']], [1, 2, 3]]))).toBe(24052);
      expect(code(call('la.dot', [M, V], V, [[[1, 2]], [1, 2, 3]]))).toBe(24050);
      expect(code(call('la.dot', [MM, MM], MM, [{ a: {} }, { a: {} }]))).toBe(24051);
    });
  });

  describe('la.transpose, la.inverse, la.trace, la.det, la.symmetric', () => {
    it('transposes, rejecting empty (24060) and ragged (24061) matrices', () => {
      expect(
        call('la.transpose', [M], M, [
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
        ]),
      ).toEqual([
        [1, 4],
        [2, 5],
        [3, 6],
      ]);
      expect(code(call('la.transpose', [M], M, [[]]))).toBe(24060);
      expect(code(call('la.transpose', [M], M, [[[1], [1, 2]]]))).toBe(24061);
      expect(code(call('la.transpose', [MM], MM, [{ a: { x: 1 }, b: { y: 1 } }]))).toBe(24061);
    });

    it('inverts square matrices and pseudo-inverts the others', () => {
      const inv = call('la.inverse', [M], M, [
        [
          [4, 7],
          [2, 6],
        ],
      ]) as number[][];
      [
        [0.6, -0.7],
        [-0.2, 0.4],
      ].forEach((row, i) => {
        row.forEach((v, j) => {
          expect(inv[i][j]).toBeCloseTo(v, 14);
        });
      });
      const pinv = call('la.inverse', [M], M, [
        [
          [1, 0, 0],
          [0, 2, 0],
        ],
      ]) as number[][];
      [
        [1, 0],
        [0, 0.5],
        [0, 0],
      ].forEach((row, i) => {
        row.forEach((v, j) => {
          expect(pinv[i][j]).toBeCloseTo(v, 14);
        });
      });
      expect(code(call('la.inverse', [M], M, [[[], []]]))).toBe(24070);
      expect(code(call('la.inverse', [M], M, [[[1, 2], [1]]]))).toBe(24071);
    });

    it('computes traces and determinants', () => {
      expect(
        call('la.trace', [M], 'double', [
          [
            [1, 2],
            [3, 4],
          ],
        ]),
      ).toBe(5);
      expect(call('la.trace', [M], 'double', [[]])).toBe(0);
      expect(code(call('la.trace', [M], 'double', [[[1, 2], [3]]]))).toBe(24080);
      expect(
        call('la.det', [M], 'double', [
          [
            [1, 2],
            [3, 4],
          ],
        ]),
      ).toBeCloseTo(-2, 14);
      expect(
        call('la.det', [M], 'double', [
          [
            [1, 'inf'],
            [3, 4],
          ],
        ]),
      ).toBe('nan');
      expect(call('la.det', [MM], 'double', [{ a: { a: 2 }, b: { b: 3 } }])).toBeCloseTo(6, 14);
      expect(code(call('la.det', [M], 'double', [[]]))).toBe(24090);
      expect(code(call('la.det', [M], 'double', [[[1, 2], [3]]]))).toBe(24091);
      expect(code(call('la.det', [M], 'double', [[[1, 2]]]))).toBe(24092);
    });

    it('tests symmetry within a tolerance', () => {
      expect(
        call('la.symmetric', [M, 'double'], 'boolean', [
          [
            [1, 2],
            [2.05, 1],
          ],
          0.1,
        ]),
      ).toBe(true);
      expect(
        call('la.symmetric', [M, 'double'], 'boolean', [
          [
            [1, 2],
            [2.05, 1],
          ],
          0.01,
        ]),
      ).toBe(false);
      expect(call('la.symmetric', [MM, 'double'], 'boolean', [{ a: { b: 1 } }, 0.5])).toBe(false);
      expect(code(call('la.symmetric', [M, 'double'], 'boolean', [[], 0.1]))).toBe(24100);
      expect(code(call('la.symmetric', [M, 'double'], 'boolean', [[[1], [1, 2]], 0.1]))).toBe(24101);
      expect(code(call('la.symmetric', [M, 'double'], 'boolean', [[[1, 2]], 0.1]))).toBe(24102);
    });
  });

  describe('la.eigenBasis, la.truncate', () => {
    it('returns eigenvectors scaled by 1/sqrt(eigenvalue), largest eigenvalue first, first component positive', () => {
      const basis = call('la.eigenBasis', [M], M, [
        [
          [4, 0],
          [0, 1],
        ],
      ]) as number[][];
      expect(basis[0][0]).toBeCloseTo(0.5, 14);
      expect(basis[0][1]).toBeCloseTo(0, 14);
      expect(basis[1][0]).toBeCloseTo(0, 14);
      expect(basis[1][1]).toBeCloseTo(1, 14);
      const rot = call('la.eigenBasis', [M], M, [
        [
          [2, 1],
          [1, 2],
        ],
      ]) as number[][];
      expect(rot[0][0]).toBeCloseTo(Math.SQRT1_2 / Math.sqrt(3), 14);
      expect(rot[0][1]).toBeCloseTo(Math.SQRT1_2 / Math.sqrt(3), 14);
      expect(rot[1][0]).toBeCloseTo(Math.SQRT1_2, 14);
      expect(rot[1][1]).toBeCloseTo(-Math.SQRT1_2, 14);
      const keyed = call('la.eigenBasis', [MM], MM, [{ a: { a: 9 }, b: { b: 1 } }]) as Record<
        string,
        Record<string, number>
      >;
      expect(keyed['0'].a).toBeCloseTo(1 / 3, 14);
      expect(keyed['1'].b).toBeCloseTo(1, 14);
    });

    it('rejects bad matrices with 24110-24113', () => {
      expect(code(call('la.eigenBasis', [M], M, [[]]))).toBe(24110);
      expect(code(call('la.eigenBasis', [M], M, [[[1, 2], [1]]]))).toBe(24111);
      expect(code(call('la.eigenBasis', [M], M, [[[1, 2]]]))).toBe(24112);
      expect(
        code(
          call('la.eigenBasis', [M], M, [
            [
              [1, 'nan'],
              [0, 1],
            ],
          ]),
        ),
      ).toBe(24113);
    });

    it('keeps the first rows or the named rows', () => {
      expect(call('la.truncate', [M, 'int'], M, [[[1], [2], [3]], 2])).toEqual([[1], [2]]);
      expect(call('la.truncate', [M, 'int'], M, [[[1], [2]], -1])).toEqual([]);
      expect(
        call('la.truncate', [MM, { type: 'array', items: 'string' }], MM, [{ a: { x: 1 }, b: { x: 2 } }, ['b', 'z']]),
      ).toEqual({ b: { x: 2 } });
      expect(code(call('la.truncate', [M, 'int'], M, [[], 1]))).toBe(24120);
      expect(code(call('la.truncate', [M, 'int'], M, [[[1], [1, 2]], 1]))).toBe(24121);
    });
  });
});
