/**
 * How the parts of the `la` namespace see vectors and matrices: arrays (dense) or maps (sparse,
 * missing entries are zero), map matrices keyed row first (`x.get(row).get(col)`). Key sets, dense
 * copies and shape checks in JS, and the AS type names and shape checks of the Wasm forms.
 */
import { WasmCall } from '../registry.js';
import { eachEntry } from '../util/wasm.js';
import { Matrix } from '../util/linalg.js';
import { RT } from '../../backend/wasm/emit/names.js';

export type Vec = number[];
export type MapVec = Map<string, number>;
export type MapMat = Map<string, Map<string, number>>;

export const finite = Number.isFinite;

/** Row keys in insertion order. */
export function rowKeys(x: MapMat): string[] {
  return [...x.keys()];
}

/** The union of the column keys of all rows, in order of first appearance. */
export function colKeys(...xs: MapMat[]): string[] {
  const seen = new Set<string>();
  for (const x of xs) for (const row of x.values()) for (const k of row.keys()) seen.add(k);
  return [...seen];
}

export function union(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

export function get(x: MapMat, i: string, j: string): number {
  return x.get(i)?.get(j) ?? 0;
}

export function toDense(x: MapMat, rows: string[], cols: string[]): Matrix {
  return rows.map((i) => cols.map((j) => get(x, i, j)));
}

export function toMapMat(m: Matrix, rows: string[], cols: string[]): MapMat {
  return new Map(rows.map((r, i) => [r, new Map(cols.map((c, j) => [c, m[i][j]]))]));
}

export const ragged = (x: Vec[]) => x.some((row) => row.length !== x[0].length);
export const anyNonFinite = (x: Vec[]) => x.some((row) => row.some((v) => !finite(v)));
export const anyNonFiniteMap = (x: MapMat) => [...x.values()].some((row) => [...row.values()].some((v) => !finite(v)));

// ---- Wasm forms: the AS types and the shape checks they share (kernels in
// assembly/lib/util/linalg.ts, reached as rt.la*).
export const VEC = 'Array<f64>',
  MAT = 'Array<Array<f64>>',
  MVEC = 'CodeMap<f64>',
  MMAT = 'CodeMap<CodeMap<f64>>';
export const TOO_FEW = 'too few rows/cols';

/** The checks shared by transpose, inverse, det, symmetric, eigenBasis, truncate on arrays. */
export function wasmDenseChecks(c: WasmCall, x: string, square: boolean): void {
  c.emit(`if (${x}.length == 0 || unchecked(${x}[0]).length == 0) ${c.fail('tooFewRowsCols', TOO_FEW)}`);
  c.emit(`if (${RT.laRagged}(${x})) ${c.fail('raggedColumns')}`);
  if (square) c.emit(`if (${x}.length != unchecked(${x}[0]).length) ${c.fail('nonSquareMatrix', 'non-square matrix')}`);
}

/** The keys a map matrix is square over, failing as the map forms of det and symmetric do. */
export function wasmSquareKeys(c: WasmCall, x: string): string {
  const keys = c.temp('Array<i32>', `${RT.laUnionKeys}(${x}.keys(), ${RT.laColKeys}(${x}))`);
  const empty = c.temp('bool', 'true');
  eachEntry(c, x, (_k, row) => c.emit(`if (${row}.size != 0) ${empty} = false;`));
  c.emit(`if (${keys}.length == 0 || ${empty}) ${c.fail('tooFewRowsCols', TOO_FEW)}`);
  return keys;
}
