/**
 * Bracket expressions of the `re` dialect (util/regexSyntax.ts) as sorted, disjoint ranges of
 * code points (or bytes), with negation applied: the one form both regex engines test (the TS VM,
 * util/regexVm.ts, and the kernel's, assembly/lib/util/regexVm.ts, which reads it from the
 * program). POSIX classes are Unicode properties for strings (from one Unicode version, the
 * generated regexClassTable.ts) and ASCII only for bytes, as Joni's ASCII encoding reads them.
 */
import { CLASS_RANGES } from './regexClassTable.js';
import { type ClassName, type Node, nullable } from './regexSyntax.js';

const MAX_CODE_POINT = 0x10ffff;

/** The digits of the table's varints (scripts/regex-classes.ts encodeRanges writes them). */
export const RANGE_DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';

/** A class's ranges from its text in the table (gap and length - 1 per range, as varints). */
export function decodeRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  const take = (): number => {
    let n = 0;
    for (let shift = 0; ; shift += 5) {
      const d = RANGE_DIGITS.indexOf(text[at++]);
      if (d < 32) return n + d * 2 ** shift;
      n += (d - 32) * 2 ** shift;
    }
  };
  let next = 0;
  while (at < text.length) {
    const lo = next + take();
    const hi = lo + take();
    out.push([lo, hi]);
    next = hi + 1;
  }
  return out;
}

const classRanges = new Map<ClassName, [number, number][]>();

/**
 * The code points of a class (regexClassTable.ts, generated from one Unicode version, so every
 * platform reads the same classes), decoded at first use.
 */
function unicodeClass(name: ClassName): [number, number][] {
  let out = classRanges.get(name);
  if (!out) classRanges.set(name, (out = decodeRanges(CLASS_RANGES[name])));
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
    // (for bytes, the class's ASCII part: ranges are sorted, so those start the list)
    for (const [lo, hi] of unicodeClass(k)) {
      if (!unicode && lo > 0x7f) break;
      parts.push([lo, unicode ? hi : Math.min(hi, 0x7f)]);
    }
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
