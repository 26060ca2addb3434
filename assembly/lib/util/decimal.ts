// Exact decimal formatting of doubles in kernels, for s.number (src/lib/util/decimal.ts holds the
// JS form, on bigints): a finite double is m * 2^e exactly, so it has a finite decimal expansion
// n / 10^k; rounding that expansion half to even gives the fixed and scientific forms for any
// precision. Here n is built in limbs of nine decimal digits (the schoolbook multiplication of
// Knuth, TAOCP vol. 2, sec. 4.3.1) and rounded as a digit string.

// @ts-ignore: decorator
@inline const LIMB: u64 = 1000000000;

/** limbs * f in place (little-endian limbs below 10^9; f below 2^32). */
function mulSmall(limbs: Array<u32>, f: u64): void {
  let carry: u64 = 0;
  for (let i = 0; i < limbs.length; i++) {
    const t = <u64>unchecked(limbs[i]) * f + carry;
    unchecked((limbs[i] = <u32>(t % LIMB)));
    carry = t / LIMB;
  }
  while (carry != 0) {
    limbs.push(<u32>(carry % LIMB));
    carry /= LIMB;
  }
}

/** The exponent k of the last exactDigits: |x| = digits / 10^k. */
let exactK: i32 = 0;

/** The decimal digits of n, where |x| = n / 10^k exactly (k in exactK); "0" for zero. */
function exactDigits(x: f64): String {
  const bits = reinterpret<u64>(abs(x));
  const biased = <i32>(bits >> 52);
  let m = bits & 0x000fffffffffffff;
  let e: i32;
  if (biased == 0) e = -1074; // subnormal
  else {
    m |= <u64>1 << 52;
    e = biased - 1075;
  }
  exactK = 0;
  if (m == 0) return "0";
  const limbs = new Array<u32>(0);
  limbs.push(<u32>(m % LIMB));
  limbs.push(<u32>((m / LIMB) % LIMB));
  limbs.push(<u32>(m / LIMB / LIMB));
  if (e >= 0) {
    for (let left = e; left > 0; left -= 29) mulSmall(limbs, <u64>1 << <u64>min(left, 29));
  } else {
    exactK = -e;
    // (5^13 = 1220703125 < 2^32)
    for (let left = -e; left > 0; left -= 13) {
      let f: u64 = 1;
      for (let j = min(left, 13); j > 0; j--) f *= 5;
      mulSmall(limbs, f);
    }
  }
  while (limbs.length > 1 && limbs[limbs.length - 1] == 0) limbs.pop();
  let out = limbs[limbs.length - 1].toString();
  for (let i = limbs.length - 2; i >= 0; i--) out += unchecked(limbs[i]).toString().padStart(9, "0");
  return out;
}

/** digits with its last `cut` digits rounded away, half to even ("0" when none are left). */
function roundOff(digits: String, cut: i32): String {
  const n = digits.length;
  const keep = n - cut;
  const q = keep > 0 ? digits.substring(0, keep) : "0";
  // the digits cut off, compared with one half of a unit of the last kept digit
  const first = keep >= 0 ? (keep < n ? digits.charCodeAt(keep) - 48 : 0) : 0;
  let rest = false;
  for (let i = max(keep + 1, 0); i < n && !rest; i++) rest = digits.charCodeAt(i) != 48;
  let up: bool;
  if (keep < 0) up = false; // (below a tenth of a unit)
  else if (first > 5 || (first == 5 && rest)) up = true;
  else if (first == 5) up = ((q.charCodeAt(q.length - 1) - 48) & 1) == 1;
  else up = false;
  return up ? increment(q) : q;
}

/** A decimal digit string plus one. */
function increment(q: String): String {
  let i = q.length - 1;
  while (i >= 0 && q.charCodeAt(i) == 57) i--;
  if (i < 0) return "1" + "0".repeat(q.length);
  return q.substring(0, i) + String.fromCharCode(q.charCodeAt(i) + 1) + "0".repeat(q.length - i - 1);
}

/** |x| with `digits` digits after the decimal point (no point when digits is 0). */
export function fixedDigits(x: f64, digits: i32): String {
  const n = exactDigits(x);
  const k = exactK;
  const scaled = digits >= k ? (n == "0" ? n : n + "0".repeat(digits - k)) : roundOff(n, k - digits);
  const s = scaled.padStart(digits + 1, "0");
  return digits == 0 ? s : s.substring(0, s.length - digits) + "." + s.substring(s.length - digits);
}

/** The exponent of the last scientificDigits. */
export let sciExponent: i32 = 0;

/** |x| as d.ddd (digits after the point), its decimal exponent in sciExponent. */
export function scientificDigits(x: f64, digits: i32): String {
  const n = exactDigits(x);
  const k = exactK;
  if (n == "0") {
    sciExponent = 0;
    return digits == 0 ? "0" : "0." + "0".repeat(digits);
  }
  const len = n.length;
  let exponent = len - 1 - k;
  let sig: String;
  if (len > digits + 1) {
    sig = roundOff(n, len - digits - 1);
    if (sig.length > digits + 1) {
      sig = sig.substring(0, sig.length - 1);
      exponent++;
    }
  } else {
    sig = n + "0".repeat(digits + 1 - len);
  }
  sciExponent = exponent;
  return digits == 0 ? sig : sig.substring(0, 1) + "." + sig.substring(1);
}
