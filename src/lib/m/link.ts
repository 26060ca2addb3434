/**
 * The `m.link` namespace: link (activation) functions applied to a double, or to each element of
 * an array or map of doubles. Each uses the formula the spec gives, evaluated literally (so
 * results agree with other engines to the last bits), guarding only against needless overflow.
 */
import { WasmCall, defineFunction, defineNamespace } from '../registry.js';
import { erf } from '../util/special.js';
import { eachEntry, eachItem } from '../util/wasm.js';
import { RT } from '../../backend/wasm/emit/names.js';
import * as fdlibm from '../util/fdlibm/index.js';

type F = (x: number) => number;
/** The same formula as AS source: a pure f64 expression of a pure argument (a local or literal). */
type AsF = (c: WasmCall, x: string) => string;

const SIGS = ['(x: double) -> double', '(x: array<double>) -> array<double>', '(x: map<double>) -> map<double>'];

function mapValues(x: Map<string, number>, f: F): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of x) out.set(k, f(v));
  return out;
}

/** A link function over its three signatures: double, array<double>, map<double>. */
function link(name: string, f: F, asF: AsF) {
  return defineFunction({
    name,
    sigs: SIGS,
    js: (site) => {
      switch (site.sig) {
        case 0:
          return f;
        case 1:
          return (x: number[]) => x.map((v) => f(v));
        default:
          return (x: Map<string, number>) => mapValues(x, f);
      }
    },
    wasm: (c) => {
      const x = c.args[0];
      switch (c.site.sig) {
        case 0:
          return asF(c, x);
        case 1: {
          const out = c.temp('Array<f64>', `new Array<f64>(${x}.length)`);
          eachItem(c, x, (v, i) => {
            const t = c.temp('f64', v);
            c.emit(`${RT.setAt}(${out}, ${i}, ${asF(c, t)});`);
          });
          return out;
        }
        default: {
          const out = c.temp('CodeMap<f64>', 'new CodeMap<f64>()');
          eachEntry(c, x, (k, v) => {
            const t = c.temp('f64', v);
            c.emit(`${out}.set(${k}, ${asF(c, t)});`);
          });
          return out;
        }
      }
    },
  });
}

/**
 * exp(x_i) / sum_j exp(x_j). Every exponent is shifted by the largest element first (the ratio is
 * unchanged) so that large inputs do not overflow; an infinite or NaN element makes every result NaN.
 */
function softmaxOf(xs: number[]): number[] {
  let m = -Infinity;
  let bad = false;
  for (const v of xs) {
    if (!Number.isFinite(v)) bad = true;
    else if (v > m) m = v;
  }
  if (bad) return xs.map(() => NaN);
  const e = xs.map((v) => fdlibm.exp(v - m));
  let denom = 0;
  for (const v of e) denom += v;
  return e.map((v) => v / denom);
}

/** Wasm softmaxOf: `xs` is an Array<f64> local; returns a new Array<f64> local. */
function softmaxWasm(c: WasmCall, xs: string): string {
  const m = c.temp('f64', '-Infinity');
  const bad = c.temp('bool', 'false');
  eachItem(c, xs, (v) => c.emit(`if (!isFinite(${v})) ${bad} = true; else if (${v} > ${m}) ${m} = ${v};`));
  const out = c.temp('Array<f64>', `new Array<f64>(${xs}.length)`);
  c.if_(
    bad,
    () => {
      eachItem(c, xs, (_, i) => c.emit(`${RT.setAt}(${out}, ${i}, NaN);`));
    },
    () => {
      eachItem(c, xs, (v, i) => c.emit(`${RT.setAt}(${out}, ${i}, Math.exp(${v} - ${m}));`));
      const denom = c.temp('f64', '0.0');
      eachItem(c, out, (v) => c.emit(`${denom} += ${v};`));
      eachItem(c, out, (v, i) => c.emit(`${RT.setAt}(${out}, ${i}, ${v} / ${denom});`));
    },
  );
  return out;
}

const softmax = defineFunction({
  name: 'm.link.softmax',
  sigs: ['(x: array<double>) -> array<double>', '(x: map<double>) -> map<double>'],
  errors: { emptyInput: 25000 },
  js: (site) =>
    site.sig === 0
      ? (x: number[]) => (x.length === 0 ? site.fail('emptyInput') : softmaxOf(x))
      : (x: Map<string, number>) => {
          if (x.size === 0) return site.fail('emptyInput');
          const keys = [...x.keys()];
          const vals = softmaxOf([...x.values()]);
          return new Map(keys.map((k, i) => [k, vals[i]]));
        },
  wasm: (c) => {
    const x = c.args[0];
    if (c.site.sig === 0) {
      c.emit(`if (${x}.length == 0) ${c.fail('emptyInput')}`);
      return softmaxWasm(c, x);
    }
    c.emit(`if (${x}.size == 0) ${c.fail('emptyInput')}`);
    const keys = c.temp('Array<i32>', `${x}.keys()`);
    const vals = softmaxWasm(c, c.temp('Array<f64>', `${x}.values()`));
    const out = c.temp('CodeMap<f64>', 'new CodeMap<f64>()');
    eachItem(c, keys, (k, i) => c.emit(`${out}.set(${k}, unchecked(${vals}[${i}]));`));
    return out;
  },
});

// Each JS formula is followed by the same operations in AS (erf: assembly/lib/m/special.ts).
const logit = link(
  'm.link.logit',
  (x) => 1 / (1 + fdlibm.exp(-x)),
  (_, x) => `(1.0 / (1.0 + Math.exp(-(${x}))))`,
);
const probit = link(
  'm.link.probit',
  (x) => (erf(x / Math.SQRT2) + 1) / 2,
  (c, x) => `((${RT.erf}(${x} / ${c.f64(Math.SQRT2)}) + 1.0) / 2.0)`,
);
const cloglog = link(
  'm.link.cloglog',
  (x) => 1 - fdlibm.exp(-fdlibm.exp(x)),
  (_, x) => `(1.0 - Math.exp(-Math.exp(${x})))`,
);
const loglog = link(
  'm.link.loglog',
  (x) => fdlibm.exp(-fdlibm.exp(x)),
  (_, x) => `Math.exp(-Math.exp(${x}))`,
);
const cauchit = link(
  'm.link.cauchit',
  (x) => 0.5 + (1 / Math.PI) * fdlibm.atan(x),
  (c, x) => `(0.5 + ${c.f64(1 / Math.PI)} * Math.atan(${x}))`,
);
// ln(1 + exp(x)); past 709 exp overflows while the value is x to double precision.
const softplus = link(
  'm.link.softplus',
  (x) => (x > 709 ? x : fdlibm.log(1 + fdlibm.exp(x))),
  (_, x) => `(${x} > 709.0 ? ${x} : Math.log(1.0 + Math.exp(${x})))`,
);
const relu = link(
  'm.link.relu',
  (x) => (Number.isNaN(x) ? NaN : x > 0 ? x : 0),
  (_, x) => `(isNaN(${x}) ? NaN : ${x} > 0 ? ${x} : 0.0)`,
);
const tanh = link('m.link.tanh', fdlibm.tanh, (_, x) => `Math.tanh(${x})`);

export default defineNamespace('m.link', [softmax, logit, probit, cloglog, loglog, cauchit, softplus, relu, tanh]);
