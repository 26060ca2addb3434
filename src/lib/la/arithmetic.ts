/**
 * `la` namespace, elementwise arithmetic and products: map, scale, zipmap, add, sub, dot. Dense
 * operands must have aligned shapes; sparse ones combine over the union of their keys.
 */
import { WasmCall, defineFunction } from '../registry.js';
import { eachEntry, eachItem } from '../util/wasm.js';
import { multiply } from '../util/linalg.js';
import { RT } from '../../backend/wasm/emit/names.js';
import {
  MAT,
  MMAT,
  MVEC,
  MapMat,
  MapVec,
  TOO_FEW,
  VEC,
  Vec,
  anyNonFinite,
  anyNonFiniteMap,
  colKeys,
  finite,
  get,
  ragged,
  rowKeys,
  toDense,
  toMapMat,
  union,
} from './matrices.js';

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

/** x.get(k) ?? 0 on a map<double>. */
const getOr0 = (x: string, k: string) => `(${x}.has(${k}) ? ${x}.get(${k}) : 0.0)`;

/** Elementwise f over a vector or matrix, dense or sparse (la.map, la.scale). */
function wasmMapEach(c: WasmCall, x: string, depth: 1 | 2, sparse: boolean, f: (v: string) => string): string {
  const each = sparse
    ? eachEntry
    : (cc: WasmCall, a: string, body: (k: string, v: string) => void) => eachItem(cc, a, (v, i) => body(i, v));
  const level = (a: string, d: number): string => {
    const T = sparse ? (d === 1 ? MVEC : MMAT) : d === 1 ? VEC : MAT;
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
function wasmZipArrays(
  c: WasmCall,
  x: string,
  y: string,
  f: (a: string, b: string) => string,
  misaligned: string,
): string {
  const i = c.temp('i32', '0');
  c.emit(`if (${x}.length != ${y}.length) ${misaligned}`);
  c.emit(
    `for (; ${i} < ${x}.length; ${i}++) if (unchecked(${x}[${i}]).length != unchecked(${y}[${i}]).length) ${misaligned}`,
  );
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

export const map = defineFunction({
  name: 'la.map',
  sigs: [
    '(x: array<array<double>>, fcn: fcn(double) -> double) -> array<array<double>>',
    '(x: map<map<double>>, fcn: fcn(double) -> double) -> map<map<double>>',
  ],
  js: (site) =>
    site.sig === 0
      ? (x: Vec[], f: (v: number) => number) => x.map((row) => row.map((v) => f(v)))
      : (x: MapMat, f: (v: number) => number) =>
          new Map([...x].map(([i, row]) => [i, new Map([...row].map(([j, v]) => [j, f(v)]))])),
  wasm: (c) => wasmMapEach(c, c.args[0], 2, c.site.sig === 1, (v) => c.fcn(1).apply([v])),
});

export const scale = defineFunction({
  name: 'la.scale',
  sigs: [
    '(x: array<double>, alpha: double) -> array<double>',
    '(x: array<array<double>>, alpha: double) -> array<array<double>>',
    '(x: map<double>, alpha: double) -> map<double>',
    '(x: map<map<double>>, alpha: double) -> map<map<double>>',
  ],
  js: (site) => {
    switch (site.sig) {
      case 0:
        return (x: Vec, a: number) => x.map((v) => v * a);
      case 1:
        return (x: Vec[], a: number) => x.map((row) => row.map((v) => v * a));
      case 2:
        return (x: MapVec, a: number) => new Map([...x].map(([k, v]) => [k, v * a]));
      default:
        return (x: MapMat, a: number) =>
          new Map([...x].map(([i, row]) => [i, new Map([...row].map(([j, v]) => [j, v * a]))]));
    }
  },
  wasm: (c) => wasmMapEach(c, c.args[0], c.site.sig % 2 === 0 ? 1 : 2, c.site.sig >= 2, (v) => `${v} * ${c.args[1]}`),
});

export const zipmap = defineFunction({
  name: 'la.zipmap',
  sigs: [
    '(x: array<array<double>>, y: array<array<double>>, fcn: fcn(double, double) -> double) -> array<array<double>>',
    '(x: map<map<double>>, y: map<map<double>>, fcn: fcn(double, double) -> double) -> map<map<double>>',
  ],
  errors: { misalignedMatrices: 24020 },
  js: (site) =>
    site.sig === 0
      ? (x: Vec[], y: Vec[], f: (a: number, b: number) => number) =>
          zipArrays(x, y, f, () => site.fail('misalignedMatrices'))
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
        case 0:
          return (x: Vec, y: Vec) => {
            if (x.length !== y.length) site.fail('misalignedMatrices');
            return x.map((v, i) => op(v, y[i]));
          };
        case 1:
          return (x: Vec[], y: Vec[]) => zipArrays(x, y, op, () => site.fail('misalignedMatrices'));
        case 2:
          return (x: MapVec, y: MapVec) =>
            new Map(union([...x.keys()], [...y.keys()]).map((k) => [k, op(x.get(k) ?? 0, y.get(k) ?? 0)]));
        default:
          return (x: MapMat, y: MapMat) => zipMaps(x, y, op);
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
        case 1:
          return wasmZipArrays(c, x, y, f, c.fail('misalignedMatrices'));
        case 2: {
          const keys = c.temp('Array<i32>', `${RT.laUnionKeys}(${x}.keys(), ${y}.keys())`);
          const out = c.temp(MVEC, `new ${MVEC}()`);
          eachItem(c, keys, (k) => {
            const kk = c.temp('i32', k);
            c.emit(`${out}.set(${kk}, ${f(getOr0(x, kk), getOr0(y, kk))});`);
          });
          return out;
        }
        default:
          return wasmZipMaps(c, x, y, f);
      }
    },
  });
}

export const add = elementwise('la.add', 24030, (a, b) => a + b, '+');
export const sub = elementwise('la.sub', 24040, (a, b) => a - b, '-');

export const dot = defineFunction({
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
      case 0:
        return (x: Vec[], y: Vec) => {
          if (x.length === 0 || x[0].length === 0 || y.length === 0) tooFew();
          if (anyNonFinite(x) || y.some((v) => !finite(v))) nonFinite();
          if (ragged(x) || x[0].length !== y.length) site.fail('misalignedMatrices');
          return multiply(
            x,
            y.map((v) => [v]),
          ).map((r) => r[0]);
        };
      case 1:
        return (x: MapMat, y: MapVec) => {
          const rows = rowKeys(x);
          const cols = union(colKeys(x), [...y.keys()]);
          if (rows.length === 0 || cols.length === 0) tooFew();
          if (anyNonFiniteMap(x) || [...y.values()].some((v) => !finite(v))) nonFinite();
          const out = multiply(
            toDense(x, rows, cols),
            cols.map((k) => [y.get(k) ?? 0]),
          );
          return new Map(rows.map((r, i) => [r, out[i][0]]));
        };
      case 2:
        return (x: Vec[], y: Vec[]) => {
          if (x.length === 0 || x[0].length === 0 || y.length === 0 || y[0].length === 0) tooFew();
          if (anyNonFinite(x) || anyNonFinite(y)) nonFinite();
          if (ragged(x) || ragged(y) || x[0].length !== y.length) site.fail('misalignedMatrices');
          return multiply(x, y);
        };
      default:
        return (x: MapMat, y: MapMat) => {
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
      (sparse ? eachEntry : eachItem)(c, v, (a: string, b: string) =>
        c.emit(`if (!isFinite(${sparse ? b : a})) ${bad} = true;`),
      );
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
        c.emit(
          `if (${x}.length == 0 || unchecked(${x}[0]).length == 0 || ${y}.length == 0 || unchecked(${y}[0]).length == 0) ${tooFew}`,
        );
        c.emit(`if (${RT.laAnyNonFinite}(${x}) || ${RT.laAnyNonFinite}(${y})) ${nonFinite}`);
        c.emit(
          `if (${RT.laRagged}(${x}) || ${RT.laRagged}(${y}) || unchecked(${x}[0]).length != ${y}.length) ${c.fail('misalignedMatrices')}`,
        );
        return c.temp(MAT, `${RT.laMultiply}(${x}, ${y})`);
      default: {
        const rows = c.temp('Array<i32>', `${x}.keys()`);
        const inner = c.temp('Array<i32>', `${RT.laUnionKeys}(${RT.laColKeys}(${x}), ${y}.keys())`);
        const cols = c.temp('Array<i32>', `${RT.laColKeys}(${y})`);
        c.emit(`if (${rows}.length == 0 || ${inner}.length == 0 || ${cols}.length == 0) ${tooFew}`);
        c.emit(`if (${RT.laAnyNonFiniteMap}(${x}) || ${RT.laAnyNonFiniteMap}(${y})) ${nonFinite}`);
        return c.temp(
          MMAT,
          `${RT.laToMapMat}(${RT.laMultiply}(${RT.laToDense}(${x}, ${rows}, ${inner}), ${RT.laToDense}(${y}, ${inner}, ${cols})), ${rows}, ${cols})`,
        );
      }
    }
  },
});
