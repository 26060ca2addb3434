/**
 * `npx tsx bench/boundary.ts`: what the per-record boundary costs on the Sonar record model, against
 * issue 18's "within 1.5x of the AS limit row". In one process, in alternating rounds, CPU time per
 * record of:
 * - the AS limit kernel (bench/hand/sonarAs.ts) on rows already placed in its memory;
 * - `engine.action` on the Wasm backend for the Sonar model;
 * - `engine.action` on the Wasm backend for a document with the same input type (a record of 60
 *   doubles) whose action is a constant: the record encoder, the call and the output, no scoring.
 * Since no generated kernel can score in less than the hand-written one, the Wasm row can be within
 * 1.5x of the AS row only when the constant document costs less than half of the AS row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PFAEngine } from '../src/engine.js';
import type { Value } from '../src/values.js';
import { REFERENCE } from '../test/helpers/reference.js';
import { sonarAsKernel } from './hand/sonarAs.js';
import { rowOf, sonarConstants } from './hand/sonarModel.js';

const ROUNDS = 7;
const CALLS = 200_000;

const text = readFileSync(join(REFERENCE, 'models/sonar-naive-bayes.pfa.json'), 'utf8');
const lines = readFileSync(join(REFERENCE, 'data/sonar.jsonl'), 'utf8').trim().split('\n');
const doc = JSON.parse(text) as { input: unknown };
const constant = JSON.stringify({ input: doc.input, output: 'string', action: [{ string: 'R' }] });
const sonar = await PFAEngine.create(text, { backend: 'wasm' });
const boundary = await PFAEngine.create(constant, { backend: 'wasm' });
const k = sonarConstants(text);
const values: Value[] = lines.map((l) => sonar.decodeText(l));
const as = await sonarAsKernel(k, values.length);
const placed = values.map((v) => as.place(rowOf(k, v)));

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
/** CPU ns per call of f over the 208 rows in turn. */
function time(f: (i: number) => void): number {
  const t0 = cpuMicros();
  for (let i = 0; i < CALLS; i++) f(i % values.length);
  return ((cpuMicros() - t0) * 1000) / CALLS;
}
const rows: Record<string, number[]> = {
  'AS limit kernel': [],
  'Wasm engine.action, Sonar': [],
  'Wasm engine.action, constant action': [],
};
const [asRow, sonarRow, boundaryRow] = Object.values(rows);
for (let r = 0; r < ROUNDS; r++) {
  asRow.push(time((i) => as.score(placed[i])));
  sonarRow.push(time((i) => sonar.action(values[i])));
  boundaryRow.push(time((i) => boundary.action(values[i])));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [name, xs] of Object.entries(rows))
  console.log(
    `${name.padEnd(38)} ${median(xs).toFixed(0).padStart(6)} ns/record (rounds: ${xs.map((x) => x.toFixed(0)).join(' ')})`,
  );
const a = median(asRow);
console.log(`Sonar ÷ AS limit: ${(median(sonarRow) / a).toFixed(2)} (issue 18 wants ≤ 1.5)`);
console.log(`constant action ÷ AS limit: ${(median(boundaryRow) / a).toFixed(2)} (≥ 0.5 puts 1.5 out of reach)`);
