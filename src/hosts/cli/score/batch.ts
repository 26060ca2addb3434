/**
 * One batch of records → the text `pfa-wasm score` writes for it: one line per record (emit
 * engines: one per emitted value, none when nothing was emitted), and for a record that fails
 * `{"error": MESSAGE, "code": N}` on its line. Each line ends with "\n".
 */
import { PFAEngine } from '../../../engine.js';
import { PfaError } from '../../../errors/PfaError.js';
import { jsonText } from '../../../document/json.js';
import { Value } from '../../../values.js';
import { type Line, blockLines, lineAt } from './lines.js';

export interface Scored {
  text: string;
  records: number;
  failed: number;
}

/**
 * Scores JSON lines (one Avro-JSON record each) with one kernel call. A line that is not JSON is a
 * PfaError entry (syntax, code 1000); a line that was not UTF-8 comes as its error, kept in place.
 */
export function scoreLines(engine: PFAEngine, lines: readonly Line[]): Scored {
  const texts = lines.filter((l): l is string => typeof l === 'string');
  if (texts.length === lines.length) return outputText(engine.scoreTextBatch(texts));
  const scored = engine.scoreTextBatch(texts);
  let next = 0;
  return outputText(lines.map((l) => (typeof l === 'string' ? scored[next++] : l)));
}

/** Text given to the kernel's reader at a time (then to the end of that line): copied once, mostly. */
const WINDOW = 1 << 18;

/**
 * Scores a block of whole JSON lines (bytes), `batch` lines per kernel call: the same text and
 * counts as scoreLines over its lines. Where the Wasm kernel reads the input type itself
 * (fastpath/kernelText.ts) it reads the bytes as they are, and a line it declines is read as
 * scoreLines would read it, in its turn.
 */
export function scoreBlock(engine: PFAEngine, block: Buffer, batch: number): Scored {
  const sum: Scored = { text: '', records: 0, failed: 0 };
  const add = (s: Scored) => {
    sum.text += s.text;
    sum.records += s.records;
    sum.failed += s.failed;
  };
  const scorer = engine.textPath();
  if (scorer === null || !scorer.readsLines) {
    const lines = blockLines(block);
    for (let i = 0; i < lines.length; i += batch) add(scoreLines(engine, lines.slice(i, i + batch)));
    return sum;
  }
  const n = block.length;
  let at = 0;
  while (at < n) {
    scorer.clear();
    // This batch's lines in order; entries[j]: the line of staged entry j (the others failed to decode).
    const answers: (string | PfaError)[] = [];
    const entries: number[] = [];
    while (answers.length < batch && at < n) {
      const end = windowEnd(block, at);
      const before = scorer.staged;
      const max = batch - answers.length;
      const stop = scorer.stageLines(block, at, end, max);
      for (let j = before; j < scorer.staged; j++) {
        entries.push(answers.length);
        answers.push('');
      }
      at = stop;
      if (stop === end || scorer.staged - before === max) continue;
      // A line the kernel declined: read as scoreLines reads it.
      const nl = block.indexOf(10, stop);
      at = nl < 0 ? n : nl + 1;
      const text = lineAt(block, stop, nl < 0 ? n : nl);
      if (text === null) continue;
      const error = typeof text === 'string' ? scorer.stageText(text) : text;
      if (error === null) entries.push(answers.length);
      answers.push(error ?? '');
    }
    scorer.run('\n', false, (j, answer) => {
      answers[entries[j]] = answer;
    });
    add(outputText(answers));
  }
  return sum;
}

/** Where a window of text from `at` ends: at a line's end, about WINDOW bytes on. */
function windowEnd(block: Buffer, at: number): number {
  if (at + WINDOW >= block.length) return block.length;
  const nl = block.indexOf(10, at + WINDOW);
  return nl < 0 ? block.length : nl + 1;
}

/** Scores runtime values (from an Avro container file) with one kernel call. */
export function scoreValues(engine: PFAEngine, values: readonly Value[]): Scored {
  const emit = engine.method === 'emit';
  const results = engine.scoreBatch(values).map((r) => {
    if (r instanceof PfaError) return r;
    try {
      return emit ? (r as Value[]).map((v) => engine.encodeText(v)).join('\n') : engine.encodeText(r);
    } catch (e) {
      if (e instanceof PfaError) return e;
      throw e;
    }
  });
  return outputText(results);
}

function outputText(results: readonly (string | PfaError)[]): Scored {
  let text = '';
  let failed = 0;
  for (const r of results) {
    if (typeof r === 'string') {
      // "" is an emit engine's record that emitted nothing: no line.
      if (r !== '') text += r + '\n';
    } else {
      failed++;
      text += errorLine(r) + '\n';
    }
  }
  return { text, records: results.length, failed };
}

export function errorLine(e: PfaError): string {
  return jsonText({ error: e.message, code: e.code ?? null });
}
