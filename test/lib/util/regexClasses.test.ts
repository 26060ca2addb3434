/** Bracket expressions as ranges, and the characters a match can start with (util/regexClasses.ts). */
import { describe, expect, it } from 'vitest';
import { firstChars, setRanges } from '../../../src/lib/util/regexClasses.js';
import { parseRegex } from '../../../src/lib/util/regexSyntax.js';

const cps = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
const root = (p: string) => parseRegex(cps(p)).root;
const inRanges = (r: [number, number][], c: number) => r.some(([lo, hi]) => c >= lo && c <= hi);

describe('regex classes as ranges', () => {
  it('a class holds the code points its Unicode property holds, lone surrogates included', () => {
    const alpha = setRanges({ t: 'set', negated: false, ranges: [], classes: ['alpha'] }, true);
    for (let c = 0; c < 0x30000; c += 7)
      expect(inRanges(alpha, c), c.toString(16)).toBe(/\p{Alphabetic}/u.test(String.fromCodePoint(c)));
    const graph = setRanges({ t: 'set', negated: true, ranges: [], classes: ['graph'] }, true);
    expect(inRanges(graph, 0xd800)).toBe(true); // (a surrogate is not graphic: the negation holds it)
    expect(inRanges(graph, 0x41)).toBe(false);
  });

  it('bytes read classes as ASCII and negate over the 256 bytes', () => {
    expect(setRanges({ t: 'set', negated: false, ranges: [], classes: ['alpha'] }, false)).toEqual([
      [65, 90],
      [97, 122],
    ]);
    expect(setRanges({ t: 'set', negated: true, ranges: [[0, 0x7f]], classes: [] }, false)).toEqual([[0x80, 0xff]]);
  });

  it('first characters: narrower than any only where a match must start with one of them', () => {
    expect(firstChars(root('ab|c+'), true)).toEqual([
      [97, 97],
      [99, 99],
    ]);
    expect(firstChars(root('(x)[0-9]'), true)).toEqual([[120, 120]]);
    for (const p of ['a*b', '.b', '^a', 'a|b*', '(a)?b', 'x{0,2}']) expect(firstChars(root(p), true), p).toBe(null);
  });
});
