/**
 * `pfa-wasm serve` and `pfa-wasm openapi` as a user runs them: serve prints a curl line that
 * scores a Sonar row (what `npm start` shows), answers it, and stops cleanly on SIGTERM.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/hosts/cli/main.js';
import { SONAR_MODEL } from '../lambda/fixtures.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

describe('pfa-wasm serve', () => {
  it('prints a curl line that scores a Sonar row, answers it, and stops on SIGTERM', async () => {
    // The command as bin/pfa-wasm runs it, from the sources (dist/ may be older than them).
    const entry = join(mkdtempSync(join(tmpdir(), 'pfa-cli-')), 'run.mts');
    writeFileSync(entry, `import { main } from ${JSON.stringify(join(ROOT, 'src/hosts/cli/main.ts'))};\nprocess.exitCode = await main(process.argv.slice(2));\n`);
    const child = spawn(TSX, [entry, 'serve', 'models/sonar-naive-bayes.pfa.json', '--port', '0', '--example', 'models/sonar-sample.jsonl', '--log-level', 'warn'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const curl = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        const line = stdout.split('\n').find((l) => l.startsWith('curl '));
        if (line) resolve(line);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    const m = /^curl -s (http:\/\/127\.0\.0\.1:\d+\/score) -H 'content-type: application\/json' -d '(.*)'$/.exec(curl);
    expect(m, curl).not.toBeNull();
    expect(JSON.parse(m![2])).toEqual(JSON.parse(readFileSync(join(ROOT, 'models/sonar-sample.jsonl'), 'utf8').split('\n')[0]));
    const r = await fetch(m![1], { method: 'POST', headers: { 'content-type': 'application/json' }, body: m![2] });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ class: expect.stringMatching(/^[MR]$/) });
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toMatch(/on http:\/\/127\.0\.0\.1:\d+ \(POST \/score/);
  }, 30_000);

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
    expect(doc).toMatchObject({ openapi: '3.1.0', servers: [{ url: 'https://example.test' }], info: { title: 'PFA model sonar_naive_bayes_demo' } });
    expect(doc.components.schemas['pfa-output']).toEqual({ $ref: '#/components/schemas/Prediction' });
    expect(await main(['openapi'])).toBe(2);
  });
});
