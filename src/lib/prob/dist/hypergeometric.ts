/**
 * prob.dist hypergeometricPDF, hypergeometricCDF, hypergeometricQF: x white balls among k drawn
 * without replacement from m white and n black. Up to EXACT_LIMIT balls the probabilities are
 * ratios of exact BigInt binomial coefficients, rounded once (so symmetric medians such as
 * CDF = 1/2 come out exactly), and loops run over the support (at most EXACT_LIMIT terms);
 * above it, log-binomials in doubles, tails summed only where they count and quantiles by
 * bisection: no parameter can make them hang. The Wasm forms call the AS port of Hyper
 * (assembly/lib/prob/hypergeometric.ts, exact integers in assembly/lib/prob/bignat.ts).
 */
import { defineFunction } from '../../registry.js';
import { ParamSite, Site, checkProbability, codes, wasmClosedForm } from './common.js';
import { WasmCall } from '../../registry.js';
import { RT } from '../../../backend/wasm/emit/names.js';
import { discreteQuantile, lnChoose } from './discrete.js';
import * as fdlibm from '../../util/fdlibm/index.js';

const EXACT_LIMIT = 2000;

function check(site: ParamSite, m: number, n: number, k: number): void {
  // n = 0 counts as invalid, as in both reference engines (the spec says n < 0).
  if (m + n < k || m < 0 || n <= 0 || m + n === 0 || k < 0) site.fail('invalidParameterization');
}

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** num / den for 0 <= num, 0 < den, rounded to double (one rounding of a 64-bit quotient). */
function ratio(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const shift = Math.max(0, 64 + bitLength(den) - bitLength(num));
  const q = Number((num << BigInt(shift)) / den);
  return shift > 1000 ? q * 2 ** -1000 * 2 ** (1000 - shift) : q * 2 ** -shift;
}

function chooseBig(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** The distribution's support and a walker over its probabilities in increasing x. */
class Hyper {
  readonly lo: number;
  readonly hi: number;
  private readonly exact: boolean;
  private readonly den: bigint = 1n;
  constructor(
    readonly m: number,
    readonly n: number,
    readonly k: number,
  ) {
    this.lo = Math.max(0, k - n);
    this.hi = Math.min(k, m);
    this.exact = m + n <= EXACT_LIMIT;
    if (this.exact) this.den = chooseBig(m + n, k);
  }

  pmf(x: number): number {
    const { m, n, k } = this;
    if (x < this.lo || x > this.hi) return 0;
    if (this.exact) return ratio(chooseBig(m, x) * chooseBig(n, k - x), this.den);
    return fdlibm.exp(lnChoose(m, x) + lnChoose(n, k - x) - lnChoose(m + n, k));
  }

  /** Calls visit(x, P(X <= x)) for x = lo, lo+1, ... until it returns true (exact path only). */
  walk(visit: (x: number, cdf: number) => boolean): number {
    const { m, n, k } = this;
    {
      // C(m, x) C(n, k-x) by the exact recurrence x -> x + 1, summed as integers.
      let a = chooseBig(m, this.lo),
        b = chooseBig(n, k - this.lo),
        sum = 0n;
      for (let x = this.lo; x <= this.hi; x++) {
        sum += a * b;
        if (visit(x, ratio(sum, this.den)) || x === this.hi) return x;
        a = (a * BigInt(m - x)) / BigInt(x + 1);
        b = (b * BigInt(k - x)) / BigInt(n - k + x + 1);
      }
      return this.hi;
    }
  }

  /**
   * P(X <= x) and P(X > x) for lo <= x < hi in doubles: the tail away from the mode is summed
   * outward by the term ratio until the terms stop counting (~40 standard deviations at most).
   */
  tails(x: number): { lower: number; upper: number } {
    const { m, n, k } = this;
    const mode = Math.floor(((k + 1) * (m + 1)) / (m + n + 2));
    if (x < mode) {
      let t = this.pmf(x),
        sum = t;
      for (let i = x; i > this.lo && t > sum * 1e-17; i--) {
        t *= (i * (n - k + i)) / ((m - i + 1) * (k - i + 1));
        sum += t;
      }
      return { lower: Math.min(1, sum), upper: Math.max(0, 1 - sum) };
    }
    let t = this.pmf(x + 1),
      sum = t;
    for (let i = x + 1; i < this.hi && t > sum * 1e-17; i++) {
      t *= ((m - i) * (k - i)) / ((i + 1) * (n - k + i + 1));
      sum += t;
    }
    return { lower: Math.max(0, 1 - sum), upper: Math.min(1, sum) };
  }

  cdf(x: number): number {
    if (x < this.lo) return 0;
    if (x >= this.hi) return 1;
    if (!this.exact) return this.tails(x).lower;
    let result = 0;
    this.walk((i, c) => {
      result = c;
      return i >= x;
    });
    return result;
  }

  /** The smallest x with P(X <= x) >= p, for 0 <= p < 1. */
  quantile(p: number): number {
    if (this.exact) {
      const target = p * (1 - 64 * Number.EPSILON); // the fuzz of discrete.ts
      return this.walk((_, c) => c >= target);
    }
    const mean = (this.k * this.m) / (this.m + this.n);
    return discreteQuantile(
      p,
      this.lo,
      this.hi,
      mean,
      (x) => (x >= this.hi ? 1 : this.tails(x).lower),
      (x) => (x >= this.hi ? 0 : this.tails(x).upper),
    );
  }
}

/** The checks in the JS forms' order, then `value` of the distribution rt.hyperSet chose. */
function wasmHyper(c: WasmCall, input: 'probability' | 'none', value: (x: string) => string): string {
  const [x, m, n, k] = c.args;
  return wasmClosedForm(
    c,
    `${RT.hyperInvalid}(${m}, ${n}, ${k})`,
    input,
    (o) => `${RT.hyperSet}(${m}, ${n}, ${k}); ${o} = ${value(x)};`,
  );
}

export const hypergeometricPDF = defineFunction({
  name: 'prob.dist.hypergeometricPDF',
  sigs: ['(x: int, m: int, n: int, k: int) -> double'],
  errors: { invalidParameterization: 13390 },
  wasm: (c) => wasmHyper(c, 'none', (x) => `${RT.hyperPmf}(<f64>${x})`),
  js: (site) => (x: number, m: number, n: number, k: number) => {
    check(site, m, n, k);
    return new Hyper(m, n, k).pmf(x);
  },
});

export const hypergeometricCDF = defineFunction({
  name: 'prob.dist.hypergeometricCDF',
  sigs: ['(x: int, m: int, n: int, k: int) -> double'],
  errors: codes(13400),
  wasm: (c) => wasmHyper(c, 'none', (x) => `${RT.hyperCdf}(<f64>${x})`),
  js: (site) => (x: number, m: number, n: number, k: number) => {
    check(site, m, n, k);
    return new Hyper(m, n, k).cdf(x);
  },
});

export const hypergeometricQF = defineFunction({
  name: 'prob.dist.hypergeometricQF',
  sigs: ['(p: double, m: int, n: int, k: int) -> double'],
  errors: codes(13410),
  wasm: (c) => wasmHyper(c, 'probability', (p) => `${RT.hyperQuantile}(${p})`),
  js: (site: Site) => (p: number, m: number, n: number, k: number) => {
    check(site, m, n, k);
    checkProbability(site, p);
    const h = new Hyper(m, n, k);
    if (p === 1) return h.hi;
    return h.quantile(p);
  },
});
