/**
 * The compile cache (src/build/cache.ts): where it lives, a miss that compiles and stores,
 * a hit that does not compile, entries that do not read back whole, and documents that do not lower.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir, cachePath, compiledCached, readCached } from '../../src/build/cache.js';
import { ASSEMBLY_SHA256, COMPILER_VERSION } from '../../src/backend/wasm/version.js';

const ENTRY = `${COMPILER_VERSION}-${ASSEMBLY_SHA256.slice(0, 12)}`;
import { sha256 } from '../../src/backend/wasm/artifact.js';
import { PFAEngine } from '../../src/engine.js';
import { NOT_LOWERED_DOC, NOT_LOWERED_REASON } from '../helpers/notLowered.js';

const doubler = JSON.stringify({ name: 'doubler', input: 'double', output: 'double', action: { '*': ['input', 2] } });
/** A library function without a Wasm form keeps the engine in JS. */
/** <= of maps: a form the Wasm backend does not lower. */
const notLowered = JSON.stringify(NOT_LOWERED_DOC);

describe('the compile cache', () => {
  it('lives in PFA_WASM_CACHE, else $XDG_CACHE_HOME/pfa-wasm, else ~/.cache/pfa-wasm', () => {
    expect(cacheDir({ PFA_WASM_CACHE: '/srv/cache', XDG_CACHE_HOME: '/x' })).toBe('/srv/cache');
    expect(cacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/pfa-wasm');
    // A relative XDG_CACHE_HOME is invalid (XDG Base Directory spec) and ignored.
    expect(cacheDir({ XDG_CACHE_HOME: 'rel' })).toBe(join(homedir(), '.cache/pfa-wasm'));
    expect(cacheDir({})).toBe(join(homedir(), '.cache/pfa-wasm'));
    expect(cachePath(doubler, '/c')).toBe(`/c/${sha256(doubler)}-${ENTRY}.wasm`);
  });

  it('compiles a document once; the next lookup reads the entry without compiling, and it runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfa-cache-'));
    const first = await compiledCached(doubler, dir);
    if (!first.ok) throw new Error(first.reason);
    expect(first.compiledMs).toEqual(expect.any(Number));
    expect(first.origin).toMatch(/^compiled in \d+ ms and kept in the compile cache/);
    expect(readdirSync(dir).sort()).toEqual([
      `${sha256(doubler)}-${ENTRY}.wasm`,
      `${sha256(doubler)}-${ENTRY}.wasm.json`,
    ]);
    const second = await compiledCached(doubler, dir);
    if (!second.ok) throw new Error(second.reason);
    expect(second.compiledMs).toBeNull();
    expect(second.origin).toBe(`from the compile cache, ${first.file}`);
    expect(second.precompiled.wasm).toEqual(first.precompiled.wasm);
    const notes: string[] = [];
    const engine = await PFAEngine.create(doubler, {
      backend: 'wasm',
      precompiled: second.precompiled,
      onBackend: (m) => notes.push(m),
    });
    expect(notes).toEqual(['wasm: using the precompiled module']);
    expect(engine.action(1.25)).toBe(2.5);
  });

  it('ignores an entry that does not read back whole, and compiling writes it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfa-cache-'));
    const built = await compiledCached(doubler, dir);
    if (!built.ok) throw new Error(built.reason);
    const wasm = readFileSync(built.file);
    const manifest = readFileSync(`${built.file}.json`, 'utf8');
    const broken: [string, string | Uint8Array][] = [
      [built.file, wasm.subarray(0, wasm.length - 7)],
      [built.file, Buffer.concat([wasm.subarray(0, 8), Buffer.alloc(wasm.length - 8, 0xff)])],
      [`${built.file}.json`, manifest.slice(0, 40)],
      [`${built.file}.json`, manifest.replace(COMPILER_VERSION, 'pfa-wasm-kernel-0')],
    ];
    for (const [file, bytes] of broken) {
      writeFileSync(file, bytes);
      expect(await readCached(doubler, dir), file).toBeNull();
      const again = await compiledCached(doubler, dir);
      expect(again).toMatchObject({ ok: true, compiledMs: expect.any(Number) });
      expect(await readCached(doubler, dir)).toMatchObject({ ok: true, compiledMs: null });
    }
  });

  it('two lookups at once both get a whole module and leave no temporary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfa-cache-'));
    const both = await Promise.all([compiledCached(doubler, dir), compiledCached(doubler, dir)]);
    for (const c of both)
      expect(c.ok && WebAssembly.validate(c.precompiled.wasm as Uint8Array<ArrayBuffer>)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await readCached(doubler, dir)).toMatchObject({ ok: true });
  });

  it('a document that does not lower gives the reason and its path, and stores nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfa-cache-'));
    expect(await compiledCached(notLowered, dir)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(NOT_LOWERED_REASON),
      path: '/action',
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});
