/**
 * The `la` namespace (spec sec. "Linear algebra"): vectors and matrices as arrays (dense) or maps
 * (sparse, missing entries are zero). Map matrices are keyed row first: `x.get(row).get(col)`.
 * The numerical kernels live in util/linalg.ts; this file handles shapes, keys and error codes in
 * the order the reference engine checks them.
 */
import { WasmCall, defineFunction, defineNamespace } from '../registry.js';
import { eachEntry, eachItem } from '../util/wasm.js';
import { Matrix, determinant, inverse as invert, multiply, pseudoinverse, symmetricEigen } from '../util/linalg.js';
import { RT } from '../../backend/wasm/emit/names.js';

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


// ---- Wasm forms: the same loops in AS (kernels in assembly/lib/util/linalg.ts, reached as rt.la*).
const VEC = 'Array<f64>', MAT = 'Array<Array<f64>>', MVEC = 'CodeMap<f64>', MMAT = 'CodeMap<CodeMap<f64>>';
const TOO_FEW = 'too few rows/cols';

/** x.get(k) ?? 0 on a map<double>. */
const getOr0 = (x: string, k: string) => `(${x}.has(${k}) ? ${x}.get(${k}) : 0.0)`;

/** Elementwise f over a vector or matrix, dense or sparse (la.map, la.scale). */
function wasmMapEach(c: WasmCall, x: string, depth: 1 | 2, sparse: boolean, f: (v: string) => string): string {
  const each = sparse ? eachEntry : (cc: WasmCall, a: string, body: (k: string, v: string) => void) => eachItem(cc, a, (v, i) => body(i, v));
  const level = (a: string, d: number): string => {
    const T = sparse ? (d === 1 ? MVEC : MMAT) : (d === 1 ? VEC : MAT);
    const out = c.temp(T, `new ${T}(${sparse ? '' : '0'})`);
    each(c, a, (k, v) => {
      const r = d === 1 ? f(v) : level(c.temp(sparse ? MVEC : VEC, v), 1);
      c.emit(sparse ? `${out}.set(${k}, ${r});` : `${out}.push(${r});`);
    });
    return out;
  };
  return level(x, depth);
}

/** zipArrays in AS: aligned shapes or `misaligned`, then f row by row. */
function wasmZipArrays(c: WasmCall, x: string, y: string, f: (a: string, b: string) => string, misaligned: string): string {
  const i = c.temp('i32', '0');
  c.emit(`if (${x}.length != ${y}.length) ${misaligned}`);
  c.emit(`for (; ${i} < ${x}.length; ${i}++) if (unchecked(${x}[${i}]).length != unchecked(${y}[${i}]).length) ${misaligned}`);
  const out = c.temp(MAT, `new ${MAT}(0)`);
  eachItem(c, x, (row, r) => {
    const xr = c.temp(VEC, row);
    const yr = c.temp(VEC, `unchecked(${y}[${r}])`);
    const o = c.temp(VEC, `new ${VEC}(0)`);
    eachItem(c, xr, (v, j) => c.emit(`${o}.push(${f(v, `unchecked(${yr}[${j}])`)});`));
    c.emit(`${out}.push(${o});`);
  });
  return out;
}

/** zipMaps in AS: the union of row keys, the union of column keys, missing entries 0. */
function wasmZipMaps(c: WasmCall, x: string, y: string, f: (a: string, b: string) => string): string {
  const rows = c.temp('Array<i32>', `${RT.laUnionKeys}(${x}.keys(), ${y}.keys())`);
  const cols = c.temp('Array<i32>', `${RT.laUnionKeys}(${RT.laColKeys}(${x}), ${RT.laColKeys}(${y}))`);
  const out = c.temp(MMAT, `new ${MMAT}()`);
  eachItem(c, rows, (i) => {
    const ri = c.temp('i32', i);
    const o = c.temp(MVEC, `new ${MVEC}()`);
    eachItem(c, cols, (j) => {
      const cj = c.temp('i32', j);
      c.emit(`${o}.set(${cj}, ${f(`${RT.laGet}(${x}, ${ri}, ${cj})`, `${RT.laGet}(${y}, ${ri}, ${cj})`)});`);
    });
    c.emit(`${out}.set(${ri}, ${o});`);
  });
  return out;
}

/** The checks shared by transpose, inverse, det, symmetric, eigenBasis, truncate on arrays. */
function wasmDenseChecks(c: WasmCall, x: string, square: boolean): void {
  c.emit(`if (${x}.length == 0 || unchecked(${x}[0]).length == 0) ${c.fail('tooFewRowsCols', TOO_FEW)}`);
  c.emit(`if (${RT.laRagged}(${x})) ${c.fail('raggedColumns')}`);
  if (square) c.emit(`if (${x}.length != unchecked(${x}[0]).length) ${c.fail('nonSquareMatrix', 'non-square matrix')}`);
}

/** The keys a map matrix is square over, failing as the map forms of det and symmetric do. */
function wasmSquareKeys(c: WasmCall, x: string): string {
  const keys = c.temp('Array<i32>', `${RT.laUnionKeys}(${x}.keys(), ${RT.laColKeys}(${x}))`);
  const empty = c.temp('bool', 'true');
  eachEntry(c, x, (_k, row) => c.emit(`if (${row}.size != 0) ${empty} = false;`));
  c.emit(`if (${keys}.length == 0 || ${empty}) ${c.fail('tooFewRowsCols', TOO_FEW)}`);
  return keys;
}

/** same(a, b, tol) in AS. */
const wasmSame = (a: string, b: string, tol: string) => `(isFinite(${a}) && isFinite(${b}) ? Math.abs(${a} - ${b}) < ${tol} : (isNaN(${a}) && isNaN(${b})) || ${a} == ${b})`;

const map = defineFunction({
  name: 'la.map',
  sigs: [
    '(x: array<array<double>>, fcn: fcn(double) -> double) -> array<array<double>>',
    '(x: map<map<double>>, fcn: fcn(double) -> double) -> map<map<double>>',
  ],
  js: (site) => site.sig === 0
    ? (x: Vec[], f: (v: number) => number) => x.map((row) => row.map((v) => f(v)))
    : (x: MapMat, f: (v: number) => number) => new Map([...x].map(([i, row]) => [i, new Map([...row].map(([j, v]) => [j, f(v)]))])),
  wasm: (c) => wasmMapEach(c, c.args[0], 2, c.site.sig === 1, (v) => c.fcn(1).apply([v])),
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
  wasm: (c) => wasmMapEach(c, c.args[0], c.site.sig % 2 === 0 ? 1 : 2, c.site.sig >= 2, (v) => `${v} * ${c.args[1]}`),
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
  wasm: (c) => {
    const [x, y] = c.args;
    const f = (a: string, b: string) => c.fcn(2).apply([a, b]);
    return c.site.sig === 0 ? wasmZipArrays(c, x, y, f, c.fail('misalignedMatrices')) : wasmZipMaps(c, x, y, f);
  },
});

/** la.add and la.sub: vectors and matrices, dense (aligned) or sparse (union of keys). */
function elementwise(name: string, code: number, op: (a: number, b: number) => number, asOp: string) {
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
    wasm: (c) => {
      const [x, y] = c.args;
      const f = (a: string, b: string) => `(${a} ${asOp} ${b})`;
      switch (c.site.sig) {
        case 0: {
          c.emit(`if (${x}.length != ${y}.length) ${c.fail('misalignedMatrices')}`);
          const out = c.temp(VEC, `new ${VEC}(0)`);
          eachItem(c, x, (v, i) => c.emit(`${out}.push(${f(v, `unchecked(${y}[${i}])`)});`));
          return out;
        }
        case 1: return wasmZipArrays(c, x, y, f, c.fail('misalignedMatrices'));
        case 2: {
          const keys = c.temp('Array<i32>', `${RT.laUnionKeys}(${x}.keys(), ${y}.keys())`);
          const out = c.temp(MVEC, `new ${MVEC}()`);
          eachItem(c, keys, (k) => {
            const kk = c.temp('i32', k);
            c.emit(`${out}.set(${kk}, ${f(getOr0(x, kk), getOr0(y, kk))});`);
          });
          return out;
        }
        default: return wasmZipMaps(c, x, y, f);
      }
    },
  });
}

const add = elementwise('la.add', 24030, (a, b) => a + b, '+');
const sub = elementwise('la.sub', 24040, (a, b) => a - b, '-');

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
  wasm: (c) => {
    const [x, y] = c.args;
    const tooFew = c.fail('tooFewRowsCols', TOO_FEW);
    const nonFinite = c.fail('containsNonFiniteValue');
    const anyNonFiniteVec = (v: string, sparse: boolean) => {
      const bad = c.temp('bool', 'false');
      (sparse ? eachEntry : eachItem)(c, v, (a: string, b: string) => c.emit(`if (!isFinite(${sparse ? b : a})) ${bad} = true;`));
      return bad;
    };
    switch (c.site.sig) {
      case 0: {
        c.emit(`if (${x}.length == 0 || unchecked(${x}[0]).length == 0 || ${y}.length == 0) ${tooFew}`);
        c.emit(`if (${RT.laAnyNonFinite}(${x}) || ${anyNonFiniteVec(y, false)}) ${nonFinite}`);
        c.emit(`if (${RT.laRagged}(${x}) || unchecked(${x}[0]).length != ${y}.length) ${c.fail('misalignedMatrices')}`);
        // multiply(x, y as a column): each entry summed from 0 in order.
        const out = c.temp(VEC, `new ${VEC}(0)`);
        eachItem(c, x, (row) => {
          const r = c.temp(VEC, row);
          const s = c.temp('f64', '0.0');
          const k = c.temp('i32', '0');
          c.emit(`for (; ${k} < ${y}.length; ${k}++) ${s} += unchecked(${r}[${k}]) * unchecked(${y}[${k}]);`);
          c.emit(`${out}.push(${s});`);
        });
        return out;
      }
      case 1: {
        const rows = c.temp('Array<i32>', `${x}.keys()`);
        const cols = c.temp('Array<i32>', `${RT.laUnionKeys}(${RT.laColKeys}(${x}), ${y}.keys())`);
        c.emit(`if (${rows}.length == 0 || ${cols}.length == 0) ${tooFew}`);
        c.emit(`if (${RT.laAnyNonFiniteMap}(${x}) || ${anyNonFiniteVec(y, true)}) ${nonFinite}`);
        const b = c.temp(MAT, `new ${MAT}(0)`);
        eachItem(c, cols, (k) => {
          const kk = c.temp('i32', k);
          c.emit(`${b}.push([${getOr0(y, kk)}]);`);
        });
        const m = c.temp(MAT, `${RT.laMultiply}(${RT.laToDense}(${x}, ${rows}, ${cols}), ${b})`);
        const out = c.temp(MVEC, `new ${MVEC}()`);
        eachItem(c, rows, (r, i) => c.emit(`${out}.set(${r}, unchecked(unchecked(${m}[${i}])[0]));`));
        return out;
      }
      case 2:
        c.emit(`if (${x}.length == 0 || unchecked(${x}[0]).length == 0 || ${y}.length == 0 || unchecked(${y}[0]).length == 0) ${tooFew}`);
        c.emit(`if (${RT.laAnyNonFinite}(${x}) || ${RT.laAnyNonFinite}(${y})) ${nonFinite}`);
        c.emit(`if (${RT.laRagged}(${x}) || ${RT.laRagged}(${y}) || unchecked(${x}[0]).length != ${y}.length) ${c.fail('misalignedMatrices')}`);
        return c.temp(MAT, `${RT.laMultiply}(${x}, ${y})`);
      default: {
        const rows = c.temp('Array<i32>', `${x}.keys()`);
        const inner = c.temp('Array<i32>', `${RT.laUnionKeys}(${RT.laColKeys}(${x}), ${y}.keys())`);
        const cols = c.temp('Array<i32>', `${RT.laColKeys}(${y})`);
        c.emit(`if (${rows}.length == 0 || ${inner}.length == 0 || ${cols}.length == 0) ${tooFew}`);
        c.emit(`if (${RT.laAnyNonFiniteMap}(${x}) || ${RT.laAnyNonFiniteMap}(${y})) ${nonFinite}`);
        return c.temp(MMAT, `${RT.laToMapMat}(${RT.laMultiply}(${RT.laToDense}(${x}, ${rows}, ${inner}), ${RT.laToDense}(${y}, ${inner}, ${cols})), ${rows}, ${cols})`);
      }
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
    const rows = c.temp('Array<i32>', `${x}.keys()`), cols = c.temp('Array<i32>', `${RT.laColKeys}(${x})`);
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
  wasm: (c) => {
    const x = c.args[0];
    const s = c.temp('f64', '0.0');
    if (c.site.sig === 0) {
      c.if_(`${x}.length != 0`, () => {
        c.emit(`if (${RT.laRagged}(${x})) ${c.fail('raggedColumns')}`);
        const i = c.temp('i32', '0');
        c.emit(`for (; ${i} < min<i32>(${x}.length, unchecked(${x}[0]).length); ${i}++) ${s} += unchecked(unchecked(${x}[${i}])[${i}]);`);
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
  wasm: (c) => {
    const [x, tol] = c.args;
    const out = c.temp('bool', 'true');
    if (c.site.sig === 0) {
      wasmDenseChecks(c, x, true);
      eachItem(c, x, (row, i) => eachItem(c, c.temp(VEC, row), (v, j) => c.emit(`if (!${wasmSame(v, `unchecked(unchecked(${x}[${j}])[${i}])`, tol)}) ${out} = false;`)));
      return out;
    }
    const keys = wasmSquareKeys(c, x);
    eachItem(c, keys, (i) => {
      const ki = c.temp('i32', i);
      eachItem(c, keys, (j) => {
        const kj = c.temp('i32', j);
        const a = c.temp('f64', `${RT.laGet}(${x}, ${ki}, ${kj})`), b = c.temp('f64', `${RT.laGet}(${x}, ${kj}, ${ki})`);
        c.emit(`if (!${wasmSame(a, b, tol)}) ${out} = false;`);
      });
    });
    return out;
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

export default defineNamespace('la', [
  map, scale, zipmap, add, sub, dot, transpose, inverse, trace, det, symmetric, eigenBasis, truncate,
]);
