/**
 * Arguments for the fdlibm tests, seeded so a failure is reproducible: special values first, then
 * a mix of ranges that reach every branch (tiny, subnormal, small, near the reduction thresholds,
 * near multiples of π/2, large, huge), both signs. pow also gets integer and half-integer
 * exponents and bases near 1; asin and acos mostly [-1, 1].
 */
import { mulberry32 } from '../../../helpers/random.js';

export const UNARY = [
  'exp',
  'expm1',
  'log',
  'log1p',
  'log10',
  'log2',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
] as const;
export const BINARY = ['pow', 'atan2', 'hypot'] as const;
/** Arguments per function. */
export const COUNT = 200_000;

export const SPECIAL = [
  0,
  -0,
  Infinity,
  -Infinity,
  NaN,
  1,
  -1,
  0.5,
  -0.5,
  2,
  -2,
  3,
  1.5,
  Math.E,
  Math.PI,
  Math.PI / 2,
  Math.PI / 4,
  5e-324,
  -5e-324,
  2 ** -1022,
  2 ** -1074 * 3,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  2 ** -28,
  2 ** -55,
  1e-300,
  22,
  -22,
  709.78,
  709.782712893384,
  710.4758600739439,
  -745.1332191019411,
  -745.14,
  56 * Math.LN2,
  0.3,
  0.975,
  1e22,
  (2 ** 19 * Math.PI) / 2,
  1e300,
];

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** Same bits, except that every NaN equals every NaN: JS does not preserve NaN payloads. */
export function sameBits(a: number, b: number): boolean {
  if (Number.isNaN(a)) return Number.isNaN(b);
  f64[0] = a;
  const x = u64[0];
  f64[0] = b;
  return x === u64[0];
}

function mixed(r: () => number): number {
  const s = r() < 0.4 ? -1 : 1;
  const m = r();
  if (m < 0.3) return s * r() * 2 ** (Math.floor(r() * 12) - 6); // (−64, 64)
  if (m < 0.45) return s * r() * 2 ** (Math.floor(r() * 70) - 35); // small to moderate
  if (m < 0.65) return s * 2 ** (r() * 2098 - 1074); // every binade, subnormals included
  if (m < 0.8) return s * ((Math.floor(r() * 200) * Math.PI) / 2 + (r() - 0.5) * 2 ** -(r() * 40)); // near k·π/2
  return s * r() * 760; // up to the overflow thresholds of exp, sinh, cosh
}

/** n arguments for `name` (and a second argument for the binary functions; 0 otherwise). */
export function argsFor(name: string, n: number): [Float64Array, Float64Array] {
  const r = mulberry32([...name].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 20261206));
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const k = SPECIAL.length;
  for (let i = 0; i < n; i++) {
    if (BINARY.includes(name as never)) {
      if (i < k * k) {
        xs[i] = SPECIAL[i % k];
        ys[i] = SPECIAL[Math.floor(i / k)];
        continue;
      }
      const m = r();
      xs[i] = m < 0.2 ? 1 + (r() - 0.5) * 2 ** -(r() * 30) : mixed(r);
      const e = r();
      ys[i] =
        name !== 'pow'
          ? mixed(r)
          : e < 0.25
            ? Math.floor(r() * 40 - 20)
            : e < 0.35
              ? Math.floor(r() * 40 - 20) + 0.5
              : e < 0.45
                ? (r() - 0.5) * 2 ** 40
                : mixed(r) / 8;
      continue;
    }
    if (i < k) {
      xs[i] = SPECIAL[i];
      continue;
    }
    xs[i] =
      (name === 'asin' || name === 'acos') && r() < 0.8 ? (r() * 2 - 1) * (r() < 0.2 ? 2 ** -(r() * 60) : 1) : mixed(r);
  }
  return [xs, ys];
}
