/**
 * The document's hash (model.ts): outside the bundle (no PFA_BUNDLED_MODEL) the SHA-256 of the
 * bytes, computed; test/deploy/lambda-zip.test.ts checks the bundled copy's path.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { documentSha256 } from '../../../src/hosts/lambda/model.js';

describe('documentSha256', () => {
  it('outside the bundle, hashes the bytes', async () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 37) & 255);
    expect(await documentSha256(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
