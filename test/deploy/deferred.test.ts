/**
 * chunks/deferred.mjs in the Lambda zip (deploy/deferred.ts): what index.mjs leaves to it answers
 * as from source, whenever the chunk is loaded. The zip is the Sonar model's, run by Node 22 as
 * the Lambda runtime runs it (lambda-runtime.mjs; lambda-zip.test.ts installs deploy/node22).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLambda, LambdaBuild } from '../../deploy/build-lambda.js';
import { SONAR_MODEL, SONAR_ROWS, v2Event } from '../hosts/lambda/fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE22 = join(ROOT, 'deploy/node22/node_modules/.bin/node');
const RUNTIME = fileURLToPath(new URL('./lambda-runtime.mjs', import.meta.url));

let build: LambdaBuild;
let taskRoot: string;

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), 'pfa-deferred-'));
  build = await buildLambda({ model: SONAR_MODEL, out: join(work, 'lambda.zip') });
  taskRoot = join(work, 'task');
  execFileSync('python3', ['-m', 'zipfile', '-e', build.zipPath, taskRoot]);
}, 240_000);

/** What each event gets in one warm container (the `ok` of each result: a response, or a direct answer). */
function invoke(events: unknown[], nodeOptions = ''): unknown[] {
  const dir = mkdtempSync(join(tmpdir(), 'pfa-deferred-invoke-'));
  writeFileSync(join(dir, 'events.json'), JSON.stringify(events));
  execFileSync(
    existsSync(NODE22) ? NODE22 : process.execPath,
    [RUNTIME, join(dir, 'events.json'), join(dir, 'r.json')],
    {
      cwd: taskRoot,
      env: {
        PATH: '/usr/bin:/bin',
        LAMBDA_TASK_ROOT: taskRoot,
        _HANDLER: 'index.handler',
        PFA_MODEL: build.modelPath!,
        NODE_OPTIONS: nodeOptions,
      },
    },
  );
  return (JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { results: { ok: unknown }[] }).results.map(
    (r) => r.ok,
  );
}

/** Each body POSTed in one warm container: the answers' status codes and parsed bodies. */
function post(bodies: string[], nodeOptions = ''): { statusCode: number; body: Record<string, unknown> }[] {
  return (
    invoke(
      bodies.map((body) => v2Event({ body })),
      nodeOptions,
    ) as { statusCode: number; body: string }[]
  ).map((r) => ({ statusCode: r.statusCode, body: JSON.parse(r.body) }));
}

describe('chunks/deferred.mjs', () => {
  // The chunk takes HttpError and PfaError from index.mjs when it is evaluated. A Node that cannot
  // require an ES module imports it as soon as the loader is evaluated, the earliest any stub can
  // run: HttpError was published later, so the chunk's was undefined and such a body got a 500.
  it.each([
    ['requires the chunk at its first use', ''],
    ['imports the chunk at init', '--no-experimental-require-module'],
  ])('a Node that %s answers a body the chunk refuses with its 400', (_, nodeOptions) => {
    const [notJson, notSonar] = post(['{"V1": 0.5,', '{"V1": "x"}'], nodeOptions);
    expect(notJson.statusCode).toBe(400);
    expect(notJson.body).toMatchObject({ error: expect.stringMatching(/^invalid JSON: /), code: 1000 });
    expect(notSonar.statusCode).toBe(400);
    expect(notSonar.body).toMatchObject({ path: '/V1' });
  });

  it('scores the rows of one warm container as the first', () => {
    const answers = post(SONAR_ROWS.slice(0, 3));
    const first = post([SONAR_ROWS[1], SONAR_ROWS[2]]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.slice(1)).toEqual(first);
  });

  it('holds what a kernel host runs besides scoring text, whose value path answers as the text path', () => {
    const index = readFileSync(join(taskRoot, 'index.mjs'), 'utf8');
    const chunk = readFileSync(join(taskRoot, 'chunks/deferred.mjs'), 'utf8');
    // (functions no module exports, from hostValues.ts, hostCells.ts, hostStrings.ts, and rng.ts's class)
    for (const deferred of [
      /\bfunction actionWithHooks\(/,
      /\bfunction cellOut\(/,
      /\bfunction unitsOf\(/,
      /\bRng=class\b/,
    ]) {
      expect(index).not.toMatch(deferred);
      expect(chunk).toMatch(deferred);
    }
    // A direct invocation takes the value path (the codec, then WasmHost.action: hostValues.ts).
    const row = SONAR_ROWS[3];
    const [direct, http] = invoke([JSON.parse(row), v2Event({ body: row })]);
    expect(direct).toEqual(JSON.parse((http as { body: string }).body));
  });
});
