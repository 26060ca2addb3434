/**
 * The string library (spec sec. "String manipulation library"). Positions and lengths count
 * Unicode code points, not UTF-16 units (util/codepoints.ts); slices follow Python's rules.
 * Search and replace here is literal, never a regular expression (those are in re.ts).
 */
import { CallSite, WasmCall, WasmForm, defineFunction, defineNamespace } from './registry.js';
import { cpArray, cpLength, cpOffset, hasSurrogates, sliceBounds, unitOffset } from './util/codepoints.js';
import { fixedDigits, scientificDigits } from './util/decimal.js';
import { RT } from '../backend/wasm/emit/names.js';
import { PfaError } from '../errors/PfaError.js';
import { MAX_STRING_LENGTH } from '../limits.js';
import type { UnionType } from '../types/avro.js';

// Wasm forms work on the arguments' text, mirrored in the kernel (assembly/lib/util/text.ts), with
// the helpers of assembly/lib/s.ts, which follow the JS forms below step for step.

/** The text (an AS String) of string argument i. */
const text = (c: WasmCall, i: number) => `${RT.textOf}(${c.args[i]})`;

/** A form whose result is `expr` of the arguments' texts: a made string is interned. */
function onText(result: 'string' | 'bool' | 'i32', expr: (t: (i: number) => string, c: WasmCall) => string): WasmForm {
  return (c) => {
    const e = expr((i) => text(c, i), c);
    return result === 'string' ? c.temp('i32', `${RT.textCode}(${e})`) : c.temp(result, e);
  };
}

const len = defineFunction({
  name: 's.len',
  sigs: ['(s: string) -> int'],
  js: () => cpLength,
  wasm: onText('i32', (t) => `${RT.cpLength}(${t(0)})`),
});

/** Slices by code points, translating to UTF-16 offsets only when the string needs it. */
function cpSlice(s: string, start: number, end: number): [string, number, number] {
  const [a, b] = sliceBounds(cpLength(s), start, end);
  if (!hasSurrogates(s)) return [s, a, b];
  return [s, unitOffset(s, a), unitOffset(s, b)];
}

const substr = defineFunction({
  name: 's.substr',
  sigs: ['(s: string, start: int, end: int) -> string'],
  wasm: onText('string', (t, c) => `${RT.sSubstr}(${t(0)}, ${c.args[1]}, ${c.args[2]})`),
  js: () => (s: string, start: number, end: number) => {
    const [, a, b] = cpSlice(s, start, end);
    return s.slice(a, b);
  },
});

const substrto = defineFunction({
  name: 's.substrto',
  sigs: ['(s: string, start: int, end: int, replacement: string) -> string'],
  wasm: onText('string', (t, c) => `${RT.sSubstrto}(${t(0)}, ${c.args[1]}, ${c.args[2]}, ${t(3)})`),
  js: () => (s: string, start: number, end: number, replacement: string) => {
    const [, a, b] = cpSlice(s, start, end);
    return s.slice(0, a) + replacement + s.slice(b);
  },
});

const contains = defineFunction({
  name: 's.contains',
  sigs: ['(haystack: string, needle: string) -> boolean'],
  wasm: onText('bool', (t) => `${t(0)}.includes(${t(1)})`),
  js: () => (haystack: string, needle: string) => haystack.includes(needle),
});

const count = defineFunction({
  name: 's.count',
  sigs: ['(haystack: string, needle: string) -> int'],
  wasm: onText('i32', (t) => `${RT.sCount}(${t(0)}, ${t(1)})`),
  js: () => (haystack: string, needle: string) => {
    if (needle === '') return 0; // the spec: an empty needle counts zero times
    let n = 0;
    for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
    return n;
  },
});

// A match of a well-formed needle never starts inside a surrogate pair, so the UTF-16 offset
// converts to a code point index exactly.
const index = defineFunction({
  name: 's.index',
  sigs: ['(haystack: string, needle: string) -> int'],
  wasm: onText('i32', (t) => `${RT.sIndex}(${t(0)}, ${t(1)})`),
  js: () => (haystack: string, needle: string) => {
    const i = haystack.indexOf(needle);
    return i < 0 ? -1 : cpOffset(haystack, i);
  },
});

const rindex = defineFunction({
  name: 's.rindex',
  sigs: ['(haystack: string, needle: string) -> int'],
  wasm: onText('i32', (t) => `${RT.sRindex}(${t(0)}, ${t(1)})`),
  js: () => (haystack: string, needle: string) => {
    const i = haystack.lastIndexOf(needle);
    return i < 0 ? -1 : cpOffset(haystack, i);
  },
});

const startswith = defineFunction({
  name: 's.startswith',
  sigs: ['(haystack: string, needle: string) -> boolean'],
  wasm: onText('bool', (t) => `${t(0)}.startsWith(${t(1)})`),
  js: () => (haystack: string, needle: string) => haystack.startsWith(needle),
});

const endswith = defineFunction({
  name: 's.endswith',
  sigs: ['(haystack: string, needle: string) -> boolean'],
  wasm: onText('bool', (t) => `${t(0)}.endsWith(${t(1)})`),
  js: () => (haystack: string, needle: string) => haystack.endsWith(needle),
});

const join = defineFunction({
  name: 's.join',
  sigs: ['(array: array<string>, sep: string) -> string'],
  wasm: onText('string', (t, c) => `${RT.textsOf}(${c.args[0]}).join(${t(1)})`),
  js: () => (array: string[], sep: string) => array.join(sep),
});

const split = defineFunction({
  name: 's.split',
  sigs: ['(s: string, sep: string) -> array<string>'],
  wasm: (c) => c.temp(c.type(c.site.ret), `${RT.textCodes}(${RT.sSplit}(${text(c, 0)}, ${text(c, 1)}))`),
  // Python's str.split(sep), except that an empty separator gives an empty array (the spec).
  js: () => (s: string, sep: string) => (sep === '' ? [] : s.split(sep)),
});

/**
 * Pads a formatted number to `width` like printf: positive widths right-justify, negative
 * widths left-justify, zeroPad puts zeros after the sign. The reference engine (titus2, whose
 * values fill the conformance suite) returns "" for a width of exactly 0; we keep that.
 */
function pad(text: string, width: number, zeroPad: boolean): string {
  if (width === 0) return '';
  if (width < 0) return text.padEnd(-width, ' ');
  if (!zeroPad) return text.padStart(width, ' ');
  const sign = text.startsWith('-') ? '-' : '';
  return sign + text.slice(sign.length).padStart(width - sign.length, '0');
}

const NEGATIVE_WIDTH = 'negative width cannot be used with zero-padding';

type WidthErrors = { negativeWidthWithZeroPad: number };

function intFormatter(site: CallSite<WidthErrors>, radix: number, check?: (x: bigint) => void) {
  if (site.sig === 0)
    return (x: bigint) => {
      check?.(x);
      return x.toString(radix);
    };
  return (x: bigint, width: number, zeroPad: boolean) => {
    check?.(x);
    if (width < 0 && zeroPad) return site.fail('negativeWidthWithZeroPad', NEGATIVE_WIDTH);
    return pad(x.toString(radix), width, zeroPad);
  };
}

/** The Wasm form of intFormatter: the same checks in the same order (a long's digits, then padding). */
function intWasm(c: WasmCall, radix: number, negative?: string): string {
  const [x, width, zeroPad] = c.args;
  if (negative) c.emit(`if (${x} < 0) ${c.fail(negative)}`);
  const digits = `${RT.sLong}(${x}, ${radix})`;
  if (c.site.sig === 0) return c.temp('i32', `${RT.textCode}(${digits})`);
  c.emit(`if (${width} < 0 && ${zeroPad}) ${c.fail('negativeWidthWithZeroPad', NEGATIVE_WIDTH)}`);
  return c.temp('i32', `${RT.textCode}(${RT.sPad}(${digits}, ${width}, ${zeroPad}))`);
}

/** s.number of a double in Wasm: the precision's check, then the formatting (assembly/lib/s.ts). */
function doubleWasm(c: WasmCall): string {
  const [x, width, precision, minNoExp, maxNoExp] = c.args;
  const intOf = (i: number, v: string): [string, string] => {
    const u = c.site.params[i] as UnionType;
    const k = u.types.findIndex((b) => b.kind === 'int');
    return [
      c.temp('bool', `${c.tag(u, v)} == ${k}`),
      c.temp('i32', `${c.tag(u, v)} == ${k} ? ${c.branch(u, v, k)} : 0`),
    ];
  };
  const [hasWidth, w] = intOf(1, width);
  const [hasPrecision, p] = intOf(2, precision);
  c.emit(`if (${hasPrecision} && ${p} < 0) ${c.fail('negativePrecision')}`);
  const bounds = c.site.sig === 3 ? `${minNoExp}, ${maxNoExp}` : `${c.f64(0.0001)}, ${c.f64(100000)}`;
  const text = `${RT.sNumberDouble}(${x}, ${hasWidth}, ${w}, ${hasPrecision} ? ${p} : -1, ${bounds})`;
  return c.temp('i32', `${RT.textCode}(${text})`);
}

const hex = defineFunction({
  name: 's.hex',
  sigs: ['(x: long) -> string', '(x: long, width: int, zeroPad: boolean) -> string'],
  wasm: (c) => intWasm(c, 16, 'negativeNumber'),
  errors: { negativeWidthWithZeroPad: 39110, negativeNumber: 39111 },
  js: (site) =>
    intFormatter(site, 16, (x) => {
      if (x < 0n) site.fail('negativeNumber');
    }),
});

const int = defineFunction({
  name: 's.int',
  sigs: ['(x: long) -> string', '(x: long, width: int, zeroPad: boolean) -> string'],
  wasm: (c) => intWasm(c, 10),
  errors: { negativeWidthWithZeroPad: 39240 },
  js: (site) => intFormatter(site, 10),
});

/** Drops trailing zeros after the decimal point, keeping at least one digit there. */
function trimZeros(digits: string): string {
  return digits.replace(/(\.\d*?)0+$/, (_m, kept: string) => (kept === '.' ? '.0' : kept));
}

/** s.number for doubles, following the spec's details (exponent with a sign and ≥ 2 digits). */
function formatDouble(x: number, precision: number | null, minNoExp: number, maxNoExp: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 ? '-' : ''; // -0 has no sign: x < 0 is false for it
  const abs = Math.abs(x);
  const plain = abs === 0 || (abs >= minNoExp && abs <= maxNoExp);
  if (plain) {
    const body = precision === null ? trimZeros(fixedDigits(abs, 6)) : fixedDigits(abs, precision);
    return sign + body;
  }
  const { mantissa, exponent } = scientificDigits(abs, precision ?? 6);
  const m = precision === null ? trimZeros(mantissa) : mantissa;
  const e = Math.abs(exponent).toString().padStart(2, '0');
  return `${sign}${m}e${exponent < 0 ? '-' : '+'}${e}`;
}

const number = defineFunction({
  name: 's.number',
  sigs: [
    '(x: long) -> string',
    '(x: long, width: int, zeroPad: boolean) -> string',
    '(x: double, width: union<int, null>, precision: union<int, null>) -> string',
    '(x: double, width: union<int, null>, precision: union<int, null>, minNoExp: double, maxNoExp: double) -> string',
  ],
  wasm: (c) => (c.site.sig < 2 ? intWasm(c, 10) : doubleWasm(c)),
  errors: { negativeWidthWithZeroPad: 39120, negativePrecision: 39121 },
  nondeterministic: 'unstable',
  deprecated: { 0: '0.7.2', 1: '0.7.2' },
  js: (site) => {
    if (site.sig < 2) return intFormatter(site, 10);
    return (x: number, width: number | null, precision: number | null, minNoExp = 0.0001, maxNoExp = 100000) => {
      if (precision !== null && precision < 0) return site.fail('negativePrecision');
      const text = formatDouble(x, precision, minNoExp, maxNoExp);
      if (width === null || width === 0) return text;
      return width < 0 ? text.padEnd(-width, ' ') : text.padStart(width, ' ');
    };
  },
});

const concat = defineFunction({
  name: 's.concat',
  sigs: ['(x: string, y: string) -> string'],
  wasm: onText('string', (t) => `${t(0)} + ${t(1)}`),
  js: () => (x: string, y: string) => x + y,
});

// The spec gives s.repeat no error, but a count from the input can ask for any length: past
// MAX_STRING_LENGTH both backends raise the same uncoded runtime error (limits.ts), before V8's
// RangeError or the kernel's allocation fails.
const TOO_LONG = `the repeated string exceeds the limit of ${MAX_STRING_LENGTH} characters`;

const repeat = defineFunction({
  name: 's.repeat',
  sigs: ['(s: string, n: int) -> string'],
  wasm: (c) => {
    const s = c.temp('String', text(c, 0));
    const n = c.args[1];
    // (UTF-16 units on both sides: AS's String.length is JS's)
    c.emit(`if (${n} > 0 && <i64>${s}.length * <i64>${n} > ${MAX_STRING_LENGTH}) ${c.failUncoded(TOO_LONG)}`);
    return c.temp('i32', `${RT.textCode}(${RT.sRepeat}(${s}, ${n}))`);
  },
  js: () => (s: string, n: number) => {
    if (n <= 0) return '';
    if (s.length * n > MAX_STRING_LENGTH) throw new PfaError('runtime', TOO_LONG, { fcn: 's.repeat' });
    return s.repeat(n);
  },
});

const lower = defineFunction({
  name: 's.lower',
  sigs: ['(s: string) -> string'],
  wasm: onText('string', (t) => `${RT.sLower}(${t(0)})`),
  js: () => (s: string) => s.toLowerCase(),
});

const upper = defineFunction({
  name: 's.upper',
  sigs: ['(s: string) -> string'],
  wasm: onText('string', (t) => `${RT.sUpper}(${t(0)})`),
  js: () => (s: string) => s.toUpperCase(),
});

/** Strips code points found in `chars` from the chosen ends (order in chars is irrelevant). */
function stripper(left: boolean, right: boolean) {
  return (s: string, chars: string) => {
    if (chars === '' || s === '') return s;
    const set = new Set(cpArray(chars));
    const cs = cpArray(s);
    let a = 0,
      b = cs.length;
    if (left) while (a < b && set.has(cs[a])) a++;
    if (right) while (b > a && set.has(cs[b - 1])) b--;
    return a === 0 && b === cs.length ? s : cs.slice(a, b).join('');
  };
}

const lstrip = defineFunction({
  name: 's.lstrip',
  sigs: ['(s: string, chars: string) -> string'],
  wasm: onText('string', (t) => `${RT.sStrip}(${t(0)}, ${t(1)}, true, false)`),
  js: () => stripper(true, false),
});
const rstrip = defineFunction({
  name: 's.rstrip',
  sigs: ['(s: string, chars: string) -> string'],
  wasm: onText('string', (t) => `${RT.sStrip}(${t(0)}, ${t(1)}, false, true)`),
  js: () => stripper(false, true),
});
const strip = defineFunction({
  name: 's.strip',
  sigs: ['(s: string, chars: string) -> string'],
  wasm: onText('string', (t) => `${RT.sStrip}(${t(0)}, ${t(1)}, true, true)`),
  js: () => stripper(true, true),
});

// Replacement follows Python's str.replace: an empty `original` matches between every character.
const replaceall = defineFunction({
  name: 's.replaceall',
  sigs: ['(s: string, original: string, replacement: string) -> string'],
  wasm: onText('string', (t) => `${RT.sReplaceall}(${t(0)}, ${t(1)}, ${t(2)})`),
  js: () => (s: string, original: string, replacement: string) => {
    if (original !== '') return s.split(original).join(replacement);
    const cs = cpArray(s);
    return replacement + cs.map((c) => c + replacement).join('');
  },
});

const replacefirst = defineFunction({
  name: 's.replacefirst',
  sigs: ['(s: string, original: string, replacement: string) -> string'],
  wasm: onText('string', (t) => `${RT.sReplacefirst}(${t(0)}, ${t(1)}, ${t(2)})`),
  js: () => (s: string, original: string, replacement: string) => {
    const i = s.indexOf(original);
    return i < 0 ? s : s.slice(0, i) + replacement + s.slice(i + original.length);
  },
});

const replacelast = defineFunction({
  name: 's.replacelast',
  sigs: ['(s: string, original: string, replacement: string) -> string'],
  wasm: onText('string', (t) => `${RT.sReplacelast}(${t(0)}, ${t(1)}, ${t(2)})`),
  js: () => (s: string, original: string, replacement: string) => {
    const i = s.lastIndexOf(original);
    return i < 0 ? s : s.slice(0, i) + replacement + s.slice(i + original.length);
  },
});

/** Like POSIX tr: characters of oldchars beyond newchars' length are deleted; the first occurrence of a duplicate wins (as in the reference). */
const translate = defineFunction({
  name: 's.translate',
  sigs: ['(s: string, oldchars: string, newchars: string) -> string'],
  wasm: onText('string', (t) => `${RT.sTranslate}(${t(0)}, ${t(1)}, ${t(2)})`),
  js: () => (s: string, oldchars: string, newchars: string) => {
    if (oldchars === '') return s;
    const from = cpArray(oldchars),
      to = cpArray(newchars);
    const table = new Map<string, string>();
    from.forEach((c, i) => {
      if (!table.has(c)) table.set(c, i < to.length ? to[i] : '');
    });
    let out = '';
    for (const c of cpArray(s)) out += table.get(c) ?? c;
    return out;
  },
});

export default defineNamespace('s', [
  len,
  substr,
  substrto,
  contains,
  count,
  index,
  rindex,
  startswith,
  endswith,
  join,
  split,
  hex,
  int,
  number,
  concat,
  repeat,
  lower,
  upper,
  lstrip,
  rstrip,
  strip,
  replaceall,
  replacefirst,
  replacelast,
  translate,
]);
