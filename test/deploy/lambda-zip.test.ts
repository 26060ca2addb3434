/**
 * The deployment package end to end: `buildLambda` (what `npm run build:lambda` runs) writes the
 * zip; it is unpacked into a temporary folder by an independent reader (Python's zipfile) and
 * loaded by Node 22, the nodejs22.x runtime's major version, exactly as the runtime loads
 * `index.handler` (lambda-runtime.mjs), with the environment the SAM template sets.
 *
 * The build compiles the demo model (in a compile cache of the test's own), so the zip runs on Wasm.
 * Node 22 comes from deploy/node22 (its own package.json and lock file, so its binary never
 * shadows the project's node); the test installs it with `npm ci` when it is missing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { buildLambda, LambdaBuild } from '../../deploy/build-lambda.js';
import { SONAR_MODEL, SONAR_ROWS, v1Event, v2Event } from '../hosts/lambda/fixtures.js';
import { PFAEngine } from '../../src/engine.js';
import { PfaError } from '../../src/errors/PfaError.js';
import { compileArtifact } from '../helpers/wasmArtifact.js';
import { NOT_LOWERED_DOC, NOT_LOWERED_INPUT, NOT_LOWERED_OUTPUT, NOT_LOWERED_REASON } from '../helpers/notLowered.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE22_DIR = join(ROOT, 'deploy/node22');
const NODE22 = join(NODE22_DIR, 'node_modules/.bin/node');
const RUNTIME = fileURLToPath(new URL('./lambda-runtime.mjs', import.meta.url));
// The handler and runtime the SAM template gives the function (its CloudFormation tags are not
// needed here, so the parser is told to be quiet about them).
const FUNCTION = parse(readFileSync(join(ROOT, 'deploy/template.yaml'), 'utf8'), { logLevel: 'silent' }).Resources
  .ScoreFunction.Properties as { Handler: string; Runtime: string };

let build: LambdaBuild;
let taskRoot: string;

beforeAll(() => {
  if (!existsSync(NODE22)) {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', NODE22_DIR], {
      stdio: 'inherit',
      timeout: 240_000,
    });
  }
}, 250_000);

beforeAll(async () => {
  // A compile cache of this run's own: the build below compiles the demo model as on a fresh clone.
  process.env.PFA_WASM_CACHE = mkdtempSync(join(tmpdir(), 'pfa-cache-'));
  const work = mkdtempSync(join(tmpdir(), 'pfa-lambda-zip-'));
  build = await buildLambda({ out: join(work, 'lambda.zip') });
  taskRoot = unzip(build.zipPath, join(work, 'task'));
}, 240_000);

function unzip(zipPath: string, dir: string): string {
  execFileSync('python3', ['-m', 'zipfile', '-e', zipPath, dir]);
  return dir;
}

/** The zip's entries but the chunks. */
function handlerFiles(b: LambdaBuild): string[] {
  return b.entries.filter((e) => !e.startsWith('chunks/'));
}

/** A new folder with the model NAME.pfa.json and its compiled module and manifest beside it. */
function withModuleBeside(name: string, doc: string, artifact: Awaited<ReturnType<typeof compileArtifact>>): string {
  const models = mkdtempSync(join(tmpdir(), 'pfa-wasm-model-'));
  writeFileSync(join(models, `${name}.pfa.json`), doc);
  writeFileSync(join(models, `${name}.wasm`), artifact.wasm);
  writeFileSync(join(models, `${name}.wasm.json`), JSON.stringify(artifact.manifest));
  return models;
}

/** A form the Wasm backend does not lower (<= of maps) keeps the engine in JS. */
const NOT_LOWERED = JSON.stringify({ name: 'replacer', ...NOT_LOWERED_DOC });

function invoke(events: unknown[], env: Record<string, string> = {}, root = taskRoot) {
  const dir = mkdtempSync(join(tmpdir(), 'pfa-invoke-'));
  writeFileSync(join(dir, 'events.json'), JSON.stringify(events));
  const stdout = execFileSync(NODE22, [RUNTIME, join(dir, 'events.json'), join(dir, 'results.json')], {
    cwd: root,
    encoding: 'utf8',
    // Only what the Lambda runtime sets, plus the function's environment: no NODE_PATH, no project.
    env: {
      PATH: '/usr/bin:/bin',
      LAMBDA_TASK_ROOT: root,
      _HANDLER: FUNCTION.Handler,
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: 'pfa-score',
      PFA_MODEL: build.modelPath!,
      ...env,
    },
  });
  const out = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  return {
    ...out,
    log: stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  };
}

describe('the Lambda zip', () => {
  it('holds index.mjs, the model and its compiled module, without the compiler or the AWS SDK', () => {
    expect(handlerFiles(build)).toEqual([
      'index.mjs',
      'batch.mjs',
      'model/sonar-naive-bayes.pfa.json',
      'model/sonar-naive-bayes.wasm',
      'model/sonar-naive-bayes.wasm.json',
    ]);
    expect(build.backend).toMatchObject({
      backend: 'wasm',
      why: expect.stringMatching(/^the module compiled in \d+ ms and kept in the compile cache/),
    });
    // The code the HTTP handler imports only when it needs it (deploy/build-lambda.ts, splitting).
    expect(build.entries.filter((e) => e.startsWith('chunks/')).length).toBeGreaterThan(0);
    const bundle = build.entries
      .filter((e) => e === 'index.mjs' || e.startsWith('chunks/'))
      .map((e) => readFileSync(join(taskRoot, e), 'utf8'))
      .join('\n');
    expect(bundle).not.toMatch(/assemblyscript|binaryen/);
    // The SDK is imported at run time, from the runtime's own copy, only for S3 models.
    expect(bundle).toMatch(/import\("@aws-sdk\/client-s3"\)/);
    expect(bundle).not.toMatch(/class S3Client\b/);
    expect(build.zipBytes).toBeLessThan(1 << 20);
  });

  it("the HTTP handler's cold path statically imports no front end, node:crypto or node:module", () => {
    // index.mjs and the chunks it imports statically, transitively: what every cold start evaluates.
    const cold = new Set<string>();
    const visit = (file: string) => {
      if (cold.has(file)) return;
      cold.add(file);
      const code = readFileSync(join(taskRoot, file), 'utf8');
      for (const m of code.matchAll(/(?:from|import)\s*"(\.[^"]+)"/g)) visit(join(dirname(file), m[1]));
    };
    visit('index.mjs');
    // One file: the chunks it loads later take the error class from it (deploy/build-lambda.ts, lazyApart).
    expect([...cold]).toEqual(['index.mjs']);
    const code = [...cold].map((f) => readFileSync(join(taskRoot, f), 'utf8')).join('\n');
    expect(code).not.toMatch(/from\s*"node:(crypto|module|perf_hooks|fs\/promises)"/);
    // Loaded only for a kernel that needs them: the library calls run on the host (hostCalls.ts) and
    // the library's JS forms, the AssemblyScript emitter (emit/code.ts, emit/names.ts), the
    // checker's messages. Identifiers survive the build (minifySyntax and whitespace only).
    for (const later of [/\bHostCalls=class\b/, /\bdefineNamespace\b/, /\bLines=class\b/, /\bRT=/, /\bcheckMessages\b/])
      expect(code).not.toMatch(later);
    // The document's hash comes from the build (PFA_BUNDLED_MODEL), so init never hashes it.
    const sha256 = createHash('sha256').update(readFileSync(SONAR_MODEL)).digest('hex');
    expect(code).toContain(sha256);
  });

  it('holds batch.mjs, the batch handler, also without the compiler or the AWS SDK', () => {
    const batch = readFileSync(join(taskRoot, 'batch.mjs'), 'utf8');
    expect(batch).not.toMatch(/assemblyscript|binaryen/);
    expect(batch).toMatch(/from\s*"@aws-sdk\/client-s3"/);
    expect(batch).not.toMatch(/class S3Client\b/);
    expect(batch).toMatch(/export\s*\{[^}]*\bhandler\b/);
  });

  it('loads in Node 22 as index.handler and answers v2, v1 and direct events on Wasm in one warm container', () => {
    const engine = PFAEngine.fromJson(readFileSync(SONAR_MODEL, 'utf8'));
    const want = SONAR_ROWS.map((r) => engine.encode(engine.action(engine.decodeText(r))));
    const out = invoke([
      v2Event({ body: SONAR_ROWS[0] }),
      v2Event({ body: JSON.stringify({ records: SONAR_ROWS.map((r) => JSON.parse(r)) }), base64: true }),
      v1Event({ body: SONAR_ROWS[2] }),
      v2Event({ body: '{"V1": "x"}' }),
      JSON.parse(SONAR_ROWS[3]),
      v2Event({ method: 'GET', path: '/health' }),
      v2Event({ method: 'GET', path: '/openapi.json' }),
    ]);
    expect(FUNCTION.Runtime).toBe('nodejs22.x');
    expect(out.node).toMatch(/^v22\./);
    const [one, batch, rest, bad, direct, health, openapi] = out.results.map((r: { ok: unknown }) => r.ok);
    expect(one.statusCode).toBe(200);
    expect(one.headers['server-timing']).toMatch(/^init;dur=/);
    expect(JSON.parse(one.body)).toEqual(want[0]);
    expect(JSON.parse(batch.body)).toEqual(want);
    expect(JSON.parse(rest.body)).toEqual(want[2]);
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ code: 1100, path: '/V1' });
    expect(direct).toEqual(want[3]);
    const why = `wasm: the module beside the model, ${join(taskRoot, 'model/sonar-naive-bayes.wasm')}`;
    expect(JSON.parse(health.body)).toMatchObject({
      status: 'ok',
      backend: 'wasm',
      why,
      source: join(taskRoot, 'model/sonar-naive-bayes.pfa.json'),
    });
    // (its builder is a chunk of its own, loaded at the first such request)
    expect(openapi.statusCode).toBe(200);
    expect(JSON.parse(openapi.body).paths['/score']).toBeDefined();
    // The handler's clock is process.hrtime: the global performance would load perf_hooks.
    expect(out.nodeModules).toContain('fs');
    expect(out.nodeModules).not.toContain('perf_hooks');
    // The bundled document was known by its copy in the zip (chunks/bundled-model.bytes), not hashed.
    expect(out.nodeModules).not.toContain('crypto');
    // The model was loaded once, in the init phase, and the first log line says on which backend and why.
    expect(out.log.filter((l: { msg: string }) => l.msg === 'model loaded')).toHaveLength(1);
    expect(out.log[0]).toMatchObject({ msg: 'model loaded', backend: 'wasm', why });
    expect(out.log.find((l: { msg: string }) => l.msg === 'request failed')).toMatchObject({
      level: 'warn',
      status: 400,
      requestId: '00000000-0000-4000-8000-000000000004',
    });
  });

  it('leaves the codecs and the JS reader to chunks/deferred.mjs, which a request the kernel reads never loads', () => {
    const index = readFileSync(join(taskRoot, 'index.mjs'), 'utf8');
    // (functions of wire.ts, fastpath/reader.ts and avroJson.ts that no module exports: only their chunk has them)
    for (const deferred of [
      /\bfunction bytesEncoder\b/,
      /\bfunction toUnionMapLayout\b/,
      /\bfunction unionDecoder\b/,
    ]) {
      expect(index).not.toMatch(deferred);
      expect(readFileSync(join(taskRoot, 'chunks/deferred.mjs'), 'utf8')).toMatch(deferred);
    }
    // Without the chunk, the kernel's one-record path still answers; the general path (the kernel
    // declines the text: the JS reader, then the decoder's 400) needs it.
    const root = mkdtempSync(join(tmpdir(), 'pfa-task-'));
    cpSync(taskRoot, root, { recursive: true });
    rmSync(join(root, 'chunks/deferred.mjs'));
    const out = invoke([v2Event({ body: SONAR_ROWS[0] }), v2Event({ body: '{"V1": "x"}' })], {}, root);
    expect(out.results[0].ok.statusCode).toBe(200);
    expect(out.results[1].ok.statusCode).toBe(500);
    rmSync(root, { recursive: true });
    // With it, a body that is not JSON takes the JSON reader and a message catalog (a Proxy in
    // index.mjs) from the chunk, and is answered as from source.
    const notJson = invoke([v2Event({ body: '{"V1": 0.5,' })]).results[0].ok;
    expect(notJson.statusCode).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ error: expect.stringMatching(/^invalid JSON: /), code: 1000 });
    // A Node that cannot require an ES module imports the chunk at init instead.
    const imported = invoke([v2Event({ body: '{"V1": "x"}' })], { NODE_OPTIONS: '--no-experimental-require-module' });
    expect(imported.results[0].ok.statusCode).toBe(400);
  });

  it("a record the kernel fails on is answered with the error's code and text, from the deferred catalogs", async () => {
    const doc = JSON.stringify({
      name: 'third',
      input: { type: 'array', items: 'double' },
      output: 'double',
      action: { attr: 'input', path: [2] },
    });
    const models = withModuleBeside('third', doc, await compileArtifact(doc));
    const work = mkdtempSync(join(tmpdir(), 'pfa-lambda-zip-'));
    const b = await buildLambda({ model: join(models, 'third.pfa.json'), out: join(work, 'lambda.zip') });
    const out = invoke(
      [v2Event({ body: '[1, 2]' })],
      { PFA_MODEL: b.modelPath! },
      unzip(b.zipPath, join(work, 'task')),
    );
    let want: PfaError | undefined;
    try {
      PFAEngine.fromJson(doc).action([1, 2]);
    } catch (e) {
      want = e as PfaError;
    }
    expect(want).toBeInstanceOf(PfaError);
    expect(out.results[0].ok.statusCode).toBe(422);
    expect(JSON.parse(out.results[0].ok.body)).toMatchObject({
      error: `the model failed on this record: ${want!.message}`,
      code: want!.code,
    });
  }, 120_000);

  it('a model file changed after the build is hashed, not taken for the bundled one', () => {
    const root = mkdtempSync(join(tmpdir(), 'pfa-task-'));
    cpSync(taskRoot, root, { recursive: true });
    const model = join(root, 'model/sonar-naive-bayes.pfa.json');
    const changed = Buffer.concat([readFileSync(model), Buffer.from('\n')]);
    writeFileSync(model, changed);
    const out = invoke([v2Event({ method: 'GET', path: '/health' })], {}, root);
    const sha256 = createHash('sha256').update(changed).digest('hex');
    expect(JSON.parse(out.results[0].ok.body)).toMatchObject({ backend: 'js', sha256 });
    expect(out.log.find((l: { msg: string }) => /sha256 does not match/.test(l.msg))).toMatchObject({
      expected: sha256,
    });
  });

  it('PFA_BACKEND=wasm without a module beside the model: 503, the bundle has no compiler', () => {
    const root = mkdtempSync(join(tmpdir(), 'pfa-task-'));
    cpSync(taskRoot, root, { recursive: true });
    for (const f of ['sonar-naive-bayes.wasm', 'sonar-naive-bayes.wasm.json']) rmSync(join(root, 'model', f));
    const out = invoke([v2Event({ body: SONAR_ROWS[0] })], { PFA_BACKEND: 'wasm' }, root);
    expect(out.results[0].ok.statusCode).toBe(503);
    expect(JSON.parse(out.results[0].ok.body).error).toMatch(
      /PFA_BACKEND=wasm: the Lambda bundle has no Wasm compiler/,
    );
  });

  it('a compiled module beside the model whose manifest matches goes into the zip as is', async () => {
    const doc = JSON.stringify({ name: 'doubler', input: 'double', output: 'double', action: { '*': ['input', 2] } });
    const artifact = await compileArtifact(doc);
    const models = withModuleBeside('doubler', doc, artifact);
    const work = mkdtempSync(join(tmpdir(), 'pfa-lambda-zip-'));
    const withWasm = await buildLambda({ model: join(models, 'doubler.pfa.json'), out: join(work, 'lambda.zip') });
    expect(handlerFiles(withWasm)).toEqual([
      'index.mjs',
      'batch.mjs',
      'model/doubler.pfa.json',
      'model/doubler.wasm',
      'model/doubler.wasm.json',
    ]);
    expect(withWasm.backend).toEqual({
      backend: 'wasm',
      why: `the module beside the model, ${join(models, 'doubler.wasm')}`,
    });
    const root = unzip(withWasm.zipPath, join(work, 'task'));
    expect(readFileSync(join(root, 'model/doubler.wasm.json'), 'utf8')).toBe(JSON.stringify(artifact.manifest));
    // The module runs from its manifest: without the chunk of PFAEngine (the reader, the checker,
    // the JS backend), nor that of the library calls run on the host (the kernel makes none), the
    // handler still loads and answers.
    const engineChunks = withWasm.entries.filter((e) => /^chunks\/(engine|hostCalls)\.mjs$/.test(e));
    expect(engineChunks).toHaveLength(2);
    for (const c of engineChunks) rmSync(join(root, c));
    const out = invoke(
      [v2Event({ body: '[1.5, 4]' }), v2Event({ method: 'GET', path: '/health' })],
      { PFA_MODEL: withWasm.modelPath! },
      root,
    );
    expect(JSON.parse(out.results[0].ok.body)).toEqual([3, 8]);
    expect(JSON.parse(out.results[1].ok.body)).toMatchObject({ model: 'doubler', backend: 'wasm' });

    // A manifest for another text of the document is not used: the model is compiled instead.
    writeFileSync(join(models, 'doubler.wasm.json'), JSON.stringify({ ...artifact.manifest, sha256: '0'.repeat(64) }));
    const stale = await buildLambda({ model: join(models, 'doubler.pfa.json'), out: join(work, 'stale.zip') });
    expect(stale.backend).toMatchObject({ backend: 'wasm', why: expect.stringMatching(/compile cache/) });
    const manifest = JSON.parse(
      readFileSync(join(unzip(stale.zipPath, join(work, 'stale')), 'model/doubler.wasm.json'), 'utf8'),
    );
    expect(manifest.sha256).toBe(artifact.manifest.sha256);
  }, 120_000);

  it('a kernel that makes host calls loads them from their chunk when its host starts', async () => {
    // cast.json runs on the host (ARCHITECTURE "What runs on the host"); s.upper and re.* no longer do.
    const doc = JSON.stringify({
      name: 'tojson',
      input: 'string',
      output: 'string',
      action: { 'cast.json': 'input' },
    });
    const artifact = await compileArtifact(doc);
    expect(artifact.manifest.runtime!.sites.some((site) => site.call !== undefined)).toBe(true);
    const models = withModuleBeside('tojson', doc, artifact);
    const work = mkdtempSync(join(tmpdir(), 'pfa-lambda-zip-'));
    const b = await buildLambda({ model: join(models, 'tojson.pfa.json'), out: join(work, 'lambda.zip') });
    const root = unzip(b.zipPath, join(work, 'task'));
    const out = invoke(
      [v2Event({ body: '"abc"' }), v2Event({ method: 'GET', path: '/health' })],
      { PFA_MODEL: b.modelPath! },
      root,
    );
    expect(JSON.parse(out.results[0].ok.body)).toBe('"abc"');
    expect(JSON.parse(out.results[1].ok.body)).toMatchObject({ model: 'tojson', backend: 'wasm' });
  }, 120_000);

  it('a model that does not lower stops the build with the reason; --allow-js bundles it for the JS backend', async () => {
    const models = mkdtempSync(join(tmpdir(), 'pfa-js-model-'));
    writeFileSync(join(models, 'replacer.pfa.json'), NOT_LOWERED);
    const work = mkdtempSync(join(tmpdir(), 'pfa-lambda-zip-'));
    const options = { model: join(models, 'replacer.pfa.json'), out: join(work, 'lambda.zip') };
    await expect(buildLambda(options)).rejects.toThrow(
      new RegExp(`replacer\\.pfa\\.json is not lowered to Wasm: /action: .*${NOT_LOWERED_REASON}.*--allow-js`),
    );
    expect(existsSync(options.out)).toBe(false);
    const js = await buildLambda({ ...options, allowJs: true });
    expect(handlerFiles(js)).toEqual(['index.mjs', 'batch.mjs', 'model/replacer.pfa.json']);
    expect(js.backend).toMatchObject({
      backend: 'js',
      why: expect.stringMatching(/^--allow-js: the JS backend runs it \(not lowered to Wasm: \/action: /),
    });
    const out = invoke(
      [
        v2Event({ body: NOT_LOWERED_INPUT }),
        v2Event({ method: 'GET', path: '/health' }),
        v2Event({ body: '[{"double": 1.5}]' }),
      ],
      { PFA_MODEL: js.modelPath! },
      unzip(js.zipPath, join(work, 'task')),
    );
    expect(JSON.parse(out.results[0].ok.body)).toBe(NOT_LOWERED_OUTPUT);
    expect(JSON.parse(out.results[1].ok.body)).toMatchObject({
      backend: 'js',
      why: expect.stringMatching(/^js: no Wasm module/),
    });
    // PFAEngine's chunk is built apart from index.mjs: its PfaError must still be the handler's
    // (published by index.mjs), or a bad input would be a defect (500) instead of a 400.
    expect(out.results[2].ok.statusCode).toBe(400);
  }, 60_000);

  it('a misconfigured function answers 503 and throws ModelUnavailable for direct calls', () => {
    const out = invoke([v2Event({ body: '{}' }), { V1: 1 }], { PFA_MODEL: '', PFA_BACKEND: 'gpu' });
    expect(out.results[0].ok.statusCode).toBe(503);
    expect(JSON.parse(out.results[0].ok.body).error).toMatch(/misconfigured: set PFA_MODEL/);
    expect(out.results[1]).toMatchObject({ errorType: 'ModelUnavailable' });
  });
});
