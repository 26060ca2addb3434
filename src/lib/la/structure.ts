/**
 * `la` namespace, a matrix's shape and symmetry: transpose, trace, symmetric, truncate.
 */
import { defineFunction } from '../registry.js';
import { eachEntry, eachItem } from '../util/wasm.js';
import { RT } from '../../backend/wasm/emit/names.js';
import {
  MAT,
  MMAT,
  MVEC,
  MapMat,
  TOO_FEW,
  VEC,
  Vec,
  colKeys,
  finite,
  get,
  ragged,
  rowKeys,
  union,
  wasmDenseChecks,
  wasmSquareKeys,
} from './matrices.js';

export const transpose = defineFunction({
  name: 'la.transpose',
  sigs: ['(x: array<array<double>>) -> array<array<double>>', '(x: map<map<double>>) -> map<map<double>>'],
  errors: { tooFewRowsCols: 24060, raggedColumns: 24061 },
  js: (site) =>
    site.sig === 0
      ? (x: Vec[]) => {
          if (x.length === 0 || x[0].length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
          if (ragged(x)) site.fail('raggedColumns');
          return x[0].map((_, j) => x.map((row) => row[j]));
        }
      : (x: MapMat) => {
          const rows = rowKeys(x),
            cols = colKeys(x);
          if (rows.length === 0 || cols.length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
          if ([...x.values()].some((row) => row.size !== cols.length)) site.fail('raggedColumns');
          return new Map(cols.map((c) => [c, new Map(rows.map((r) => [r, x.get(r)!.get(c)!]))]));
        },
  wasm: (c) => {
    const x = c.args[0];
    if (c.site.sig === 0) {
      wasmDenseChecks(c, x, false);
      const out = c.temp(MAT, `new ${MAT}(0)`);
      eachItem(c, c.temp(VEC, `unchecked(${x}[0])`), (_v, j) => {
        const col = c.temp(VEC, `new ${VEC}(0)`);
        eachItem(c, x, (row) => c.emit(`${col}.push(unchecked(${row}[${j}]));`));
        c.emit(`${out}.push(${col});`);
      });
      return out;
    }
    const rows = c.temp('Array<i32>', `${x}.keys()`),
      cols = c.temp('Array<i32>', `${RT.laColKeys}(${x})`);
    c.emit(`if (${rows}.length == 0 || ${cols}.length == 0) ${c.fail('tooFewRowsCols', TOO_FEW)}`);
    eachEntry(c, x, (_k, row) => c.emit(`if (${row}.size != ${cols}.length) ${c.fail('raggedColumns')}`));
    const out = c.temp(MMAT, `new ${MMAT}()`);
    eachItem(c, cols, (col) => {
      const cc = c.temp('i32', col);
      const o = c.temp(MVEC, `new ${MVEC}()`);
      eachItem(c, rows, (r) => c.emit(`${o}.set(${r}, ${x}.get(${r}).get(${cc}));`));
      c.emit(`${out}.set(${cc}, ${o});`);
    });
    return out;
  },
});

export const trace = defineFunction({
  name: 'la.trace',
  sigs: ['(x: array<array<double>>) -> double', '(x: map<map<double>>) -> double'],
  errors: { raggedColumns: 24080 },
  js: (site) =>
    site.sig === 0
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
  wasm: (c) => {
    const x = c.args[0];
    const s = c.temp('f64', '0.0');
    if (c.site.sig === 0) {
      c.if_(`${x}.length != 0`, () => {
        c.emit(`if (${RT.laRagged}(${x})) ${c.fail('raggedColumns')}`);
        const i = c.temp('i32', '0');
        c.emit(
          `for (; ${i} < min<i32>(${x}.length, unchecked(${x}[0]).length); ${i}++) ${s} += unchecked(unchecked(${x}[${i}])[${i}]);`,
        );
      });
    } else {
      eachEntry(c, x, (k, row) => {
        const r = c.temp(MVEC, row);
        c.emit(`if (${r}.has(${k})) ${s} += ${r}.get(${k});`);
      });
    }
    return s;
  },
});

/** same(a, b, tol) in AS. */
const wasmSame = (a: string, b: string, tol: string) =>
  `(isFinite(${a}) && isFinite(${b}) ? Math.abs(${a} - ${b}) < ${tol} : (isNaN(${a}) && isNaN(${b})) || ${a} == ${b})`;

/** Equal within tolerance; infinities of one sign and NaNs count as equal to themselves. */
function same(a: number, b: number, tol: number): boolean {
  if (finite(a) && finite(b)) return Math.abs(a - b) < tol;
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  return a === b; // both +inf or both -inf; one finite and one not is false
}

export const symmetric = defineFunction({
  name: 'la.symmetric',
  sigs: [
    '(x: array<array<double>>, tolerance: double) -> boolean',
    '(x: map<map<double>>, tolerance: double) -> boolean',
  ],
  errors: { tooFewRowsCols: 24100, raggedColumns: 24101, nonSquareMatrix: 24102 },
  js: (site) =>
    site.sig === 0
      ? (x: Vec[], tol: number) => {
          if (x.length === 0 || x[0].length === 0) site.fail('tooFewRowsCols', 'too few rows/cols');
          if (ragged(x)) site.fail('raggedColumns');
          if (x.length !== x[0].length) site.fail('nonSquareMatrix', 'non-square matrix');
          return x.every((row, i) => row.every((v, j) => same(v, x[j][i], tol)));
        }
      : (x: MapMat, tol: number) => {
          const keys = union(rowKeys(x), colKeys(x));
          if (keys.length === 0 || [...x.values()].every((row) => row.size === 0))
            site.fail('tooFewRowsCols', 'too few rows/cols');
          return keys.every((i) => keys.every((j) => same(get(x, i, j), get(x, j, i), tol)));
        },
  wasm: (c) => {
    const [x, tol] = c.args;
    const out = c.temp('bool', 'true');
    if (c.site.sig === 0) {
      wasmDenseChecks(c, x, true);
      eachItem(c, x, (row, i) =>
        eachItem(c, c.temp(VEC, row), (v, j) =>
          c.emit(`if (!${wasmSame(v, `unchecked(unchecked(${x}[${j}])[${i}])`, tol)}) ${out} = false;`),
        ),
      );
      return out;
    }
    const keys = wasmSquareKeys(c, x);
    eachItem(c, keys, (i) => {
      const ki = c.temp('i32', i);
      eachItem(c, keys, (j) => {
        const kj = c.temp('i32', j);
        const a = c.temp('f64', `${RT.laGet}(${x}, ${ki}, ${kj})`),
          b = c.temp('f64', `${RT.laGet}(${x}, ${kj}, ${ki})`);
        c.emit(`if (!${wasmSame(a, b, tol)}) ${out} = false;`);
      });
    });
    return out;
  },
});

export const truncate = defineFunction({
  name: 'la.truncate',
  sigs: [
    '(x: array<array<double>>, keep: int) -> array<array<double>>',
    '(x: map<map<double>>, keep: array<string>) -> map<map<double>>',
  ],
  errors: { tooFewRowsCols: 24120, raggedColumns: 24121 },
  js: (site) =>
    site.sig === 0
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
  wasm: (c) => {
    const [x, keep] = c.args;
    if (c.site.sig === 0) {
      wasmDenseChecks(c, x, false);
      return `${x}.slice(0, max<i32>(${keep}, 0))`;
    }
    c.emit(`if (${x}.size == 0 || ${RT.laColKeys}(${x}).length == 0) ${c.fail('tooFewRowsCols', TOO_FEW)}`);
    const out = c.temp(MMAT, `new ${MMAT}()`);
    eachEntry(c, x, (k, row) => c.emit(`if (${keep}.includes(${k})) ${out}.set(${k}, ${row});`));
    return out;
  },
});
