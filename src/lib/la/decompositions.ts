/**
 * `la` namespace, results that need a factorization (util/linalg.ts): inverse (LU or
 * pseudoinverse), det (LU) and eigenBasis (symmetric eigendecomposition).
 */
import { WasmCall, defineFunction } from '../registry.js';
import { Matrix, determinant, inverse as invert, pseudoinverse, symmetricEigen } from '../util/linalg.js';
import { RT } from '../../backend/wasm/emit/names.js';
import {
  MAT,
  MMAT,
  MapMat,
  TOO_FEW,
  Vec,
  anyNonFinite,
  anyNonFiniteMap,
  colKeys,
  ragged,
  rowKeys,
  toDense,
  toMapMat,
  union,
  wasmDenseChecks,
  wasmSquareKeys,
} from './matrices.js';

/**
 * Square matrices are inverted through LU; others get the Moore-Penrose pseudoinverse. The spec
 * has no error for a singular square matrix (the reference engine fails outside PFA's errors): an
 * exactly zero pivot gives infinite or NaN entries.
 */
function invertAny(m: Matrix): Matrix {
  return m.length === m[0].length ? invert(m) : pseudoinverse(m);
}

export const inverse = defineFunction({
  name: 'la.inverse',
  sigs: ['(x: array<array<double>>) -> array<array<double>>', '(x: map<map<double>>) -> map<map<double>>'],
  errors: { tooFewRowsCols: 24070, raggedColumns: 24071 },
  js: (site) =>
    site.sig === 0
      ? (x: Vec[]) => {
          if (x.length === 0 || x[0].length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
          if (ragged(x)) site.fail('raggedColumns');
          return invertAny(x);
        }
      : (x: MapMat) => {
          const rows = rowKeys(x),
            cols = colKeys(x);
          if (rows.length === 0 || cols.length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
          // The inverse of a rows x cols matrix is cols x rows.
          return toMapMat(invertAny(toDense(x, rows, cols)), cols, rows);
        },
  wasm: (c) => {
    const x = c.args[0];
    const invert = (m: string) =>
      `(${m}.length == unchecked(${m}[0]).length ? ${RT.laInverse}(${m}) : ${RT.laPseudoinverse}(${m}))`;
    if (c.site.sig === 0) {
      wasmDenseChecks(c, x, false);
      return c.temp(MAT, invert(x));
    }
    const rows = c.temp('Array<i32>', `${x}.keys()`),
      cols = c.temp('Array<i32>', `${RT.laColKeys}(${x})`);
    c.emit(`if (${rows}.length == 0 || ${cols}.length == 0) ${c.fail('tooFewRowsCols', TOO_FEW)}`);
    const dense = c.temp(MAT, `${RT.laToDense}(${x}, ${rows}, ${cols})`);
    return c.temp(MMAT, `${RT.laToMapMat}(${invert(dense)}, ${cols}, ${rows})`);
  },
});

export const det = defineFunction({
  name: 'la.det',
  sigs: ['(x: array<array<double>>) -> double', '(x: map<map<double>>) -> double'],
  errors: { tooFewRowsCols: 24090, raggedColumns: 24091, nonSquareMatrix: 24092 },
  js: (site) =>
    site.sig === 0
      ? (x: Vec[]) => {
          if (x.length === 0 || x[0].length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
          if (ragged(x)) site.fail('raggedColumns');
          if (x.length !== x[0].length) site.fail('nonSquareMatrix', 'non-square matrix');
          return anyNonFinite(x) ? NaN : determinant(x);
        }
      : (x: MapMat) => {
          // A map matrix is square over the union of its row and column keys.
          const keys = union(rowKeys(x), colKeys(x));
          if (keys.length === 0 || [...x.values()].every((row) => row.size === 0))
            site.fail('tooFewRowsCols', 'too few rows/cols');
          return anyNonFiniteMap(x) ? NaN : determinant(toDense(x, keys, keys));
        },
  wasm: (c) => {
    const x = c.args[0];
    if (c.site.sig === 0) {
      wasmDenseChecks(c, x, true);
      return `(${RT.laAnyNonFinite}(${x}) ? NaN : ${RT.laDeterminant}(${x}))`;
    }
    const keys = wasmSquareKeys(c, x);
    return `(${RT.laAnyNonFiniteMap}(${x}) ? NaN : ${RT.laDeterminant}(${RT.laToDense}(${x}, ${keys}, ${keys})))`;
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

export const eigenBasis = defineFunction({
  name: 'la.eigenBasis',
  sigs: ['(x: array<array<double>>) -> array<array<double>>', '(x: map<map<double>>) -> map<map<double>>'],
  errors: { tooFewRowsCols: 24110, raggedColumns: 24111, nonSquareMatrix: 24112, nonFiniteMatrix: 24113 },
  nondeterministic: 'unstable',
  js: (site) =>
    site.sig === 0
      ? (x: Vec[]) => {
          if (x.length === 0 || x[0].length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
          if (ragged(x)) site.fail('raggedColumns');
          if (x.length !== x[0].length) site.fail('nonSquareMatrix', 'non-square matrix');
          if (anyNonFinite(x)) site.fail('nonFiniteMatrix', 'non-finite matrix');
          return eigenBasisOf(x);
        }
      : (x: MapMat) => {
          const keys = union(rowKeys(x), colKeys(x));
          if (keys.length === 0 || [...x.values()].every((row) => row.size === 0))
            site.fail('tooFewRowsCols', 'too few rows/cols');
          if (anyNonFiniteMap(x)) site.fail('nonFiniteMatrix', 'non-finite matrix');
          const basis = eigenBasisOf(toDense(x, keys, keys));
          return toMapMat(
            basis,
            basis.map((_, i) => String(i)),
            keys,
          );
        },
  wasm: (c) => {
    const x = c.args[0];
    if (c.site.sig !== 0) return eigenBasisMapWasm(c, x);
    wasmDenseChecks(c, x, true);
    c.emit(`if (${RT.laAnyNonFinite}(${x})) ${c.fail('nonFiniteMatrix', 'non-finite matrix')}`);
    return c.temp(MAT, `${RT.laEigenBasis}(${x})`);
  },
});

/**
 * The map form: the basis over the union of row and column keys, its rows keyed "0".."n-1". Those
 * keys are text made from numbers, which a kernel has no dictionary code for: each is made from
 * its digits' code points in the kernel (WasmCall.fromCodePoints), once per row of the answer.
 */
function eigenBasisMapWasm(c: WasmCall, x: string): string {
  const keys = wasmSquareKeys(c, x);
  c.emit(`if (${RT.laAnyNonFiniteMap}(${x})) ${c.fail('nonFiniteMatrix', 'non-finite matrix')}`);
  const basis = c.temp(MAT, `${RT.laEigenBasis}(${RT.laToDense}(${x}, ${keys}, ${keys}))`);
  const rowKeys = c.temp('Array<i32>', `new Array<i32>(${basis}.length)`);
  const i = c.temp('i32', '0'),
    v = c.temp('i32', '0');
  const digits = c.temp('Array<i32>', 'new Array<i32>(0)');
  c.block(`for (${i} = 0; ${i} < ${basis}.length; ${i}++)`, () => {
    c.emit(`${digits} = new Array<i32>(0); ${v} = ${i};`);
    c.doWhile(() => {
      c.emit(`${digits}.unshift(48 + ${v} % 10);`);
      c.emit(`${v} = ${v} / 10;`);
    }, `${v} > 0`);
    c.emit(`${RT.setAt}(${rowKeys}, ${i}, ${c.fromCodePoints(digits)});`);
  });
  return c.temp(MMAT, `${RT.laToMapMat}(${basis}, ${rowKeys}, ${keys})`);
}
