/** util/regexSyntax + util/regexVm: the dialect's corner cases, straight on the matcher. */
import { describe, expect, it } from 'vitest';
import { RegexSyntaxError, parseRegex } from '../../../src/lib/util/regexSyntax.js';
import { Matcher, RegexBudgetError, compile } from '../../../src/lib/util/regexVm.js';

const cps = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
function find(pattern: string, haystack: string, from = 0): number[] | null {
  const { root, groups } = parseRegex(cps(pattern));
  const c = new Matcher(compile(root, groups, true), cps(haystack)).search(from);
  return c ? Array.from(c) : null;
}

describe('regex dialect', () => {
  it('anchors: ^ only at the start, $ at the end or before a final newline', () => {
    expect(find('^b', 'ab')).toBe(null);
    expect(find('^a', 'ab', 1)).toBe(null);
    expect(find('a$', 'ba\n')).toEqual([1, 2]);
    expect(find('a$', 'a\nb')).toBe(null);
  });

  it('intervals', () => {
    expect(find('a{2}', 'aaa')).toEqual([0, 2]);
    expect(find('a{2,}', 'aaaa')).toEqual([0, 4]);
    expect(find('(ab){1,2}c', 'ababc')).toEqual([0, 5, 2, 4]);
    expect(find('x{0}y', 'y')).toEqual([0, 1]);
  });

  it('bracket expressions', () => {
    expect(find('[a-c-e]+', 'x-eb')).toEqual([1, 4]);
    expect(find('[^[:space:]]+', '  ab c')).toEqual([2, 4]);
    expect(find('[\\n]', 'a\nb')).toEqual([1, 2]);
    expect(find('[[:upper:]]', 'aÉ')).toEqual([1, 2]);
  });

  it('an empty loop iteration fails instead of looping', () => {
    expect(find('(a*)*b', 'aab')).toEqual([0, 3, 0, 2]);
    expect(find('(a|)*$', 'aa')).toEqual([0, 2, 1, 2]);
    expect(find('(a*)*\\1', 'aa')).not.toBe(null);
  });

  it('syntax errors', () => {
    for (const p of ['(', 'a{1', 'a{2,1}', 'a{100001}', '+', '(|*)', '$?', '[b-a]', '[[:x:]]', '\\2(a)', '\\']) {
      expect(() => parseRegex(cps(p)), p).toThrow(RegexSyntaxError);
    }
    for (const p of ['', '()', 'a|', ')', '}', 'a{1}{2}', '[]]', '[a-]'])
      expect(() => parseRegex(cps(p)), p).not.toThrow();
  });

  it('programs are capped after counted repetitions are expanded', () => {
    const { root, groups } = parseRegex(cps('((a{1000}){1000}){1000}'));
    expect(() => compile(root, groups, true)).toThrow(RegexSyntaxError);
  });

  it('bytes use ASCII classes', () => {
    const { root, groups } = parseRegex([0x5b, 0x5b, 0x3a, 0x61, 0x6c, 0x70, 0x68, 0x61, 0x3a, 0x5d, 0x5d]); // [[:alpha:]]
    const prog = compile(root, groups, false);
    expect(new Matcher(prog, [0xe9, 0x41]).search(0)).toEqual(new Int32Array([1, 2]));
  });

  it('back-reference patterns run under a step budget', () => {
    const { root, groups } = parseRegex(cps('(a*)*\\1b'));
    const m = new Matcher(compile(root, groups, true), cps('a'.repeat(40)));
    expect(() => m.search(0)).toThrow(RegexBudgetError);
  });
});
