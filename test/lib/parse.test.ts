/** parse: integers in bases 2-36 (33000, 33001, 33010, 33011) and floats (33020, 33030). */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

const int = (s: string, base: number) => call('parse.int', ['string', 'int'], 'int', [s, base]);
const long = (s: string, base: number) => call('parse.long', ['string', 'int'], 'long', [s, base]);

bothBackends(() => {
  describe('parse: integers', () => {
    it('trim, any case, signs', () => {
      expect(int(' \t FF\n', 16)).toBe(255);
      expect(int('-zz', 36)).toBe(-1295);
      expect(int('+101', 2)).toBe(5);
    });
    it('exact range limits', () => {
      expect(int('2147483647', 10)).toBe(2147483647);
      expect(int('-2147483648', 10)).toBe(-2147483648);
      expect(int('2147483648', 10)).toMatchObject({ code: 33000 });
      expect(long('9223372036854775807', 10)).toBe(9223372036854775807n);
      expect(long('-9223372036854775808', 10)).toBe(-9223372036854775808n);
      expect(long('9223372036854775808', 10)).toMatchObject({ code: 33010 });
    });
    it('not an integer, base out of range', () => {
      for (const s of ['', '1.5', '12 3', '0x10', '2']) expect(int(s, 2)).toMatchObject({ code: 33000 });
      expect(long('19', 8)).toMatchObject({ code: 33010 });
      for (const b of [1, 37, 0]) {
        expect(int('1', b)).toMatchObject({ code: 33001 });
        expect(long('1', b)).toMatchObject({ code: 33011 });
      }
    });
  });

  describe('parse: floating point', () => {
    const float = (s: string) => call('parse.float', ['string'], 'float', [s]);
    const double = (s: string) => call('parse.double', ['string'], 'double', [s]);
    it("the spec's forms and special values", () => {
      expect(double(' 3.25 ')).toBe(3.25);
      expect(double('.5')).toBe(0.5);
      expect(double('5.')).toBe(5);
      expect(double('-1E3')).toBe(-1000);
      expect(double('INF')).toBe('inf');
      expect(double('-inf')).toBe('-inf');
      expect(double('NaN')).toBe('nan');
      expect(double('1e400')).toBe('inf');
      expect(float('1e39')).toBe('inf');
      expect(float('0.1')).toBe(Math.fround(0.1));
    });
    it('rounds decimal text to float once', () => {
      // 1 + 2^-24 is exactly between two floats; a hair above it must round up, which a double
      // (that rounds the hair away) would not.
      expect(float('1.00000005960464477539062500000000001')).toBe(1 + 2 ** -23);
      expect(float('1.000000059604644775390625')).toBe(1);
    });
    it('errors', () => {
      for (const s of ['', '1.2.3', '0x1p3', 'e5', 'infinity', '1e']) {
        expect(float(s)).toMatchObject({ code: 33020 });
        expect(double(s)).toMatchObject({ code: 33030 });
      }
    });
  });
});
