/**
 * The Wasm backend on the real models (issue 5): each lowers completely (nothing left in JS), and
 * gives exactly the JS backend's answers, doubles bit for bit, on all of its data.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PFAEngine, jsonText } from '../../../src/index.js';
import { tryLower } from '../../../src/backend/wasm/load.js';
import { REFERENCE, REFERENCE_MODELS } from '../../helpers/reference.js';

const MODELS = REFERENCE_MODELS;

/** Outputs as exact text: emitted values one per line; an error as its code. */
function run(engine: PFAEngine, lines: string[]): string[] {
  return lines.map((line) => {
    try {
      const out = engine.action(engine.decodeText(line));
      if (engine.method === 'emit') return (out as unknown[]).map((v) => engine.encodeText(v)).join('\n');
      return jsonText(engine.encode(out));
    } catch (e) {
      return `error ${(e as { code?: number }).code}`;
    }
  });
}

describe('Wasm backend on the reference models', () => {
  for (const [model, data] of MODELS) {
    it(`${model}: lowers completely and equals the JS backend on every row`, async () => {
      const text = readFileSync(join(REFERENCE, model), 'utf8');
      const lines = readFileSync(join(REFERENCE, data), 'utf8')
        .split('\n')
        .filter((l) => l.trim());
      const js = await PFAEngine.create(text, { backend: 'js' });
      const lowering = tryLower(js.typed);
      expect(lowering.ok ? '' : `${lowering.path}: ${lowering.reason}`).toBe('');
      const wasm = await PFAEngine.create(text, { backend: 'wasm' });
      expect(wasm.backend).toBe('wasm');
      const a = run(js, lines);
      const b = run(wasm, lines);
      expect(b.length).toBe(lines.length);
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) expect(b[i], `row ${i + 1}`).toBe(a[i]);
    }, 120_000);
  }
});
