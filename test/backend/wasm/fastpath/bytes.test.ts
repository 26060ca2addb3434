/**
 * The text path given UTF-8 bytes (a request body as it came: TextScorer.scoreOne, stageInKernel
 * and PFAEngine.scoreBytes with a Uint8Array): every answer is the one for the same text given as
 * a string, whether the kernel reads it, declines it (the general path decodes the bytes then), or
 * the input type is one the kernel never reads.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PFAEngine, PfaError } from '../../../../src/index.js';
import type { TextScorer } from '../../../../src/backend/wasm/fastpath/scorer.js';
import { readWholeAt } from '../../../../src/backend/wasm/fastpath/kernelText.js';
import { answer as caught, describeError } from '../../../helpers/answers.js';

/** A document whose input is the record In of these fields. */
function recordIn(fields: Record<string, string>, output: string, action: object): object {
  const input = { type: 'record', name: 'In', fields: Object.entries(fields).map(([name, type]) => ({ name, type })) };
  return { input, output, action };
}

const NUMBERS = recordIn({ d: 'double', i: 'int' }, 'double', { '+': ['input.d', 'input.i'] });
const STRINGS = recordIn({ s: 'string', d: 'double' }, 'string', { 's.concat': ['input.s', 'input.s'] });

/** Texts for the record-of-numbers model: read by the kernel, declined by it, failing, BOM, multi-byte. */
const NUMBER_TEXTS = [
  '{"d": 0.5, "i": 7}',
  '  {"i": -3, "d": 1e300}\t',
  // A newline inside the record ends the kernel's line early: declined, read by the JS reader.
  '{"d": 0.5,\n "i": 7}',
  // The kernel declines what it cannot read exactly; the general path answers.
  '{"d": 0.1e-400, "i": 1}',
  '{"d": 0.5}',
  '{"d": "x", "i": 1}',
  '{"d": 0.5, "i": 7} {}',
  '[{"d": 0.5, "i": 7}]',
  'not json',
  '\ufeff{"d": 0.5, "i": 7}',
  // Multi-byte text: in an unknown key, and where a number should be.
  '{"d": 0.5, "i": 7, "é€😀": 1}',
  '{"d": "€", "i": 1}',
  '{"d": 2, "i": 2147483648}',
];

const STRING_TEXTS = [
  '{"s": "é€😀", "d": 1}',
  '{"s": "\\u00e9\\ud83d\\ude00", "d": -0.0}',
  '\ufeff{"s": "a", "d": 1}',
  '{"s": 1, "d": 1}',
  '{"s": "a"}',
];

/** scoreOne's answer as a comparable value: the text, or the error's kind, code and message. */
function answer(scorer: TextScorer, text: string | Uint8Array): unknown {
  const out = scorer.scoreOne(text);
  return out instanceof PfaError ? describeError(out) : out;
}

describe('the text path given UTF-8 bytes answers as given the string', () => {
  let numbers: PFAEngine;
  let strings: PFAEngine;
  beforeAll(async () => {
    numbers = await PFAEngine.create(NUMBERS, { backend: 'wasm' });
    strings = await PFAEngine.create(STRINGS, { backend: 'wasm' });
  }, 120_000);

  it('records of numbers (the kernel reads the bytes): read, declined, failing, BOM, multi-byte', () => {
    const scorer = numbers.textPath()!;
    expect(scorer.readsLines).toBe(true);
    for (const text of NUMBER_TEXTS) {
      const bytes = Buffer.from(text, 'utf8');
      const want = answer(scorer, text);
      expect(answer(scorer, bytes), text).toEqual(want);
      // A view into a larger buffer (as Node's socket chunks are) reads only its own bytes.
      const padded = Buffer.concat([Buffer.from('{"d": 9, "i": 9}'), bytes, Buffer.from('xx')]);
      expect(answer(scorer, padded.subarray(16, 16 + bytes.length)), text).toEqual(want);
    }
    // The kernel reads the bytes themselves (not a decoded string) when it reads the text.
    const kernel = scorer.kernel!;
    expect(readWholeAt(kernel, Buffer.from(NUMBER_TEXTS[0]), -1)).toBeGreaterThanOrEqual(0);
    expect(readWholeAt(kernel, Buffer.from(NUMBER_TEXTS[2]), -1)).toBe(-1);
    expect(answer(scorer, Buffer.from(NUMBER_TEXTS[0]))).toBe('7.5');
  });

  it('staged bytes (the batch and body path) answer as staged strings', () => {
    const scorer = numbers.textPath()!;
    const described = (answers: (string | PfaError)[]) =>
      answers.map((a) => (a instanceof PfaError ? describeError(a) : a));
    const want = described(scorer.score(NUMBER_TEXTS));
    const got = described(scorer.score(NUMBER_TEXTS.map((t) => Buffer.from(t))));
    expect(got).toEqual(want);
  });

  it('an input type the kernel does not read: the bytes are decoded for the JS readers', () => {
    const scorer = strings.textPath()!;
    expect(scorer.kernel).toBeNull();
    for (const text of STRING_TEXTS) expect(answer(scorer, Buffer.from(text)), text).toEqual(answer(scorer, text));
    expect(answer(scorer, Buffer.from(STRING_TEXTS[0]))).toBe('"é€😀é€😀"');
  });

  it('PFAEngine.scoreBytes: scoreText of the bytes, and an input error for bytes that are not UTF-8', async () => {
    const js = await PFAEngine.create(NUMBERS, { backend: 'js' });
    for (const [engine, texts] of [
      [numbers, NUMBER_TEXTS],
      [strings, STRING_TEXTS],
      [js, NUMBER_TEXTS],
    ] as const) {
      for (const text of texts)
        expect(
          caught(() => engine.scoreBytes(Buffer.from(text))),
          `${engine.backend} ${text}`,
        ).toBe(caught(() => engine.scoreText(text)));
    }
    // A stray continuation byte, a surrogate's bytes (ED A0 80), a cut sequence, overlong "/" (C0 AF).
    for (const bad of [[0xff], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xc0, 0xaf]]) {
      const bytes = Buffer.concat([Buffer.from('{"d": 0.5, "i": 7, "'), Buffer.from(bad), Buffer.from('": 1}')]);
      for (const engine of [numbers, js])
        expect(caught(() => engine.scoreBytes(bytes))).toBe('error input 1105  the text is not valid UTF-8');
    }
  });
});
