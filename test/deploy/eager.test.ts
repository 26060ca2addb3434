/** The compile hints of index.mjs (deploy/eager.ts): marked declarations become parenthesized functions. */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EAGER, eagerFunctions } from '../../deploy/eager.js';
import { buildLambda } from '../../deploy/build-lambda.js';
import { SONAR_MODEL, SONAR_ROWS, v2Event } from '../hosts/lambda/fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE22 = join(ROOT, 'deploy/node22/node_modules/.bin/node');

/** `source` bundled as build-lambda.ts bundles (minified syntax and whitespace, markers kept in place). */
async function bundled(source: string): Promise<string> {
  const r = await build({
    stdin: { contents: source, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    write: false,
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'inline',
  });
  return r.outputFiles[0].text;
}

async function evaluate(code: string): Promise<Record<string, unknown>> {
  const file = join(mkdtempSync(join(tmpdir(), 'pfa-eager-')), 'm.mjs');
  writeFileSync(file, code);
  return import(pathToFileURL(file).href);
}

describe('eagerFunctions', () => {
  it('hoists each marked declaration as a parenthesized function, before the code that calls it', async () => {
    const code = await bundled(`
      export const early = twice(2);
      ${EAGER}
      export function twice(x: number): number { return x * 2; }
      ${EAGER}
      export async function later(): Promise<number> { return twice(early); }
      export function lazy(): number { return 1; }
    `);
    const out = eagerFunctions(code, 'index.mjs', true);
    expect(out).not.toContain(EAGER);
    expect(out.startsWith('var twice=(function twice(x){')).toBe(true);
    expect(out).toContain('var later=(async function later(){');
    expect(out).toMatch(/[;}]function lazy\(\)/);
    const m = await evaluate(out);
    expect(m.early).toBe(4);
    expect(await (m.later as () => Promise<number>)()).toBe(8);
    expect((m.twice as (x: number) => number).name).toBe('twice');
  });

  it('only removes the markers from a chunk', async () => {
    const code = await bundled(`${EAGER}\nexport function f(): number { return 1; }`);
    const out = eagerFunctions(code, 'chunks/deferred.mjs', false);
    expect(out).toBe(code.split(EAGER).join(''));
    expect(out).toMatch(/^function f\(\)/);
  });

  it('leaves a file without markers as it is', () => {
    expect(eagerFunctions('function f(){return 1}export{f};', 'index.mjs', true)).toBe(
      'function f(){return 1}export{f};',
    );
  });

  it('fails the build on a marker that is not on a top-level function declaration', async () => {
    const onConst = await bundled(`${EAGER}\nexport const f = () => 1;`);
    expect(() => eagerFunctions(onConst, 'index.mjs', true)).toThrow(/marks something other than a function/);
    const nested = await bundled(
      `export function outer(): () => number {\n${EAGER}\nfunction inner(): number { return 1; }\nreturn inner;\n}`,
    );
    expect(() => eagerFunctions(nested, 'index.mjs', true)).toThrow(/not at the top level/);
  });
});

describe('the hints in the Lambda zip', () => {
  it('are on functions that a cold start calls, and no marker is left in any file', async () => {
    const work = mkdtempSync(join(tmpdir(), 'pfa-eager-zip-'));
    const b = await buildLambda({ model: SONAR_MODEL, out: join(work, 'lambda.zip') });
    const task = join(work, 'task');
    execFileSync('python3', ['-m', 'zipfile', '-e', b.zipPath, task]);
    const index = readFileSync(join(task, 'index.mjs'), 'utf8');
    for (const f of ['index.mjs', 'batch.mjs', ...readdirSync(join(task, 'chunks')).map((c) => `chunks/${c}`)])
      expect(readFileSync(join(task, f), 'latin1')).not.toContain('@eager');
    const hinted = [...index.matchAll(/var ([\w$]+)=\((?:async )?function \1\(/g)].map((m) => m[1]);
    expect(hinted).toContain('createHandler');
    // V8's own list of the functions that ran (init and one request), by script.
    writeFileSync(join(work, 'events.json'), JSON.stringify([v2Event({ body: SONAR_ROWS[0] })]));
    const log = join(work, 'v8.log');
    const node = existsSync(NODE22) ? NODE22 : process.execPath;
    const runtime = fileURLToPath(new URL('./lambda-runtime.mjs', import.meta.url));
    execFileSync(
      node,
      [
        '--log-function-events',
        `--logfile=${log}`,
        '--no-logfile-per-isolate',
        runtime,
        join(work, 'events.json'),
        join(work, 'r.json'),
      ],
      {
        cwd: task,
        env: { PATH: '/usr/bin:/bin', LAMBDA_TASK_ROOT: task, _HANDLER: 'index.handler', PFA_MODEL: b.modelPath! },
      },
    );
    const lines = readFileSync(log, 'utf8').split('\n');
    const script = lines.find((l) => l.startsWith('script-details,') && l.includes('/index.mjs,'))!.split(',')[1];
    const ran = new Set(
      lines
        .map((l) => l.split(','))
        .filter((p) => p[0] === 'function' && p[1] === 'first-execution' && p[2] === script)
        .map((p) => p[7]),
    );
    expect(hinted.filter((name) => !ran.has(name))).toEqual([]);
  }, 240_000);
});
