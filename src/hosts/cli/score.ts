/**
 * `pfa-wasm score MODEL`: Avro-JSON lines (or an Avro object container file; either one may be
 * gzipped: score/input.ts) in, Avro-JSON lines out, one output line per input in input order
 * (emit engines: one per emitted value). A record that fails prints {"error", "code"} on its line
 * and scoring goes on. Records are scored in batches (one kernel call each); input is read in
 * chunks and output waits for 'drain', so memory stays constant whatever the input size. Engines whose answers depend on the record alone may be
 * scored by worker threads (score/parallel.ts).
 */
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { PFAEngine } from '../../engine.js';
import { PfaError } from '../../errors/PfaError.js';
import { parseArgs, UsageError } from './args.js';
import { Progress } from './progress.js';
import { Scored } from './score/batch.js';
import { lineBlocks } from './score/lines.js';
import { RecordInput, openInput, scoredBatches } from './score/input.js';
import { Sink } from './score/sink.js';

const USAGE =
  'usage: pfa-wasm score MODEL [--input FILE|-] [--output FILE|-] [--format jsonl|avro] [--backend js|wasm|auto] [--batch N] [--workers N|auto] [--quiet]';

/** Records per kernel call. */
const DEFAULT_BATCH = 4096;
/** Below this input size, starting worker threads costs more than it saves. */
const WORKERS_FROM_BYTES = 16 << 20;

export async function scoreCommand(argv: string[]): Promise<number> {
  const { positional, options } = parseArgs(
    argv,
    ['input', 'output', 'backend', 'format', 'batch', 'workers'],
    ['help', 'quiet'],
  );
  if (options.has('help') || positional.length !== 1) {
    console.error(USAGE);
    return options.has('help') ? 0 : 2;
  }
  let settings: Settings;
  try {
    settings = readSettings(options);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`pfa-wasm score: ${e.message}\n${USAGE}`);
    return 2;
  }
  const { backend, format, batch, quiet } = settings;
  const modelPath = positional[0];
  const documentText = readFileSync(modelPath, 'utf8');
  const { precompiledFor } = await import('../../build/cache.js');
  let precompiledUsed = false;
  const engine = await PFAEngine.create(documentText, {
    backend,
    precompiled:
      backend === 'js'
        ? undefined
        : await precompiledFor(modelPath, documentText, (m) => {
            if (!quiet) console.error(`pfa-wasm score: ${m}`);
          }),
    onBackend: (m) => {
      if (m === 'wasm: using the precompiled module') precompiledUsed = true;
      if (!quiet) console.error(`pfa-wasm score: ${m}`);
    },
  });
  const inPath = (options.get('input') as string | undefined) ?? '-';
  const outPath = (options.get('output') as string | undefined) ?? '-';
  const input = inPath === '-' ? process.stdin : createReadStream(inPath, { highWaterMark: 1 << 20 });
  let opened: RecordInput;
  try {
    opened = await openInput(input as AsyncIterable<Buffer | string>, format);
  } catch (e) {
    if (e instanceof PfaError) throw e;
    console.error(`pfa-wasm score: cannot read ${inPath}: ${(e as Error).message}`);
    return 1;
  }
  const avro = opened.format === 'avro';
  const sink = new Sink(outPath === '-' ? process.stdout : createWriteStream(outPath), outPath !== '-');
  const progress = new Progress(quiet ? null : process.stderr);

  let records = 0,
    failed = 0;
  const started = Date.now();
  const write = async (s: Scored) => {
    records += s.records;
    failed += s.failed;
    await sink.write(s.text);
    progress.tick(records);
  };
  const { parallelSafe, scoreInWorkers } = await import('./score/parallel.js');
  // Workers start their own engine: only where that is cheap (JS, or a module beside the model or in the compile cache).
  const oneThread = avro
    ? 'Avro input is read in one thread'
    : !parallelSafe(engine, documentText)
      ? 'this engine keeps state between records (or draws random numbers, or counts actions)'
      : engine.backend === 'wasm' && !precompiledUsed
        ? 'each worker would compile the model again'
        : null;
  const workers =
    oneThread !== null
      ? 0
      : (settings.workers ??
        (inPath !== '-' && statSync(inPath).size >= WORKERS_FROM_BYTES ? availableParallelism() : 0));
  if (oneThread !== null && settings.workers && !quiet)
    console.error(`pfa-wasm score: scoring in one thread: ${oneThread}`);
  try {
    if (workers > 0) {
      await scoreInWorkers({ modelPath, backend: engine.backend, batch }, workers, lineBlocks(opened.chunks), write);
    } else {
      engine.begin();
      for await (const scored of scoredBatches(engine, opened, batch)) await write(scored);
      engine.end();
    }
    await sink.close();
  } catch (e) {
    // The reader went away (`pfa-wasm score ... | head`): stop quietly, as Unix tools do.
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
    input.destroy();
    return 0;
  }
  progress.done();
  const secs = (Date.now() - started) / 1000;
  if (!quiet) {
    const how = workers > 0 ? `, ${workers} worker threads` : '';
    console.error(
      `pfa-wasm score: ${records} records (${failed} failed) in ${secs.toFixed(2)} s, ${Math.round(records / Math.max(secs, 1e-3))} records/s${how}`,
    );
  }
  return 0;
}

interface Settings {
  backend: 'js' | 'wasm' | 'auto';
  format: 'jsonl' | 'avro' | undefined;
  batch: number;
  /** undefined: decide from the input (auto). */
  workers: number | undefined;
  quiet: boolean;
}

function readSettings(options: Map<string, string | true>): Settings {
  const backend = (options.get('backend') ?? 'auto') as string;
  if (backend !== 'js' && backend !== 'wasm' && backend !== 'auto')
    throw new UsageError(`unknown backend "${backend}" (js, wasm or auto)`);
  const format = options.get('format') as string | undefined;
  if (format !== undefined && format !== 'jsonl' && format !== 'avro')
    throw new UsageError(`unknown format "${format}" (jsonl or avro)`);
  const batch = count(options.get('batch'), 'batch', 1) ?? DEFAULT_BATCH;
  const w = options.get('workers');
  const workers = w === 'auto' ? undefined : count(w, 'workers', 0);
  return { backend, format, batch, workers, quiet: options.has('quiet') };
}

function count(value: string | true | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer >= ${min}, found "${String(value)}"`);
  return n;
}
