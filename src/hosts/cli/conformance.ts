/**
 * `pfa-wasm conformance [--backend js|wasm] [--suite FILE] [--filter NAME]... [--json FILE]
 * [--failures] [--show N] [--hang-s N]`: runs the PFA conformance suite and prints a table by namespace.
 * Progress goes to stderr when it is a terminal; the exit code is 0 when no trial failed.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backend, Progress, runConformance } from '../../conformance/run.js';
import { formatFailure, formatReport, reportJson } from '../../conformance/report.js';

const SUITE_IN_REPOSITORY = join('test', 'reference', 'pfa', 'conformance', 'pfa-tests-0.8.1.json.gz');

const USAGE = `usage: pfa-wasm conformance [options]
  --backend js|wasm   engine backend (default js)
  --suite FILE        suite file, .json.gz or .json (default: ${SUITE_IN_REPOSITORY}
                      of a checkout of the repository; the npm package does not hold it)
  --filter NAME       only functions named NAME, or starting with NAME when no function is
                      called that (m. selects m.*); repeat it or separate with commas
  --json FILE         write the report as JSON (without failures unless --failures)
  --failures          include the kept failures in --json
  --show N            print the first N failures before the table (default 5)
  --hang-s N          stop the run, naming the trial, if one trial runs N seconds (default 120;
                      0 never); a trial over 10 s that returns counts as a failure
`;

interface Args {
  backend: Backend;
  suite: string;
  filters: string[];
  json?: string;
  failures: boolean;
  show: number;
  hangS: number;
}

export async function conformanceCommand(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`pfa-wasm conformance: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!existsSync(args.suite)) {
    process.stderr.write(`pfa-wasm conformance: suite not found: ${args.suite} (use --suite)\n`);
    return 2;
  }
  if (args.backend === 'wasm') return wasmConformance(args);
  const progress = process.stderr.isTTY ? progressLine() : undefined;
  const report = await runConformance({
    suite: args.suite,
    filter: args.filters,
    backend: args.backend,
    onProgress: progress?.update,
    hangMs: args.hangS * 1000,
  });
  progress?.done();
  if (report.tests === 0) process.stderr.write(`pfa-wasm conformance: no test matches ${args.filters.join(', ')}\n`);

  const shown = report.failures.slice(0, args.show);
  for (const f of shown) process.stdout.write(formatFailure(f) + '\n');
  if (report.failed > shown.length && args.show > 0)
    process.stdout.write(`... (${report.failures.length} failures kept; --json FILE --failures writes them)\n`);
  if (shown.length > 0) process.stdout.write('\n');
  process.stdout.write(formatReport(report));
  if (args.json !== undefined) await writeFile(args.json, reportJson(report, { failures: args.failures }));
  process.stderr.write(`${report.tests} tests in ${(report.ms / 1000).toFixed(1)} s\n`);
  return report.failed === 0 ? 0 : 1;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { backend: 'js', suite: defaultSuitePath(), filters: [], failures: false, show: 5, hangS: 120 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--backend': {
        const b = value();
        if (b !== 'js' && b !== 'wasm') throw new Error(`unknown backend "${b}"`);
        args.backend = b;
        break;
      }
      case '--suite':
        args.suite = resolve(value());
        break;
      case '--filter':
        args.filters.push(value());
        break;
      case '--json':
        args.json = value();
        break;
      case '--failures':
        args.failures = true;
        break;
      case '--show':
        args.show = count(flag, value());
        break;
      case '--hang-s':
        args.hangS = count(flag, value());
        break;
      default:
        throw new Error(`unknown option "${flag}"`);
    }
  }
  return args;
}

function count(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) throw new Error(`${flag} needs a whole number, not "${text}"`);
  return n;
}

/**
 * The suite kept in the repository, under the package root (the folder of package.json above
 * this module, whether it runs from src/ or dist/).
 */
export function defaultSuitePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return resolve(dir, SUITE_IN_REPOSITORY);
}

/** A one-line progress display on stderr, redrawn at most five times a second. */
function progressLine(): { update: (p: Progress) => void; done: () => void } {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      drawn = true;
      const line = `${(100 * p.fraction).toFixed(0).padStart(3)}%  ${p.tests} tests  ${p.passed} passed  ${p.failed} failed  ${p.function}`;
      process.stderr.write(`\r${line.slice(0, (process.stderr.columns || 100) - 1)}\x1b[K`);
    },
    done() {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}

/**
 * The Wasm backend's run: tests whose engines lower are compiled in batches and every trial runs
 * on both backends; exit 0 only when every Wasm answer equals the JS backend's.
 */
async function wasmConformance(args: Args): Promise<number> {
  const { runWasmConformance, formatWasmReport } = await import('../../conformance/wasm.js');
  const { functionFilter } = await import('../../conformance/filter.js');
  const { library } = await import('../../lib/index.js');
  const started = Date.now();
  const select = args.filters.length ? functionFilter(args.filters, new Set(library.keys())) : undefined;
  const report = await runWasmConformance({
    suite: args.suite,
    select,
    onProgress: process.stderr.isTTY
      ? (r) => process.stderr.write(`\r${r.compiled}/${r.lowered} compiled, ${r.trials} trials   `)
      : undefined,
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  process.stdout.write(formatWasmReport(report) + '\n');
  if (args.json !== undefined) await writeFile(args.json, JSON.stringify(report, null, 1));
  process.stderr.write(`${report.tests} tests in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return report.disagree === 0 && report.compileErrors.length === 0 ? 0 : 1;
}
