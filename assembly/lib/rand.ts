// Integer draws for the Wasm forms of the `rand` namespace: bits64 and belowBig of src/lib/rand/draws.ts,
// with the same draws in the same order from the engine's generator (rt.random, the host's).

// @ts-ignore: decorator
@external("pfa", "random")
declare function hostRandom(): f64;

/** below(2^32) of rand.ts: floor(random() * 2^32), as an unsigned 32-bit value in a u64. */
function below32(): u64 {
  return <u64>Math.floor(hostRandom() * 4294967296.0);
}

/** bits64 of rand.ts: the high 32 bits from the first draw, the low 32 from the second. */
export function randBits64(): u64 {
  const hi = below32();
  const lo = below32();
  return (hi << 32) | lo;
}

/**
 * belowBig of rand.ts for 0 < n <= 2^64 - 1 (n arrives as a u64): a uniform value in [0, n) by
 * rejecting draws at or above limit = 2^64 - (2^64 mod n); when n divides 2^64 every draw is kept.
 */
export function randBelowU64(n: u64): u64 {
  const rem = (<u64>0 - n) % n; // 2^64 mod n
  const limit = <u64>0 - rem; // 2^64 - rem (0 stands for 2^64 when rem is 0)
  let u = randBits64();
  while (rem != 0 && u >= limit) u = randBits64();
  return u % n;
}
