/**
 * Gaussian Process regression (Kriging) for model.reg.gaussianProcess. The recipe is the one of
 * the reference engine, itself the classic DACE formulation (Lophaven, Nielsen & Sondergaard,
 * "DACE: a Matlab Kriging toolbox", 2002): features and outputs are standardised, the correlation
 * matrix R has the kernel off the diagonal and 1 + nugget on it, R = C C^T (Cholesky), and the
 * constant trend beta is fitted by generalised least squares (universal Kriging) unless a Kriging
 * weight is given.
 */
import { cholesky, solveLower, solveLowerTransposed } from './cholesky.js';

export type Kernel = (x: number[], y: number[]) => number;

/** Machine epsilon of a double; the reference's default nugget is ten of them. */
const DEFAULT_NUGGET = 10 * 2.220446049250313e-16;

function meanStd(values: readonly number[]): [number, number] {
  const n = values.length;
  let s = 0;
  for (const v of values) s += v;
  const mean = s / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return [mean, Math.sqrt(ss / n)]; // population standard deviation
}

/** Standardised features: each column shifted by its mean and divided by its standard deviation. */
export interface Features {
  readonly norm: number[][];
  readonly mean: number[];
  readonly std: number[];
}

export function standardise(x: readonly (readonly number[])[]): Features {
  const d = x[0].length;
  const mean: number[] = [],
    std: number[] = [];
  for (let j = 0; j < d; j++) {
    const [m, s] = meanStd(x.map((row) => row[j]));
    mean.push(m);
    std.push(s);
  }
  return { norm: x.map((row) => row.map((v, j) => (v - mean[j]) / std[j])), mean, std };
}

/**
 * Fits one output y (one value per row of the features) and predicts it at `at`. `nugget` is one
 * value for every sample or one per sample; `beta` null means universal Kriging. Returns
 * undefined when the correlation matrix is not positive definite.
 */
export function krige(
  features: Features,
  y: readonly number[],
  nugget: number | readonly number[],
  beta: number | null,
  kernel: Kernel,
  at: readonly number[],
): number | undefined {
  const x = features.norm;
  const n = x.length;
  const [ymean, ystd] = meanStd(y);
  const ynorm = y.map((v) => (v - ymean) / ystd);
  const r: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    r[i][i] = 1 + (typeof nugget === 'number' ? nugget : nugget[i]);
    for (let j = i + 1; j < n; j++) {
      const k = kernel(x[i], x[j]);
      r[i][j] = k;
      r[j][i] = k;
    }
  }
  const c = cholesky(r);
  if (c === undefined) return undefined;
  const ft = solveLower(c, new Array<number>(n).fill(1));
  const yt = solveLower(c, ynorm);
  let b: number;
  if (beta === null) {
    // Least squares for the one-column system Ft b = Yt (what a QR factorisation of Ft solves).
    let num = 0,
      den = 0;
    for (let i = 0; i < n; i++) {
      num += ft[i] * yt[i];
      den += ft[i] * ft[i];
    }
    b = num / den;
  } else b = beta;
  const gamma = solveLowerTransposed(
    c,
    yt.map((v, i) => v - ft[i] * b),
  );
  const atNorm = at.map((v, j) => (v - features.mean[j]) / features.std[j]);
  let out = b;
  for (let i = 0; i < n; i++) out += kernel(atNorm, x[i]) * gamma[i];
  return ymean + ystd * out;
}

export { DEFAULT_NUGGET };
