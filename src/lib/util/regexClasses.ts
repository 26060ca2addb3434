/**
 * Bracket expressions of the `re` dialect (util/regexSyntax.ts) as sorted, disjoint ranges of
 * code points (or bytes), with negation applied: the one form both regex engines test (the TS VM,
 * util/regexVm.ts, and the kernel's, assembly/lib/util/regexVm.ts, which reads it from the
 * program). POSIX classes are Unicode properties for strings and ASCII only for bytes, as Joni's
 * ASCII encoding reads them.
 */
import { type ClassName, type Node, nullable } from './regexSyntax.js';

/** What each class means on a code point (the definitions the engine has always used). */
const UNICODE: Record<ClassName, RegExp> = {
  alpha: /\p{Alphabetic}/u,
  digit: /\p{Nd}/u,
  alnum: /[\p{Alphabetic}\p{Nd}]/u,
  upper: /\p{Uppercase}/u,
  lower: /\p{Lowercase}/u,
  space: /\p{White_Space}/u,
  blank: /[\p{Zs}\t]/u,
  cntrl: /\p{Cc}/u,
  punct: /[\p{P}$+<=>^`|~]/u,
  graph: /[^\p{White_Space}\p{Cc}\p{Cn}\p{Cs}]/u,
  print: /[^\p{White_Space}\p{Cc}\p{Cn}\p{Cs}]|\p{Zs}/u,
  xdigit: /[0-9A-Fa-f]/u,
  word: /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}]/u,
  ascii: /[\0-\x7f]/u,
};

const MAX_CODE_POINT = 0x10ffff;
const SURROGATES: [number, number] = [0xd800, 0xdfff];

/** Every code point but the surrogates, in order: classes are found by scanning it once each. */
let allScalars: string | undefined;

function scalars(): string {
  if (allScalars === undefined) {
    const parts: string[] = [];
    for (let lo = 0; lo <= MAX_CODE_POINT; lo += 0x1000) {
      const cps: number[] = [];
      for (let c = lo; c < lo + 0x1000; c++) if (c < SURROGATES[0] || c > SURROGATES[1]) cps.push(c);
      parts.push(String.fromCodePoint(...cps));
    }
    allScalars = parts.join('');
  }
  return allScalars;
}

const classRanges = new Map<ClassName, [number, number][]>();

/**
 * The code points of a class, as ranges: the runs its RegExp matches in the string of every scalar
 * value (one native scan rather than 1.1 million tests), and the lone surrogates tested one by one.
 */
function unicodeClass(name: ClassName): [number, number][] {
  let out = classRanges.get(name);
  if (out) return out;
  out = [];
  const re = new RegExp(`(?:${UNICODE[name].source})+`, 'gu');
  for (const m of scalars().matchAll(re)) {
    const run = m[0];
    const first = run.codePointAt(0)!;
    const tail = run.charCodeAt(run.length - 1);
    // (the string has no lone surrogates: a final low surrogate ends a pair)
    const last = tail >= 0xdc00 && tail <= 0xdfff ? run.codePointAt(run.length - 2)! : tail;
    // (U+D7FF and U+E000 stand side by side in the string: a run across them is two ranges)
    if (first < SURROGATES[0] && last > SURROGATES[1]) out.push([first, SURROGATES[0] - 1], [SURROGATES[1] + 1, last]);
    else out.push([first, last]);
  }
  for (let c = SURROGATES[0]; c <= SURROGATES[1]; c++) if (UNICODE[name].test(String.fromCharCode(c))) out.push([c, c]);
  classRanges.set(name, out);
  return out;
}

/** Sorted, merged (adjacent ranges joined). */
function normalize(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/**
 * The characters a bracket expression matches, as sorted disjoint inclusive ranges (negation
 * applied, over every code point for strings and every byte for bytes).
 */
export function setRanges(n: Extract<Node, { t: 'set' }>, unicode: boolean): [number, number][] {
  const top = unicode ? MAX_CODE_POINT : 0xff;
  const parts: [number, number][] = n.ranges.filter(([lo]) => lo <= top).map(([lo, hi]) => [lo, Math.min(hi, top)]);
  for (const k of n.classes) {
    if (unicode) parts.push(...unicodeClass(k));
    else for (let c = 0; c <= 0x7f; c++) if (UNICODE[k].test(String.fromCharCode(c))) parts.push([c, c]);
  }
  const ranges = normalize(parts);
  if (!n.negated) return ranges;
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= top) out.push([next, top]);
  return out;
}

/**
 * The characters a match can start with, as ranges, or null when that is not narrower than any
 * character (a pattern that can match empty, or starts with `.`, an anchor or a back-reference).
 * Both matchers skip a start position whose character is not among them: such a start fails
 * whatever the program does, so only the steps it would have counted are saved.
 */
export function firstChars(root: Node, unicode: boolean): [number, number][] | null {
  if (nullable(root)) return null;
  const first = (n: Node): [number, number][] | null => {
    switch (n.t) {
      case 'char':
        return [[n.c, n.c]];
      case 'set':
        return setRanges(n, unicode);
      case 'group':
        return first(n.body);
      case 'cat':
        return n.items.length > 0 && !nullable(n.items[0]) ? first(n.items[0]) : null;
      case 'alt': {
        const all = n.items.map(first);
        return all.every((x) => x !== null) ? normalize(all.flat() as [number, number][]) : null;
      }
      case 'rep':
        return n.min > 0 ? first(n.body) : null;
      default:
        return null;
    }
  };
  return first(root);
}
