/**
 * The `m.link` namespace: link (activation) functions applied to a double, or to each element of
 * an array or map of doubles. Each uses the formula the spec gives, evaluated literally (so
 * results agree with other engines to the last bits), guarding only against needless overflow.
 */
import { defineFunction, defineNamespace } from '../registry.js';
import { erf } from '../util/special.js';

type F = (x: number) => number;

const SIGS = ['(x: double) -> double', '(x: array<double>) -> array<double>', '(x: map<double>) -> map<double>'];

function mapValues(x: Map<string, number>, f: F): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of x) out.set(k, f(v));
  return out;
}

/** A link function over its three signatures: double, array<double>, map<double>. */
function link(name: string, f: F) {
  return defineFunction({
    name,
    sigs: SIGS,
    js: (site) => {
      switch (site.sig) {
        case 0: return f;
        case 1: return (x: number[]) => x.map((v) => f(v));
        default: return (x: Map<string, number>) => mapValues(x, f);
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
  const e = xs.map((v) => Math.exp(v - m));
  let denom = 0;
  for (const v of e) denom += v;
  return e.map((v) => v / denom);
}

const softmax = defineFunction({
  name: 'm.link.softmax',
  sigs: ['(x: array<double>) -> array<double>', '(x: map<double>) -> map<double>'],
  errors: { emptyInput: 25000 },
  js: (site) => site.sig === 0
    ? (x: number[]) => (x.length === 0 ? site.fail('emptyInput') : softmaxOf(x))
    : (x: Map<string, number>) => {
      if (x.size === 0) return site.fail('emptyInput');
      const keys = [...x.keys()];
      const vals = softmaxOf([...x.values()]);
      return new Map(keys.map((k, i) => [k, vals[i]]));
    },
});

const logit = link('m.link.logit', (x) => 1 / (1 + Math.exp(-x)));
const probit = link('m.link.probit', (x) => (erf(x / Math.SQRT2) + 1) / 2);
const cloglog = link('m.link.cloglog', (x) => 1 - Math.exp(-Math.exp(x)));
const loglog = link('m.link.loglog', (x) => Math.exp(-Math.exp(x)));
const cauchit = link('m.link.cauchit', (x) => 0.5 + (1 / Math.PI) * Math.atan(x));
// ln(1 + exp(x)); past 709 exp overflows while the value is x to double precision.
const softplus = link('m.link.softplus', (x) => (x > 709 ? x : Math.log(1 + Math.exp(x))));
const relu = link('m.link.relu', (x) => (Number.isNaN(x) ? NaN : x > 0 ? x : 0));
const tanh = link('m.link.tanh', Math.tanh);

export default defineNamespace('m.link', [softmax, logit, probit, cloglog, loglog, cauchit, softplus, relu, tanh]);
