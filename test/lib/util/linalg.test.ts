import { describe, expect, it } from 'vitest';
import {
  determinant,
  inverse,
  multiply,
  pseudoinverse,
  solve,
  symmetricEigen,
  transpose,
} from '../../../src/lib/util/linalg.js';

const close = (a: number[][], b: number[][], digits = 13) =>
  a.forEach((row, i) => {
    row.forEach((v, j) => {
      expect(v).toBeCloseTo(b[i][j], digits);
    });
  });

describe('util/linalg', () => {
  it('factors with partial pivoting: determinants, inverses and solves', () => {
    // numpy (through LAPACK getrf and slogdet) gives exactly this for the singular 3x3 below
    expect(
      determinant([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ]),
    ).toBe(6.66133814775094e-16);
    expect(
      determinant([
        [0, 1],
        [1, 0],
      ]),
    ).toBe(-1);
    const a = [
      [2, 1, 0],
      [1, 3, 1],
      [0, 1, 4],
    ];
    close(multiply(a, inverse(a)), [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const x = solve(a, [3, 5, 5]);
    x.forEach((v) => {
      expect(v).toBeCloseTo(1, 14);
    });
  });

  it('pseudo-inverts wide, tall and rank-deficient matrices (Moore-Penrose conditions)', () => {
    for (const a of [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [1, 2],
        [2, 4],
        [3, 6],
      ],
      [
        [0.5, -1],
        [2, 0],
        [1, 1],
      ],
    ]) {
      const p = pseudoinverse(a);
      close(multiply(multiply(a, p), a), a);
      close(multiply(multiply(p, a), p), p);
      const ap = multiply(a, p),
        pa = multiply(p, a);
      close(ap, transpose(ap));
      close(pa, transpose(pa));
    }
  });

  it('diagonalises symmetric matrices with orthonormal eigenvectors', () => {
    const a = [
      [4, 1, 2],
      [1, 3, 0],
      [2, 0, 5],
    ];
    const { values, vectors } = symmetricEigen(a);
    const d = values.map((v, i) => values.map((_, j) => (i === j ? v : 0)));
    close(multiply(multiply(vectors, d), transpose(vectors)), a, 12);
    close(multiply(transpose(vectors), vectors), [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });
});
