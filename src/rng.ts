/**
 * The engine's pseudorandom generator (spec sec. 2.8): xoshiro128** (Blackman and Vigna, 2018),
 * seeded through splitmix32 from `randseed`, or from the platform's crypto source when the
 * document sets none. Doubles take 53 random bits from two outputs.
 *
 * Both backends draw from it (the JS backend's library functions, the Wasm kernels through their
 * host's `random` import), so both give the same numbers for the same seed; it sits at the top of
 * src/ beside limits.ts, which every stage shares too, rather than inside either backend.
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** Whether the state is set: without a seed it is drawn at the first use (see the constructor). */
  private seeded = false;

  constructor(seed: bigint | null) {
    // Without a seed the platform's source is asked at the first draw rather than here: most
    // engines never draw, and crypto.getRandomValues loads Node's crypto modules, milliseconds
    // of a Lambda cold start (issue 17).
    if (seed !== null) this.seed(Number(BigInt.asUintN(32, seed) ^ BigInt.asUintN(32, seed >> 32n)));
  }

  private seed(x: number): void {
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
    this.seeded = true;
  }

  /** Next 32 random bits, unsigned. */
  nextUint32(): number {
    if (!this.seeded) {
      const buf = new Uint32Array(1);
      globalThis.crypto.getRandomValues(buf);
      this.seed(buf[0]);
    }
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

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
