// Decompositions for the Wasm forms of la.inverse (the pseudoinverse of a matrix that is not
// square) and la.eigenBasis (spec sec. "Linear algebra"): an operation-for-operation port of
// jacobiSvdTall, pseudoinverse and symmetricEigen of src/lib/util/linalg.ts (one-sided Jacobi
// SVD, Hestenes 1958, Demmel & Veselic 1992; the cyclic Jacobi eigenvalue iteration, Golub & Van
// Loan sec. 8.5, with the convergence test of Numerical Recipes sec. 11.1) and of eigenBasisOf in
// src/lib/la/decompositions.ts. Keep the files in step.

type Mat = Array<Array<f64>>;

function zeros(rows: i32, cols: i32): Mat {
  const out = new Array<Array<f64>>(rows);
  for (let i = 0; i < rows; i++) out[i] = new Array<f64>(cols);
  return out;
}

function identity(n: i32): Mat {
  const out = zeros(n, n);
  for (let i = 0; i < n; i++) out[i][i] = 1;
  return out;
}

function copyOf(a: Mat): Mat {
  const out = new Array<Array<f64>>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i].slice();
  return out;
}

/** Math.sign(x || 1) of linalg.ts: 0 and NaN count as 1. */
function signOr1(x: f64): f64 {
  return x == 0 || isNaN(x) ? 1 : Math.sign(x);
}

/** Columns p and q of every row rotated: (x, y) -> (c x - s y, s x + c y), the loops of linalg.ts. */
function rotateColumns(a: Mat, p: i32, q: i32, c: f64, s: f64): void {
  for (let i = 0; i < a.length; i++) {
    const row = a[i];
    const x = row[p], y = row[q];
    row[p] = c * x - s * y;
    row[q] = s * x + c * y;
  }
}

/** transpose(a) of linalg.ts. */
function transpose(a: Mat): Mat {
  const rows = a.length;
  const cols = rows == 0 ? 0 : a[0].length;
  const out = zeros(cols, rows);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j][i] = a[i][j];
  return out;
}

class Svd {
  constructor(public u: Mat, public s: Array<f64>, public v: Mat) {}
}

/** jacobiSvdTall(a) of linalg.ts, for m >= n: columns orthogonalised pairwise, at most 60 sweeps. */
function jacobiSvdTall(a: Mat): Svd {
  const m = a.length, n = a[0].length;
  const w = copyOf(a);
  const v = identity(n);
  const eps: f64 = 2.220446049250313e-16;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha: f64 = 0, beta: f64 = 0, gamma: f64 = 0;
        for (let i = 0; i < m; i++) {
          alpha += w[i][p] * w[i][p];
          beta += w[i][q] * w[i][q];
          gamma += w[i][p] * w[i][q];
        }
        if (gamma == 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = signOr1(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t), s = c * t;
        rotateColumns(w, p, q, c, s);
        rotateColumns(v, p, q, c, s);
      }
    }
    if (!rotated) break;
  }
  const s = new Array<f64>(n);
  const u = zeros(m, n);
  for (let j = 0; j < n; j++) {
    let norm: f64 = 0;
    for (let i = 0; i < m; i++) norm += w[i][j] * w[i][j];
    norm = Math.sqrt(norm);
    s[j] = norm;
    for (let i = 0; i < m; i++) u[i][j] = norm == 0 ? 0 : w[i][j] / norm;
  }
  return new Svd(u, s, v);
}

/** pseudoinverse(a) of linalg.ts: V diag(1/s) U^T without the singular values below 1e-15 max(s). */
export function laPseudoinverse(a: Mat): Mat {
  const m = a.length, n = a[0].length;
  if (m < n) return transpose(laPseudoinverse(transpose(a)));
  const f = jacobiSvdTall(a);
  const u = f.u, s = f.s, v = f.v;
  let largest = -Infinity; // Math.max(...s), pairwise in order (NaN wins, +0 over -0)
  for (let k = 0; k < n; k++) largest = Math.max(largest, s[k]);
  const cutoff = 1e-15 * largest;
  const out = zeros(n, m);
  for (let k = 0; k < n; k++) {
    if (!(s[k] > cutoff)) continue;
    const inv = 1 / s[k];
    for (let i = 0; i < n; i++) {
      const vik = v[i][k] * inv;
      if (vik == 0) continue;
      for (let j = 0; j < m; j++) out[i][j] += vik * u[j][k];
    }
  }
  return out;
}

class Eigen {
  constructor(public values: Array<f64>, public vectors: Mat) {}
}

/** symmetricEigen(a) of linalg.ts: eigenvalues, and eigenvectors as columns, at most 100 sweeps. */
function symmetricEigen(a: Mat): Eigen {
  const n = a.length;
  const w = copyOf(a);
  const v = identity(n);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off: f64 = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += w[p][q] * w[p][q];
    if (off == 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = w[p][q];
        if (apq == 0) continue;
        const g = 100 * Math.abs(apq);
        if (sweep > 3 && Math.abs(w[p][p]) + g == Math.abs(w[p][p]) && Math.abs(w[q][q]) + g == Math.abs(w[q][q])) {
          w[p][q] = 0;
          w[q][p] = 0;
          continue;
        }
        const theta = (w[q][q] - w[p][p]) / (2 * apq);
        const t = signOr1(theta) / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
        const c = 1 / Math.sqrt(1 + t * t), s = t * c;
        rotateColumns(w, p, q, c, s);
        for (let k = 0; k < n; k++) {
          const x = w[p][k], y = w[q][k];
          w[p][k] = c * x - s * y;
          w[q][k] = s * x + c * y;
        }
        w[p][q] = 0;
        w[q][p] = 0;
        rotateColumns(v, p, q, c, s);
      }
    }
  }
  const values = new Array<f64>(n);
  for (let i = 0; i < n; i++) values[i] = w[i][i];
  return new Eigen(values, v);
}

/**
 * eigenBasisOf(x) of la/decompositions.ts: eigenvectors of (x + x^T)/2 as rows, scaled by
 * 1/sqrt(|eigenvalue|), first component made non-negative, ordered by that scale, then by index
 * (the JS form's comparator: a difference that is 0 or NaN, infinity against infinity, falls to
 * the index; a consistent order, so insertion sort gives Array.prototype.sort's answer).
 */
export function laEigenBasis(x: Mat): Mat {
  const n = x.length;
  const sym = zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sym[i][j] = (x[i][j] + x[j][i]) * 0.5;
  const e = symmetricEigen(sym);
  const vectors = e.vectors;
  const scaleOf = new Array<f64>(n);
  for (let i = 0; i < n; i++) scaleOf[i] = 1 / Math.sqrt(Math.abs(e.values[i]));
  const order = new Array<i32>(n);
  for (let i = 0; i < n; i++) {
    let j = i;
    while (j > 0) {
      const a = order[j - 1];
      // (a < i: a stays first unless its scale is strictly larger)
      if (!(scaleOf[a] - scaleOf[i] > 0)) break;
      order[j] = a;
      j--;
    }
    order[j] = i;
  }
  const out = new Array<Array<f64>>(n);
  for (let r = 0; r < n; r++) {
    const k = order[r];
    const flip: f64 = vectors[0][k] < 0 ? -1 : 1;
    const row = new Array<f64>(n);
    for (let j = 0; j < n; j++) row[j] = vectors[j][k] * flip * scaleOf[k];
    out[r] = row;
  }
  return out;
}
