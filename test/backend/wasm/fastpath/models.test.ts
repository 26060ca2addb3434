/**
 * scoreText and scoreTextBatch on the reference models, both backends: every row's answer (or error)
 * is exactly `encodeText(action(decodeText(row)))` of the JS backend.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PFAEngine, PfaError } from '../../../../src/index.js';
import { REFERENCE, REFERENCE_MODELS } from '../../../helpers/reference.js';
import { describeError } from '../../../helpers/answers.js';
import { textReader } from '../../../../src/backend/wasm/fastpath/reader.js';
import { Scan } from '../../../../src/backend/wasm/fastpath/scan.js';
import { StringDict, WireWriter } from '../../../../src/backend/wasm/wire.js';

const MODELS = REFERENCE_MODELS;

/** The reference: the composition on a JS engine; an error as its kind, code, path and message. */
function reference(engine: PFAEngine, line: string): string {
  try {
    const out = engine.action(engine.decodeText(line));
    if (engine.method === 'emit') return (out as unknown[]).map((v) => engine.encodeText(v)).join('\n');
    return engine.encodeText(out);
  } catch (e) {
    return describeError(e);
  }
}

function single(engine: PFAEngine, line: string): string {
  try {
    return engine.scoreText(line);
  } catch (e) {
    return describeError(e);
  }
}

describe('scoreText on the reference models', () => {
  for (const [model, data] of MODELS) {
    it(`${model}: scoreText and scoreTextBatch equal the composition on every row, both backends`, async () => {
      const text = readFileSync(join(REFERENCE, model), 'utf8');
      const lines = readFileSync(join(REFERENCE, data), 'utf8')
        .split('\n')
        .filter((l) => l.trim());
      const expected = lines.map((l) => reference(PFAEngine.fromJson(text), l));
      const refEngine = PFAEngine.fromJson(text);
      // Every row takes the fast path (the generated reader reads it), so the comparison below is not with itself.
      const read = textReader(refEngine.inputType, new StringDict(), 1000)!;
      const scan = new Scan();
      expect(
        lines.filter((l) => {
          scan.reset(l);
          return !read(scan, new WireWriter());
        }),
      ).toEqual([]);
      const inOrder = lines.map((l) => reference(refEngine, l));
      for (const backend of ['js', 'wasm'] as const) {
        const one = await PFAEngine.create(text, { backend });
        expect(one.backend).toBe(backend);
        const got = lines.map((l) => single(one, l));
        for (let i = 0; i < lines.length; i++)
          if (got[i] !== inOrder[i]) expect(got[i], `${backend} row ${i + 1}`).toBe(inOrder[i]);
        const many = await PFAEngine.create(text, { backend });
        const batch = many.scoreTextBatch(lines).map((r) => (r instanceof PfaError ? describeError(r) : r));
        for (let i = 0; i < lines.length; i++)
          if (batch[i] !== inOrder[i]) expect(batch[i], `${backend} batch row ${i + 1}`).toBe(inOrder[i]);
      }
      // Stateless models answer each row alike whatever ran before (a fresh engine per row above);
      // myModel imputes with a running average it keeps in a cell.
      if (!/emit|myModel/.test(model)) expect(inOrder).toEqual(expected);
    }, 240_000);
  }
});
