// Exact natural numbers for the hypergeometric distribution's exact path (hypergeometric.ts): the
// few BigInt operations src/lib/prob/dist/hypergeometric.ts performs (products and quotients by
// small numbers, sums and products of binomial coefficients) and its ratio(), the one rounding of
// num / den to a double. Little-endian 32-bit limbs, no leading zero limb (zero has none); the
// algorithms are the schoolbook ones (Knuth, TAOCP vol. 2, sec. 4.3.1).

export type BigNat = Array<u32>;

function trim(a: BigNat): BigNat {
  while (a.length > 0 && a[a.length - 1] == 0) a.pop();
  return a;
}

export function bigOf(x: u32): BigNat {
  const out = new Array<u32>(0);
  if (x != 0) out.push(x);
  return out;
}

export function bigMulSmall(a: BigNat, s: u32): BigNat {
  const out = new Array<u32>(a.length + 1);
  let carry: u64 = 0;
  for (let i = 0; i < a.length; i++) {
    const t = <u64>a[i] * <u64>s + carry;
    out[i] = <u32>t;
    carry = t >> 32;
  }
  out[a.length] = <u32>carry;
  return trim(out);
}

/** The quotient by s > 0, truncated (BigInt's `/`). */
export function bigDivSmall(a: BigNat, s: u32): BigNat {
  const out = new Array<u32>(a.length);
  let rem: u64 = 0;
  for (let i = a.length - 1; i >= 0; i--) {
    const t = (rem << 32) | <u64>a[i];
    out[i] = <u32>(t / <u64>s);
    rem = t % <u64>s;
  }
  return trim(out);
}

export function bigAdd(a: BigNat, b: BigNat): BigNat {
  const n = max(a.length, b.length);
  const out = new Array<u32>(n + 1);
  let carry: u64 = 0;
  for (let i = 0; i < n; i++) {
    const t = <u64>(i < a.length ? a[i] : 0) + <u64>(i < b.length ? b[i] : 0) + carry;
    out[i] = <u32>t;
    carry = t >> 32;
  }
  out[n] = <u32>carry;
  return trim(out);
}

export function bigMul(a: BigNat, b: BigNat): BigNat {
  if (a.length == 0 || b.length == 0) return new Array<u32>(0);
  const out = new Array<u32>(a.length + b.length);
  for (let i = 0; i < a.length; i++) {
    let carry: u64 = 0;
    const ai = <u64>a[i];
    for (let j = 0; j < b.length; j++) {
      const t = ai * <u64>b[j] + <u64>out[i + j] + carry;
      out[i + j] = <u32>t;
      carry = t >> 32;
    }
    out[i + b.length] = <u32>carry;
  }
  return trim(out);
}

function bitLength(a: BigNat): i32 {
  if (a.length == 0) return 0;
  return (a.length - 1) * 32 + (32 - <i32>clz(a[a.length - 1]));
}

/** a << s as `limbs` limbs (enough to hold it). */
function shiftedLeft(a: BigNat, s: i32, limbs: i32): Array<u32> {
  const out = new Array<u32>(limbs);
  const w = s >> 5, b = s & 31;
  for (let i = 0; i < a.length; i++) {
    const v = <u64>a[i] << <u64>b;
    out[i + w] |= <u32>v;
    if (i + w + 1 < limbs) out[i + w + 1] |= <u32>(v >> 32);
  }
  return out;
}

/** 2^e exactly, for e >= -1074 (a subnormal below -1022); 0 below. */
function pow2(e: i32): f64 {
  if (e >= -1022) return reinterpret<f64>(<u64>(1023 + e) << 52);
  if (e >= -1074) return reinterpret<f64>(<u64>1 << <u64>(e + 1074));
  return 0;
}

/**
 * ratio(num, den) of hypergeometric.ts for num <= den, 0 < den: the quotient of num << shift by
 * den (truncated; 2^63 <= q < 2^65 with shift = 64 + bitLength(den) - bitLength(num)) rounded to
 * a double to nearest, ties to even (BigInt to Number), then scaled by 2^-shift exactly.
 */
export function bigRatio(num: BigNat, den: BigNat): f64 {
  if (num.length == 0) return 0;
  const shift = max(0, 64 + bitLength(den) - bitLength(num));
  const limbs = ((bitLength(den) + 66) >> 5) + 1;
  const r = shiftedLeft(num, shift, limbs);
  const d = shiftedLeft(den, 64, limbs);
  let lo: u64 = 0, hi: u64 = 0;
  for (let j = 64; j >= 0; j--) {
    let geq = true; // r >= d
    for (let i = limbs - 1; i >= 0; i--) {
      if (r[i] != d[i]) { geq = r[i] > d[i]; break; }
    }
    if (geq) {
      let borrow: i64 = 0;
      for (let i = 0; i < limbs; i++) {
        const t = <i64>r[i] - <i64>d[i] - borrow;
        r[i] = <u32>t;
        borrow = t < 0 ? 1 : 0;
      }
      if (j == 64) hi = 1; else lo |= <u64>1 << <u64>j;
    }
    for (let i = 0; i < limbs; i++) d[i] = (d[i] >> 1) | (i + 1 < limbs ? d[i + 1] << 31 : 0);
  }
  // A 65-bit quotient halved with its last bit kept as a sticky bit rounds as the whole would.
  const q = hi == 0 ? <f64>lo : <f64>((lo >> 1) | (lo & 1) | (<u64>1 << 63)) * 2;
  return shift > 1000 ? q * pow2(-1000) * pow2(1000 - shift) : q * pow2(-shift);
}
