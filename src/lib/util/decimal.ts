/**
 * Exact decimal formatting of doubles, for s.number. A finite double is m·2^e exactly, so it has
 * a finite decimal expansion N/10^k; rounding that expansion (half to even, as C's printf does
 * on the exact binary value) gives fixed and scientific forms for any precision, where JS's
 * toFixed/toExponential stop at 100 digits and round ties away from zero.
 */
const view = new DataView(new ArrayBuffer(8));

/** |x| = n / 10^k exactly, for finite x. */
export function exactDecimal(x: number): { n: bigint; k: number } {
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0),
    lo = view.getUint32(4);
  const biased = hi >>> 20;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biased === 0)
    e = -1074; // subnormal
  else {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  if (m === 0n) return { n: 0n, k: 0 };
  if (e >= 0) return { n: m << BigInt(e), k: 0 };
  return { n: m * 5n ** BigInt(-e), k: -e };
}

/** n / d rounded half to even (n ≥ 0, d > 0). */
function divRound(n: bigint, d: bigint): bigint {
  const q = n / d,
    r = n % d;
  const twice = 2n * r;
  return twice > d || (twice === d && (q & 1n) === 1n) ? q + 1n : q;
}

/** |x| with `digits` digits after the decimal point (no point when digits is 0). */
export function fixedDigits(x: number, digits: number): string {
  const { n, k } = exactDecimal(x);
  const scaled = digits >= k ? n * 10n ** BigInt(digits - k) : divRound(n, 10n ** BigInt(k - digits));
  const s = scaled.toString().padStart(digits + 1, '0');
  return digits === 0 ? s : `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
}

/** |x| as d.ddd (digits after the point) and a decimal exponent. */
export function scientificDigits(x: number, digits: number): { mantissa: string; exponent: number } {
  const { n, k } = exactDecimal(x);
  if (n === 0n) return { mantissa: digits === 0 ? '0' : '0.' + '0'.repeat(digits), exponent: 0 };
  const len = n.toString().length;
  let exponent = len - 1 - k;
  let sig: bigint;
  if (len > digits + 1) {
    sig = divRound(n, 10n ** BigInt(len - digits - 1));
    if (sig.toString().length > digits + 1) {
      sig /= 10n;
      exponent++;
    }
  } else {
    sig = n * 10n ** BigInt(digits + 1 - len);
  }
  const s = sig.toString();
  return { mantissa: digits === 0 ? s : `${s[0]}.${s.slice(1)}`, exponent };
}
