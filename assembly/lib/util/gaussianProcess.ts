// Gaussian Process regression (Kriging) kernels for the Wasm form of model.reg.gaussianProcess
// (spec sec. "Regression"; the DACE formulation, Lophaven, Nielsen & Sondergaard 2002): an
// operation-for-operation port of src/lib/util/gaussianProcess.ts and src/lib/util/cholesky.ts
// (Cholesky-Banachiewicz, Golub & Van Loan sec. 4.2). The user's kernel is called by the
// generated code, between gpCorrelation (the matrix's diagonal) and gpFit, and after it for the
// prediction, in the order krige calls it. Keep the files in step.

type Mat = Array<Array<f64>>;

/** meanStd of gaussianProcess.ts: the mean and the population standard deviation. */
class MeanStd {
  constructor(public mean: f64, public std: f64) {}
}

function meanStd(values: Array<f64>): MeanStd {
  const n = values.length;
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += values[i];
  const mean = s / <f64>n;
  let ss: f64 = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
  return new MeanStd(mean, Math.sqrt(ss / <f64>n));
}

/** Features of gaussianProcess.ts: standardised rows, and each column's mean and deviation. */
export class GpFeatures {
  constructor(public norm: Mat, public mean: Array<f64>, public std: Array<f64>) {}
}

/** standardise(x) of gaussianProcess.ts. */
export function gpStandardise(x: Mat): GpFeatures {
  const d = x[0].length, n = x.length;
  const mean = new Array<f64>(d), std = new Array<f64>(d);
  for (let j = 0; j < d; j++) {
    const column = new Array<f64>(n);
    for (let i = 0; i < n; i++) column[i] = x[i][j];
    const ms = meanStd(column);
    mean[j] = ms.mean;
    std[j] = ms.std;
  }
  const norm = new Array<Array<f64>>(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<f64>(d);
    for (let j = 0; j < d; j++) row[j] = (x[i][j] - mean[j]) / std[j];
    norm[i] = row;
  }
  return new GpFeatures(norm, mean, std);
}

/** The point `at` standardised with the features' means and deviations (krige's atNorm). */
export function gpAtNorm(f: GpFeatures, at: Array<f64>): Array<f64> {
  const out = new Array<f64>(at.length);
  for (let j = 0; j < at.length; j++) out[j] = (at[j] - f.mean[j]) / f.std[j];
  return out;
}

/** The correlation matrix before the kernel fills it: 1 + nugget on the diagonal, else 0. */
export function gpCorrelation(nugget: Array<f64>): Mat {
  const n = nugget.length;
  const r = new Array<Array<f64>>(n);
  for (let i = 0; i < n; i++) {
    r[i] = new Array<f64>(n);
    r[i][i] = 1 + nugget[i];
  }
  return r;
}

/** cholesky(a) of cholesky.ts, or null when a pivot is not > 0 (not positive definite). */
function cholesky(a: Mat): Mat | null {
  const n = a.length;
  const l = new Array<Array<f64>>(n);
  for (let i = 0; i < n; i++) l[i] = new Array<f64>(n);
  for (let j = 0; j < n; j++) {
    let d = a[j][j];
    for (let k = 0; k < j; k++) d -= l[j][k] * l[j][k];
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    l[j][j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      l[i][j] = s / ljj;
    }
  }
  return l;
}

function solveLower(l: Mat, b: Array<f64>): Array<f64> {
  const n = b.length;
  const x = new Array<f64>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

function solveLowerTransposed(l: Mat, b: Array<f64>): Array<f64> {
  const n = b.length;
  const x = new Array<f64>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/** What krige needs after the fit: the trend b, the weights gamma, and y's mean and deviation. */
export class GpFit {
  constructor(public b: f64, public gamma: Array<f64>, public ymean: f64, public ystd: f64) {}
}

/**
 * krige's fit of output y on the filled correlation matrix r: the trend by least squares unless a
 * Kriging weight is given (hasBeta), or null when r is not positive definite.
 */
export function gpFit(r: Mat, y: Array<f64>, hasBeta: bool, beta: f64): GpFit | null {
  const n = y.length;
  const ms = meanStd(y);
  const ymean = ms.mean, ystd = ms.std;
  const ynorm = new Array<f64>(n);
  for (let i = 0; i < n; i++) ynorm[i] = (y[i] - ymean) / ystd;
  const c = cholesky(r);
  if (c === null) return null;
  const ones = new Array<f64>(n);
  for (let i = 0; i < n; i++) ones[i] = 1;
  const ft = solveLower(c, ones);
  const yt = solveLower(c, ynorm);
  let b: f64;
  if (!hasBeta) {
    let num: f64 = 0, den: f64 = 0;
    for (let i = 0; i < n; i++) {
      num += ft[i] * yt[i];
      den += ft[i] * ft[i];
    }
    b = num / den;
  } else b = beta;
  const rhs = new Array<f64>(n);
  for (let i = 0; i < n; i++) rhs[i] = yt[i] - ft[i] * b;
  return new GpFit(b, solveLowerTransposed(c, rhs), ymean, ystd);
}
