/**
 * `npm run bench`: benchmark.js suites comparing the JS backend, the Wasm backend and (for the
 * Sonar model) a hand-written JS kernel of the same arithmetic, per record (input already parsed).
 * Prints a table (ops/s, ± %, ratio to the JS backend) and writes bench/results/latest.json.
 * Figures are ratios from one run on one machine: never compare absolute times across runs.
 */
import Benchmark from 'benchmark';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { PFAEngine } from '../src/index.js';
import { handSonarKernel } from './hand/sonar.js';

const SHARED = process.env.PFA_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');

interface ModelCase { name: string; model: string; data: string; hand?: (text: string) => (row: unknown) => unknown }

const CASES: ModelCase[] = [
  { name: 'sonar naive Bayes (record input)', model: 'models/sonar-naive-bayes.pfa.json', data: 'data/sonar.jsonl', hand: handSonarKernel },
  { name: 'sonar naive Bayes (aurelius layout)', model: 'models/sonar-naive-bayes-aurelius.pfa.json', data: 'data/sonar-aurelius.jsonl' },
  { name: 'hipparcos tree (1,023 nodes)', model: 'pfa/models/hadrian/hipparcos_numerical_10.pfa', data: 'pfa/models/hadrian/hipparcos-synthetic.jsonl' },
  { name: 'AlpineNow iris logistic regression', model: 'pfa/models/alpinenow/iris_lor_model.pfa', data: 'pfa/models/alpinenow/iris.jsonl' },
];

interface Row { model: string; variant: string; hz: number; rme: number; ratio: number }

async function benchModel(c: ModelCase): Promise<Row[]> {
  const text = readFileSync(join(SHARED, c.model), 'utf8');
  const js = await PFAEngine.create(text, { backend: 'js' });
  const wasm = await PFAEngine.create(text, { backend: 'wasm' });
  const rows = readFileSync(join(SHARED, c.data), 'utf8').split('\n').filter((l) => l.trim()).map((l) => js.decodeText(l));
  let i = 0;
  const next = () => rows[i++ % rows.length];
  const suite = new Benchmark.Suite(c.name);
  suite.add('JS backend', () => js.action(next()));
  suite.add('Wasm backend', () => wasm.action(next()));
  if (c.hand) {
    const hand = c.hand(text);
    suite.add('hand-written JS kernel', () => hand(next()));
  }
  const results: Row[] = [];
  await new Promise<void>((resolve) => {
    suite.on('cycle', (e: Benchmark.Event) => process.stderr.write(`  ${String(e.target)}\n`));
    suite.on('complete', () => resolve());
    suite.run({ async: false });
  });
  const benches = Array.from(suite as unknown as ArrayLike<Benchmark>);
  const base = benches.find((b) => b.name === 'JS backend')!.hz;
  for (const b of benches) results.push({ model: c.name, variant: b.name!, hz: b.hz, rme: b.stats.rme, ratio: b.hz / base });
  return results;
}

const all: Row[] = [];
for (const c of CASES) {
  process.stderr.write(`${c.name}\n`);
  all.push(...(await benchModel(c)));
}
const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\n${pad('model', 38)} ${pad('variant', 24)} ${'ops/s'.padStart(12)} ${'±%'.padStart(6)} ${'× JS'.padStart(7)}`);
for (const r of all) console.log(`${pad(r.model, 38)} ${pad(r.variant, 24)} ${Math.round(r.hz).toLocaleString('en-US').padStart(12)} ${r.rme.toFixed(1).padStart(6)} ${r.ratio.toFixed(1).padStart(7)}`);
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`\nmachine: ${machine}`);
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'results', 'latest.json'), JSON.stringify({ date: new Date().toISOString(), machine, results: all }, null, 1) + '\n');
