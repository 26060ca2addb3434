/**
 * Input strings are dictionary-coded as the fast reader stages them; when the engine forgets its
 * input strings (past 2^20 of them) before the kernel call, the staged codes are stale and the
 * texts are read again: the answers stay right.
 */
import { expect, it } from 'vitest';
import { PFAEngine, PfaError } from '../../../../src/index.js';

it('a batch that outgrows the string dictionary answers every record right', async () => {
  const engine = await PFAEngine.create(
    {
      input: { type: 'record', name: 'In', fields: [{ name: 's', type: 'string' }] },
      output: 'string',
      action: 'input.s',
    },
    { backend: 'wasm' },
  );
  const n = (1 << 20) + 5;
  const texts = Array.from({ length: n }, (_, i) => `{"s": "k${i}"}`);
  const out = engine.scoreTextBatch(texts);
  expect(out.length).toBe(n);
  const wrong = out.findIndex((r, i) => r instanceof PfaError || r !== `"k${i}"`);
  expect(wrong).toBe(-1);
  expect(engine.scoreText('{"s": "again"}')).toBe('"again"');
}, 120_000);
