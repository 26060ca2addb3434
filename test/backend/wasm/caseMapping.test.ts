/**
 * s.lower and s.upper in kernels (assembly/lib/s.ts) against the JS forms (V8's toLowerCase and
 * toUpperCase, ICU's full case mapping) on every code point, one string each, and on the contexts
 * that matter (the final sigma). AS's own tables are older than V8's: the code points where they
 * differ are mapped from assembly/lib/util/caseExceptions.ts, and this test finds any left over.
 * Many code points per call: the dictionary forgets input strings on the way (MAX_INPUT_STRINGS),
 * so the kernel's mirror of texts is forgotten with them, and the answers must not change.
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine } from '../../../src/index.js';

const doc = {
  input: { type: 'array', items: 'string' },
  output: {
    type: 'record',
    name: 'Cases',
    fields: [
      { name: 'lower', type: { type: 'array', items: 'string' } },
      { name: 'upper', type: { type: 'array', items: 'string' } },
    ],
  },
  action: {
    new: {
      lower: { 'a.map': ['input', { fcn: 's.lower' }] },
      upper: { 'a.map': ['input', { fcn: 's.upper' }] },
    },
    type: 'Cases',
  },
};

/** Every code point, surrogates included (a lone surrogate is a string too), in chunks. */
function* chunks(size: number): Generator<string[]> {
  for (let from = 0; from <= 0x10ffff; from += size) {
    const out: string[] = [];
    for (let c = from; c < Math.min(from + size, 0x110000); c++) out.push(String.fromCodePoint(c));
    yield out;
  }
}

const hex = (s: string) => Array.from(s, (c) => (c.codePointAt(0) as number).toString(16)).join(' ');

describe('case mapping in kernels', () => {
  it('maps every code point as V8 does', async () => {
    const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
    expect(wasm.backend, wasm.backendNote).toBe('wasm');
    const wrong: string[] = [];
    for (const items of chunks(1 << 16)) {
      const got = wasm.action(items) as { lower: string[]; upper: string[] };
      items.forEach((s, i) => {
        if (got.lower[i] !== s.toLowerCase())
          wrong.push(`lower ${hex(s)}: ${hex(got.lower[i])} for ${hex(s.toLowerCase())}`);
        if (got.upper[i] !== s.toUpperCase())
          wrong.push(`upper ${hex(s)}: ${hex(got.upper[i])} for ${hex(s.toUpperCase())}`);
      });
    }
    if (process.env.CASE_DUMP) (await import('node:fs')).writeFileSync(process.env.CASE_DUMP, JSON.stringify(wrong));
    expect(wrong).toEqual([]);
  }, 300_000);

  it('gives a capital sigma its final form where Unicode says so', async () => {
    const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
    const words = [
      'Σ',
      'ΑΣ',
      'ΣΑ',
      'ΑΣ Β',
      'ΑΣΑ',
      'ΑΣ.',
      "Α'Σ",
      "ΑΣ'Β",
      "ΑΣ'",
      'ΣΑΣ ΟΔΟΣ',
      '1Σ',
      'ΑΣ\u0301',
      'Α\u0301Σ',
      'ΑΣΣ',
      '𝐀Σ',
      'Σ𝐀',
    ];
    const long = `Α${'\u0301'.repeat(40)}Σ${'\u0301'.repeat(40)}`;
    const items = [...words, long, `${long}Β`];
    const got = wasm.action(items) as { lower: string[] };
    expect(got.lower).toEqual(items.map((s) => s.toLowerCase()));
  }, 120_000);
});
