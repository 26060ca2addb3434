// Dense linear algebra kernels for the Wasm forms of la.* (spec sec. "Linear algebra"): an
// operation-for-operation port of src/lib/util/linalg.ts (matrix product; LU factorisation with
// partial pivoting, Golub & Van Loan "Matrix Computations" Alg. 3.4.1, and the determinant from
// it as numpy's slogdet forms it), plus the map-matrix helpers of src/lib/la.ts (row and column
// keys in order of first appearance, missing entries zero). Keep the files in step.

import { CodeMap } from "./codemap";

/** multiply(a, b): each entry summed from 0 over k in order, as linalg.ts does. */
export function laMultiply(a: Array<Array<f64>>, b: Array<Array<f64>>): Array<Array<f64>> {
  const n = a.length, inner = b.length;
  const m = inner == 0 ? 0 : b[0].length;
  const out = new Array<Array<f64>>(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<f64>(m);
    for (let j = 0; j < m; j++) {
      let s: f64 = 0;
      for (let k = 0; k < inner; k++) s += a[i][k] * b[k][j];
      row[j] = s;
    }
    out[i] = row;
  }
  return out;
}

/** The LU factors of linalg.ts: rows of L\U (unit L below the diagonal), row permutation, sign. */
class LU {
  constructor(public lu: Array<Array<f64>>, public perm: Array<i32>, public sign: f64) {}
}

/**
 * luDecompose(a): Gaussian elimination with partial pivoting, the pivot being the first entry of
 * largest magnitude (Golub & Van Loan Alg. 3.4.1), as linalg.ts does.
 */
function luDecompose(a: Array<Array<f64>>): LU {
  const n = a.length;
  const lu = new Array<Array<f64>>(n);
  const perm = new Array<i32>(n);
  for (let i = 0; i < n; i++) { lu[i] = a[i].slice(); perm[i] = i; }
  let sign: f64 = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k][k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i][k]);
      if (v > best) { best = v; p = i; }
    }
    if (p != k) {
      const t = lu[p]; lu[p] = lu[k]; lu[k] = t;
      const q = perm[p]; perm[p] = perm[k]; perm[k] = q;
      sign = -sign;
    }
    const pivot = lu[k][k];
    if (pivot == 0) continue;
    for (let i = k + 1; i < n; i++) {
      const f = lu[i][k] / pivot;
      lu[i][k] = f;
      if (f == 0) continue;
      const ri = lu[i], rk = lu[k];
      for (let j = k + 1; j < n; j++) ri[j] -= f * rk[j];
    }
  }
  return new LU(lu, perm, sign);
}

/** determinant(a): sign * exp(sum of log|u_ii|), 0 at the first zero pivot (numpy's slogdet form). */
export function laDeterminant(a: Array<Array<f64>>): f64 {
  const n = a.length;
  if (n == 0) return 1;
  const f = luDecompose(a);
  const lu = f.lu;
  let s = f.sign;
  let logdet: f64 = 0;
  for (let i = 0; i < n; i++) {
    const d = lu[i][i];
    if (d == 0) return 0;
    if (d < 0) s = -s;
    logdet += Math.log(Math.abs(d));
  }
  return s * Math.exp(logdet);
}

/** luSolve: forward then back substitution with the LU factors, as linalg.ts does. */
function luSolve(f: LU, b: Array<f64>): Array<f64> {
  const lu = f.lu, perm = f.perm;
  const n = lu.length;
  const x = new Array<f64>(n);
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

/** solve(a, b) of linalg.ts: A x = b through LU. */
export function laSolve(a: Array<Array<f64>>, b: Array<f64>): Array<f64> {
  return luSolve(luDecompose(a), b);
}

/** inverse(a) of linalg.ts: one LU solve per column of the identity. */
export function laInverse(a: Array<Array<f64>>): Array<Array<f64>> {
  const n = a.length;
  const f = luDecompose(a);
  const out = new Array<Array<f64>>(n);
  for (let i = 0; i < n; i++) out[i] = new Array<f64>(n);
  for (let j = 0; j < n; j++) {
    const e = new Array<f64>(n);
    e[j] = 1;
    const col = luSolve(f, e);
    for (let i = 0; i < n; i++) out[i][j] = col[i];
  }
  return out;
}

/** union(a, b) of la.ts: the keys of a, then those of b not seen yet. */
export function laUnionKeys(a: Array<i32>, b: Array<i32>): Array<i32> {
  const seen = new Set<i32>();
  const out = new Array<i32>(0);
  for (let i = 0; i < a.length; i++) if (!seen.has(a[i])) { seen.add(a[i]); out.push(a[i]); }
  for (let i = 0; i < b.length; i++) if (!seen.has(b[i])) { seen.add(b[i]); out.push(b[i]); }
  return out;
}

/** colKeys(x) of la.ts: the column keys of every row, in order of first appearance. */
export function laColKeys(x: CodeMap<CodeMap<f64>>): Array<i32> {
  const out = new Array<i32>(0);
  const rows = x.values();
  for (let r = 0; r < rows.length; r++) {
    const merged = laUnionKeys(out, rows[r].keys());
    for (let i = out.length; i < merged.length; i++) out.push(merged[i]);
  }
  return out;
}

/** get(x, i, j) of la.ts: a missing row or column is 0. */
export function laGet(x: CodeMap<CodeMap<f64>>, i: i32, j: i32): f64 {
  if (!x.has(i)) return 0;
  const row = x.get(i);
  return row.has(j) ? row.get(j) : 0;
}

/** toDense(x, rows, cols) of la.ts. */
export function laToDense(x: CodeMap<CodeMap<f64>>, rows: Array<i32>, cols: Array<i32>): Array<Array<f64>> {
  const out = new Array<Array<f64>>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = new Array<f64>(cols.length);
    for (let j = 0; j < cols.length; j++) row[j] = laGet(x, rows[i], cols[j]);
    out[i] = row;
  }
  return out;
}

/** toMapMat(m, rows, cols) of la.ts. */
export function laToMapMat(m: Array<Array<f64>>, rows: Array<i32>, cols: Array<i32>): CodeMap<CodeMap<f64>> {
  const out = new CodeMap<CodeMap<f64>>();
  for (let i = 0; i < rows.length; i++) {
    const row = new CodeMap<f64>();
    for (let j = 0; j < cols.length; j++) row.set(cols[j], m[i][j]);
    out.set(rows[i], row);
  }
  return out;
}

/** anyNonFinite / anyNonFiniteMap of la.ts. */
export function laAnyNonFinite(x: Array<Array<f64>>): bool {
  for (let i = 0; i < x.length; i++) for (let j = 0; j < x[i].length; j++) if (!isFinite(x[i][j])) return true;
  return false;
}

export function laAnyNonFiniteMap(x: CodeMap<CodeMap<f64>>): bool {
  const rows = x.values();
  for (let i = 0; i < rows.length; i++) {
    const vs = rows[i].values();
    for (let j = 0; j < vs.length; j++) if (!isFinite(vs[j])) return true;
  }
  return false;
}

/** ragged of la.ts: some row's length differs from the first row's. */
export function laRagged(x: Array<Array<f64>>): bool {
  for (let i = 0; i < x.length; i++) if (x[i].length != x[0].length) return true;
  return false;
}
