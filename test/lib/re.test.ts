/** re: the POSIX-extended dialect of Hadrian, string and bytes signatures, bad patterns (35000-35140). */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

const S = ['string', 'string'];
const B = ['bytes', 'bytes'];
const ints = { type: 'array', items: 'int' };
const ints2 = { type: 'array', items: ints };
const strs = { type: 'array', items: 'string' };
const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');

bothBackends(() => {
  describe('re: matching', () => {
    it('index: leftmost-first, greedy, code point positions', () => {
      expect(call('re.index', S, ints, ['hello', 'l+'])).toEqual([2, 4]);
      expect(call('re.index', S, ints, ['ab', 'a|ab'])).toEqual([0, 1]);
      expect(call('re.index', S, ints, ['😀😀xx', 'x+'])).toEqual([2, 4]);
      expect(call('re.index', S, ints, ['abc', 'z'])).toEqual([]);
    });

    it('the POSIX dialect, not JavaScript: \\d is a "d", classes are bracketed', () => {
      expect(call('re.contains', S, 'boolean', ['123', '\\d'])).toBe(false);
      expect(call('re.contains', S, 'boolean', ['d', '\\d'])).toBe(true);
      expect(call('re.index', S, ints, ['ab12', '[[:digit:]]+'])).toEqual([2, 4]);
      expect(call('re.index', S, ints, ['a\nb', 'a.b'])).toEqual([0, 3]);
      expect(call('re.index', S, ints, ['x)', 'x)'])).toEqual([0, 2]);
    });

    it('back-references to an earlier group', () => {
      expect(call('re.groups', S, ints2, ['hello', '(.)\\1'])).toEqual([
        [2, 4],
        [2, 3],
      ]);
      expect(call('re.groups', S, ints2, ['b', '(a)|b'])).toEqual([
        [0, 1],
        [-1, -1],
      ]);
    });

    it('count, rindex, indexall, findall, findfirst', () => {
      expect(call('re.count', S, 'int', ['a1b22c333', '[0-9]+'])).toBe(3);
      expect(call('re.rindex', S, ints, ['a1b22c333', '[0-9]+'])).toEqual([6, 9]);
      expect(call('re.indexall', S, ints2, ['a1b22', '[0-9]+'])).toEqual([
        [1, 2],
        [3, 5],
      ]);
      expect(call('re.findall', S, strs, ['a1b22', '[0-9]+'])).toEqual(['1', '22']);
      expect(call('re.findfirst', S, ['string', 'null'], ['a1b22', '[0-9]+'])).toEqual({ string: '1' });
      expect(call('re.findfirst', S, ['string', 'null'], ['ab', '[0-9]+'])).toBe(null);
    });

    it('empty matches advance one character instead of looping', () => {
      expect(call('re.count', S, 'int', ['abc', 'x*'])).toBe(3);
      expect(call('re.replaceall', [...S, 'string'], 'string', ['abc', 'x*', '-'])).toBe('-a-b-c');
    });

    it('groups of every match', () => {
      expect(call('re.findgroupsfirst', S, strs, ['k=v;x=y', '(.)=(.)'])).toEqual(['k=v', 'k', 'v']);
      expect(call('re.findgroupsall', S, { type: 'array', items: strs }, ['k=v;x=y', '(.)=(.)'])).toEqual([
        ['k=v', 'k', 'v'],
        ['x=y', 'x', 'y'],
      ]);
      expect(call('re.groupsall', S, { type: 'array', items: ints2 }, ['k=v;x=y', '(.)=(.)'])).toEqual([
        [
          [0, 3],
          [0, 1],
          [2, 3],
        ],
        [
          [4, 7],
          [4, 5],
          [6, 7],
        ],
      ]);
    });

    it('replacements are literal', () => {
      const t = [...S, 'string'];
      expect(call('re.replacefirst', t, 'string', ['a1b2', '[0-9]', '$0'])).toBe('a$0b2');
      expect(call('re.replacelast', t, 'string', ['a1b2', '[0-9]', '#'])).toBe('a1b#');
      expect(call('re.replaceall', t, 'string', ['a1b2', '[0-9]', '#'])).toBe('a#b#');
    });

    it('split drops the empty pieces at the ends, as Hadrian', () => {
      expect(call('re.split', S, strs, [',a,,b,', ','])).toEqual(['a', '', 'b']);
      expect(call('re.split', S, strs, ['abc', ','])).toEqual(['abc']);
    });

    it('bytes are matched byte by byte, invalid UTF-8 included', () => {
      expect(call('re.index', B, ints, [b64('\xff\x80ab'), b64('a')])).toEqual([2, 3]);
      expect(call('re.findall', B, { type: 'array', items: 'bytes' }, [b64('a\xffa\xff'), b64('\xff')])).toEqual([
        b64('\xff'),
        b64('\xff'),
      ]);
      expect(call('re.replaceall', [...B, 'bytes'], 'bytes', [b64('a\x00b'), b64('\x00'), b64('--')])).toBe(
        b64('a--b'),
      );
      expect(call('re.split', B, { type: 'array', items: 'bytes' }, [b64('a\x00b'), b64('\x00')])).toEqual([
        b64('a'),
        b64('b'),
      ]);
    });

    it('catastrophic patterns finish quickly', () => {
      const start = Date.now();
      expect(call('re.contains', S, 'boolean', ['a'.repeat(3000), '(a*)*b'])).toBe(false);
      expect(call('re.contains', S, 'boolean', ['x'.repeat(2000), '(x+x+)+y'])).toBe(false);
      expect(Date.now() - start).toBeLessThan(5000);
    });
  });

  describe("re: bad patterns raise each function's code", () => {
    const cases: [string, number, unknown[], unknown][] = [
      ['re.index', 35000, S, ints],
      ['re.contains', 35010, S, 'boolean'],
      ['re.count', 35020, S, 'int'],
      ['re.rindex', 35030, S, ints],
      ['re.groups', 35040, S, ints2],
      ['re.indexall', 35050, S, ints2],
      ['re.findall', 35060, S, strs],
      ['re.findfirst', 35070, S, ['string', 'null']],
      ['re.findgroupsfirst', 35080, S, strs],
      ['re.findgroupsall', 35090, S, { type: 'array', items: strs }],
      ['re.groupsall', 35100, S, { type: 'array', items: ints2 }],
      ['re.replacefirst', 35110, [...S, 'string'], 'string'],
      ['re.replacelast', 35120, [...S, 'string'], 'string'],
      ['re.split', 35130, S, strs],
      ['re.replaceall', 35140, [...S, 'string'], 'string'],
    ];
    it.each(cases)('%s → %i', (fn, code, types, out) => {
      for (const bad of ['\\1', '(a', '*a', 'a{2', '[z-a]', '[[:nope:]]', 'a\\']) {
        expect(call(fn, types, out, ['hello', bad, 'x'].slice(0, types.length))).toMatchObject({ code });
      }
    });

    it('bytes patterns too', () => {
      expect(call('re.index', B, ints, [b64('hello'), b64('\\1')])).toMatchObject({ code: 35000 });
    });

    it('a back-reference pattern that backtracks without end hits the step budget', () => {
      expect(call('re.contains', S, 'boolean', ['a'.repeat(40), '(a*)*\\1b'])).toMatchObject({ code: 35010 });
    });
  });
});
