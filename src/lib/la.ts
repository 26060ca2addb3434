/**
 * The `la` namespace (spec sec. "Linear algebra"): vectors and matrices as arrays (dense) or maps
 * (sparse, missing entries are zero). Map matrices are keyed row first: `x.get(row).get(col)`.
 * The numerical kernels live in util/linalg.ts; this file handles shapes, keys and error codes in
 * the order the reference engine checks them.
 */
import { defineFunction, defineNamespace } from './registry.js';
import { Matrix, determinant, inverse as invert, multiply, pseudoinverse, symmetricEigen } from './util/linalg.js';

type Vec = number[];
type MapVec = Map<string, number>;
type MapMat = Map<string, Map<string, number>>;

const finite = Number.isFinite;

/** Row keys in insertion order. */
function rowKeys(x: MapMat): string[] {
  return [...x.keys()];
}

/** The union of the column keys of all rows, in order of first appearance. */
function colKeys(...xs: MapMat[]): string[] {
  const seen = new Set<string>();
  for (const x of xs) for (const row of x.values()) for (const k of row.keys()) seen.add(k);
  return [...seen];
}

function union(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

function get(x: MapMat, i: string, j: string): number {
  return x.get(i)?.get(j) ?? 0;
}

function toDense(x: MapMat, rows: string[], cols: string[]): Matrix {
  return rows.map((i) => cols.map((j) => get(x, i, j)));
}

function toMapMat(m: Matrix, rows: string[], cols: string[]): MapMat {
  return new Map(rows.map((r, i) => [r, new Map(cols.map((c, j) => [c, m[i][j]]))]));
}

const ragged = (x: Vec[]) => x.some((row) => row.length !== x[0].length);
const anyNonFinite = (x: Vec[]) => x.some((row) => row.some((v) => !finite(v)));
const anyNonFiniteMap = (x: MapMat) => [...x.values()].some((row) => [...row.values()].some((v) => !finite(v)));

/** Elementwise combination of two map matrices over the union of their keys (missing = 0). */
function zipMaps(x: MapMat, y: MapMat, f: (a: number, b: number) => number): MapMat {
  const rows = union(rowKeys(x), rowKeys(y));
  const cols = colKeys(x, y);
  return new Map(rows.map((i) => [i, new Map(cols.map((j) => [j, f(get(x, i, j), get(y, i, j))]))]));
}

function zipArrays(x: Vec[], y: Vec[], f: (a: number, b: number) => number, misaligned: () => never): Vec[] {
  if (x.length !== y.length || x.some((row, i) => row.length !== y[i].length)) misaligned();
  return x.map((row, i) => row.map((v, j) => f(v, y[i][j])));
}

const map = defineFunction({
  name: 'la.map',
  sigs: [
    '(x: array<array<double>>, fcn: fcn(double) -> double) -> array<array<double>>',
    '(x: map<map<double>>, fcn: fcn(double) -> double) -> map<map<double>>',
  ],
  js: (site) => site.sig === 0
    ? (x: Vec[], f: (v: number) => number) => x.map((row) => row.map((v) => f(v)))
    : (x: MapMat, f: (v: number) => number) => new Map([...x].map(([i, row]) => [i, new Map([...row].map(([j, v]) => [j, f(v)]))])),
});

const scale = defineFunction({
  name: 'la.scale',
  sigs: [
    '(x: array<double>, alpha: double) -> array<double>',
    '(x: array<array<double>>, alpha: double) -> array<array<double>>',
    '(x: map<double>, alpha: double) -> map<double>',
    '(x: map<map<double>>, alpha: double) -> map<map<double>>',
  ],
  js: (site) => {
    switch (site.sig) {
      case 0: return (x: Vec, a: number) => x.map((v) => v * a);
      case 1: return (x: Vec[], a: number) => x.map((row) => row.map((v) => v * a));
      case 2: return (x: MapVec, a: number) => new Map([...x].map(([k, v]) => [k, v * a]));
      default: return (x: MapMat, a: number) => new Map([...x].map(([i, row]) => [i, new Map([...row].map(([j, v]) => [j, v * a]))]));
    }
  },
});

const zipmap = defineFunction({
  name: 'la.zipmap',
  sigs: [
    '(x: array<array<double>>, y: array<array<double>>, fcn: fcn(double, double) -> double) -> array<array<double>>',
    '(x: map<map<double>>, y: map<map<double>>, fcn: fcn(double, double) -> double) -> map<map<double>>',
  ],
  errors: { misalignedMatrices: 24020 },
  js: (site) => site.sig === 0
    ? (x: Vec[], y: Vec[], f: (a: number, b: number) => number) => zipArrays(x, y, f, () => site.fail('misalignedMatrices'))
    : (x: MapMat, y: MapMat, f: (a: number, b: number) => number) => zipMaps(x, y, f),
});

/** la.add and la.sub: vectors and matrices, dense (aligned) or sparse (union of keys). */
function elementwise(name: string, code: number, op: (a: number, b: number) => number) {
  return defineFunction({
    name,
    sigs: [
      '(x: array<double>, y: array<double>) -> array<double>',
      '(x: array<array<double>>, y: array<array<double>>) -> array<array<double>>',
      '(x: map<double>, y: map<double>) -> map<double>',
      '(x: map<map<double>>, y: map<map<double>>) -> map<map<double>>',
    ],
    errors: { misalignedMatrices: code },
    js: (site) => {
      switch (site.sig) {
        case 0: return (x: Vec, y: Vec) => {
          if (x.length !== y.length) site.fail('misalignedMatrices');
          return x.map((v, i) => op(v, y[i]));
        };
        case 1: return (x: Vec[], y: Vec[]) => zipArrays(x, y, op, () => site.fail('misalignedMatrices'));
        case 2: return (x: MapVec, y: MapVec) => new Map(union([...x.keys()], [...y.keys()]).map((k) => [k, op(x.get(k) ?? 0, y.get(k) ?? 0)]));
        default: return (x: MapMat, y: MapMat) => zipMaps(x, y, op);
      }
    },
  });
}

const add = elementwise('la.add', 24030, (a, b) => a + b);
const sub = elementwise('la.sub', 24040, (a, b) => a - b);

const dot = defineFunction({
  name: 'la.dot',
  sigs: [
    '(x: array<array<double>>, y: array<double>) -> array<double>',
    '(x: map<map<double>>, y: map<double>) -> map<double>',
    '(x: array<array<double>>, y: array<array<double>>) -> array<array<double>>',
    '(x: map<map<double>>, y: map<map<double>>) -> map<map<double>>',
  ],
  errors: { misalignedMatrices: 24050, tooFewRowsCols: 24051, containsNonFiniteValue: 24052 },
  js: (site) => {
    const tooFew = () => site.fail('tooFewRowsCols', 'too few rows/cols');
    const nonFinite = () => site.fail('containsNonFiniteValue');
    // Checked in the reference's order: empty dimensions, then non-finite values, then shapes.
    switch (site.sig) {
      case 0: return (x: Vec[], y: Vec) => {
        if (x.length === 0 || x[0].length === 0 || y.length === 0) tooFew();
        if (anyNonFinite(x) || y.some((v) => !finite(v))) nonFinite();
        if (ragged(x) || x[0].length !== y.length) site.fail('misalignedMatrices');
        return multiply(x, y.map((v) => [v])).map((r) => r[0]);
      };
      case 1: return (x: MapMat, y: MapVec) => {
        const rows = rowKeys(x);
        const cols = union(colKeys(x), [...y.keys()]);
        if (rows.length === 0 || cols.length === 0) tooFew();
        if (anyNonFiniteMap(x) || [...y.values()].some((v) => !finite(v))) nonFinite();
        const out = multiply(toDense(x, rows, cols), cols.map((k) => [y.get(k) ?? 0]));
        return new Map(rows.map((r, i) => [r, out[i][0]]));
      };
      case 2: return (x: Vec[], y: Vec[]) => {
        if (x.length === 0 || x[0].length === 0 || y.length === 0 || y[0].length === 0) tooFew();
        if (anyNonFinite(x) || anyNonFinite(y)) nonFinite();
        if (ragged(x) || ragged(y) || x[0].length !== y.length) site.fail('misalignedMatrices');
        return multiply(x, y);
      };
      default: return (x: MapMat, y: MapMat) => {
        const rows = rowKeys(x);
        const inner = union(colKeys(x), rowKeys(y));
        const cols = colKeys(y);
        if (rows.length === 0 || inner.length === 0 || cols.length === 0) tooFew();
        if (anyNonFiniteMap(x) || anyNonFiniteMap(y)) nonFinite();
        return toMapMat(multiply(toDense(x, rows, inner), toDense(y, inner, cols)), rows, cols);
      };
    }
  },
});

const transpose = defineFunction({
  name: 'la.transpose',
  sigs: ['(x: array<array<double>>) -> array<array<double>>', '(x: map<map<double>>) -> map<map<double>>'],
  errors: { tooFewRowsCols: 24060, raggedColumns: 24061 },
  js: (site) => site.sig === 0
    ? (x: Vec[]) => {
      if (x.length === 0 || x[0].length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
      if (ragged(x)) site.fail('raggedColumns');
      return x[0].map((_, j) => x.map((row) => row[j]));
    }
    : (x: MapMat) => {
      const rows = rowKeys(x), cols = colKeys(x);
      if (rows.length === 0 || cols.length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
      if ([...x.values()].some((row) => row.size !== cols.length)) site.fail('raggedColumns');
      return new Map(cols.map((c) => [c, new Map(rows.map((r) => [r, x.get(r)!.get(c)!]))]));
    },
});

/**
 * Square matrices are inverted through LU; others get the Moore-Penrose pseudoinverse. The spec
 * has no error for a singular square matrix (the reference engine fails outside PFA's errors): an
 * exactly zero pivot gives infinite or NaN entries.
 */
function invertAny(m: Matrix): Matrix {
  return m.length === m[0].length ? invert(m) : pseudoinverse(m);
}

const inverse = defineFunction({
  name: 'la.inverse',
  sigs: ['(x: array<array<double>>) -> array<array<double>>', '(x: map<map<double>>) -> map<map<double>>'],
  errors: { tooFewRowsCols: 24070, raggedColumns: 24071 },
  js: (site) => site.sig === 0
    ? (x: Vec[]) => {
      if (x.length === 0 || x[0].length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
      if (ragged(x)) site.fail('raggedColumns');
      return invertAny(x);
    }
    : (x: MapMat) => {
      const rows = rowKeys(x), cols = colKeys(x);
      if (rows.length === 0 || cols.length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
      // The inverse of a rows x cols matrix is cols x rows.
      return toMapMat(invertAny(toDense(x, rows, cols)), cols, rows);
    },
});

const trace = defineFunction({
  name: 'la.trace',
  sigs: ['(x: array<array<double>>) -> double', '(x: map<map<double>>) -> double'],
  errors: { raggedColumns: 24080 },
  js: (site) => site.sig === 0
    ? (x: Vec[]) => {
      if (x.length === 0) return 0;
      if (ragged(x)) site.fail('raggedColumns');
      let s = 0;
      for (let i = 0; i < Math.min(x.length, x[0].length); i++) s += x[i][i];
      return s;
    }
    : (x: MapMat) => {
      let s = 0;
      for (const [k, row] of x) if (row.has(k)) s += row.get(k)!;
      return s;
    },
});

const det = defineFunction({
  name: 'la.det',
  sigs: ['(x: array<array<double>>) -> double', '(x: map<map<double>>) -> double'],
  errors: { tooFewRowsCols: 24090, raggedColumns: 24091, nonSquareMatrix: 24092 },
  js: (site) => site.sig === 0
    ? (x: Vec[]) => {
      if (x.length === 0 || x[0].length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
      if (ragged(x)) site.fail('raggedColumns');
      if (x.length !== x[0].length) site.fail('nonSquareMatrix', 'non-square matrix');
      return anyNonFinite(x) ? NaN : determinant(x);
    }
    : (x: MapMat) => {
      // A map matrix is square over the union of its row and column keys.
      const keys = union(rowKeys(x), colKeys(x));
      if (keys.length === 0 || [...x.values()].every((row) => row.size === 0)) site.fail('tooFewRowsCols', 'too few rows/cols');
      return anyNonFiniteMap(x) ? NaN : determinant(toDense(x, keys, keys));
    },
});

/** Equal within tolerance; infinities of one sign and NaNs count as equal to themselves. */
function same(a: number, b: number, tol: number): boolean {
  if (finite(a) && finite(b)) return Math.abs(a - b) < tol;
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  return a === b; // both +inf or both -inf; one finite and one not is false
}

const symmetric = defineFunction({
  name: 'la.symmetric',
  sigs: ['(x: array<array<double>>, tolerance: double) -> boolean', '(x: map<map<double>>, tolerance: double) -> boolean'],
  errors: { tooFewRowsCols: 24100, raggedColumns: 24101, nonSquareMatrix: 24102 },
  js: (site) => site.sig === 0
    ? (x: Vec[], tol: number) => {
      if (x.length === 0 || x[0].length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
      if (ragged(x)) site.fail('raggedColumns');
      if (x.length !== x[0].length) site.fail('nonSquareMatrix', 'non-square matrix');
      return x.every((row, i) => row.every((v, j) => same(v, x[j][i], tol)));
    }
    : (x: MapMat, tol: number) => {
      const keys = union(rowKeys(x), colKeys(x));
      if (keys.length === 0 || [...x.values()].every((row) => row.size === 0)) site.fail('tooFewRowsCols', 'too few rows/cols');
      return keys.every((i) => keys.every((j) => same(get(x, i, j), get(x, j, i), tol)));
    },
});

/**
 * Rows are eigenvectors of (x + x^T)/2 scaled by 1/sqrt(|eigenvalue|), first component made
 * non-negative, ordered by decreasing |eigenvalue| (the reference sorts by increasing
 * 1/sqrt(|eigenvalue|), stably).
 */
function eigenBasisOf(x: Matrix): Matrix {
  const n = x.length;
  const sym = x.map((row, i) => row.map((v, j) => (v + x[j][i]) * 0.5));
  const { values, vectors } = symmetricEigen(sym);
  const scaleOf = values.map((e) => 1 / Math.sqrt(Math.abs(e)));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scaleOf[a] - scaleOf[b] || a - b);
  return order.map((k) => {
    const flip = vectors[0][k] < 0 ? -1 : 1;
    return Array.from({ length: n }, (_, j) => vectors[j][k] * flip * scaleOf[k]);
  });
}

const eigenBasis = defineFunction({
  name: 'la.eigenBasis',
  sigs: ['(x: array<array<double>>) -> array<array<double>>', '(x: map<map<double>>) -> map<map<double>>'],
  errors: { tooFewRowsCols: 24110, raggedColumns: 24111, nonSquareMatrix: 24112, nonFiniteMatrix: 24113 },
  nondeterministic: 'unstable',
  js: (site) => site.sig === 0
    ? (x: Vec[]) => {
      if (x.length === 0 || x[0].length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
      if (ragged(x)) site.fail('raggedColumns');
      if (x.length !== x[0].length) site.fail('nonSquareMatrix', 'non-square matrix');
      if (anyNonFinite(x)) site.fail('nonFiniteMatrix', 'non-finite matrix');
      return eigenBasisOf(x);
    }
    : (x: MapMat) => {
      const keys = union(rowKeys(x), colKeys(x));
      if (keys.length === 0 || [...x.values()].every((row) => row.size === 0)) site.fail('tooFewRowsCols', 'too few rows/cols');
      if (anyNonFiniteMap(x)) site.fail('nonFiniteMatrix', 'non-finite matrix');
      const basis = eigenBasisOf(toDense(x, keys, keys));
      return toMapMat(basis, basis.map((_, i) => String(i)), keys);
    },
});

const truncate = defineFunction({
  name: 'la.truncate',
  sigs: ['(x: array<array<double>>, keep: int) -> array<array<double>>', '(x: map<map<double>>, keep: array<string>) -> map<map<double>>'],
  errors: { tooFewRowsCols: 24120, raggedColumns: 24121 },
  js: (site) => site.sig === 0
    ? (x: Vec[], keep: number) => {
      if (x.length === 0 || x[0].length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
      if (ragged(x)) site.fail('raggedColumns');
      return x.slice(0, Math.max(keep, 0));
    }
    : (x: MapMat, keep: string[]) => {
      if (x.size === 0 || colKeys(x).length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
      const wanted = new Set(keep);
      return new Map([...x].filter(([k]) => wanted.has(k)));
    },
});

export default defineNamespace('la', [
  map, scale, zipmap, add, sub, dot, transpose, inverse, trace, det, symmetric, eigenBasis, truncate,
]);
