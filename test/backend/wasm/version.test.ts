/**
 * A precompiled module carries the runtime it was built with (assembly/) and the asc options it was
 * built with (asconfig.json), which its manifest does not hash: COMPILER_VERSION must move on
 * whenever either changes (src/backend/wasm/version.ts).
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ASSEMBLY_SHA256, COMPILER_VERSION } from '../../../src/backend/wasm/version.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const ASSEMBLY = join(ROOT, 'assembly');

function assemblyHash(): string {
  const files = readdirSync(ASSEMBLY, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.split('\\').join('/'))
    .sort();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(`${f}\n`);
    h.update(readFileSync(join(ASSEMBLY, f)));
    h.update('\n');
  }
  h.update('asconfig.json\n');
  h.update(readFileSync(join(ROOT, 'asconfig.json')));
  h.update('\n');
  return h.digest('hex');
}

describe('kernel version', () => {
  it('moves on with assembly/ and asconfig.json (else precompiled modules would keep an old runtime)', () => {
    const now = assemblyHash();
    expect(
      now,
      `assembly/ or asconfig.json changed since ${COMPILER_VERSION}: bump COMPILER_VERSION in src/backend/wasm/version.ts and set ASSEMBLY_SHA256 to ${now}`,
    ).toBe(ASSEMBLY_SHA256);
  });
});
