/**
 * Random vectors for the tests of the lockstep Wasm forms (src/lib/util/lockstepWasm.ts): lengths
 * around the block of four, and items whose sums depend on the order of the adds (magnitudes
 * 1e16 apart), with NaN, infinities, -0 and values whose squares overflow mixed in, so that a sum
 * computed in another order, or of another row's items, gives other bits than the JS backend.
 */
import { mulberry32 } from '../../helpers/random.js';

const SPECIAL = [Number.NaN, Infinity, -Infinity, -0, 0, 1e200, -1e200, 5e-324];

export function vectors(seed: number) {
  const u = mulberry32(seed);
  /** One item: mostly ordinary, a few special. */
  const item = (): number => {
    const r = u();
    if (r < 0.03) return SPECIAL[Math.floor(u() * SPECIAL.length)];
    if (r < 0.2) return (u() - 0.5) * 1e16;
    return u() - 0.5;
  };
  return {
    u,
    /** An integer in [lo, hi]. */
    int: (lo: number, hi: number) => lo + Math.floor(u() * (hi - lo + 1)),
    vector: (n: number) => Array.from({ length: n }, item),
  };
}

/** Matches the head of a lockstep loop over blocks of four (wasmLockstepLoop). */
export const BLOCK_LOOP = /for \(; \w+ \+ 4 <= /;
