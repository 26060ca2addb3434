/**
 * A lowering whose AssemblyScript does not build (a defect of pfa-wasm, not of the document):
 * the compile cache reports it instead of throwing, so `serve` and `score` under `auto` answer on
 * JS and say why, and `wasm` fails with the build's report. asc is replaced here by a compiler
 * that always fails, the way the "Cannot find name 't7'" defect of session 9 failed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledCached, precompiledFor } from '../../src/build/cache.js';
import { startEngine } from '../../src/hosts/lambda/backend.js';
import { jsonLogger } from '../../src/hosts/lambda/log.js';
import { PFAEngine } from '../../src/engine.js';

const REPORT = "ERROR TS2304: Cannot find name 't7'.";

vi.mock('../../src/backend/wasm/compile.js', () => ({
  compileSource: async () => {
    throw new Error(`${REPORT}\n   :\n 12 │ return t7;\n`);
  },
}));

const doubler = JSON.stringify({ name: 'doubler', input: 'double', output: 'double', action: { '*': ['input', 2] } });
const FAILED = `the Wasm build failed (a defect of pfa-wasm; please report it): ${REPORT}`;

describe('a Wasm build that fails', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is reported by the compile cache, which stores nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfa-cache-'));
    expect(await compiledCached(doubler, dir)).toEqual({ ok: false, reason: FAILED, path: '', defect: true });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves a host under auto on JS, saying why; under wasm the model does not load', async () => {
    const compiler = {
      compiled: (text: string) => compiledCached(text, mkdtempSync(join(tmpdir(), 'pfa-cache-'))),
      forget: async () => {},
    };
    const files = { source: 'doubler.pfa', text: doubler, sha256: '' };
    const log = jsonLogger('error', () => {});
    const auto = await startEngine(files, 'auto', log, {}, compiler);
    expect(auto.engine.backend).toBe('js');
    expect(auto.why).toBe(`js: ${FAILED}`);
    expect(auto.engine.action(1.5)).toBe(3);
    await expect(startEngine(files, 'wasm', log, {}, compiler)).rejects.toThrow(`PFA_BACKEND=wasm: ${FAILED}`);
  });

  it('gives the CLI no module, and the engine falls back under auto and fails under wasm', async () => {
    vi.stubEnv('PFA_WASM_CACHE', mkdtempSync(join(tmpdir(), 'pfa-cache-')));
    expect(await precompiledFor('/nowhere/doubler.pfa', doubler)).toBeUndefined();
    const notes: string[] = [];
    const engine = await PFAEngine.create(doubler, { backend: 'auto', onBackend: (m) => notes.push(m) });
    expect(engine.backend).toBe('js');
    expect(notes).toEqual([`js: ${FAILED}`]);
    // 'wasm' fails with asc's whole report, for the bug report.
    await expect(PFAEngine.create(doubler, { backend: 'wasm' })).rejects.toThrow('12 │ return t7;');
  });
});
