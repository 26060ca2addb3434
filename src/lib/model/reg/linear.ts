/**
 * model.reg.linear and model.reg.linearVariance: applying a linear model and propagating its
 * covariance. In the map signatures a missing row/column entry counts as zero, and every key of
 * either operand takes part in the sums (so an infinite datum times a missing coefficient is NaN,
 * as in the reference engine).
 */
import { defineFunction } from '../../registry.js';
import { AvroType } from '../../../types/avro.js';
import { PfaRecord } from '../../../values.js';
import { RT } from '../../../backend/wasm/emit/names.js';

export type Vec = number[];
export type MapVec = Map<string, number>;

function keysOf(...maps: Map<string, unknown>[]): Set<string> {
  const out = new Set<string>();
  for (const m of maps) for (const k of m.keys()) out.add(k);
  return out;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** The longest datum of known length whose dot products the Wasm form writes out term by term. */
const MAX_UNROLLED = 16;

export const linear = defineFunction({
  name: 'model.reg.linear',
  sigs: [
    '(datum: array<double>, model: record M {coeff: array<double>, const: double}) -> double',
    '(datum: array<double>, model: record M {coeff: array<array<double>>, const: array<double>}) -> array<double>',
    '(datum: map<double>, model: record M {coeff: map<double>, const: double}) -> double',
    '(datum: map<double>, model: record M {coeff: map<map<double>>, const: map<double>}) -> map<double>',
  ],
  errors: { misalignedCoeff: 31000, misalignedConst: 31001 },
  // Array forms: the dot product summed left to right, then the constant, as the JS form adds.
  wasm: (c) => {
    const M = c.site.params[1] as import('../../../types/avro.js').AvroType;
    const [datum, model] = c.args;
    if (c.site.sig > 1) {
      // Maps: every key of either operand, in order of first appearance; a missing entry is 0.
      const getOr0 = (m: string, k: string) => `(${m}.has(${k}) ? ${m}.get(${k}) : 0.0)`;
      const sumOver = (keys: string, weight: (k: string) => string) => {
        const s = c.temp('f64', '0.0');
        const i = c.temp('i32', '0');
        c.block(`for (; ${i} < ${keys}.length; ${i}++)`, () => {
          c.emit(c.clock());
          const k = c.temp('i32', `unchecked(${keys}[${i}])`);
          c.emit(`${s} += ${getOr0(datum, k)} * ${weight(k)};`);
        });
        return s;
      };
      if (c.site.sig === 2) {
        const coeff = c.temp('CodeMap<f64>', c.field(M, model, 'coeff'));
        const keys = c.temp('Array<i32>', `${RT.laUnionKeys}(${datum}.keys(), ${coeff}.keys())`);
        return `(${sumOver(keys, (k) => getOr0(coeff, k))} + ${c.field(M, model, 'const')})`;
      }
      const coeff = c.temp('CodeMap<CodeMap<f64>>', c.field(M, model, 'coeff'));
      const cons = c.temp('CodeMap<f64>', c.field(M, model, 'const'));
      const inner = c.temp('Array<i32>', `${RT.laUnionKeys}(${datum}.keys(), ${RT.laColKeys}(${coeff}))`);
      const outer = c.temp('Array<i32>', `${RT.laUnionKeys}(${cons}.keys(), ${coeff}.keys())`);
      const out = c.temp('CodeMap<f64>', 'new CodeMap<f64>()');
      const j = c.temp('i32', '0');
      c.block(`for (; ${j} < ${outer}.length; ${j}++)`, () => {
        const o = c.temp('i32', `unchecked(${outer}[${j}])`);
        const s = sumOver(inner, (k) => `${RT.laGet}(${coeff}, ${o}, ${k})`);
        c.emit(`${out}.set(${o}, ${s} + ${getOr0(cons, o)});`);
      });
      return out;
    }
    // (a datum that is a view of a record's fields, AlpineNow's `vector`, is read in place)
    const items = c.viewOf?.(datum);
    const length = items ? items.length : `${datum}.length`;
    // (a row's length is checked against the datum's first; a datum of a length known when the
    // kernel is built, a record's fields, is summed unrolled, in the same order)
    const unrolled = /^\d+$/.test(length) && Number(length) <= MAX_UNROLLED ? Number(length) : null;
    const dotWith = (row: string) => {
      const s = c.temp('f64', '0.0');
      const xs = items ? items.items : datum;
      if (unrolled !== null) {
        const d = c.temp('usize', `${row}.dataStart`);
        for (let k = 0; k < unrolled; k++) c.emit(`${s} += load<f64>(${d}, ${8 * k}) * unchecked(${xs}[${k}]);`);
        return s;
      }
      const i = c.temp('i32', '0');
      c.emit(`for (; ${i} < ${row}.length; ${i}++) ${s} += unchecked(${row}[${i}]) * unchecked(${xs}[${i}]);`);
      return s;
    };
    if (c.site.sig === 0) {
      const coeff = c.temp('Array<f64>', c.field(M, model, 'coeff'));
      c.emit(`if (${coeff}.length != ${length}) ${c.fail('misalignedCoeff')}`);
      return `(${dotWith(coeff)} + ${c.field(M, model, 'const')})`;
    }
    const coeff = c.temp('Array<Array<f64>>', c.field(M, model, 'coeff'));
    const cons = c.temp('Array<f64>', c.field(M, model, 'const'));
    c.emit(`if (${cons}.length != ${coeff}.length) ${c.fail('misalignedConst')}`);
    const j = c.temp('i32', '0');
    c.emit(
      `for (; ${j} < ${coeff}.length; ${j}++) if (unchecked(${coeff}[${j}]).length != ${length}) ${c.fail('misalignedCoeff')}`,
    );
    const out = c.temp('Array<f64>', 'new Array<f64>(0)');
    const k = c.temp('i32', '0');
    c.block(`for (; ${k} < ${coeff}.length; ${k}++)`, () => {
      const row = c.temp('Array<f64>', `unchecked(${coeff}[${k}])`);
      c.emit(`${out}.push(${dotWith(row)} + unchecked(${cons}[${k}]));`);
    });
    return out;
  },
  js: (site) => {
    switch (site.sig) {
      case 0:
        return (datum: Vec, model: PfaRecord) => {
          const coeff = model.coeff as Vec;
          if (coeff.length !== datum.length) return site.fail('misalignedCoeff');
          return dot(coeff, datum) + (model.const as number);
        };
      case 1:
        return (datum: Vec, model: PfaRecord) => {
          const coeff = model.coeff as Vec[],
            cons = model.const as Vec;
          if (cons.length !== coeff.length) return site.fail('misalignedConst');
          if (coeff.some((row) => row.length !== datum.length)) return site.fail('misalignedCoeff');
          return coeff.map((row, j) => dot(row, datum) + cons[j]);
        };
      case 2:
        return (datum: MapVec, model: PfaRecord) => {
          const coeff = model.coeff as MapVec;
          let s = 0;
          for (const k of keysOf(datum, coeff)) s += (datum.get(k) ?? 0) * (coeff.get(k) ?? 0);
          return s + (model.const as number);
        };
      default:
        return (datum: MapVec, model: PfaRecord) => {
          const coeff = model.coeff as Map<string, MapVec>,
            cons = model.const as MapVec;
          const inner = keysOf(datum, ...coeff.values());
          const out: MapVec = new Map();
          for (const o of keysOf(cons, coeff)) {
            const row = coeff.get(o);
            let s = 0;
            for (const i of inner) s += (datum.get(i) ?? 0) * (row?.get(i) ?? 0);
            out.set(o, s + (cons.get(o) ?? 0));
          }
          return out;
        };
    }
  },
});

/** x^T C x, computed as x . (C x). */
function quadratic(x: readonly number[], c: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * dot(c[i], x);
  return s;
}

/** The datum as a map with the implicit constant under the empty key. */
function withConstant(datum: MapVec): MapVec {
  const x = new Map(datum);
  x.set('', 1);
  return x;
}

function denseCovariance(keys: readonly string[], covar: Map<string, MapVec>): number[][] {
  return keys.map((i) => keys.map((j) => covar.get(i)?.get(j) ?? 0));
}

export const linearVariance = defineFunction({
  name: 'model.reg.linearVariance',
  sigs: [
    '(datum: array<double>, model: record M {covar: array<array<double>>}) -> double',
    '(datum: array<double>, model: record M {covar: array<array<array<double>>>}) -> array<double>',
    '(datum: map<double>, model: record M {covar: map<map<double>>}) -> double',
    '(datum: map<double>, model: record M {covar: map<map<map<double>>>}) -> map<double>',
  ],
  errors: { misalignedCovariance: 31010 },
  js: (site) => {
    const checked = (x: Vec, c: Vec[]) => {
      if (c.length !== x.length || c.some((row) => row.length !== x.length)) return site.fail('misalignedCovariance');
      return quadratic(x, c);
    };
    switch (site.sig) {
      case 0:
        return (datum: Vec, model: PfaRecord) => checked([...datum, 1], model.covar as Vec[]);
      case 1:
        return (datum: Vec, model: PfaRecord) => {
          const x = [...datum, 1];
          return (model.covar as Vec[][]).map((c) => checked(x, c));
        };
      case 2:
        return (datum: MapVec, model: PfaRecord) => {
          const covar = model.covar as Map<string, MapVec>;
          const d = withConstant(datum);
          const keys = [...keysOf(d, ...covar.values())];
          return quadratic(
            keys.map((k) => d.get(k) ?? 0),
            denseCovariance(keys, covar),
          );
        };
      default:
        return (datum: MapVec, model: PfaRecord) => {
          const covars = model.covar as Map<string, Map<string, MapVec>>;
          const d = withConstant(datum);
          const all = [d];
          for (const c of covars.values()) all.push(...c.values());
          const keys = [...keysOf(...all)];
          const x = keys.map((k) => d.get(k) ?? 0);
          const out: MapVec = new Map();
          for (const [dep, c] of covars) out.set(dep, quadratic(x, denseCovariance(keys, c)));
          return out;
        };
    }
  }, // Array forms: x = datum with a trailing 1, then quadratic(x, covar) as x . (C x), each dot from 0.
  wasm: (c) => {
    const [datum, model] = c.args;
    const M = c.site.params[1] as AvroType;
    if (c.site.sig > 1) {
      // withConstant: a copy of the datum with 1 under the empty key; the keys are the datum's
      // then every covariance row's, in order of first appearance; quadratic on the dense form.
      const d = c.temp('CodeMap<f64>', 'new CodeMap<f64>()');
      const dk = c.temp('Array<i32>', `${datum}.keys()`);
      const i = c.temp('i32', '0');
      c.emit(
        `for (; ${i} < ${dk}.length; ${i}++) ${d}.set(unchecked(${dk}[${i}]), ${datum}.get(unchecked(${dk}[${i}])));`,
      );
      c.emit(`${d}.set(${c.str('')}, 1.0);`);
      const quadratic = (x: string, cov: string) => {
        const s = c.temp('f64', '0.0');
        const j = c.temp('i32', '0');
        c.block(`for (; ${j} < ${x}.length; ${j}++)`, () => {
          c.emit(c.clock());
          const row = c.temp('Array<f64>', `unchecked(${cov}[${j}])`);
          const t = c.temp('f64', '0.0');
          const k = c.temp('i32', '0');
          c.emit(`for (; ${k} < ${row}.length; ${k}++) ${t} += unchecked(${row}[${k}]) * unchecked(${x}[${k}]);`);
          c.emit(`${s} += unchecked(${x}[${j}]) * ${t};`);
        });
        return s;
      };
      const MM = 'CodeMap<CodeMap<f64>>';
      const keys = c.temp('Array<i32>', `${d}.keys()`);
      const covars = c.site.sig === 2 ? '' : c.temp(`CodeMap<${MM}>`, c.field(M, model, 'covar'));
      const cvs = c.site.sig === 2 ? '' : c.temp(`Array<${MM}>`, `${covars}.values()`);
      if (c.site.sig === 2)
        c.emit(`${keys} = ${RT.laUnionKeys}(${keys}, ${RT.laColKeys}(${c.field(M, model, 'covar')}));`);
      else {
        const n = c.temp('i32', '0');
        c.emit(
          `for (; ${n} < ${cvs}.length; ${n}++) ${keys} = ${RT.laUnionKeys}(${keys}, ${RT.laColKeys}(unchecked(${cvs}[${n}])));`,
        );
      }
      const x = c.temp('Array<f64>', 'new Array<f64>(0)');
      const m = c.temp('i32', '0');
      c.emit(
        `for (; ${m} < ${keys}.length; ${m}++) { const k = unchecked(${keys}[${m}]); ${x}.push(${d}.has(k) ? ${d}.get(k) : 0.0); }`,
      );
      if (c.site.sig === 2)
        return quadratic(
          x,
          c.temp('Array<Array<f64>>', `${RT.laToDense}(${c.field(M, model, 'covar')}, ${keys}, ${keys})`),
        );
      const deps = c.temp('Array<i32>', `${covars}.keys()`);
      const out = c.temp('CodeMap<f64>', 'new CodeMap<f64>()');
      const q = c.temp('i32', '0');
      c.block(`for (; ${q} < ${deps}.length; ${q}++)`, () => {
        const dense = c.temp(
          'Array<Array<f64>>',
          `${RT.laToDense}(${covars}.get(unchecked(${deps}[${q}])), ${keys}, ${keys})`,
        );
        c.emit(`${out}.set(unchecked(${deps}[${q}]), ${quadratic(x, dense)});`);
      });
      return out;
    }
    const x = c.temp('Array<f64>', `${datum}.slice()`);
    c.emit(`${x}.push(1.0);`);
    const checked = (cov: string) => {
      const bad = c.temp('bool', `${cov}.length != ${x}.length`);
      const i = c.temp('i32', '0');
      c.emit(`for (; ${i} < ${cov}.length; ${i}++) if (unchecked(${cov}[${i}]).length != ${x}.length) ${bad} = true;`);
      c.emit(`if (${bad}) ${c.fail('misalignedCovariance')}`);
      const s = c.temp('f64', '0.0');
      const j = c.temp('i32', '0');
      c.block(`for (; ${j} < ${x}.length; ${j}++)`, () => {
        c.emit(c.clock());
        const row = c.temp('Array<f64>', `unchecked(${cov}[${j}])`);
        const d = c.temp('f64', '0.0');
        const k = c.temp('i32', '0');
        c.emit(`for (; ${k} < ${row}.length; ${k}++) ${d} += unchecked(${row}[${k}]) * unchecked(${x}[${k}]);`);
        c.emit(`${s} += unchecked(${x}[${j}]) * ${d};`);
      });
      return s;
    };
    if (c.site.sig === 0) return checked(c.temp('Array<Array<f64>>', c.field(M, model, 'covar')));
    const covars = c.temp('Array<Array<Array<f64>>>', c.field(M, model, 'covar'));
    const out = c.temp('Array<f64>', 'new Array<f64>(0)');
    const n = c.temp('i32', '0');
    c.block(`for (; ${n} < ${covars}.length; ${n}++)`, () => {
      c.emit(`${out}.push(${checked(c.temp('Array<Array<f64>>', `unchecked(${covars}[${n}])`))});`);
    });
    return out;
  },
});
