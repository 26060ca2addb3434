/**
 * The draws every `rand` function is built from, in both forms. The JS forms call
 * `site.engine.random()` (the engine's generator, seeded by `randseed`); the Wasm forms call
 * rt.random() exactly where and as often, so a seeded engine gives the same values on both
 * backends. rand.long's 64-bit draws on Wasm are in assembly/lib/rand.ts.
 */
import { EngineServices, WasmCall } from '../registry.js';
import { RT } from '../../backend/wasm/emit/names.js';

export const PR = 'pseudorandom' as const;
export const TWO_32 = 2 ** 32;

/** A uniform integer in [0, n) for n <= 2^53 (one draw). */
export function below(rng: EngineServices, n: number): number {
  return Math.floor(rng.random() * n);
}

/** A uniform 64-bit pattern as an unsigned bigint, from two 32-bit draws. */
export function bits64(rng: EngineServices): bigint {
  const hi = BigInt(below(rng, TWO_32));
  const lo = BigInt(below(rng, TWO_32));
  return (hi << 32n) | lo;
}

/** A uniform bigint in [0, n), 0 < n <= 2^64, by rejection of the incomplete last block. */
export function belowBig(rng: EngineServices, n: bigint): bigint {
  const span = 1n << 64n;
  const limit = span - (span % n);
  for (;;) {
    const u = bits64(rng);
    if (u < limit) return u % n;
  }
}

export type HighLow = { highMustBeGreaterThanLow: number };

/** Wasm below(): floor(random() * n) for an f64 expression n, as an f64. */
export function belowWasm(n: string): string {
  return `Math.floor(${RT.random}() * ${n})`;
}

/** Wasm between(): a uniform double in [low, high) (f64 expressions that are pure). */
export function betweenWasm(c: WasmCall, low: string, high: string): string {
  const r = c.temp('f64', `${RT.random}()`);
  const width = c.temp('f64', `${high} - ${low}`);
  return c.temp('f64', `isFinite(${width}) ? ${low} + ${r} * ${width} : ${r} * ${high} + (1.0 - ${r}) * ${low}`);
}

/** A uniform double in [low, high), also when high - low overflows (e.g. -1e308 to 1e308). */
export function between(rng: EngineServices, low: number, high: number): number {
  const r = rng.random();
  const width = high - low;
  return Number.isFinite(width) ? low + r * width : r * high + (1 - r) * low;
}
