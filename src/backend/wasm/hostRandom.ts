/**
 * The draws behind a WasmHost's `random` import (hostKernel.ts): the engine's generator (rng.ts),
 * seeded as the JS backend seeds its own (randseed plus the instance number), so both draw the
 * same numbers. The host makes it at the first draw, which most kernels never make, so the Lambda
 * build leaves this module, and rng.ts with it, to chunks/deferred.mjs (deploy/deferred.ts).
 */
import { Rng } from '../../rng.js';

/** Doubles in [0, 1) from the generator seeded with `seed` (null: the platform's source, at the first draw). */
export function randomDraws(seed: bigint | null): () => number {
  const rng = new Rng(seed);
  return () => rng.random();
}
