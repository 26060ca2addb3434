/** `pfa-wasm bench`'s command line: options, the run, and its table or JSON. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type ParsedArgs, UsageError, parseArgs } from '../args.js';
import { type BenchOptions, DEFAULT_OPTIONS, benchCase } from '../bench.js';
import { formatTable, machine } from './table.js';

const USAGE = `usage: pfa-wasm bench MODEL --input FILE [--json] [--max-time SECONDS] [--rounds N] [--batch N] [--cold-runs N]

Times MODEL on the JS and Wasm backends over the Avro-JSON lines of FILE: per record (input
decoded), per request (JSON text in and out), batches (scoreBatch, and scoreColumns when the
input is a record of numbers), compile time, module size and cold start. Each row's answers
are checked against the JS backend first, then every row is timed once per round, the rounds
interleaved, and its figure is the median of its rounds. --json prints the rows as JSON.
Defaults: --max-time ${DEFAULT_OPTIONS.maxTime} (seconds per row, shared by its rounds), --rounds ${DEFAULT_OPTIONS.rounds}, --batch ${DEFAULT_OPTIONS.batchSize}, --cold-runs ${DEFAULT_OPTIONS.coldRuns}.`;

function positiveNumber(name: string, text: string | undefined, fallback: number, integer: boolean): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!(Number.isFinite(n) && n > 0) || (integer && !Number.isInteger(n)))
    throw new UsageError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, found "${text}"`);
  return n;
}

export async function benchCommand(argv: string[]): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv, ['input', 'max-time', 'rounds', 'batch', 'cold-runs'], ['json', 'help']);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`pfa-wasm bench: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  const { positional, options } = parsed;
  if (options.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const input = options.get('input');
  if (positional.length !== 1 || typeof input !== 'string') {
    console.error(USAGE);
    return 2;
  }
  let opts: BenchOptions;
  try {
    const get = (k: string) => options.get(k) as string | undefined;
    opts = {
      maxTime: positiveNumber('max-time', get('max-time'), DEFAULT_OPTIONS.maxTime, false),
      rounds: positiveNumber('rounds', get('rounds'), DEFAULT_OPTIONS.rounds!, true),
      batchSize: positiveNumber('batch', get('batch'), DEFAULT_OPTIONS.batchSize, true),
      coldRuns: positiveNumber('cold-runs', get('cold-runs'), DEFAULT_OPTIONS.coldRuns, true),
      log: (line) => process.stderr.write(`${line}\n`),
    };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`pfa-wasm bench: ${e.message}`);
    return 2;
  }
  const model = positional[0];
  const lines = readFileSync(input === '-' ? 0 : input, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const report = await benchCase({ name: basename(model), documentText: readFileSync(model, 'utf8'), lines }, opts);
  const where = machine();
  if (options.has('json')) {
    console.log(JSON.stringify({ machine: where, ...report }, null, 1));
  } else {
    console.log(formatTable(report.rows));
    for (const n of report.notes) console.log(`note: ${n}`);
    console.log(
      `\n${where.cpu} × ${where.cores}, Node ${where.node}, load average ${where.loadAverage.join(' ')}, ${where.date}`,
    );
  }
  return 0;
}
