/**
 * `pfa-wasm bench MODEL --input FILE [--json]`: benchmark.js measurements of one model on the JS and
 * Wasm backends, the rows of issue 7's suite (`npm run bench` runs the same code over its models):
 *
 * - per record: `engine.action(value)`, the input already decoded;
 * - per request: JSON text in, JSON text out as the handler does it (JS backend:
 *   `JSON.stringify(encode(action(decode(JSON.parse(text)))))`; Wasm: `scoreText` when the engine has
 *   it, else `encodeText(action(decodeText(text)))`, and the row says which);
 * - per request, `JSON.parse + JSON.stringify`: the platform's JSON alone on the same request texts
 *   and their answers, no scoring (the floor issue 18 measures the Wasm request path against);
 * - batch: `engine.scoreBatch(values)` on a batch of records (records/s);
 * - columns, for inputs that are records of numbers: `engine.scoreColumns` on the same batch as
 *   one typed array per field (records/s; the bulk path whose input crosses as a memory copy);
 * - compile time (asc, after a warm-up compile), module size, and cold start in a fresh child
 *   process (read the model and the precompiled module, create the engine, first answer; median).
 *
 * Every row's answers are first checked against the JS backend on the whole input (outputs as
 * Avro-JSON, doubles with Object.is, errors by code): a row whose answers differ is not timed, and a
 * note says where it differs. The timed rows are then measured in interleaved rounds, each row's
 * figure the median of its rounds (bench/rounds.ts). Figures are for comparing rows of one run;
 * they vary between runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type BenchmarkType from 'benchmark';
import { PFAEngine } from '../../engine.js';
import { PfaError } from '../../errors/PfaError.js';
import { parseJson } from '../../document/json.js';
import type { Value } from '../../values.js';
import { Outcome, disagreement, failure, outcome, sameJson, show } from './bench/compare.js';
import { ColdResult, coldStart, median } from './bench/cold.js';
import { type TimedRow, type Timing, timeInRounds } from './bench/rounds.js';
import { JS, WASM, withRatios } from './bench/table.js';
import { wasmBuild } from './bench/build.js';
import { columnsOf } from './bench/columns.js';

export { sameJson } from './bench/compare.js';
export { formatTable, machine } from './bench/table.js';
export { roundRatio } from './bench/rounds.js';

export type RowKind = 'per record' | 'per request' | 'batch' | 'columns' | 'compile' | 'module size' | 'cold start';

export interface BenchRow {
  model: string;
  /** "JS backend", "Wasm backend", or an extra kernel's name (the hand-written Sonar kernels). */
  variant: string;
  kind: RowKind;
  value: number;
  unit: 'ops/s' | 'records/s' | 'ms' | 'bytes';
  /** benchmark.js's relative margin of error (%), for timed rows. */
  rme: number | null;
  /** How many times faster than the JS backend's row of the same kind (null where it means nothing). */
  ratio: number | null;
  /** How the row was measured when that is not obvious (e.g. which request path the Wasm row used). */
  how?: string;
  /** A timed row's figure in each round, in round order (`value` is their median). */
  rounds?: number[];
}

export interface BenchReport {
  model: string;
  rows: BenchRow[];
  notes: string[];
}

/** A kernel outside the engine (the hand-written "limit" rows): scores a decoded input to its Avro-JSON answer. */
export interface ExtraKernel {
  variant: string;
  /** The input as the kernel takes it (rows already parsed into doubles), made before timing; the value itself by default. */
  prepare?: (value: Value) => unknown;
  score: (input: unknown) => unknown;
}

/**
 * A row timed by its own clock outside this process (the C limit kernel), its answers checked by
 * whoever made it; it is timed in the same rounds as the other rows.
 */
export interface ExternalRow {
  variant: string;
  kind: RowKind;
  unit: 'ops/s' | 'records/s';
  how?: string;
  measure: (seconds: number) => Timing;
}

export interface BenchCase {
  name: string;
  documentText: string;
  /** Avro-JSON lines: the inputs, in order. */
  lines: readonly string[];
  extra?: readonly ExtraKernel[];
  external?: readonly ExternalRow[];
  /** What the case's maker says of it (e.g. a limit row it could not measure), first in the report's notes. */
  notes?: readonly string[];
}

export interface BenchOptions {
  /** benchmark.js `maxTime` per timed row, in seconds, shared among its rounds. */
  maxTime: number;
  /** How many interleaved rounds time each row (1 when absent). */
  rounds?: number;
  /** Records per `scoreBatch` call in the batch rows. */
  batchSize: number;
  /** Cold starts per backend (the median is reported). */
  coldRuns: number;
  log?: (line: string) => void;
}

export const DEFAULT_OPTIONS: BenchOptions = { maxTime: 2, rounds: 3, batchSize: 10_000, coldRuns: 3 };

type Benchmark = BenchmarkType;

async function timer() {
  const { default: Benchmark } = await import('benchmark').catch(() => {
    throw new PfaError('init', 'pfa-wasm bench needs the benchmark package (npm install benchmark)');
  });
  return (fn: () => void, maxTime: number): Timing => {
    const b: Benchmark = new Benchmark(fn, { maxTime, minSamples: 5 });
    b.run();
    if (b.error) throw b.error;
    return { hz: b.hz, rme: b.stats.rme };
  };
}

/** The per-request row of the platform's JSON alone (issue 18: the Wasm request path is held to half of it). */
export const JSON_FLOOR = 'JSON.parse + JSON.stringify';

/** The Wasm engine's text-in, text-out path: `scoreText` once src/engine.ts has it, else the general one. */
function requestPath(e: PFAEngine): { score: (text: string) => string; how: string } {
  const fast = (e as unknown as { scoreText?: (text: string) => string }).scoreText;
  if (typeof fast === 'function') return { score: (text) => fast.call(e, text), how: 'engine.scoreText(text)' };
  return { score: (text) => e.encodeText(e.action(e.decodeText(text))), how: 'encodeText(action(decodeText(text)))' };
}

/** Measures one model: every row kind on the JS backend, the Wasm backend (when it lowers and compiles) and the extra kernels. */
export async function benchCase(c: BenchCase, options: BenchOptions = DEFAULT_OPTIONS): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const time = await timer();
  const rows: BenchRow[] = [];
  const jobs: TimedRow[] = [];
  const notes: string[] = [...(c.notes ?? [])];
  const text = c.documentText;
  const lines = c.lines;
  if (lines.length === 0) throw new PfaError('init', `${c.name}: the input has no records`);

  // The reference: a fresh JS engine over the whole input, in order (cells and pools evolve as they would).
  const ref = await PFAEngine.create(text, { backend: 'js' });
  const reference = lines.map((l) => outcome(() => ref.encode(ref.action(ref.decodeText(l)))));
  const okIdx = reference.flatMap((o, i) => (o.ok ? [i] : []));
  if (okIdx.length === 0)
    throw new PfaError('init', `${c.name}: the JS backend fails on every input record (line 1: ${show(reference[0])})`);
  if (okIdx.length < lines.length)
    notes.push(
      `${lines.length - okIdx.length} of ${lines.length} input records fail on the JS backend; timed rows use the other ${okIdx.length}`,
    );
  const decodedAll = lines.map((l) => outcome(() => ref.decodeText(l)));
  const values = decodedAll.map((o) => (o.ok ? (o.json as Value) : undefined));
  const okValues = okIdx.map((i) => values[i]!);
  const okLines = okIdx.map((i) => lines[i]);
  const batch = Array.from({ length: options.batchSize }, (_, k) => okValues[k % okValues.length]);
  const decodable = values.flatMap((v, i) => (v === undefined ? [] : [i]));

  const timed = (variant: string, kind: RowKind, fn: () => void, scale = 1, how?: string) => {
    const unit = scale === 1 ? 'ops/s' : 'records/s';
    jobs.push({
      row: { model: c.name, variant, kind, unit, ...(how ? { how } : {}) },
      scale,
      measure: (s) => time(fn, s),
    });
  };
  /** Checks a row's answers on the whole input, then times it; a row that disagrees is only noted. */
  const checkedRow = (
    variant: string,
    kind: RowKind,
    answers: Outcome[],
    indices: readonly number[],
    fn: () => void,
    scale = 1,
    how?: string,
  ) => {
    const why = disagreement(reference, answers, indices);
    if (why) notes.push(`${variant}, ${kind}: not timed: ${why}`);
    else timed(variant, kind, fn, scale, how);
  };

  // Engines: each row kind gets a fresh one, so that its check sees the input from the start.
  const wasm = await wasmBuild(c, rows, notes, log);
  const engine = async (backend: 'js' | 'wasm') =>
    backend === 'js'
      ? PFAEngine.create(text, { backend: 'js' })
      : PFAEngine.create(text, { backend: 'wasm', precompiled: wasm!.precompiled });
  const backends: ['js' | 'wasm', string][] = wasm
    ? [
        ['js', JS],
        ['wasm', WASM],
      ]
    : [['js', JS]];

  for (const [backend, variant] of backends) {
    const e = await engine(backend);
    const answers = decodable.map((i) => outcome(() => e.encode(e.action(values[i]!))));
    let n = 0;
    checkedRow(variant, 'per record', answers, decodable, () => {
      e.action(okValues[n++ % okValues.length]);
    });
  }
  for (const k of c.extra ?? []) {
    const prepare = k.prepare ?? ((v: Value) => v);
    const answers = decodable.map((i) => outcome(() => k.score(prepare(values[i]!))));
    const inputs = okValues.map(prepare);
    let n = 0;
    checkedRow(k.variant, 'per record', answers, decodable, () => {
      k.score(inputs[n++ % inputs.length]);
    });
  }
  for (const [backend, variant] of backends) {
    const e = await engine(backend);
    const path =
      backend === 'js'
        ? {
            score: (t: string) => JSON.stringify(e.encode(e.action(e.decode(JSON.parse(t))))),
            how: 'JSON.stringify(encode(action(decode(JSON.parse(text)))))',
          }
        : requestPath(e);
    // Lines the JS backend cannot decode are left out: JSON.parse's SyntaxError is not a PfaError.
    const answers = decodable.map((i) => outcome(() => parseJson(path.score(lines[i]))));
    let n = 0;
    checkedRow(
      variant,
      'per request',
      answers,
      decodable,
      () => {
        path.score(okLines[n++ % okLines.length]);
      },
      1,
      path.how,
    );
  }
  if (wasm) {
    // The floor issue 18 holds the Wasm request path to: parsing the same request texts and
    // writing their answers with the platform's JSON alone, no scoring (answers as plain JSON
    // values, longs as numbers, made before timing).
    const answers = okIdx.map((i) => {
      const o = reference[i] as { json: unknown };
      return JSON.parse(JSON.stringify(o.json, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))) as unknown;
    });
    let n = 0;
    // (calls of builtins TurboFan does not drop, though their results go unused)
    timed(
      JSON_FLOOR,
      'per request',
      () => {
        const k = n++ % okLines.length;
        JSON.parse(okLines[k]);
        JSON.stringify(answers[k]);
      },
      1,
      'JSON.parse(request) + JSON.stringify(answer), no scoring',
    );
  }
  for (const [backend, variant] of backends) {
    const e = await engine(backend);
    const answers = e
      .scoreBatch(decodable.map((i) => values[i]!))
      .map((r) => (r instanceof PfaError ? failure(r) : outcome(() => e.encode(r))));
    checkedRow(
      variant,
      'batch',
      answers,
      decodable,
      () => {
        e.scoreBatch(batch);
      },
      options.batchSize,
      `scoreBatch of ${options.batchSize.toLocaleString('en-US')} records`,
    );
  }

  const columns = columnsOf(ref.inputType, batch);
  const checkColumns = columnsOf(
    ref.inputType,
    decodable.map((i) => values[i]!),
  );
  for (const [backend, variant] of columns && checkColumns ? backends : []) {
    const e = await engine(backend);
    const answers = e
      .scoreColumns(checkColumns!)
      .map((r) => (r instanceof PfaError ? failure(r) : outcome(() => e.encode(r))));
    checkedRow(
      variant,
      'columns',
      answers,
      decodable,
      () => {
        e.scoreColumns(columns!);
      },
      options.batchSize,
      `scoreColumns of ${options.batchSize.toLocaleString('en-US')} records, a typed array per field`,
    );
  }

  for (const x of c.external ?? []) {
    const { measure, ...row } = x;
    jobs.push({ row: { model: c.name, ...row }, scale: 1, measure });
  }
  const rounds = options.rounds ?? 1;
  rows.push(...timeInRounds(jobs, rounds, options.maxTime / rounds, log));

  const first = okIdx[0];
  for (const [backend, variant] of backends) {
    log(`  ${c.name}: ${variant}, cold start`);
    const runs: ColdResult[] = [];
    for (let r = 0; r < options.coldRuns; r++) {
      const child = coldStart({
        modelFile: wasm?.modelFile ?? writeTemp(c, 'model.pfa.json', text),
        wasmFile: backend === 'wasm' ? wasm!.wasmFile : null,
        line: lines[first],
      });
      if (child.backend !== backend || /ignored|compiled in/.test(child.message)) {
        throw new Error(`internal: the cold-start child ran ${child.backend} (${child.message || 'no message'})`);
      }
      if (first === 0 && !sameJson(parseJson(child.answer), reference[0].ok ? reference[0].json : undefined)) {
        notes.push(`${variant}, cold start: the child's first answer differs from the JS backend's: ${child.answer}`);
      }
      runs.push(child);
    }
    const phase = (k: 'readMs' | 'createMs' | 'answerMs') => median(runs.map((r) => r[k])).toFixed(1);
    rows.push({
      model: c.name,
      variant,
      kind: 'cold start',
      value: median(runs.map((r) => r.firstAnswerMs)),
      unit: 'ms',
      rme: null,
      ratio: null,
      how: `median of ${runs.length} fresh processes, after loading the engine's code: read ${phase('readMs')} ms, create ${phase('createMs')} ms, first answer ${phase('answerMs')} ms`,
    });
  }
  if (wasm) rmSync(wasm.dir, { recursive: true, force: true });
  cleanTemp(c);
  const order: RowKind[] = ['per record', 'per request', 'batch', 'columns', 'compile', 'module size', 'cold start'];
  rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return { model: c.name, rows: withRatios(rows), notes };
}

const temps = new Map<BenchCase, string>();
function writeTemp(c: BenchCase, name: string, content: string): string {
  let dir = temps.get(c);
  if (!dir) temps.set(c, (dir = mkdtempSync(join(os.tmpdir(), 'pfa-bench-'))));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
function cleanTemp(c: BenchCase): void {
  const dir = temps.get(c);
  if (dir) rmSync(dir, { recursive: true, force: true });
  temps.delete(c);
}
