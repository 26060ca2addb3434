/**
 * The generator behind Rng (rng.ts): xoshiro128** (Blackman and Vigna, 2018), seeded through
 * splitmix32. Apart from rng.ts because most engines never draw: the Lambda handler's cold path
 * leaves this file to a chunk (issue 17, deploy/deferred.ts) and makes the state at the first draw.
 */
export class Xoshiro128 {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(x: number) {
    const next = () => {
      // splitmix32 step
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** Next 32 random bits, unsigned. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1). */
  random(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }
}

/**
 * The generator for `seed` (Rng's), or without one (null) from the platform's crypto source, which
 * loads Node's crypto modules: asked only here, at the first draw.
 */
export function xoshiro128(seed: bigint | null): Xoshiro128 {
  if (seed !== null) return new Xoshiro128(Number(BigInt.asUintN(32, seed) ^ BigInt.asUintN(32, seed >> 32n)));
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return new Xoshiro128(buf[0]);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
