/**
 * The parse library (spec sec. "Parsing"): strings to numbers. Leading and trailing whitespace
 * is ignored and letters may be in either case. Integers are accumulated as bigints so that the
 * range checks are exact; a float is rounded once from the decimal text, never via a double.
 */
import { WasmCall, defineFunction, defineNamespace } from './registry.js';
import { RT } from '../backend/wasm/emit/names.js';
import { exactDecimal } from './util/decimal.js';
import { INT_MAX, INT_MIN, LONG_MAX, LONG_MIN } from './util/numeric.js';

// Wasm forms (assembly/lib/parse.ts) read the argument's text in the kernel (assembly/lib/util/text.ts);
// `rt.parseStatus` says whether it was a number (0), was not (1: the function's error), or was left
// to the host (2: a real number the kernel cannot round exactly, which the JS form then converts).

/** parse.int and parse.long in Wasm: the base is checked first, as the JS form does. */
function integerWasm(c: WasmCall, asType: 'i32' | 'i64', lo: bigint, hi: bigint, notA: string): string {
  const [str, base] = c.args;
  c.emit(`if (${base} < 2 || ${base} > 36) ${c.fail('baseOutOfRange')}`);
  const v = c.temp('i64', `${RT.parseInteger}(${RT.textOf}(${str}), ${base}, ${c.i64(lo)}, ${c.i64(hi)})`);
  c.emit(`if (${RT.parseStatus} != 0) ${c.fail(notA)}`);
  return asType === 'i64' ? v : c.temp('i32', `<i32>${v}`);
}

/** parse.float and parse.double in Wasm; a declined text runs the JS form on the host. */
function realWasm(c: WasmCall, asType: 'f32' | 'f64', reader: string, notA: string, message: string): string {
  const v = c.temp(asType, `${reader}(${RT.textOf}(${c.args[0]}))`);
  c.emit(`if (${RT.parseStatus} == 1) ${c.fail(notA, message)}`);
  c.block(`if (${RT.parseStatus} == 2)`, () => c.emit(`${v} = ${c.onHost()};`));
  return v;
}

const INTEGER = /^[-+]?[0-9a-z]+$/;

/** The integer value of `str` in `base`, or undefined if it does not conform (spec's pattern). */
function parseInteger(str: string, base: number): bigint | undefined {
  const s = str.trim().toLowerCase();
  if (!INTEGER.test(s)) return undefined;
  const neg = s[0] === '-';
  const digits = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  const b = BigInt(base);
  let v = 0n;
  for (const ch of digits) {
    const c = ch.charCodeAt(0);
    const d = c <= 57 ? c - 48 : c - 87; // '0'-'9' → 0-9, 'a'-'z' → 10-35
    if (d >= base) return undefined;
    v = v * b + BigInt(d);
    if (v > LONG_MAX + 1n) return undefined; // already out of every range; stop growing
  }
  return neg ? -v : v;
}

const int = defineFunction({
  name: 'parse.int',
  sigs: ['(str: string, base: int) -> int'],
  wasm: (c) => integerWasm(c, 'i32', BigInt(INT_MIN), BigInt(INT_MAX), 'notAnInteger'),
  errors: { notAnInteger: 33000, baseOutOfRange: 33001 },
  js: (site) => (str: string, base: number) => {
    if (base < 2 || base > 36) return site.fail('baseOutOfRange');
    const v = parseInteger(str, base);
    if (v === undefined || v < BigInt(INT_MIN) || v > BigInt(INT_MAX)) return site.fail('notAnInteger');
    return Number(v);
  },
});

const long = defineFunction({
  name: 'parse.long',
  sigs: ['(str: string, base: int) -> long'],
  wasm: (c) => integerWasm(c, 'i64', LONG_MIN, LONG_MAX, 'notALongInteger'),
  errors: { notALongInteger: 33010, baseOutOfRange: 33011 },
  js: (site) => (str: string, base: number) => {
    if (base < 2 || base > 36) return site.fail('baseOutOfRange');
    const v = parseInteger(str, base);
    if (v === undefined || v < LONG_MIN || v > LONG_MAX) return site.fail('notALongInteger');
    return v;
  },
});

const REAL = /^([-+])?(\.?[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?$/;

/** The double value of `str`, or undefined if it matches neither the spec's pattern nor inf/nan. */
function parseReal(str: string): number | undefined {
  const s = str.trim().toLowerCase();
  if (s === 'nan') return NaN;
  if (s === 'inf' || s === '+inf') return Infinity;
  if (s === '-inf') return -Infinity;
  return REAL.test(s) ? Number(s) : undefined;
}

/** Exact comparison of the decimal text `s` (matching REAL) with the finite double `m`, both taken positive. */
function compareDecimal(s: string, m: number): number {
  const match = REAL.exec(s)!;
  const [whole, frac = ''] = match[2].split('.');
  const exp = match[3] ? Number(match[3].slice(1)) : 0;
  const n = BigInt((whole || '0') + frac);
  const e = exp - frac.length; // |value| = n · 10^e
  const { n: mn, k } = exactDecimal(m); // |m| = mn / 10^k
  // Compare n · 10^(e+k) with mn.
  const shift = e + k;
  const left = shift >= 0 ? n * 10n ** BigInt(shift) : n;
  const right = shift >= 0 ? mn : mn * 10n ** BigInt(-shift);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Rounds decimal text to float32 once. Number() rounds to double first; that can only go wrong
 * when the double lands exactly on the midpoint between two floats, so only then is the decimal
 * compared exactly with that midpoint.
 */
function toFloat(s: string, d: number): number {
  const f = Math.fround(d);
  if (!Number.isFinite(d) || f === d) return f;
  const a = Math.abs(d),
    fa = Math.abs(f);
  // The other float neighbour of d: the next float away from f, on d's side.
  const up = fa < a;
  const next = nextFloat(fa, up);
  if ((fa + next) / 2 !== a) return f;
  const c = compareDecimal(s.trim().toLowerCase().replace(/^[-+]/, ''), a);
  if (c === 0) return f; // a true tie: fround already chose the even significand
  const r = c > 0 === next > fa ? next : fa;
  return d < 0 ? -r : r;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function nextFloat(x: number, up: boolean): number {
  f32[0] = x;
  u32[0] += up ? 1 : -1;
  return f32[0];
}

const NOT_A_FLOAT = 'not a single-precision float';
const NOT_A_DOUBLE = 'not a double-precision float';

const float = defineFunction({
  name: 'parse.float',
  sigs: ['(str: string) -> float'],
  wasm: (c) => realWasm(c, 'f32', RT.parseFloat32, 'notASinglePrecisionFloat', NOT_A_FLOAT),
  errors: { notASinglePrecisionFloat: 33020 },
  js: (site) => (str: string) => {
    const d = parseReal(str);
    if (d === undefined) return site.fail('notASinglePrecisionFloat', NOT_A_FLOAT);
    return toFloat(str, d);
  },
});

const double = defineFunction({
  name: 'parse.double',
  sigs: ['(str: string) -> double'],
  wasm: (c) => realWasm(c, 'f64', RT.parseDouble, 'notADoublePrecisionFloat', NOT_A_DOUBLE),
  errors: { notADoublePrecisionFloat: 33030 },
  js: (site) => (str: string) => parseReal(str) ?? site.fail('notADoublePrecisionFloat', NOT_A_DOUBLE),
});

export default defineNamespace('parse', [int, long, float, double]);
