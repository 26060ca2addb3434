/**
 * `pfa-wasm serve` and `pfa-wasm openapi` as a user runs them: serve prints a curl line that
 * scores a Sonar row (what `npm start` shows), answers it, and stops cleanly on SIGTERM; without a
 * module beside the model it runs on Wasm, compiling once into the compile cache.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/hosts/cli/main.js';
import { SONAR_MODEL } from '../lambda/fixtures.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Served {
  url: string;
  curl: string;
  stdout: () => string;
  stderr: () => string;
  stop: () => Promise<number | null>;
}

/** The command as bin/pfa-wasm runs it, from the sources (dist/ may be older than them), with its own compile cache. */
async function serve(args: string[], cache: string): Promise<Served> {
  const entry = join(mkdtempSync(join(tmpdir(), 'pfa-cli-')), 'run.mts');
  writeFileSync(
    entry,
    `import { main } from ${JSON.stringify(join(ROOT, 'src/hosts/cli/main.ts'))};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  // One process with tsx's loader, not the tsx command: that one relays a SIGTERM to its child and,
  // when the child does not confirm within 30 ms (a loaded machine), kills it and exits 143.
  const child = spawn(process.execPath, ['--import', 'tsx', entry, 'serve', ...args], {
    cwd: ROOT,
    env: { ...process.env, PFA_WASM_CACHE: cache },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const curl = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const line = stdout.split('\n').find((l) => l.startsWith('curl '));
      if (line) resolve(line);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  const url = /^curl -s (http:\/\/127\.0\.0\.1:\d+)\/score/.exec(curl)![1];
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    url,
    curl,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: () => {
      child.kill('SIGTERM');
      return exit;
    },
  };
}

/** `npm start`'s command line, on port 0. */
const START = ['models/sonar-naive-bayes.pfa.json', '--port', '0', '--example', 'models/sonar-sample.jsonl'];

describe('pfa-wasm serve', () => {
  it('prints a curl line that scores a Sonar row, answers it, and stops on SIGTERM', async () => {
    const s = await serve([...START, '--log-level', 'warn'], mkdtempSync(join(tmpdir(), 'pfa-cache-')));
    const m = /^curl -s (http:\/\/127\.0\.0\.1:\d+\/score) -H 'content-type: application\/json' -d '(.*)'$/.exec(
      s.curl,
    );
    expect(m, s.curl).not.toBeNull();
    expect(JSON.parse(m![2])).toEqual(
      JSON.parse(readFileSync(join(ROOT, 'models/sonar-sample.jsonl'), 'utf8').split('\n')[0]),
    );
    const r = await fetch(m![1], { method: 'POST', headers: { 'content-type': 'application/json' }, body: m![2] });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ class: expect.stringMatching(/^[MR]$/) });
    expect(await s.stop()).toBe(0);
    expect(s.stderr()).toMatch(/on http:\/\/127\.0\.0\.1:\d+ \(POST \/score/);
  }, 120_000);

  it('serves the demo on Wasm from a fresh clone: compiles once, and the second start reads the compile cache', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'pfa-cache-'));
    const health = async (s: Served) => (await fetch(`${s.url}/health`)).json();
    const first = await serve(START, cache);
    expect(await health(first)).toMatchObject({
      backend: 'wasm',
      why: expect.stringMatching(/^wasm: compiled in \d+ ms and kept in the compile cache, /),
    });
    expect(await first.stop()).toBe(0);
    expect(readdirSync(cache).filter((f) => f.endsWith('.wasm'))).toHaveLength(1);
    const second = await serve(START, cache);
    // No asc: the module came from the cache, which compiledCached reads before it would compile.
    const why = `wasm: from the compile cache, ${join(cache, readdirSync(cache).find((f) => f.endsWith('.wasm'))!)}`;
    expect(await health(second)).toMatchObject({ status: 'ok', backend: 'wasm', why });
    // The first log line says which backend runs and why; so does stderr.
    expect(JSON.parse(second.stdout().split('\n')[0])).toMatchObject({ msg: 'model loaded', backend: 'wasm', why });
    expect(second.stderr()).toContain(`backend ${why}`);
    const r = await fetch(`${second.url}/score`, {
      method: 'POST',
      body: readFileSync(join(ROOT, 'models/sonar-sample.jsonl'), 'utf8').split('\n')[0],
    });
    expect(await r.json()).toMatchObject({ class: expect.stringMatching(/^[MR]$/) });
    expect(await second.stop()).toBe(0);
  }, 180_000);

  it('--backend js opts out of the Wasm backend and of the compile cache', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'pfa-cache-'));
    const s = await serve([...START, '--backend', 'js'], cache);
    expect(await (await fetch(`${s.url}/health`)).json()).toMatchObject({
      backend: 'js',
      why: expect.stringMatching(/^js: the JS backend was asked for/),
    });
    expect(await s.stop()).toBe(0);
    expect(readdirSync(cache)).toEqual([]);
  }, 60_000);

  it('usage errors exit 2', async () => {
    expect(await main(['serve'])).toBe(2);
    expect(await main(['serve', SONAR_MODEL, '--port', 'x'])).toBe(2);
    expect(await main(['serve', SONAR_MODEL, '--backend', 'gpu'])).toBe(2);
    expect(await main(['serve', SONAR_MODEL, '--bogus'])).toBe(2);
  });
});

describe('pfa-wasm openapi', () => {
  it('writes the OpenAPI document of a model, with --server', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pfa-openapi-')), 'api.json');
    expect(await main(['openapi', SONAR_MODEL, '--server', 'https://example.test', '--output', out])).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc).toMatchObject({
      openapi: '3.1.0',
      servers: [{ url: 'https://example.test' }],
      info: { title: 'PFA model sonar_naive_bayes_demo' },
    });
    expect(doc.components.schemas['pfa-output']).toEqual({ $ref: '#/components/schemas/Prediction' });
    expect(await main(['openapi'])).toBe(2);
  });
});
