/**
 * The engine's pseudorandom generator (spec sec. 2.8): xoshiro128** (xoshiro128.ts), seeded
 * through splitmix32 from `randseed`, or from the platform's crypto source when the document sets
 * none. Doubles take 53 random bits from two outputs.
 *
 * Both backends draw from it (the JS backend's library functions, the Wasm kernels through their
 * host's `random` import), so both give the same numbers for the same seed; it sits at the top of
 * src/ beside limits.ts, which every stage shares too, rather than inside either backend.
 */
import { type Xoshiro128, xoshiro128 } from './xoshiro128.js';

export class Rng {
  /**
   * The state, made at the first draw: most engines never draw, and without a seed it is asked of
   * crypto.getRandomValues, which loads Node's crypto modules, milliseconds of a Lambda cold start
   * (issue 17).
   */
  private state: Xoshiro128 | undefined;

  constructor(private readonly seed: bigint | null) {}

  /** Next 32 random bits, unsigned. */
  nextUint32(): number {
    return (this.state ??= xoshiro128(this.seed)).nextUint32();
  }

  /** Uniform double in [0, 1). */
  random(): number {
    return (this.state ??= xoshiro128(this.seed)).random();
  }
}
