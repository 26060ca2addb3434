/**
 * `npm run bench`: the suite of issue 7 over six models, on the JS and Wasm backends (rows and
 * checks in src/cli/bench.ts, shared with `pfa-wasm bench`), plus the hand-written Sonar kernels
 * (plain JS and AssemblyScript, parameters inlined) as the "limit" rows. Prints one table and
 * writes bench/results/latest.json with the machine, Node version, date and load average.
 *
 * BENCH_MAX_TIME (seconds, default 1.5) is benchmark.js's maxTime per timed row; BENCH_ONLY keeps
 * the models whose name contains it. Figures are ratios within one run on one machine: never
 * compare absolute numbers across runs or machines.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BenchCase, BenchReport, benchCase, formatTable, machine } from '../src/cli/bench.js';
import { handSonarKernel } from './hand/sonar.js';
import { handSonarAsKernel } from './hand/sonarAs.js';
import { kmeansCase } from './kmeans.js';

const SHARED = process.env.PFA_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
const maxTime = Number(process.env.BENCH_MAX_TIME ?? 1.5);
const only = process.env.BENCH_ONLY ?? '';

const read = (path: string) => readFileSync(join(SHARED, path), 'utf8');
const jsonLines = (path: string) => read(path).split('\n').filter((l) => l.trim() !== '');

function fileCase(name: string, model: string, data: string): () => Promise<BenchCase> {
  return async () => ({ name, documentText: read(model), lines: jsonLines(data) });
}

const CASES: [string, () => Promise<BenchCase>][] = [
  ['sonar naive Bayes (record)', async () => {
    const c = await fileCase('sonar naive Bayes (record)', 'models/sonar-naive-bayes.pfa.json', 'data/sonar.jsonl')();
    return { ...c, extra: [
      { variant: 'hand-written JS kernel', score: handSonarKernel(c.documentText) },
      { variant: 'hand-written AS kernel', score: await handSonarAsKernel(c.documentText) },
    ] };
  }],
  ['sonar naive Bayes (aurelius)', fileCase('sonar naive Bayes (aurelius)', 'models/sonar-naive-bayes-aurelius.pfa.json', 'data/sonar-aurelius.jsonl')],
  ['hipparcos tree', fileCase('hipparcos tree', 'pfa/models/hadrian/hipparcos_numerical_10.pfa', 'pfa/models/hadrian/hipparcos-synthetic.jsonl')],
  ['Hadrian-wiki random forest', fileCase('Hadrian-wiki random forest', 'pfa/models/hadrian-wiki/myModel.pfa', 'pfa/models/hadrian-wiki/myData.jsons')],
  ['AlpineNow iris logistic regression', fileCase('AlpineNow iris logistic regression', 'pfa/models/alpinenow/iris_lor_model.pfa', 'pfa/models/alpinenow/iris.jsonl')],
  ['k-means (DMG tutorial)', async () => kmeansCase('k-means (DMG tutorial)', read('pfa/models/pfa-docs/dmg-tutorial-examples.json'))],
];

const started = Date.now();
const reports: BenchReport[] = [];
for (const [name, make] of CASES) {
  if (!name.includes(only)) continue;
  process.stderr.write(`${name}\n`);
  reports.push(await benchCase(await make(), { maxTime, batchSize: 10_000, coldRuns: 3, log: (l) => process.stderr.write(`${l}\n`) }));
}
const rows = reports.flatMap((r) => r.rows);
const notes = reports.flatMap((r) => r.notes.map((n) => `${r.model}: ${n}`));
const where = machine();
console.log(`\n${formatTable(rows)}\n`);
for (const n of notes) console.log(`note: ${n}`);
console.log(`\nmachine: ${where.cpu} × ${where.cores}, ${where.memoryGiB} GiB, Node ${where.node}; load average ${where.loadAverage.join(' ')}; ${where.date}; ${Math.round((Date.now() - started) / 1000)} s`);
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
const options = { maxTime, batchSize: 10_000, coldRuns: 3, only: only || null };
writeFileSync(join(import.meta.dirname, 'results', 'latest.json'), JSON.stringify({ machine: where, options, seconds: Math.round((Date.now() - started) / 1000), results: rows, notes }, null, 1) + '\n');
