/**
 * `npm run bench`: the suite of issue 7 over six models, on the JS and Wasm backends (rows and
 * checks in src/hosts/cli/bench.ts, shared with `pfa-wasm bench`), plus the Sonar "limit" rows
 * (bench/hand/limits.ts: the decision written by hand in plain JS, AssemblyScript and C, every
 * constant computed at load time, checked bit for bit against the engine before timing). Prints one table and
 * writes bench/results/latest.json (with the machine, Node version, date and load average) and the
 * same table as Markdown in bench/results/latest.md (for the README).
 *
 * Each model is measured in a Node process of its own (this file again, with BENCH_CASE naming the
 * model), as a deployment serves one model: in one process, the models measured first leave the
 * engine's shared host code (encoders, the call path) compiled for their own inputs, and later
 * models' rows then measured up to 2x slower on either backend (session 4: the aurelius Wasm row
 * 6.6x in a shared process, 11.7x alone), which says more about the order of the suite than about
 * the model. `pfa-wasm bench` measures one model per process too.
 *
 * BENCH_MAX_TIME (seconds, default 2) is the time per timed row, shared by its BENCH_ROUNDS (default
 * 3) interleaved rounds (src/hosts/cli/bench/rounds.ts: each row's figure is the median of its
 * rounds, and each target below the median of its ratios round by round); BENCH_ONLY keeps
 * the models whose name contains it. Figures are ratios within one run on one machine: never
 * compare absolute numbers across runs or machines.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import {
  BenchCase,
  BenchReport,
  BenchRow,
  JSON_FLOOR,
  benchCase,
  formatTable,
  machine,
  roundRatio,
} from '../src/hosts/cli/bench.js';
import { LIMIT_AS, LIMIT_C, sonarLimits } from './hand/limits.js';
import { kmeansCase } from './kmeans.js';
import { REFERENCE } from '../test/helpers/reference.js';

const maxTime = Number(process.env.BENCH_MAX_TIME ?? 2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const only = process.env.BENCH_ONLY ?? '';

const read = (path: string) => readFileSync(join(REFERENCE, path), 'utf8');
const jsonLines = (path: string) =>
  read(path)
    .split('\n')
    .filter((l) => l.trim() !== '');

function fileCase(name: string, model: string, data: string): () => Promise<BenchCase> {
  return async () => ({ name, documentText: read(model), lines: jsonLines(data) });
}

const CASES: [string, () => Promise<BenchCase>][] = [
  [
    'sonar naive Bayes (record)',
    async () => {
      const c = await fileCase('sonar naive Bayes (record)', 'models/sonar-naive-bayes.pfa.json', 'data/sonar.jsonl')();
      const limits = await sonarLimits(c.documentText, c.lines);
      return {
        ...c,
        extra: limits.extra,
        ...('row' in limits.c ? { external: [limits.c.row] } : { notes: [limits.c.note] }),
      };
    },
  ],
  [
    'sonar naive Bayes (aurelius)',
    fileCase('sonar naive Bayes (aurelius)', 'models/sonar-naive-bayes-aurelius.pfa.json', 'data/sonar-aurelius.jsonl'),
  ],
  [
    'hipparcos tree',
    fileCase(
      'hipparcos tree',
      'pfa/models/hadrian/hipparcos_numerical_10.pfa',
      'pfa/models/hadrian/hipparcos-synthetic.jsonl',
    ),
  ],
  [
    'Hadrian-wiki random forest',
    fileCase(
      'Hadrian-wiki random forest',
      'pfa/models/hadrian-wiki/myModel.pfa',
      'pfa/models/hadrian-wiki/myData.jsons',
    ),
  ],
  [
    'AlpineNow iris logistic regression',
    fileCase(
      'AlpineNow iris logistic regression',
      'pfa/models/alpinenow/iris_lor_model.pfa',
      'pfa/models/alpinenow/iris.jsonl',
    ),
  ],
  [
    'k-means (DMG tutorial)',
    async () => kmeansCase('k-means (DMG tutorial)', read('pfa/models/pfa-docs/dmg-tutorial-examples.json')),
  ],
];

interface Target {
  what: string;
  /** The median of the ratio's values round by round, and the smallest and largest of them. */
  ratio: number | null;
  low: number | null;
  high: number | null;
  wanted: string;
}

/** The ratios the issues' "Done when" lists name, from this run's rows. */
function doneWhen(rows: BenchRow[]): Target[] {
  const hz = (model: string, variant: string, kind: string) =>
    rows.find((r) => r.model === model && r.variant === variant && r.kind === kind);
  const ratio = (a: BenchRow | undefined, b: BenchRow | undefined) =>
    a?.value && b?.value ? roundRatio(a, b) : { ratio: null, low: null, high: null };
  const S = 'sonar naive Bayes (record)';
  const A = 'sonar naive Bayes (aurelius)';
  const H = 'hipparcos tree';
  return [
    {
      what: 'Sonar per record: C limit kernel ÷ Wasm backend',
      ...ratio(hz(S, LIMIT_C, 'per record'), hz(S, 'Wasm backend', 'per record')),
      wanted: '≤ 5',
    },
    {
      what: 'Sonar per record: AS limit kernel ÷ Wasm backend',
      ...ratio(hz(S, LIMIT_AS, 'per record'), hz(S, 'Wasm backend', 'per record')),
      wanted: '≤ 1.5',
    },
    {
      what: 'Sonar per request: Wasm scoreText time ÷ (JSON.parse + JSON.stringify) time',
      ...ratio(hz(S, JSON_FLOOR, 'per request'), hz(S, 'Wasm backend', 'per request')),
      wanted: '≤ 0.5',
    },
    {
      what: 'Sonar per request: Wasm backend ÷ JS backend',
      ...ratio(hz(S, 'Wasm backend', 'per request'), hz(S, 'JS backend', 'per request')),
      wanted: '≥ 3',
    },
    {
      what: 'Sonar per record: Wasm backend ÷ JS backend',
      ...ratio(hz(S, 'Wasm backend', 'per record'), hz(S, 'JS backend', 'per record')),
      wanted: '≥ 20',
    },
    {
      what: 'Sonar (aurelius) per record: Wasm backend ÷ JS backend',
      ...ratio(hz(A, 'Wasm backend', 'per record'), hz(A, 'JS backend', 'per record')),
      wanted: '≥ 20',
    },
    ...[H, 'Hadrian-wiki random forest', 'AlpineNow iris logistic regression', 'k-means (DMG tutorial)'].map((m) => ({
      what: `${m} per record: Wasm backend ÷ JS backend`,
      ...ratio(hz(m, 'Wasm backend', 'per record'), hz(m, 'JS backend', 'per record')),
      wanted: '≥ 10',
    })),
    {
      // Not a target: how far the generated kernel is from the AS limit when the input crosses as
      // a memory copy (scoreColumns), as the limit kernels' rows do, rather than from objects.
      what: 'Sonar in columns (no target): AS limit kernel ÷ Wasm scoreColumns, per record',
      ...ratio(hz(S, LIMIT_AS, 'per record'), hz(S, 'Wasm backend', 'columns')),
      wanted: '',
    },
  ];
}

/** A target's smallest and largest ratio among the rounds. */
const range = (t: Target) => (t.low === null || t.high === null ? '' : `${t.low.toFixed(2)}–${t.high.toFixed(2)}`);

/** The same table as Markdown (for the README's "Benchmarks" section). */
function markdownTable(
  rows: BenchRow[],
  notes: string[],
  where: ReturnType<typeof machine>,
  targets: Target[],
): string {
  const num = (r: BenchRow) => (r.value >= 100 ? Math.round(r.value).toLocaleString('en-US') : r.value.toPrecision(3));
  // spread: how far apart the row's rounds were, (largest - smallest) / median
  const spread = (r: BenchRow) =>
    r.rounds && r.rounds.length > 1
      ? (((Math.max(...r.rounds) - Math.min(...r.rounds)) / r.value) * 100).toFixed(0)
      : '';
  const out = ['| model | variant | row | figure | ± % | spread % | × JS |', '|---|---|---|---:|---:|---:|---:|'];
  for (const r of rows)
    out.push(
      `| ${r.model} | ${r.variant} | ${r.kind} | ${num(r)} ${r.unit} | ${r.rme === null ? '' : r.rme.toFixed(1)} | ${spread(r)} | ${r.ratio === null ? '' : r.ratio.toFixed(2)} |`,
    );
  out.push(
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    '| target (issues 5, 7 and 18) | this run | rounds | wanted |',
    '|---|---:|---:|---:|',
  );
  for (const t of targets)
    out.push(`| ${t.what} | ${t.ratio === null ? 'not measured' : t.ratio.toFixed(2)} | ${range(t)} | ${t.wanted} |`);
  out.push(
    '',
    `${where.cpu} × ${where.cores} cores, ${where.memoryGiB} GiB, Node ${where.node}, ${where.platform}; load average ${where.loadAverage.join(' ')}; ${where.date}; each timed row ${rounds} interleaved rounds of ${(maxTime / rounds).toFixed(2)} s, its figure their median; a target is the median of its ratios round by round ("rounds": the smallest and largest).`,
  );
  return out.join('\n') + '\n';
}

const options = { maxTime, rounds, batchSize: 10_000, coldRuns: 3 };

// A child: measure the one model BENCH_CASE names and write its report to BENCH_REPORT.
const childCase = process.env.BENCH_CASE;
if (childCase !== undefined) {
  const make = CASES.find(([name]) => name === childCase)?.[1];
  if (!make) throw new Error(`bench: no model named ${JSON.stringify(childCase)}`);
  const c = await make();
  const measured = await benchCase(c, { ...options, log: (l) => process.stderr.write(`${l}\n`) });
  writeFileSync(process.env.BENCH_REPORT!, JSON.stringify(measured));
  process.exit(0);
}

/** Runs one model's rows in a fresh Node process (see the top of this file) and returns its report. */
function inChild(name: string): BenchReport {
  const dir = mkdtempSync(join(os.tmpdir(), 'pfa-bench-'));
  try {
    const file = join(dir, 'report.json');
    const r = spawnSync(process.execPath, [...process.execArgv, import.meta.filename], {
      env: { ...process.env, BENCH_CASE: name, BENCH_REPORT: file },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`bench: measuring ${name} failed (exit ${r.status ?? r.signal})`);
    return JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const started = Date.now();
const reports: BenchReport[] = [];
for (const [name] of CASES) {
  if (!name.includes(only)) continue;
  process.stderr.write(`${name}\n`);
  reports.push(inChild(name));
}
const rows = reports.flatMap((r) => r.rows);
const targets = doneWhen(rows);
const notes = reports.flatMap((r) => r.notes.map((n) => `${r.model}: ${n}`));
const where = machine();
console.log(`\n${formatTable(rows)}\n`);
for (const n of notes) console.log(`note: ${n}`);
for (const t of targets)
  console.log(
    `target: ${t.what}: ${t.ratio === null ? 'not measured' : `${t.ratio.toFixed(2)} (rounds ${range(t)}; wanted ${t.wanted})`}`,
  );
console.log(
  `\nmachine: ${where.cpu} × ${where.cores}, ${where.memoryGiB} GiB, Node ${where.node}; load average ${where.loadAverage.join(' ')}; ${where.date}; ${Math.round((Date.now() - started) / 1000)} s`,
);
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'results', 'latest.md'), markdownTable(rows, notes, where, targets));
writeFileSync(
  join(import.meta.dirname, 'results', 'latest.json'),
  JSON.stringify(
    {
      machine: where,
      options: { ...options, only: only || null, processPerModel: true },
      seconds: Math.round((Date.now() - started) / 1000),
      results: rows,
      notes,
      targets,
    },
    null,
    1,
  ) + '\n',
);
