/**
 * assembly/lib/prob/dist.ts against its TypeScript twins (src/lib/prob/dist/incomplete.ts,
 * normal.ts, gamma.ts, beta.ts and the quantile closures of t.ts, f.ts, poisson.ts, binomial.ts,
 * negativeBinomial.ts): the AS port must give the same bits, or the two backends would disagree.
 * Compiled with the project's asc options (Math is the fdlibm port, compiled in), on seeded random arguments
 * that reach every branch (small shapes, the series/fraction switch, Temme's expansion above 1e5,
 * both sides of the beta fraction's switch).
 */
import { describe, expect, it } from 'vitest';
import { buildAssembly } from '../../../helpers/asc.js';
import { mulberry32 as rng } from '../../../helpers/random.js';
import { betaTails, gammaTails, normalTails } from '../../../../src/lib/prob/dist/incomplete.js';
import { normalQuantile } from '../../../../src/lib/prob/dist/normal.js';
import { gammaQuantile } from '../../../../src/lib/prob/dist/gamma.js';
import { betaDensity, betaQuantile } from '../../../../src/lib/prob/dist/beta.js';
import { binomialQF } from '../../../../src/lib/prob/dist/binomial.js';
import { negativeBinomialQF } from '../../../../src/lib/prob/dist/negativeBinomial.js';
import dist from '../../../../src/lib/prob/dist/index.js';

const ENTRY = `import * as d from './lib/prob/dist';
export function gammaLower(a: f64, x: f64): f64 { return d.distGammaTails(a, x); }
export function gammaUpper(a: f64, x: f64): f64 { d.distGammaTails(a, x); return d.distUpper; }
export function betaLower(a: f64, b: f64, x: f64, y: f64): f64 { return d.distBetaTails(a, b, x, y); }
export function betaUpper(a: f64, b: f64, x: f64, y: f64): f64 { d.distBetaTails(a, b, x, y); return d.distUpper; }
export function normalLower(z: f64): f64 { return d.distNormalTails(z); }
export function normalUpper(z: f64): f64 { d.distNormalTails(z); return d.distUpper; }
export function normalQuantile(p: f64): f64 { return d.distNormalQuantile(p); }
export function gammaQuantile(a: f64, p: f64): f64 { return d.distGammaQuantile(a, p); }
export function betaDensity(a: f64, b: f64, x: f64, y: f64): f64 { return d.distBetaDensity(a, b, x, y); }
export function betaQuantile(a: f64, b: f64, p: f64): f64 { return d.distBetaQuantile(a, b, p); }
export function tUpperQuantile(q: f64, n: f64): f64 { return d.distTUpperQuantile(q, n); }
export function fQuantile(p: f64, d1: f64, d2: f64): f64 { return d.distFQuantile(p, d1, d2); }
export function poissonQuantile(p: f64, lambda: f64): f64 { return d.distPoissonQuantile(p, lambda); }
export function discreteQuantile(kind: i32, p: f64, lo: f64, hi: f64, guess: f64, q1: f64, q2: f64): f64 { return d.distDiscreteQuantile(kind, p, lo, hi, guess, q1, q2); }`;

interface Kernels {
  gammaLower(a: number, x: number): number;
  gammaUpper(a: number, x: number): number;
  betaLower(a: number, b: number, x: number, y: number): number;
  betaUpper(a: number, b: number, x: number, y: number): number;
  normalLower(z: number): number;
  normalUpper(z: number): number;
  normalQuantile(p: number): number;
  gammaQuantile(a: number, p: number): number;
  betaDensity(a: number, b: number, x: number, y: number): number;
  betaQuantile(a: number, b: number, p: number): number;
  tUpperQuantile(q: number, n: number): number;
  fQuantile(p: number, d1: number, d2: number): number;
  poissonQuantile(p: number, lambda: number): number;
  discreteQuantile(kind: number, p: number, lo: number, hi: number, guess: number, q1: number, q2: number): number;
}

// (dist.ts's discrete quantiles reach hypergeometric.ts, and it bignat.ts)
const build = () =>
  buildAssembly<Kernels>(ENTRY, [
    'lib/prob/dist.ts',
    'lib/m/special.ts',
    'lib/prob/hypergeometric.ts',
    'lib/prob/bignat.ts',
  ]);

const bits = (x: number) => new BigUint64Array(new Float64Array([x]).buffer)[0];

/** A JS closure of a registered prob.dist function; its checks never fail on the arguments used here. */
function closure(name: string): (...args: number[]) => number {
  const fn = dist.functions.find((f) => f.name === name)!;
  return fn.js({
    fail: () => {
      throw new Error(`${name}: unexpected error`);
    },
  } as never) as (...args: number[]) => number;
}

/** Collects the calls whose JS and AS answers differ (NaN payloads aside: no PFA value shows them). */
function differences() {
  const differ: string[] = [];
  const same = (name: string, js: number, wasm: number) => {
    if (bits(js) !== bits(wasm) && !(Number.isNaN(js) && Number.isNaN(wasm))) differ.push(`${name}: ${js} vs ${wasm}`);
  };
  return { differ, same };
}

describe('assembly/lib/prob/dist.ts', () => {
  it('gives the bits of gammaTails, betaTails and normalTails', async () => {
    const w = await build();
    const r = rng(20261206);
    const { differ, same } = differences();
    for (let i = 0; i < 2000; i++) {
      // Shapes from 1e-3 to 1e7 (Temme above 1e5), x around the shape.
      const a = 10 ** (r() * 10 - 3);
      const x = a * Math.exp((r() - 0.5) * (6 / Math.sqrt(Math.max(a, 1)) + 1));
      const g = gammaTails(a, x);
      same(`gammaTails(${a}, ${x}).lower`, g.lower, w.gammaLower(a, x));
      same(`gammaTails(${a}, ${x}).upper`, g.upper, w.gammaUpper(a, x));
      const b = 10 ** (r() * 7 - 2);
      const c = 10 ** (r() * 7 - 2);
      const u =
        i % 2 === 0
          ? r()
          : Math.min(0.999999, Math.max(1e-6, b / (b + c) + ((r() - 0.5) * 4 * Math.sqrt(b * c)) / (b + c) ** 1.5));
      const t = betaTails(b, c, u, 1 - u);
      same(`betaTails(${b}, ${c}, ${u}).lower`, t.lower, w.betaLower(b, c, u, 1 - u));
      same(`betaTails(${b}, ${c}, ${u}).upper`, t.upper, w.betaUpper(b, c, u, 1 - u));
      same(`betaDensity(${b}, ${c}, ${u})`, betaDensity(b, c, u, 1 - u), w.betaDensity(b, c, u, 1 - u));
      const z = (r() - 0.7) * 60;
      same(`normalTails(${z}).lower`, normalTails(z).lower, w.normalLower(z));
      same(`normalTails(${z}).upper`, normalTails(z).upper, w.normalUpper(z));
    }
    for (const z of [0, -0, Infinity, -Infinity, NaN, 1e-300, -40])
      same(`normalTails(${z})`, normalTails(z).lower, w.normalLower(z));
    expect(differ.slice(0, 10)).toEqual([]);
  });

  it('gives the bits of the continuous quantiles', async () => {
    const w = await build();
    const r = rng(19);
    const { differ, same } = differences();
    const tQF = closure('prob.dist.tQF');
    const fQF = closure('prob.dist.fQF');
    for (let i = 0; i < 400; i++) {
      const p = i % 4 === 0 ? 10 ** (-r() * 300) : r();
      if (!(p > 0 && p < 1)) continue;
      same(`normalQuantile(${p})`, normalQuantile(p), w.normalQuantile(p));
      const a = 10 ** (r() * 6 - 2);
      same(`gammaQuantile(${a}, ${p})`, gammaQuantile(a, p), w.gammaQuantile(a, p));
      const b = 10 ** (r() * 5 - 2);
      const c = 10 ** (r() * 5 - 2);
      same(`betaQuantile(${b}, ${c}, ${p})`, betaQuantile(b, c, p), w.betaQuantile(b, c, p));
      const n = 1 + Math.floor(r() * (i % 2 === 0 ? 10 : 1000));
      const m = 1 + Math.floor(r() * 200);
      const q = 0.5 + 0.5 * r(); // tQF uses the upper quantile at 1 - q for q >= 1/2
      same(`tQF(${q}, ${n})`, tQF(q, n), w.tUpperQuantile(1 - q, n));
      same(`fQF(${p}, ${n}, ${m})`, fQF(p, n, m), w.fQuantile(p, n, m));
    }
    expect(differ.slice(0, 10)).toEqual([]);
  });

  it('gives the bits of the discrete quantiles (Poisson, binomial, negative binomial)', async () => {
    const w = await build();
    const r = rng(1906);
    const { differ, same } = differences();
    const poissonQF = closure('prob.dist.poissonQF');
    const binomial = binomialQF.js({
      fail: () => {
        throw new Error('binomialQF');
      },
    } as never) as (...args: number[]) => number;
    const negative = negativeBinomialQF.js({
      fail: () => {
        throw new Error('negativeBinomialQF');
      },
    } as never) as (...args: number[]) => number;
    for (let i = 0; i < 400; i++) {
      const p = 0.001 + 0.998 * r();
      const lambda = 10 ** (r() * 8 - 2);
      same(`poissonQF(${p}, ${lambda})`, poissonQF(p, lambda), w.poissonQuantile(p, lambda));
      const n = 1 + Math.floor(10 ** (r() * 5));
      const q = 0.001 + 0.998 * r();
      // The arguments of the Wasm forms of binomialQF and negativeBinomialQF (binomial.ts, negativeBinomial.ts).
      same(`binomialQF(${p}, ${n}, ${q})`, binomial(p, n, q), w.discreteQuantile(1, p, 0, n, n * q, n, q));
      same(
        `negativeBinomialQF(${p}, ${n}, ${q})`,
        negative(p, n, q),
        w.discreteQuantile(2, p, 0, Infinity, (n * (1 - q)) / q, n, q),
      );
    }
    expect(differ.slice(0, 10)).toEqual([]);
  });
});
