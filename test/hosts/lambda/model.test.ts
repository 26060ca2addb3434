/**
 * The document's hash (model.ts): FNV-1a 64 against the published test vectors, and outside the
 * bundle (no PFA_BUNDLED_MODEL) the SHA-256 of the bytes, computed.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { documentSha256, fnv1a64 } from '../../../src/hosts/lambda/model.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('fnv1a64', () => {
  it('gives the reference values', () => {
    expect(fnv1a64(utf8(''))).toBe('cbf29ce484222325');
    expect(fnv1a64(utf8('a'))).toBe('af63dc4c8601ec8c');
    expect(fnv1a64(utf8('foobar'))).toBe('85944171f73967e8');
  });

  it('changes with any byte', () => {
    const bytes = utf8('{"name": "m", "input": "double", "output": "double", "action": "input"}');
    const seen = new Set([fnv1a64(bytes)]);
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes.slice();
      b[i] ^= 1;
      seen.add(fnv1a64(b));
    }
    expect(seen.size).toBe(bytes.length + 1);
  });
});

describe('documentSha256', () => {
  it('outside the bundle, hashes the bytes', async () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 37) & 255);
    expect(await documentSha256(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
