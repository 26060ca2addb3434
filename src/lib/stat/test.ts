/**
 * The `stat.test` namespace: comparing observations with predictions (residuals, pulls,
 * Mahalanobis distance), chi-square bookkeeping and the two-sample Kolmogorov-Smirnov test.
 */
import { CallSite, WasmCall, defineFunction, defineNamespace } from '../registry.js';
import { AvroType } from '../../types/avro.js';
import { eachEntry, eachItem } from '../util/wasm.js';
import { PfaRecord } from '../../values.js';
import { divide } from '../util/division.js';
import { solve } from '../util/linalg.js';
import { chiSquareCdf } from '../util/chiSquare.js';
import { updateRecord } from '../util/record.js';
import { wasmUpdate } from './sample/state.js';
import { INT_MAX } from '../util/numeric.js';
import { PfaError } from '../../errors/PfaError.js';
import { RT } from '../../backend/wasm/emit/names.js';
import * as fdlibm from '../util/fdlibm/index.js';

type MapVec = Map<string, number>;

/**
 * Asymptotic Kolmogorov distribution, CDF(z) = sqrt(2 pi)/z * sum_{v>=1} exp(-(2v-1)^2 pi^2 / (8 z^2)),
 * truncated at 149 terms as in the reference engine.
 */
function kolmogorovCdf(z: number): number {
  const l = Math.sqrt(2 * Math.PI) * (1 / z);
  let sum = 0;
  for (let v = 1; v < 150; v++) sum += fdlibm.exp(-((2 * v - 1) ** 2) * (Math.PI ** 2 / (8 * z ** 2)));
  return l * sum;
}

const kolmogorov = defineFunction({
  name: 'stat.test.kolmogorov',
  sigs: ['(x: array<double>, y: array<double>) -> double'],
  js: () => (xs: number[], ys: number[]) => {
    const x = xs.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const y = ys.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const n1 = x.length,
      n2 = y.length;
    if (n1 === n2 && x.every((v, i) => v === y[i])) return 1;
    if (n1 === 0 || n2 === 0) return 0;
    // Largest distance between the two empirical CDFs (Numerical Recipes 14.3, kstwo).
    let j1 = 0,
      j2 = 0,
      fn1 = 0,
      fn2 = 0,
      d = 0;
    while (j1 < n1 && j2 < n2) {
      const d1 = x[j1],
        d2 = y[j2];
      if (d1 <= d2) {
        j1++;
        fn1 = j1 / n1;
      }
      if (d2 <= d1) {
        j2++;
        fn2 = j2 / n2;
      }
      const dt = Math.abs(fn2 - fn1);
      if (dt > d) d = dt;
    }
    const en = Math.sqrt((n1 * n2) / (n1 + n2));
    return 1 - kolmogorovCdf((en + 0.12 + 0.11 / en) * d);
  },
  // Sorted ascending without NaNs: the order of -0 and 0 (ties for a - b) changes no comparison below.
  wasm: (c) => {
    const sorted = (a: string) => {
      const out = c.temp('Array<f64>', 'new Array<f64>(0)');
      eachItem(c, a, (v) => c.emit(`if (!isNaN(${v})) ${out}.push(${v});`));
      c.emit(`${out}.sort((a: f64, b: f64): i32 => <i32>(a > b) - <i32>(a < b));`);
      return out;
    };
    const x = sorted(c.args[0]),
      y = sorted(c.args[1]);
    const n1 = c.temp('f64', `<f64>${x}.length`),
      n2 = c.temp('f64', `<f64>${y}.length`);
    const out = c.temp('f64', '0.0');
    const same = c.temp('bool', `${x}.length == ${y}.length`);
    const i = c.temp('i32', '0');
    c.emit(
      `if (${same}) for (; ${i} < ${x}.length; ${i}++) if (unchecked(${x}[${i}]) != unchecked(${y}[${i}])) { ${same} = false; break; }`,
    );
    c.block(`if (${same}) ${out} = 1.0; else if (${n1} == 0 || ${n2} == 0) ${out} = 0.0; else`, () => {
      const j1 = c.temp('i32', '0'),
        j2 = c.temp('i32', '0');
      const fn1 = c.temp('f64', '0.0'),
        fn2 = c.temp('f64', '0.0'),
        d = c.temp('f64', '0.0');
      c.block(`while (${j1} < ${x}.length && ${j2} < ${y}.length)`, () => {
        c.emit(c.clock());
        const d1 = c.temp('f64', `unchecked(${x}[${j1}])`),
          d2 = c.temp('f64', `unchecked(${y}[${j2}])`);
        c.emit(`if (${d1} <= ${d2}) { ${j1}++; ${fn1} = <f64>${j1} / ${n1}; }`);
        c.emit(`if (${d2} <= ${d1}) { ${j2}++; ${fn2} = <f64>${j2} / ${n2}; }`);
        const dt = c.temp('f64', `Math.abs(${fn2} - ${fn1})`);
        c.emit(`if (${dt} > ${d}) ${d} = ${dt};`);
      });
      const en = c.temp('f64', `Math.sqrt((${n1} * ${n2}) / (${n1} + ${n2}))`);
      // kolmogorovCdf: 149 terms, the same operations (Math.pow is FdlibmMath.pow; the JS form's `** 2` is exact as it is).
      const z = c.temp('f64', `(${en} + 0.12 + 0.11 / ${en}) * ${d}`);
      const l = c.temp('f64', `Math.sqrt(2.0 * ${c.f64(Math.PI)}) * (1.0 / ${z})`);
      const sum = c.temp('f64', '0.0');
      const v = c.temp('i32', '1');
      c.emit(
        `for (; ${v} < 150; ${v}++) ${sum} += Math.exp(-Math.pow(<f64>(2 * ${v} - 1), 2.0) * (Math.pow(${c.f64(Math.PI)}, 2.0) / (8.0 * Math.pow(${z}, 2.0))));`,
      );
      c.emit(`${out} = 1.0 - ${l} * ${sum};`);
    });
    return out;
  },
});

/** sameKeys in AS: a bool expression over two maps (pure arguments). */
function wasmSameKeys(c: WasmCall, a: string, b: string): string {
  const same = c.temp('bool', `${a}.size == ${b}.size`);
  c.if_(same, () => {
    eachEntry(c, a, (k) => c.emit(`if (!${b}.has(${k})) { ${same} = false; break; }`));
  });
  return same;
}

/** Elementwise f over the observation (array or map), other operands looked up by index or key. */
function wasmEach(
  c: WasmCall,
  sparse: boolean,
  o: string,
  f: (v: string, at: (other: string) => string) => string,
): string {
  const T = sparse ? 'CodeMap<f64>' : 'Array<f64>';
  const out = c.temp(T, sparse ? `new ${T}()` : `new ${T}(0)`);
  if (sparse) eachEntry(c, o, (k, v) => c.emit(`${out}.set(${k}, ${f(v, (p) => `${p}.get(${k})`)});`));
  else eachItem(c, o, (v, i) => c.emit(`${out}.push(${f(v, (p) => `unchecked(${p}[${i}])`)});`));
  return out;
}

function sameKeys(a: MapVec, b: MapVec): boolean {
  if (a.size !== b.size) return false;
  for (const k of a.keys()) if (!b.has(k)) return false;
  return true;
}

const residual = defineFunction({
  name: 'stat.test.residual',
  sigs: [
    '(observation: double, prediciton: double) -> double',
    '(observation: array<double>, prediciton: array<double>) -> array<double>',
    '(observation: map<double>, prediciton: map<double>) -> map<double>',
  ],
  errors: { misalignedPrediction: 38010 },
  js: (site) => {
    switch (site.sig) {
      case 0:
        return (o: number, p: number) => o - p;
      case 1:
        return (o: number[], p: number[]) => {
          if (o.length !== p.length) site.fail('misalignedPrediction');
          return o.map((v, i) => v - p[i]);
        };
      default:
        return (o: MapVec, p: MapVec) => {
          if (!sameKeys(o, p)) site.fail('misalignedPrediction');
          return new Map([...o].map(([k, v]) => [k, v - p.get(k)!]));
        };
    }
  },
  wasm: (c) => {
    const [o, p] = c.args;
    if (c.site.sig === 0) return `(${o} - ${p})`;
    if (c.site.sig === 1) c.emit(`if (${o}.length != ${p}.length) ${c.fail('misalignedPrediction')}`);
    else c.emit(`if (!${wasmSameKeys(c, o, p)}) ${c.fail('misalignedPrediction')}`);
    return wasmEach(c, c.site.sig === 2, o, (v, at) => `${v} - ${at(p)}`);
  },
});

const pull = defineFunction({
  name: 'stat.test.pull',
  sigs: [
    '(observation: double, prediciton: double, uncertainty: double) -> double',
    '(observation: array<double>, prediciton: array<double>, uncertainty: array<double>) -> array<double>',
    '(observation: map<double>, prediciton: map<double>, uncertainty: map<double>) -> map<double>',
  ],
  errors: { misalignedPrediction: 38020, misalignedUncertainty: 38021 },
  js: (site) => {
    switch (site.sig) {
      case 0:
        return (o: number, p: number, u: number) => divide(o - p, u);
      case 1:
        return (o: number[], p: number[], u: number[]) => {
          if (o.length !== p.length) site.fail('misalignedPrediction');
          if (o.length !== u.length) site.fail('misalignedUncertainty');
          return o.map((v, i) => divide(v - p[i], u[i]));
        };
      default:
        return (o: MapVec, p: MapVec, u: MapVec) => {
          if (!sameKeys(o, p)) site.fail('misalignedPrediction');
          if (!sameKeys(o, u)) site.fail('misalignedUncertainty');
          return new Map([...o].map(([k, v]) => [k, divide(v - p.get(k)!, u.get(k)!)]));
        };
    }
  },
  wasm: (c) => {
    const [o, p, u] = c.args;
    if (c.site.sig === 0) return `${RT.divide}(${o} - ${p}, ${u})`;
    if (c.site.sig === 1) {
      c.emit(`if (${o}.length != ${p}.length) ${c.fail('misalignedPrediction')}`);
      c.emit(`if (${o}.length != ${u}.length) ${c.fail('misalignedUncertainty')}`);
    } else {
      c.emit(`if (!${wasmSameKeys(c, o, p)}) ${c.fail('misalignedPrediction')}`);
      c.emit(`if (!${wasmSameKeys(c, o, u)}) ${c.fail('misalignedUncertainty')}`);
    }
    return wasmEach(c, c.site.sig === 2, o, (v, at) => `${RT.divide}(${v} - ${at(p)}, ${at(u)})`);
  },
});

/** sqrt(d^T C^-1 d), with C^-1 d from an LU solve; a negative quadratic form gives NaN. */
function mahalanobisOf(d: number[], c: number[][]): number {
  const z = solve(c, d);
  let q = 0;
  for (let i = 0; i < d.length; i++) q += z[i] * d[i];
  return q < 0 ? NaN : Math.sqrt(q);
}

/** (model.reg.mahalanobis, deprecated, has the same forms.) */
export const mahalanobis = defineFunction({
  name: 'stat.test.mahalanobis',
  sigs: [
    '(observation: array<double>, prediction: array<double>, covariance: array<array<double>>) -> double',
    '(observation: map<double>, prediction: map<double>, covariance: map<map<double>>) -> double',
  ],
  errors: { tooFewRowsCols: 38030, misalignedPrediction: 38031, misalignedCovariance: 38032 },
  js: (site) =>
    site.sig === 0
      ? (o: number[], p: number[], c: number[][]) => {
          const n = o.length;
          if (n < 1) site.fail('tooFewRowsCols', 'too few rows/cols');
          if (p.length !== n) site.fail('misalignedPrediction');
          if (c.length !== n || c.some((row) => row.length !== n)) site.fail('misalignedCovariance');
          return mahalanobisOf(
            o.map((v, i) => v - p[i]),
            c,
          );
        }
      : (o: MapVec, p: MapVec, c: Map<string, MapVec>) => {
          if (o.size < 1) site.fail('tooFewRowsCols', 'too few rows/cols');
          if (!sameKeys(o, p)) site.fail('misalignedPrediction');
          // The observation's keys index everything; the covariance may have more, never fewer.
          const keys = [...o.keys()];
          const m = keys.map((i) =>
            keys.map((j) => {
              const v = c.get(i)?.get(j);
              return v === undefined ? site.fail('misalignedCovariance') : v;
            }),
          );
          return mahalanobisOf(
            keys.map((k) => o.get(k)! - p.get(k)!),
            m,
          );
        }, // mahalanobisOf: z = C^-1 d by the LU solve of assembly/lib/util/linalg.ts, then d . z from 0.
  wasm: (c) => {
    const [o, p, cov] = c.args;
    const tooFew = c.fail('tooFewRowsCols', 'too few rows/cols');
    const badCov = c.fail('misalignedCovariance');
    const d = c.temp('Array<f64>', 'new Array<f64>(0)');
    let m: string;
    if (c.site.sig === 0) {
      const n = c.temp('i32', `${o}.length`);
      c.emit(`if (${n} < 1) ${tooFew}`);
      c.emit(`if (${p}.length != ${n}) ${c.fail('misalignedPrediction')}`);
      c.emit(`if (${cov}.length != ${n}) ${badCov}`);
      eachItem(c, cov, (row) => c.emit(`if (${row}.length != ${n}) ${badCov}`));
      eachItem(c, o, (v, i) => c.emit(`${d}.push(${v} - unchecked(${p}[${i}]));`));
      m = cov;
    } else {
      c.emit(`if (${o}.size < 1) ${tooFew}`);
      c.emit(`if (!${wasmSameKeys(c, o, p)}) ${c.fail('misalignedPrediction')}`);
      const keys = c.temp('Array<i32>', `${o}.keys()`);
      m = c.temp('Array<Array<f64>>', 'new Array<Array<f64>>(0)');
      eachItem(c, keys, (ki) => {
        const i = c.temp('i32', ki);
        const row = c.temp('Array<f64>', 'new Array<f64>(0)');
        eachItem(c, keys, (kj) => {
          const j = c.temp('i32', kj);
          c.emit(`if (!${cov}.has(${i}) || !${cov}.get(${i}).has(${j})) ${badCov}`);
          c.emit(`${row}.push(${cov}.get(${i}).get(${j}));`);
        });
        c.emit(`${m}.push(${row});`);
      });
      eachItem(c, keys, (k) => {
        const kk = c.temp('i32', k);
        c.emit(`${d}.push(${o}.get(${kk}) - ${p}.get(${kk}));`);
      });
    }
    const z = c.temp('Array<f64>', `${RT.laSolve}(${m}, ${d})`);
    const q = c.temp('f64', '0.0');
    eachItem(c, d, (v, i) => c.emit(`${q} += unchecked(${z}[${i}]) * ${v};`));
    return `(${q} < 0 ? NaN : Math.sqrt(${q}))`;
  },
});

/**
 * The forms of stat.test.updateChi2 and of its deprecated twin model.reg.updateChi2 (whose
 * degrees of freedom are named `DOF`): every call adds the pull's squares (v * v, summed from 0 in
 * order) to chi2 and one degree of freedom, whatever the number of components in the pull. The
 * count is an int and the spec lists no error code for its overflow: an uncoded "int overflow"
 * (without the check the deprecated form returned 2^31, which no int can hold).
 */
export function chi2Update(fcn: string, dofField: 'dof' | 'DOF') {
  return {
    js: (site: CallSite) => {
      const sumSquares = (xs: Iterable<number>) => {
        let s = 0;
        for (const v of xs) s += v * v;
        return s;
      };
      const next = (state: PfaRecord, add: number) => {
        const dof = (state[dofField] as number) + 1;
        if (dof > INT_MAX) throw new PfaError('runtime', 'int overflow', { fcn });
        return updateRecord(state, { chi2: (state.chi2 as number) + add, [dofField]: dof });
      };
      switch (site.sig) {
        case 0:
          return (x: number, state: PfaRecord) => next(state, x * x);
        case 1:
          return (x: number[], state: PfaRecord) => next(state, sumSquares(x));
        default:
          return (x: MapVec, state: PfaRecord) => next(state, sumSquares(x.values()));
      }
    },
    wasm: (c: WasmCall) => {
      const [x, state] = c.args;
      const A = c.site.bindings.A;
      let add = `${x} * ${x}`;
      if (c.site.sig !== 0) {
        add = c.temp('f64', '0.0');
        const square = (v: string) => c.emit(`${add} += ${v} * ${v};`);
        if (c.site.sig === 1) eachItem(c, x, square);
        else eachEntry(c, x, (_k, v) => square(v));
      }
      const dof = c.temp('i32', c.field(A, state, dofField));
      c.emit(`if (${dof} == ${INT_MAX}) ${c.failUncoded('int overflow')}`);
      return wasmUpdate(c, A, state, { chi2: `${c.field(A, state, 'chi2')} + ${add}`, [dofField]: `${dof} + 1` });
    },
  };
}

const updateChi2 = defineFunction({
  name: 'stat.test.updateChi2',
  sigs: [
    '(pull: double, state: record A {chi2: double, dof: int}) -> A',
    '(pull: array<double>, state: record A {chi2: double, dof: int}) -> A',
    '(pull: map<double>, state: record A {chi2: double, dof: int}) -> A',
  ],
  ...chi2Update('stat.test.updateChi2', 'dof'),
});

const reducedChi2 = defineFunction({
  name: 'stat.test.reducedChi2',
  sigs: ['(state: record A {chi2: double, dof: int}) -> double'],
  js: () => (state: PfaRecord) => divide(state.chi2 as number, state.dof as number),
  wasm: (c) => {
    const A = c.site.params[0] as AvroType;
    return `${RT.divide}(${c.field(A, c.args[0], 'chi2')}, <f64>${c.field(A, c.args[0], 'dof')})`;
  },
});

/**
 * The forms of stat.test.chi2Prob and of its deprecated twin model.reg.chi2Prob (`DOF`): the
 * chi-square CDF (util/chiSquare.ts) at chi2, after the check that the count is not negative.
 */
export function chi2ProbForms(dofField: 'dof' | 'DOF') {
  return {
    js: (site: CallSite<{ invalidParameterization: number }>) => (state: PfaRecord) => {
      const dof = state[dofField] as number;
      if (dof < 0) site.fail('invalidParameterization');
      return chiSquareCdf(state.chi2 as number, dof);
    },
    wasm: (c: WasmCall) => {
      const A = c.site.params[0] as AvroType;
      const dof = c.temp('i32', c.field(A, c.args[0], dofField));
      c.emit(`if (${dof} < 0) ${c.fail('invalidParameterization')}`);
      return `${RT.chiSquareCdf}(${c.field(A, c.args[0], 'chi2')}, ${dof})`;
    },
  };
}

const chi2Prob = defineFunction({
  name: 'stat.test.chi2Prob',
  sigs: ['(state: record A {chi2: double, dof: int}) -> double'],
  errors: { invalidParameterization: 38060 },
  ...chi2ProbForms('dof'),
});

export default defineNamespace('stat.test', [
  kolmogorov,
  residual,
  pull,
  mahalanobis,
  updateChi2,
  reducedChi2,
  chi2Prob,
]);
