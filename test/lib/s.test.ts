/** s: code point counting, Python slices, formatting and errors 39110, 39111, 39120, 39121, 39240. */
import { describe, expect, it } from 'vitest';
import { call, score } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

const str = (fn: string, args: unknown[], types: unknown[], out: unknown = 'string') => call(fn, types, out, args);

bothBackends(() => {
  describe('s: positions are code points', () => {
    it('len counts characters outside the BMP once', () => {
      expect(str('s.len', ['a😀b'], ['string'], 'int')).toBe(3);
      expect(str('s.len', [''], ['string'], 'int')).toBe(0);
    });

    it('substr follows Python slices on code points', () => {
      const t = ['string', 'int', 'int'];
      expect(str('s.substr', ['a😀bc', 1, 3], t)).toBe('😀b');
      expect(str('s.substr', ['hello', -3, -1], t)).toBe('ll');
      expect(str('s.substr', ['hello', 3, 1], t)).toBe('');
      expect(str('s.substr', ['hello', -100, 100], t)).toBe('hello');
    });

    it('substrto replaces a slice, or inserts before start when end ≤ start', () => {
      const t = ['string', 'int', 'int', 'string'];
      expect(str('s.substrto', ['a😀bc', 1, 2, 'XY'], t)).toBe('aXYbc');
      expect(str('s.substrto', ['hello', 3, 1, '-'], t)).toBe('hel-lo');
      expect(str('s.substrto', ['hello', -1, 100, '!'], t)).toBe('hell!');
    });

    it('index and rindex report code point positions', () => {
      expect(str('s.index', ['😀a😀a', 'a'], ['string', 'string'], 'int')).toBe(1);
      expect(str('s.rindex', ['😀a😀a', 'a'], ['string', 'string'], 'int')).toBe(3);
      expect(str('s.index', ['abc', 'x'], ['string', 'string'], 'int')).toBe(-1);
    });
  });

  describe('s: search and replace', () => {
    const two = ['string', 'string'];
    it('count ignores empty needles and does not overlap', () => {
      expect(str('s.count', ['aaaa', 'aa'], two, 'int')).toBe(2);
      expect(str('s.count', ['aaaa', ''], two, 'int')).toBe(0);
    });

    it('contains, startswith, endswith, concat, repeat', () => {
      expect(str('s.contains', ['hello', 'ell'], two, 'boolean')).toBe(true);
      expect(str('s.startswith', ['hello', 'he'], two, 'boolean')).toBe(true);
      expect(str('s.endswith', ['hello', 'he'], two, 'boolean')).toBe(false);
      expect(str('s.concat', ['ab', 'cd'], two)).toBe('abcd');
      expect(str('s.repeat', ['ab', 3], ['string', 'int'])).toBe('ababab');
      expect(str('s.repeat', ['ab', -2], ['string', 'int'])).toBe('');
    });

    it('repeat refuses a result past 2^24 characters with the same uncoded error on both backends', () => {
      const tooLong = { error: 'the repeated string exceeds the limit of 16777216 characters', code: undefined };
      expect(str('s.repeat', ['ab', 2 ** 23 + 1], ['string', 'int'])).toEqual(tooLong);
      expect(str('s.repeat', ['ab', 2 ** 31 - 1], ['string', 'int'])).toEqual(tooLong);
      // at the limit exactly, the string is made
      const atLimit = { input: 'int', output: 'int', action: { 's.len': { 's.repeat': [{ string: 'ab' }, 'input'] } } };
      expect(score(atLimit, [2 ** 23])).toEqual([2 ** 24]);
    });

    it('join and split (an empty separator splits into nothing)', () => {
      expect(str('s.join', [['a', 'b', 'c'], '-'], [{ type: 'array', items: 'string' }, 'string'])).toBe('a-b-c');
      const arr = { type: 'array', items: 'string' };
      expect(str('s.split', [',a,,b,', ','], two, arr)).toEqual(['', 'a', '', 'b', '']);
      expect(str('s.split', ['abc', ''], two, arr)).toEqual([]);
      expect(str('s.split', ['abc', 'x'], two, arr)).toEqual(['abc']);
    });

    it('replaceall/first/last with Python semantics for an empty original', () => {
      const three = ['string', 'string', 'string'];
      expect(str('s.replaceall', ['abab', 'b', 'X'], three)).toBe('aXaX');
      expect(str('s.replaceall', ['ab', '', '-'], three)).toBe('-a-b-');
      expect(str('s.replacefirst', ['abab', 'b', 'X'], three)).toBe('aXab');
      expect(str('s.replacelast', ['abab', 'b', 'X'], three)).toBe('abaX');
    });

    it('strips and translate work on code points', () => {
      expect(str('s.strip', ['😀xa😀', '😀'], two)).toBe('xa');
      expect(str('s.lstrip', ['xxaxx', 'x'], two)).toBe('axx');
      expect(str('s.rstrip', ['xxaxx', 'x'], two)).toBe('xxa');
      expect(str('s.translate', ['hello', 'lo', 'L'], ['string', 'string', 'string'])).toBe('heLL');
      expect(str('s.translate', ['a😀b', '😀', 'z'], ['string', 'string', 'string'])).toBe('azb');
    });

    it('lower and upper', () => {
      expect(str('s.lower', ['HeLLo'], ['string'])).toBe('hello');
      expect(str('s.upper', ['straße'], ['string'])).toBe('STRASSE');
    });
  });

  describe('s: number formatting', () => {
    const wide = ['long', 'int', 'boolean'];
    it('hex pads and rejects negatives (39111) and zero-padded negative widths (39110)', () => {
      expect(str('s.hex', [255], ['long'])).toBe('ff');
      expect(str('s.hex', [255, 5, true], wide)).toBe('000ff');
      expect(str('s.hex', [255, -5, false], wide)).toBe('ff   ');
      expect(str('s.hex', [-1], ['long'])).toMatchObject({ code: 39111 });
      expect(str('s.hex', [1, -3, true], wide)).toMatchObject({ code: 39110 });
    });

    it('int pads after the sign and raises 39240 for zero-padded negative widths', () => {
      expect(str('s.int', [-42, 6, true], wide)).toBe('-00042');
      expect(str('s.int', [42, 6, false], wide)).toBe('    42');
      expect(str('s.int', [9223372036854775807n], ['long'])).toBe('9223372036854775807');
      expect(str('s.int', [1, -2, true], wide)).toMatchObject({ code: 39240 });
    });

    it('number on doubles: plain or scientific by magnitude, exact rounding', () => {
      const t = ['double', ['int', 'null'], ['int', 'null']];
      expect(str('s.number', [3.5, null, null], t)).toBe('3.5');
      expect(str('s.number', [1e-5, null, null], t)).toBe('1.0e-05');
      expect(str('s.number', [123456789, null, { int: 2 }], t)).toBe('1.23e+08');
      expect(str('s.number', [0.5, null, { int: 0 }], t)).toBe('0'); // half to even
      expect(str('s.number', [-0, { int: 4 }, { int: 1 }], t)).toBe(' 0.0');
      expect(str('s.number', ['nan', { int: -5 }, null], t)).toBe('nan  ');
      expect(str('s.number', [0.9, null, { int: 30 }], t)).toBe('0.900000000000000022204460492503');
      expect(str('s.number', [1, null, { int: -1 }], t)).toMatchObject({ code: 39121 });
      const t5 = [...t, 'double', 'double'];
      expect(str('s.number', [17, null, null, 100, 1000], t5)).toBe('1.7e+01');
    });

    it('number on longs (deprecated signatures) raises 39120', () => {
      expect(str('s.number', [7, -3, true], wide)).toMatchObject({ code: 39120 });
      expect(str('s.number', [7, 3, true], wide)).toBe('007');
    });
  });
});
