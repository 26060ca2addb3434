/**
 * Dense linear algebra on small row-major matrices (`number[][]`), written for `la.*` and
 * `stat.test.mahalanobis`. The reference engine delegates these to LAPACK through numpy; here each
 * routine names the textbook algorithm it follows, chosen to give the same results to rounding:
 *   - LU factorisation with partial pivoting (Golub & Van Loan, "Matrix Computations", Alg. 3.4.1),
 *     used for determinants, inverses and linear solves (numpy's det/inv/solve also factor with
 *     LAPACK getrf, i.e. partial pivoting);
 *   - one-sided Jacobi SVD (Hestenes 1958; Demmel & Veselic 1992) for the Moore-Penrose pseudoinverse;
 *   - the cyclic Jacobi eigenvalue iteration for real symmetric matrices (Golub & Van Loan, sec. 8.5).
 * Inputs are never modified.
 */
import * as fdlibm from './fdlibm/index.js';

export type Matrix = readonly (readonly number[])[];

export interface LU {
  lu: number[][];
  perm: number[];
  sign: number;
}

/** Gaussian elimination with partial pivoting: the pivot is the first entry of largest magnitude. */
export function luDecompose(a: Matrix): LU {
  const n = a.length;
  const lu = a.map((row) => row.slice());
  const perm: number[] = Array.from({ length: n }, (_, i) => i);
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k][k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i][k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (p !== k) {
      [lu[p], lu[k]] = [lu[k], lu[p]];
      [perm[p], perm[k]] = [perm[k], perm[p]];
      sign = -sign;
    }
    const pivot = lu[k][k];
    if (pivot === 0) continue; // singular column: nothing to eliminate
    for (let i = k + 1; i < n; i++) {
      const f = lu[i][k] / pivot;
      lu[i][k] = f;
      if (f === 0) continue;
      const ri = lu[i],
        rk = lu[k];
      for (let j = k + 1; j < n; j++) ri[j] -= f * rk[j];
    }
  }
  return { lu, perm, sign };
}
/**
 * Determinant from the LU factors, accumulated as sign * exp(sum log|u_ii|) the way numpy's det
 * does (through slogdet), so that results agree in the last digits.
 */
export function determinant(a: Matrix): number {
  const n = a.length;
  if (n === 0) return 1;
  const { lu, sign } = luDecompose(a);
  let s = sign;
  let logdet = 0;
  for (let i = 0; i < n; i++) {
    const d = lu[i][i];
    if (d === 0) return 0;
    if (d < 0) s = -s;
    logdet += fdlibm.log(Math.abs(d));
  }
  return s * fdlibm.exp(logdet);
}
/** Solves A x = b with the LU factors (forward then back substitution). */
export function luSolve({ lu, perm }: LU, b: readonly number[]): number[] {
  const n = lu.length;
  const x = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[perm[i]];
    const row = lu[i];
    for (let j = 0; j < i; j++) s -= row[j] * x[j];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    const row = lu[i];
    for (let j = i + 1; j < n; j++) s -= row[j] * x[j];
    x[i] = s / row[i];
  }
  return x;
}
export function solve(a: Matrix, b: readonly number[]): number[] {
  return luSolve(luDecompose(a), b);
}
/** Inverse of a square matrix, one LU solve per column of the identity. */
export function inverse(a: Matrix): number[][] {
  const n = a.length;
  const f = luDecompose(a);
  const out: number[][] = Array.from({ length: n }, () => new Array<number>(n));
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0);
    e[j] = 1;
    const col = luSolve(f, e);
    for (let i = 0; i < n; i++) out[i][j] = col[i];
  }
  return out;
}
export function transpose(a: Matrix): number[][] {
  const rows = a.length,
    cols = rows === 0 ? 0 : a[0].length;
  const out: number[][] = Array.from({ length: cols }, () => new Array<number>(rows));
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j][i] = a[i][j];
  return out;
}
export function multiply(a: Matrix, b: Matrix): number[][] {
  const n = a.length,
    m = b.length === 0 ? 0 : b[0].length,
    inner = b.length;
  const out: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < inner; k++) s += a[i][k] * b[k][j];
      out[i][j] = s;
    }
  }
  return out;
}
/**
 * Singular value decomposition A = U diag(s) V^T of an m x n matrix with m >= n by one-sided
 * Jacobi rotations: columns of a working copy of A are orthogonalised pairwise until every pair is
 * orthogonal to machine precision; the column norms are then the singular values.
 */
function jacobiSvdTall(a: Matrix): { u: number[][]; s: number[]; v: number[][] } {
  const m = a.length,
    n = a[0].length;
  const w = a.map((r) => r.slice());
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const eps = 2.220446049250313e-16;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0,
          beta = 0,
          gamma = 0;
        for (let i = 0; i < m; i++) {
          alpha += w[i][p] * w[i][p];
          beta += w[i][q] * w[i][q];
          gamma += w[i][p] * w[i][q];
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t),
          s = c * t;
        for (let i = 0; i < m; i++) {
          const x = w[i][p],
            y = w[i][q];
          w[i][p] = c * x - s * y;
          w[i][q] = s * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = v[i][p],
            y = v[i][q];
          v[i][p] = c * x - s * y;
          v[i][q] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const s = new Array<number>(n);
  const u: number[][] = Array.from({ length: m }, () => new Array<number>(n));
  for (let j = 0; j < n; j++) {
    let norm = 0;
    for (let i = 0; i < m; i++) norm += w[i][j] * w[i][j];
    norm = Math.sqrt(norm);
    s[j] = norm;
    for (let i = 0; i < m; i++) u[i][j] = norm === 0 ? 0 : w[i][j] / norm;
  }
  return { u, s, v };
}
/**
 * Moore-Penrose pseudoinverse V diag(1/s) U^T, dropping singular values below 1e-15 times the
 * largest (numpy's default cutoff for pinv).
 */
export function pseudoinverse(a: Matrix): number[][] {
  const m = a.length,
    n = a[0].length;
  if (m < n) return transpose(pseudoinverse(transpose(a)));
  const { u, s, v } = jacobiSvdTall(a);
  const cutoff = 1e-15 * Math.max(...s);
  const out: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  for (let k = 0; k < n; k++) {
    if (!(s[k] > cutoff)) continue;
    const inv = 1 / s[k];
    for (let i = 0; i < n; i++) {
      const vik = v[i][k] * inv;
      if (vik === 0) continue;
      for (let j = 0; j < m; j++) out[i][j] += vik * u[j][k];
    }
  }
  return out;
}
/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by cyclic Jacobi rotations; returns the
 * eigenvalues and the eigenvectors as the columns of `vectors` (unit length, unordered).
 */
export function symmetricEigen(a: Matrix): { values: number[]; vectors: number[][] } {
  const n = a.length;
  const w = a.map((r) => r.slice());
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += w[p][q] * w[p][q];
    if (off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = w[p][q];
        if (apq === 0) continue;
        // Once an off-diagonal entry is negligible next to both diagonal entries, zero it
        // (the convergence test of Numerical Recipes sec. 11.1).
        const g = 100 * Math.abs(apq);
        if (sweep > 3 && Math.abs(w[p][p]) + g === Math.abs(w[p][p]) && Math.abs(w[q][q]) + g === Math.abs(w[q][q])) {
          w[p][q] = 0;
          w[q][p] = 0;
          continue;
        }
        const theta = (w[q][q] - w[p][p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
        const c = 1 / Math.sqrt(1 + t * t),
          s = t * c;
        for (let k = 0; k < n; k++) {
          const x = w[k][p],
            y = w[k][q];
          w[k][p] = c * x - s * y;
          w[k][q] = s * x + c * y;
        }
        for (let k = 0; k < n; k++) {
          const x = w[p][k],
            y = w[q][k];
          w[p][k] = c * x - s * y;
          w[q][k] = s * x + c * y;
        }
        w[p][q] = 0;
        w[q][p] = 0;
        for (let k = 0; k < n; k++) {
          const x = v[k][p],
            y = v[k][q];
          v[k][p] = c * x - s * y;
          v[k][q] = s * x + c * y;
        }
      }
    }
  }
  return { values: w.map((r, i) => r[i]), vectors: v };
}
