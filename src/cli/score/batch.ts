/**
 * One batch of records → the text `pfa-wasm score` writes for it: one line per record (emit
 * engines: one per emitted value, none when nothing was emitted), and for a record that fails
 * `{"error": MESSAGE, "code": N}` on its line. Each line ends with "\n".
 */
import { PFAEngine } from '../../engine.js';
import { PfaError } from '../../errors/PfaError.js';
import { jsonText } from '../../document/json.js';
import { Value } from '../../types/values.js';

export interface Scored {
  text: string;
  records: number;
  failed: number;
}

/** Scores JSON lines (one Avro-JSON record each) with one kernel call. */
export function scoreLines(engine: PFAEngine, lines: readonly string[]): Scored {
  // A line that is not JSON is a PfaError entry too (syntax, code 1000).
  return outputText(engine.scoreTextBatch(lines));
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
