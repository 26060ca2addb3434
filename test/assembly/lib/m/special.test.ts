/**
 * assembly/lib/m/special.ts against src/lib/util/special.ts: the AS port must give the same bits
 * as the JS kernels (both backends answer alike only if it does). Compiled with the project's asc
 * options (Math is the fdlibm port, compiled in), on edge values and seeded random ones in every branch.
 */
import { describe, expect, it } from 'vitest';
import { buildAssembly } from '../../../helpers/asc.js';
import { mulberry32 as rng } from '../../../helpers/random.js';
import {
  erf,
  erfc,
  lnBeta,
  lnBetaKernel,
  lnGamma,
  lnGamma1p,
  lnGammaKernel,
  tMinusLog1p,
} from '../../../../src/lib/util/special.js';
import mSpecial from '../../../../src/lib/m/special.js';

const ENTRY = `import * as s from './lib/m/special';
export function lnGamma(x: f64): f64 { return s.lnGamma(x); }
export function lnBeta(a: f64, b: f64): f64 { return s.lnBeta(a, b); }
export function erf(x: f64): f64 { return s.erf(x); }
export function erfc(x: f64): f64 { return s.erfc(x); }
export function lnGamma1p(a: f64): f64 { return s.lnGamma1p(a); }
export function tMinusLog1p(t: f64, r: f64): f64 { return s.tMinusLog1p(t, r); }
export function lnGammaKernel(a: f64, x: f64): f64 { return s.lnGammaKernel(a, x); }
export function lnBetaKernel(a: f64, b: f64, x: f64, y: f64): f64 { return s.lnBetaKernel(a, b, x, y); }
export function choose(n: i32, k: i32): i32 { return s.chooseInt32(n, k); }`;

interface Kernels {
  lnGamma(x: number): number;
  lnBeta(a: number, b: number): number;
  erf(x: number): number;
  erfc(x: number): number;
  lnGamma1p(a: number): number;
  tMinusLog1p(t: number, r: number): number;
  lnGammaKernel(a: number, x: number): number;
  lnBetaKernel(a: number, b: number, x: number, y: number): number;
  choose(n: number, k: number): number;
}

// (special.ts reaches dist.ts, dist.ts hypergeometric.ts, and it bignat.ts)
const build = () =>
  buildAssembly<Kernels>(ENTRY, [
    'lib/m/special.ts',
    'lib/prob/dist.ts',
    'lib/prob/hypergeometric.ts',
    'lib/prob/bignat.ts',
  ]);

const bits = (x: number) => new BigUint64Array(new Float64Array([x]).buffer)[0];

describe('assembly/lib/m/special.ts', () => {
  it("gives the JS kernels' bits for lnGamma, lnBeta, erf and erfc", async () => {
    const w = await build();
    const r = rng(20261125);
    const xs = [0, -0, 0.5, 1, 1.5, 2, 2.5, 6, 10, 27.3, 27.4, -0.5, -1, -2.5, 1e-300, 1e300, Infinity, -Infinity, NaN];
    for (let i = 0; i < 3000; i++) xs.push((r() - 0.5) * 2 ** (r() * 40 - 20), r() * 30 - 15);
    const differ: string[] = [];
    xs.forEach((x, i) => {
      const y = xs[(i * 7) % xs.length];
      if (bits(lnGamma(x)) !== bits(w.lnGamma(x))) differ.push(`lnGamma(${x})`);
      if (bits(erf(x)) !== bits(w.erf(x))) differ.push(`erf(${x})`);
      if (bits(erfc(x)) !== bits(w.erfc(x))) differ.push(`erfc(${x})`);
      if (bits(lnBeta(x, y)) !== bits(w.lnBeta(x, y))) differ.push(`lnBeta(${x}, ${y})`);
    });
    expect(differ.slice(0, 10)).toEqual([]);
  });

  it("gives the JS kernels' bits for lnGamma1p, tMinusLog1p, lnGammaKernel, lnBetaKernel and lnBeta past 10", async () => {
    const w = await build();
    const r = rng(20261206);
    // log-uniform in [1e-3, 1e6]: both sides of the Stirling switch at 10 and of the series bounds.
    const pos = () => 10 ** (r() * 9 - 3);
    const differ: string[] = [];
    // NaN payloads and signs are not part of the answer (no PFA value can tell them apart).
    const same = (name: string, js: number, wasm: number) => {
      if (bits(js) !== bits(wasm) && !(Number.isNaN(js) && Number.isNaN(wasm)))
        differ.push(`${name}: ${js} vs ${wasm}`);
    };
    for (const a of [0, -0, 0.2, -0.2, 0.19999999999999998, 1e-300, -1e-17, NaN])
      same(`lnGamma1p(${a})`, lnGamma1p(a), w.lnGamma1p(a));
    for (let i = 0; i < 3000; i++) {
      const small = (r() - 0.5) * 0.5 * 10 ** (-r() * 10); // across the |a| < 0.2 and |t| <= 1/4 bounds
      same(`lnGamma1p(${small})`, lnGamma1p(small), w.lnGamma1p(small));
      same(`tMinusLog1p(${small})`, tMinusLog1p(small, 1 + small), w.tMinusLog1p(small, 1 + small));
      const a = pos(),
        b = pos();
      const x = i % 3 === 0 ? r() : (a / (a + b)) * (1 + (r() - 0.5) * 0.5); // near the mode half the time
      const y = 1 - x;
      same(`lnBeta(${a}, ${b})`, lnBeta(a, b), w.lnBeta(a, b));
      same(`lnGammaKernel(${a}, ${a * (x + 0.5)})`, lnGammaKernel(a, a * (x + 0.5)), w.lnGammaKernel(a, a * (x + 0.5)));
      same(`lnBetaKernel(${a}, ${b}, ${x})`, lnBetaKernel(a, b, x, y), w.lnBetaKernel(a, b, x, y));
    }
    expect(differ.slice(0, 10)).toEqual([]);
  });

  it("gives m.special.nChooseK's 32-bit results", async () => {
    const w = await build();
    const nChooseK = mSpecial.functions.find((f) => f.name === 'm.special.nChooseK')!;
    const js = nChooseK.js({
      fail: () => {
        throw new Error('domain');
      },
    } as never) as (n: number, k: number) => number;
    const r = rng(7);
    for (let i = 0; i < 2000; i++) {
      const n = 2 + Math.floor(r() * (i < 1000 ? 100 : 2 ** 31 - 3));
      const k = 1 + Math.floor(r() * Math.min(n - 2, 3000));
      expect(w.choose(n, k), `${n} choose ${k}`).toBe(js(n, k));
    }
  });
});
