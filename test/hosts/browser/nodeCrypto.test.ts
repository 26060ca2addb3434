/** The browser bundle's SHA-256 (src/hosts/browser/nodeCrypto.ts) against Node's, at block boundaries. */
import { describe, expect, it } from 'vitest';
import { createHash as nodeHash } from 'node:crypto';
import { createHash } from '../../../src/hosts/browser/nodeCrypto.js';

describe('browser SHA-256', () => {
  it('matches node:crypto on text and bytes of every length around the 64-byte blocks', () => {
    expect(createHash('sha256').update('').digest('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(createHash('sha256').update('abc').digest('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    for (let n = 0; n < 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 255);
      expect(createHash('sha256').update(bytes).digest('hex'), `${n} bytes`).toBe(
        nodeHash('sha256').update(bytes).digest('hex'),
      );
    }
    const text = 'é\u{1F600} pfa '.repeat(40);
    expect(createHash('sha256').update(text.slice(0, 48)).update(text.slice(48)).digest('hex')).toBe(
      nodeHash('sha256').update(text).digest('hex'),
    );
  });

  it('refuses what the engine never asks for', () => {
    expect(() => createHash('md5')).toThrow(/sha256 only/);
  });
});
