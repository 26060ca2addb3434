/**
 * The text writer's maps (fastpath/writer.ts): each key's quoted text is kept by dictionary code,
 * and the answers stay the general encoder's over many calls with keys old and new, keys that need
 * escapes, and keys that are array indexes (JSON.stringify writes those first).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PFAEngine } from '../../../../src/index.js';
import { answer } from '../../../helpers/answers.js';

const DOC = {
  input: { type: 'map', values: 'double' },
  output: { type: 'map', values: 'double' },
  // (a key added last that is an array index: JSON.stringify writes it first)
  action: { 'map.add': ['input', { string: '3' }, 0.5] },
};

describe('the text writer of maps', () => {
  let js: PFAEngine;
  let wasm: PFAEngine;
  beforeAll(async () => {
    js = await PFAEngine.create(DOC, { backend: 'js' });
    wasm = await PFAEngine.create(DOC, { backend: 'wasm' });
  }, 120_000);

  it('writes what the general encoder writes, call after call', () => {
    const texts: string[] = [];
    for (let k = 0; k < 40; k++) {
      const keys = [`k${k % 7}`, `x${(k * 3) % 11}`, k % 5 === 0 ? String(k) : `y${k}`, '"q"\\'];
      // (written by hand: JSON.stringify would put an array-index key first already)
      texts.push(`{${keys.map((key, i) => `${JSON.stringify(key)}:${k + i / 8}`).join(',')}}`);
    }
    for (const text of texts)
      expect(
        answer(() => wasm.scoreText(text)),
        text,
      ).toBe(answer(() => js.encodeText(js.action(js.decodeText(text)))));
  });
});
