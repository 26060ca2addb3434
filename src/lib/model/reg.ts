/**
 * The `model.reg` namespace (spec sec. "Regression"): applying linear models, propagating their
 * covariances, Gaussian Process prediction, and six functions deprecated in PFA 0.7.2 (moved to
 * stat.test) that are still part of the library.
 *
 * In the map signatures a missing row/column entry counts as zero, and every key of either
 * operand takes part in the sums (so an infinite datum times a missing coefficient is NaN, as in
 * the reference engine).
 */
import { CallSite, WasmCall, defineFunction, defineNamespace } from '../registry.js';
import { eachEntry, eachItem } from '../util/wasm.js';
import { AvroType } from '../../types/avro.js';
import { PfaRecord } from '../../values.js';
import { chi2ProbForms, chi2Update, mahalanobis as statMahalanobis } from '../stat/test.js';
import { DEFAULT_NUGGET, Kernel, krige, standardise } from '../util/gaussianProcess.js';
import { gaussianProcessWasm } from '../util/gaussianProcessWasm.js';
import { hasField, isDouble, isDoubleArray } from '../stat/sample/state.js';
import { RT } from '../../backend/wasm/emit/names.js';

type Vec = number[];
type MapVec = Map<string, number>;

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

const linear = defineFunction({
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
    const M = c.site.params[1] as import('../../types/avro.js').AvroType;
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
    const dotWith = (row: string) => {
      const s = c.temp('f64', '0.0');
      const i = c.temp('i32', '0');
      c.emit(`for (; ${i} < ${row}.length; ${i}++) ${s} += unchecked(${row}[${i}]) * unchecked(${datum}[${i}]);`);
      return s;
    };
    if (c.site.sig === 0) {
      const coeff = c.temp('Array<f64>', c.field(M, model, 'coeff'));
      c.emit(`if (${coeff}.length != ${datum}.length) ${c.fail('misalignedCoeff')}`);
      return `(${dotWith(coeff)} + ${c.field(M, model, 'const')})`;
    }
    const coeff = c.temp('Array<Array<f64>>', c.field(M, model, 'coeff'));
    const cons = c.temp('Array<f64>', c.field(M, model, 'const'));
    c.emit(`if (${cons}.length != ${coeff}.length) ${c.fail('misalignedConst')}`);
    const j = c.temp('i32', '0');
    c.emit(
      `for (; ${j} < ${coeff}.length; ${j}++) if (unchecked(${coeff}[${j}]).length != ${datum}.length) ${c.fail('misalignedCoeff')}`,
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

const linearVariance = defineFunction({
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

const GP_ERRORS = {
  tableMustHaveAtLeast1Entry: 31080,
  xMustHaveAtLeast1Feature: 31081,
  tableMustHaveTheSameNumberOfFeaturesAsX: 31082,
  tableOutputsMustHaveAtLeast1Dimension: 31083,
  tableOutputsMustAllHaveTheSameNumberOfDimensions: 31084,
  xIsNotFinite: 31085,
  tableValueIsNotFinite: 31086,
  krigingWeightIsNotFinite: 31087,
  matrixOfKernelResultsIsNotPositiveDefinite: 31088,
};

const gaussianProcess = defineFunction({
  name: 'model.reg.gaussianProcess',
  sigs: [
    '(x: double, table: array<record R {x: double, to: double}>, krigingWeight: union<null, double>, kernel: fcn(array<double>, array<double>) -> double) -> double',
    '(x: double, table: array<record R {x: double, to: array<double>}>, krigingWeight: union<null, double>, kernel: fcn(array<double>, array<double>) -> double) -> array<double>',
    '(x: array<double>, table: array<record R {x: array<double>, to: double}>, krigingWeight: union<null, double>, kernel: fcn(array<double>, array<double>) -> double) -> double',
    '(x: array<double>, table: array<record R {x: array<double>, to: array<double>}>, krigingWeight: union<null, double>, kernel: fcn(array<double>, array<double>) -> double) -> array<double>',
  ],
  errors: GP_ERRORS,
  nondeterministic: 'unstable',
  js: (site) => gaussianProcessImpl(site),
  wasm: (c) => {
    hasSigma(c.site);
    return gaussianProcessWasm(c, (name) => c.fail(name, gpMessage(name)));
  },
});

/**
 * Whether the table's records have the optional field "sigma", which the spec says "must have the
 * same type as to": another type is a semantic error when the call is compiled, on both backends.
 */
function hasSigma(site: Pick<CallSite, 'params' | 'sig'>): boolean {
  const vectorTo = site.sig % 2 === 1;
  const table = site.params[1] as AvroType;
  const R = table.kind === 'array' ? table.items : table;
  const what = `${vectorTo ? 'an array of double' : 'a double'}, the type of "to"`;
  return hasField('model.reg.gaussianProcess', R, 'sigma', vectorTo ? isDoubleArray : isDouble, what);
}

/** The spec's messages contain digits ("at least 1 entry"), which errorMessage() cannot restore. */
function gpMessage(name: string): string {
  return name.replace(/[A-Z0-9]/g, (c) => ` ${c.toLowerCase()}`);
}

function gaussianProcessImpl(site: CallSite<typeof GP_ERRORS>) {
  const vectorX = site.sig >= 2;
  const vectorTo = site.sig % 2 === 1;
  const withSigma = hasSigma(site);
  const fail = (name: keyof typeof GP_ERRORS) => site.fail(name, gpMessage(name));
  const notFinite = (v: number) => !Number.isFinite(v);
  return (x: number | Vec, rows: PfaRecord[], krigingWeight: number | null, kernel: Kernel) => {
    if (rows.length < 1) return fail('tableMustHaveAtLeast1Entry');
    const at = vectorX ? (x as Vec) : [x as number];
    if (vectorX) {
      if (at.length < 1) return fail('xMustHaveAtLeast1Feature');
      if (rows.some((r) => (r.x as Vec).length !== at.length)) return fail('tableMustHaveTheSameNumberOfFeaturesAsX');
    }
    let nOut = 0;
    if (vectorTo) {
      nOut = (rows[0].to as Vec).length;
      if (nOut < 1) return fail('tableOutputsMustHaveAtLeast1Dimension');
      if (rows.some((r) => (r.to as Vec).length !== nOut))
        return fail('tableOutputsMustAllHaveTheSameNumberOfDimensions');
    }
    if (at.some(notFinite)) return fail('xIsNotFinite');
    if (rows.some((r) => (vectorTo ? (r.to as Vec).some(notFinite) : notFinite(r.to as number))))
      return fail('tableValueIsNotFinite');
    if (rows.some((r) => (vectorX ? (r.x as Vec).some(notFinite) : notFinite(r.x as number))))
      return fail('tableValueIsNotFinite');
    if (krigingWeight !== null && notFinite(krigingWeight)) return fail('krigingWeightIsNotFinite');

    const features = standardise(rows.map((r) => (vectorX ? (r.x as Vec) : [r.x as number])));
    const one = (output: (r: PfaRecord) => number, sigma: (r: PfaRecord) => number) => {
      const y = rows.map(output);
      const nugget = withSigma ? rows.map((r, i) => (y[i] !== 0 ? (sigma(r) / y[i]) ** 2 : Infinity)) : DEFAULT_NUGGET;
      const v = krige(features, y, nugget, krigingWeight, kernel, at);
      return v === undefined ? fail('matrixOfKernelResultsIsNotPositiveDefinite') : v;
    };
    if (!vectorTo)
      return one(
        (r) => r.to as number,
        (r) => r.sigma as number,
      );
    const out: Vec = [];
    for (let i = 0; i < nOut; i++)
      out.push(
        one(
          (r) => (r.to as Vec)[i],
          (r) => (r.sigma as Vec)[i],
        ),
      );
    return out;
  };
}

// ---- deprecated in 0.7.2 (their replacements live in stat.test) ----

const DEPRECATED3 = { 0: '0.7.2', 1: '0.7.2', 2: '0.7.2' };

/** Element-wise combination of aligned arrays or maps; `misaligned(i)` names the failing operand. */
function alignedArrays(arrays: Vec[], misaligned: (i: number) => never, f: (xs: number[]) => number): Vec {
  const n = arrays[0].length;
  for (let i = 1; i < arrays.length; i++) if (arrays[i].length !== n) misaligned(i);
  const out: Vec = [];
  for (let j = 0; j < n; j++) out.push(f(arrays.map((a) => a[j])));
  return out;
}

/**
 * alignedArrays and alignedMaps in AS: the same checks in the same order (every operand's length
 * or size first, then each key of the first map in each other map), `f` given the operands' items.
 */
function alignedWasm(c: WasmCall, misaligned: readonly string[], f: (xs: readonly string[]) => string): string {
  const [first, ...others] = c.args;
  if (c.site.sig === 0) return c.temp('f64', f(c.args));
  const sparse = c.site.sig === 2;
  const size = sparse ? 'size' : 'length';
  others.forEach((x, i) => {
    c.emit(`if (${x}.${size} != ${first}.${size}) ${c.fail(misaligned[i])}`);
  });
  const T = sparse ? 'CodeMap<f64>' : 'Array<f64>';
  const out = c.temp(T, sparse ? `new ${T}()` : `new ${T}(0)`);
  if (!sparse) {
    eachItem(c, first, (v, i) => c.emit(`${out}.push(${f([v, ...others.map((x) => `unchecked(${x}[${i}])`)])});`));
    return out;
  }
  eachEntry(c, first, (k, v) => {
    others.forEach((x, i) => {
      c.emit(`if (!${x}.has(${k})) ${c.fail(misaligned[i])}`);
    });
    c.emit(`${out}.set(${k}, ${f([v, ...others.map((x) => `${x}.get(${k})`)])});`);
  });
  return out;
}

function alignedMaps(maps: MapVec[], misaligned: (i: number) => never, f: (xs: number[]) => number): MapVec {
  const first = maps[0];
  for (let i = 1; i < maps.length; i++) if (maps[i].size !== first.size) misaligned(i);
  const out: MapVec = new Map();
  for (const k of first.keys()) {
    const xs = maps.map((m, i) => {
      const v = m.get(k);
      return v === undefined ? misaligned(i) : v;
    });
    out.set(k, f(xs));
  }
  return out;
}

const residual = defineFunction({
  name: 'model.reg.residual',
  sigs: [
    '(observation: double, prediciton: double) -> double',
    '(observation: array<double>, prediciton: array<double>) -> array<double>',
    '(observation: map<double>, prediciton: map<double>) -> map<double>',
  ],
  errors: { misalignedPrediction: 31020 },
  deprecated: DEPRECATED3,
  js: (site) => {
    const f = ([o, p]: number[]) => o - p;
    const misaligned = () => site.fail('misalignedPrediction');
    switch (site.sig) {
      case 0:
        return (o: number, p: number) => o - p;
      case 1:
        return (o: Vec, p: Vec) => alignedArrays([o, p], misaligned, f);
      default:
        return (o: MapVec, p: MapVec) => alignedMaps([o, p], misaligned, f);
    }
  },
  wasm: (c) => alignedWasm(c, ['misalignedPrediction'], ([o, p]) => `${o} - ${p}`),
});

const pull = defineFunction({
  name: 'model.reg.pull',
  sigs: [
    '(observation: double, prediciton: double, uncertainty: double) -> double',
    '(observation: array<double>, prediciton: array<double>, uncertainty: array<double>) -> array<double>',
    '(observation: map<double>, prediciton: map<double>, uncertainty: map<double>) -> map<double>',
  ],
  errors: { misalignedPrediction: 31030, misalignedUncertainty: 31031 },
  deprecated: DEPRECATED3,
  js: (site) => {
    const f = ([o, p, u]: number[]) => (o - p) / u;
    const misaligned = (i: number) => site.fail(i === 1 ? 'misalignedPrediction' : 'misalignedUncertainty');
    switch (site.sig) {
      case 0:
        return (o: number, p: number, u: number) => (o - p) / u;
      case 1:
        return (o: Vec, p: Vec, u: Vec) => alignedArrays([o, p, u], misaligned, f);
      default:
        return (o: MapVec, p: MapVec, u: MapVec) => alignedMaps([o, p, u], misaligned, f);
    }
  },
  wasm: (c) => alignedWasm(c, ['misalignedPrediction', 'misalignedUncertainty'], ([o, p, u]) => `(${o} - ${p}) / ${u}`),
});

const mahalanobis = defineFunction({
  name: 'model.reg.mahalanobis',
  sigs: [
    '(observation: array<double>, prediction: array<double>, covariance: array<array<double>>) -> double',
    '(observation: map<double>, prediction: map<double>, covariance: map<map<double>>) -> double',
  ],
  errors: { tooFewRowsCols: 31040, misalignedPrediction: 31041, misalignedCovariance: 31042 },
  deprecated: { 0: '0.7.2', 1: '0.7.2' },
  // The checks, their order and sqrt(d . C^-1 d) are stat.test.mahalanobis's, which replaces it.
  js: statMahalanobis.js,
  wasm: statMahalanobis.wasm,
});

const updateChi2 = defineFunction({
  name: 'model.reg.updateChi2',
  sigs: [
    '(pull: double, state: record A {chi2: double, DOF: int}) -> A',
    '(pull: array<double>, state: record A {chi2: double, DOF: int}) -> A',
    '(pull: map<double>, state: record A {chi2: double, DOF: int}) -> A',
  ],
  deprecated: DEPRECATED3,
  ...chi2Update('model.reg.updateChi2', 'DOF'),
});

const reducedChi2 = defineFunction({
  name: 'model.reg.reducedChi2',
  sigs: ['(state: record A {chi2: double, DOF: int}) -> double'],
  deprecated: { 0: '0.7.2' },
  js: () => (state: PfaRecord) => (state.chi2 as number) / (state.DOF as number),
  wasm: (c) => {
    const A = c.site.params[0] as AvroType;
    return `(${c.field(A, c.args[0], 'chi2')} / <f64>${c.field(A, c.args[0], 'DOF')})`;
  },
});

const chi2Prob = defineFunction({
  name: 'model.reg.chi2Prob',
  sigs: ['(state: record A {chi2: double, DOF: int}) -> double'],
  errors: { invalidParameterization: 31070 },
  deprecated: { 0: '0.7.2' },
  // stat.test.chi2Prob's forms: at DOF 0 the CDF at 0 (and at NaN) is 0, as the suite fixes for
  // the replacement (this copy had said 1 at 0 and NaN at NaN).
  ...chi2ProbForms('DOF'),
});

export default defineNamespace('model.reg', [
  linear,
  linearVariance,
  gaussianProcess,
  residual,
  pull,
  mahalanobis,
  updateChi2,
  reducedChi2,
  chi2Prob,
]);
