/**
 * `pfa-wasm score` on JSON lines that are not all UTF-8: the broken line answers
 * {"error": ..., "code": 1105} in its place, as the server answers such a body 400 / 1105, and
 * the lines around it are scored as usual; on the JS backend, and on Wasm where the kernel reads
 * the lines' bytes itself (scoreBlock) and where they go through scoredBatches (one process).
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine } from '../../../../src/engine.js';
import { scoreBlock } from '../../../../src/hosts/cli/score/batch.js';
import { scoredBatches } from '../../../../src/hosts/cli/score/input.js';

const DOC = JSON.stringify({
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 's', type: 'string' },
      { name: 'x', type: 'double' },
    ],
  },
  output: 'string',
  action: { 's.concat': ['input.s', 'input.s'] },
});

// A lone continuation byte inside the string, then a surrogate encoded as UTF-8 (not UTF-8).
const INPUT = Buffer.concat([
  Buffer.from('{"s": "é", "x": 1}\n{"s": "a'),
  Buffer.from([0x80]),
  Buffer.from('b", "x": 2}\n{"s": "c", "x": 3}\n{"s": "'),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from('", "x": 4}\n{"s": "d", "x": 5}\n'),
]);
const WANT = [
  '"éé"',
  '{"error":"the text is not valid UTF-8","code":1105}',
  '"cc"',
  '{"error":"the text is not valid UTF-8","code":1105}',
  '"dd"',
].join('\n');

describe('score on JSON lines that are not all UTF-8', () => {
  for (const backend of ['js', 'wasm'] as const) {
    it(`${backend}: the broken lines answer 1105 in their place`, async () => {
      const engine = await PFAEngine.create(DOC, { backend });
      for (const batch of [1, 2, 100]) {
        const block = scoreBlock(engine, INPUT, batch);
        expect(block).toEqual({ text: `${WANT}\n`, records: 5, failed: 2 });
        let text = '';
        const chunks = (async function* () {
          yield INPUT.subarray(0, 25);
          yield INPUT.subarray(25);
        })();
        for await (const s of scoredBatches(engine, { format: 'jsonl', gzip: false, chunks }, batch)) text += s.text;
        expect(text).toBe(`${WANT}\n`);
      }
    });
  }
});
