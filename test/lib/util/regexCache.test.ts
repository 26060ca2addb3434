import { describe, expect, it } from 'vitest';
import { PatternCache } from '../../../src/lib/util/regexCache.js';
import { RegexSyntaxError } from '../../../src/lib/util/regexSyntax.js';
import { type Program, compilePattern, encodeProgram } from '../../../src/lib/util/regexVm.js';

describe('PatternCache', () => {
  it('compiles a pattern once and answers the same program after', () => {
    let compiles = 0;
    const cache = new PatternCache((p: Program) => {
      compiles++;
      return p;
    });
    const first = cache.get('a+b');
    expect(cache.get('a+b')).toBe(first);
    expect(compiles).toBe(1);
    expect(encodeProgram(first)).toEqual(encodeProgram(compilePattern('a+b')));
  });

  it('keeps a string pattern and the bytes of the same characters apart', () => {
    const cache = new PatternCache((p: Program) => p);
    // "é." as a string matches code points; as bytes (latin-1 0xE9, '.') it matches raw bytes.
    const asString = cache.get('\u00e9.');
    const asBytes = cache.get(new Uint8Array([0xe9, 0x2e]));
    expect(asBytes).not.toBe(asString);
    expect(encodeProgram(asBytes)).toEqual(encodeProgram(compilePattern(new Uint8Array([0xe9, 0x2e]))));
    expect(encodeProgram(asString)).toEqual(encodeProgram(compilePattern('\u00e9.')));
    expect(cache.get(new Uint8Array([0xe9, 0x2e]))).toBe(asBytes);
  });

  it('keys a bytes pattern longer than one slice of the key builder', () => {
    const cache = new PatternCache((p: Program) => p);
    const long = new Uint8Array(20_000).fill(0x61);
    const other = long.slice();
    other[19_999] = 0x62;
    expect(cache.get(other)).not.toBe(cache.get(long));
    expect(cache.get(long.slice())).toBe(cache.get(long));
  });

  it('raises a bad pattern at every call and keeps nothing for it', () => {
    const cache = new PatternCache((p: Program) => p);
    expect(() => cache.get('(a')).toThrow(RegexSyntaxError);
    expect(() => cache.get('(a')).toThrow(RegexSyntaxError);
  });

  it('starts over when full, so the count of kept programs stays bounded', () => {
    let compiles = 0;
    const cache = new PatternCache((p: Program) => {
      compiles++;
      return p;
    });
    for (let i = 0; i < 64; i++) cache.get(`x${i}`);
    cache.get('x0');
    expect(compiles).toBe(64);
    cache.get('y'); // the 65th pattern clears the cache
    cache.get('x0');
    expect(compiles).toBe(66);
  });
});
