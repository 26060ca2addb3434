/**
 * Lambda cold start, as whole processes (issue 17): builds the zip (deploy/build-lambda.ts) with
 * the Sonar model, which it compiles (through the compile cache), unpacks it into a temporary task root, and runs a fresh
 * `node` that loads `index.handler` the way the Lambda runtime does (test/deploy/lambda-runtime.mjs)
 * and answers one HTTP API request; alternately, the same with a hello-world handler. Prints the
 * files on the cold path (what every cold start parses) with their sizes, the medians of the
 * whole-process times, their ratio, and the init breakdown: import (module scope, which loads the
 * model), the model load as the handler logs it, and the first request.
 *   npx tsx bench/cold-start.ts [--runs N=9] [--node PATH] [--instructions N]
 * `--instructions N` also counts, N times each, the instructions of the two processes (all threads)
 * under valgrind's callgrind: a measure that other work on the machine does not move, unlike
 * time, for comparing two builds on a busy machine (instructions are not time: waits and the
 * background threads' overlap are not in them).
 * Node is deploy/node22's (the nodejs22.x runtime's major version) when installed
 * (`npm ci --prefix deploy/node22`), else the node running this script; the output says which.
 * On a busy machine only the ratio means anything, and the load average is printed beside it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLambda } from '../deploy/build-lambda.js';
import { SONAR_MODEL, SONAR_ROWS, v2Event } from '../test/hosts/lambda/fixtures.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNTIME = join(ROOT, 'test/deploy/lambda-runtime.mjs');
const NODE22 = join(ROOT, 'deploy/node22/node_modules/.bin/node');

// The hello-world function: answers the same event with a constant, nothing to load.
const HELLO = `export const handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hello: 'world' }) });\n`;

/** Milliseconds: the whole process, import (init), first request, and the handler's own log of its init. */
interface Run {
  wallMs: number;
  cpuMs: number;
  importMs: number;
  requestMs: number;
  phases: Phases;
}

/** From the handler's log: the model load, and of it reading the files, WebAssembly.compile, instantiating and loading. */
interface Phases {
  initMs?: number;
  readMs?: number;
  compileMs?: number;
  hostMs?: number;
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
}

/** One fresh process: loads the handler in `root`, answers the events file, exits. */
function runOnce(node: string, root: string, events: string, env: Record<string, string>): Run {
  const results = join(mkdtempSync(join(tmpdir(), 'pfa-cold-')), 'results.json');
  const t0 = process.hrtime.bigint();
  const p = spawnSync(node, [RUNTIME, events, results], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', LAMBDA_TASK_ROOT: root, _HANDLER: 'index.handler', AWS_REGION: 'us-east-1', ...env },
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (p.status !== 0) throw new Error(`the function process failed (${p.status}): ${p.stderr}`);
  const out = JSON.parse(readFileSync(results, 'utf8')) as {
    initMs: number;
    invokeMs: number[];
    cpuMs: number;
    results: { ok?: { statusCode: number } }[];
  };
  if (out.results[0].ok?.statusCode !== 200)
    throw new Error(`the function did not answer 200: ${JSON.stringify(out.results[0])}`);
  const phases: Phases = {};
  for (const line of p.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const l = JSON.parse(line) as Phases & { msg: string };
    if (l.msg === 'model loaded')
      Object.assign(phases, { initMs: l.initMs, readMs: l.readMs, compileMs: l.compileMs, hostMs: l.hostMs });
  }
  return { wallMs, cpuMs: out.cpuMs, importMs: out.initMs, requestMs: out.invokeMs[0], phases };
}

/**
 * Instructions executed by one process, all threads, under callgrind (millions), less V8's
 * search for its hash seed's primes (HashSeed::InitializeRoots, detail::sprp): random, it moves
 * the total of one process by up to 10M instructions, as much as the changes measured.
 */
function instructionsOnce(node: string, root: string, events: string, env: Record<string, string>): number {
  const dir = mkdtempSync(join(tmpdir(), 'pfa-cold-'));
  const out = join(dir, 'callgrind.out');
  const p = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      '--smc-check=all-non-file',
      `--callgrind-out-file=${out}`,
      node,
      RUNTIME,
      events,
      join(dir, 'r.json'),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: {
        PATH: '/usr/bin:/bin',
        LAMBDA_TASK_ROOT: root,
        _HANDLER: 'index.handler',
        AWS_REGION: 'us-east-1',
        ...env,
      },
    },
  );
  if (p.status !== 0) throw new Error(`valgrind failed (${p.status}): ${p.stderr.slice(-2000)}`);
  const table = execFileSync('callgrind_annotate', ['--threshold=100', out], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const count = (line: string) => Number(/^\s*([\d,]+)/.exec(line)![1].replace(/,/g, ''));
  const lines = table.split('\n');
  const total = count(lines.find((l) => l.includes('PROGRAM TOTALS'))!);
  const seed = lines.filter((l) => /detail::sprp|HashSeed::InitializeRoots/.test(l)).reduce((n, l) => n + count(l), 0);
  return (total - seed) / 1e6;
}

/**
 * What every cold start parses and evaluates: index.mjs and the chunks it imports statically,
 * transitively (as test/deploy/lambda-zip.test.ts walks them), with their sizes.
 */
function coldPath(root: string): { name: string; bytes: number }[] {
  const files: { name: string; bytes: number }[] = [];
  const visit = (name: string) => {
    if (files.some((f) => f.name === name)) return;
    const code = readFileSync(join(root, name), 'utf8');
    files.push({ name, bytes: Buffer.byteLength(code) });
    for (const m of code.matchAll(/(?:from|import)\s*"(\.[^"]+)"/g)) visit(join(dirname(name), m[1]));
  };
  visit('index.mjs');
  return files;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(argv: string[]): Promise<void> {
  const runs = Number(option(argv, '--runs') ?? 9);
  const node = option(argv, '--node') ?? (existsSync(NODE22) ? NODE22 : process.execPath);
  const work = mkdtempSync(join(tmpdir(), 'pfa-cold-start-'));
  const build = await buildLambda({ model: SONAR_MODEL, out: join(work, 'lambda.zip') });
  if (build.backend?.backend !== 'wasm') throw new Error(`the zip does not run on Wasm: ${build.backend?.why}`);
  const task = join(work, 'task');
  execFileSync('python3', ['-m', 'zipfile', '-e', build.zipPath, task]);
  const hello = join(work, 'hello');
  mkdirSync(hello);
  writeFileSync(join(hello, 'index.mjs'), HELLO);
  const events = join(work, 'events.json');
  writeFileSync(events, JSON.stringify([v2Event({ body: SONAR_ROWS[0] })]));

  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const cold = coldPath(task);
  console.log(
    `cold path: ${cold.length} files, ${(cold.reduce((n, f) => n + f.bytes, 0) / 1024).toFixed(1)} KiB (${cold.map((f) => `${f.name} ${(f.bytes / 1024).toFixed(1)}`).join(', ')})`,
  );
  console.log(
    `node ${version} (${node === NODE22 ? 'deploy/node22' : node}); zip ${build.entries.join(', ')}; ${(build.bundleBytes / 1024).toFixed(1)} KiB index.mjs`,
  );
  const load0 = loadavg()[0];
  const pfa: Run[] = [];
  const base: Run[] = [];
  // One warm-up pair (disk cache), then alternating pairs so that load changes hit both alike.
  runOnce(node, task, events, { PFA_MODEL: build.modelPath! });
  runOnce(node, hello, events, {});
  for (let i = 0; i < runs; i++) {
    pfa.push(runOnce(node, task, events, { PFA_MODEL: build.modelPath!, PFA_LOG_LEVEL: 'info' }));
    base.push(runOnce(node, hello, events, {}));
  }
  const load1 = loadavg()[0];
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const m = (rs: Run[], k: 'wallMs' | 'cpuMs' | 'importMs' | 'requestMs') => median(rs.map((r) => r[k]));
  console.log(`${runs} alternating runs each; load average ${load0.toFixed(2)} before, ${load1.toFixed(2)} after`);
  console.log(
    `whole process: pfa ${ms(m(pfa, 'wallMs'))}, hello ${ms(m(base, 'wallMs'))}, ratio ${(m(pfa, 'wallMs') / m(base, 'wallMs')).toFixed(3)}`,
  );
  const phase = (k: keyof Phases) => {
    const xs = pfa.map((r) => r.phases[k]).filter((x): x is number => x !== undefined);
    return xs.length ? median(xs) : NaN;
  };
  console.log(
    `CPU time of the process (all threads): pfa ${ms(m(pfa, 'cpuMs'))}, hello ${ms(m(base, 'cpuMs'))}, ratio ${(m(pfa, 'cpuMs') / m(base, 'cpuMs')).toFixed(3)}`,
  );
  console.log(`init (medians): import ${ms(m(pfa, 'importMs'))} against hello ${ms(m(base, 'importMs'))}`);
  console.log(
    `  model load ${ms(phase('initMs'))}: reading files ${ms(phase('readMs'))}, WebAssembly.compile ${ms(phase('compileMs'))}, instantiating and loading cells ${ms(phase('hostMs'))}`,
  );
  console.log(`  module evaluation and the rest ${ms(median(pfa.map((r) => r.importMs - (r.phases.initMs ?? NaN))))}`);
  console.log(`first request: pfa ${ms(m(pfa, 'requestMs'))}, hello ${ms(m(base, 'requestMs'))}`);
  const counts = Number(option(argv, '--instructions') ?? 0);
  if (counts > 0) {
    const pi: number[] = [];
    const hi: number[] = [];
    for (let i = 0; i < counts; i++) {
      pi.push(instructionsOnce(node, task, events, { PFA_MODEL: build.modelPath! }));
      hi.push(instructionsOnce(node, hello, events, {}));
    }
    const mi = (xs: number[]) => `${median(xs).toFixed(1)}M`;
    console.log(
      `instructions (callgrind, all threads, medians of ${counts}): pfa ${mi(pi)}, hello ${mi(hi)}, ratio ${(median(pi) / median(hi)).toFixed(3)}`,
    );
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(`cold-start: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
