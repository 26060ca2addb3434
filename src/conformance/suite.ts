/**
 * Reads the PFA conformance suite as a stream of tests. The file (238 MB unzipped) has one test
 * per line (see test/reference/pfa/conformance/README.md, "Layout"), so it is gunzipped and split into
 * lines, never held whole; lines are cut from the stream's own chunks rather than by readline,
 * so reading waits while a slow test runs (backpressure). The function name at the start of each line is read from the raw text
 * before the line is parsed, so a filtered run parses only the tests it runs.
 *
 * Lines are parsed with the exact JSON reader: longs such as 9223372036854775800 stay exact
 * (bigint), which JSON.parse would round.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { parseJson, JsonValue } from '../document/json.js';

export type Marker = 'pseudorandom' | 'unstable' | 'unordered';

export interface Trial {
  sample: JsonValue;
  /** The action's expected return value (absent for errors, skips and some pseudorandom trials). */
  result?: JsonValue;
  /** The expected PfaError code. */
  error?: number;
  /** Why the reference gave no usable answer; the trial is not run. */
  skip?: string;
  nondeterministic?: Marker;
  /** Has a `result` key (a result may be null, so this is not `result !== undefined`). */
  hasResult: boolean;
}

export interface SuiteTest {
  function: string;
  /** The PFA document, as the exact JSON reader returned it. */
  engine: JsonValue;
  trials: Trial[];
  /** 0-based position of the test in the suite file. */
  index: number;
  /** 1-based line number in the (unzipped) suite file. */
  line: number;
}

export interface SuiteProgress {
  /** Bytes of the (compressed) file read so far, and its size. */
  bytesRead: number;
  bytesTotal: number;
}

export interface ReadSuiteOptions {
  /** Selects tests by function name (see filter.ts); all tests when absent. */
  select?: (functionName: string) => boolean;
  /** Called as the file is read, for progress displays. */
  onRead?: (progress: SuiteProgress) => void;
}

const HEAD = /^\s*\{\s*"function"\s*:\s*"((?:[^"\\]|\\.)*)"/;

/** The tests of the suite at `path` (gzipped when it ends in `.gz`), in file order. */
export async function* readSuite(path: string, options: ReadSuiteOptions = {}): AsyncGenerator<SuiteTest> {
  const bytesTotal = (await stat(path)).size;
  const file = createReadStream(path, { highWaterMark: 1 << 16 });
  const text = path.endsWith('.gz') ? file.pipe(createGunzip({ chunkSize: 1 << 18 })) : file;
  file.on('error', (e) => text.destroy(e));
  let lineNo = 0;
  let index = 0;
  try {
    for await (const raw of lines(text)) {
      lineNo++;
      options.onRead?.({ bytesRead: file.bytesRead, bytesTotal });
      const head = HEAD.exec(raw.slice(0, 400));
      if (!head) {
        if (!isFrame(raw))
          throw new Error(`${path}:${lineNo}: expected one test per line, found ${JSON.stringify(raw.slice(0, 60))}`);
        continue;
      }
      const name = head[1].includes('\\') ? (parseJson(`"${head[1]}"`) as string) : head[1];
      const position = index++;
      if (options.select && !options.select(name)) continue;
      yield parseTest(raw, path, lineNo, position);
    }
  } finally {
    file.destroy();
    if (text !== file) text.destroy();
  }
}

/** The lines of a byte stream (UTF-8), without their "\n" (or "\r\n"). */
async function* lines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pieces: string[] = [];
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    const text = decoder.decode(chunk, { stream: true });
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      pieces.push(text.slice(from, nl));
      yield chomp(pieces.join(''));
      pieces = [];
      from = nl + 1;
    }
    if (from < text.length) pieces.push(text.slice(from));
  }
  pieces.push(decoder.decode());
  const last = pieces.join('');
  if (last !== '') yield chomp(last);
}

function chomp(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** The lines around the tests: `{"pfa-version": "0.8.1",`, ` "pfa-tests": [`, ` ]}`. */
function isFrame(line: string): boolean {
  const t = line.trim();
  return t === '' || t === ']}' || t === ']' || t.startsWith('{"pfa-version"') || t.startsWith('"pfa-tests"');
}

function parseTest(raw: string, path: string, line: number, index: number): SuiteTest {
  let text = raw.trimEnd();
  if (text.endsWith(',')) text = text.slice(0, -1);
  const where = `${path}:${line}`;
  let doc: JsonValue;
  try {
    doc = parseJson(text);
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
  if (!isObject(doc) || typeof doc.function !== 'string' || !Array.isArray(doc.trials) || !('engine' in doc)) {
    throw new Error(`${where}: a test needs "function", "engine" and "trials"`);
  }
  const trials = doc.trials.map((t, i) => parseTrial(t, `${where}: trial ${i}`));
  return { function: doc.function, engine: doc.engine, trials, index, line };
}

function parseTrial(t: JsonValue, where: string): Trial {
  if (!isObject(t) || !('sample' in t)) throw new Error(`${where}: a trial needs a "sample"`);
  const trial: Trial = { sample: t.sample, hasResult: 'result' in t };
  if (trial.hasResult) trial.result = t.result;
  if ('error' in t) {
    if (typeof t.error !== 'bigint') throw new Error(`${where}: "error" must be an integer code`);
    trial.error = Number(t.error);
  }
  if ('skip' in t) trial.skip = String(t.skip);
  if ('nondeterministic' in t) {
    const m = t.nondeterministic;
    if (m !== 'pseudorandom' && m !== 'unstable' && m !== 'unordered')
      throw new Error(`${where}: unknown marker ${JSON.stringify(m)}`);
    trial.nondeterministic = m;
  }
  return trial;
}

function isObject(x: JsonValue): x is { [key: string]: JsonValue } {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
