/**
 * scoreBatch (issue 7): many records in one kernel call give exactly what single calls give,
 * record by record: outputs, errors (scoring goes on), emitted values, fold tallies, counters,
 * and after a trap the answers before it are kept.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PFAEngine, PfaError, jsonText } from '../../../src/index.js';
import { REFERENCE } from '../../helpers/reference.js';

const wasm = (doc: object) => PFAEngine.create(doc, { backend: 'wasm' });
const js = (doc: object) => PFAEngine.create(doc, { backend: 'js' });

/** One comparable text per batch entry: the encoded output, or the error's code and message. */
function texts(e: PFAEngine, results: ReturnType<PFAEngine['scoreBatch']>): string[] {
  return results.map((r) => {
    if (r instanceof PfaError) return `error ${r.code} ${r.message}`;
    if (e.method === 'emit') return (r as unknown[]).map((v) => e.encodeText(v)).join(' ');
    return jsonText(e.encode(r));
  });
}

describe('scoreBatch', () => {
  it('goes on after a failing record and counts actions like single calls', async () => {
    const doc = {
      input: 'int',
      output: 'long',
      action: [
        { if: { '==': ['input', 0] }, then: { error: 'zero' } },
        { '+': [{ '*': ['actionsStarted', 1000] }, 'actionsFinished'] },
      ],
    };
    const inputs = [1, 0, 2, 0, 0, 3];
    const [a, b] = await Promise.all([js(doc), wasm(doc)]);
    expect(b.backend).toBe('wasm');
    const expected = texts(a, a.scoreBatch(inputs));
    expect(expected[1]).toMatch(/^error .*zero/);
    expect(texts(b, b.scoreBatch(inputs))).toEqual(expected);
    // And the counters continue across batches and single calls.
    expect(jsonText(b.encode(b.action(5)))).toBe(jsonText(a.encode(a.action(5))));
  }, 60_000);

  it('keeps written cells and fold tallies moving record by record', async () => {
    const cells = {
      input: 'double',
      output: 'double',
      cells: { total: { type: 'double', init: 0 } },
      action: { cell: 'total', to: { '+': [{ cell: 'total' }, 'input'] } },
    };
    const fold = {
      input: 'int',
      output: 'int',
      method: 'fold',
      zero: 0,
      action: { '+': ['tally', 'input'] },
      merge: { '+': ['tallyOne', 'tallyTwo'] },
    };
    for (const doc of [cells, fold]) {
      const [a, b] = await Promise.all([js(doc), wasm(doc)]);
      expect(b.backend).toBe('wasm');
      const inputs = [1, 2, 3, 4];
      expect(texts(b, b.scoreBatch(inputs))).toEqual(texts(a, a.scoreBatch(inputs)));
    }
  }, 60_000);

  it('gives each record its own emitted values', async () => {
    const doc = {
      input: 'int',
      output: 'int',
      method: 'emit',
      action: [{ emit: 'input' }, { if: { '>': ['input', 1] }, then: { emit: { '*': ['input', 2] } } }],
    };
    const [a, b] = await Promise.all([js(doc), wasm(doc)]);
    expect(texts(b, b.scoreBatch([1, 2, 3]))).toEqual(['1', '2 4', '3 6']);
    expect(texts(a, a.scoreBatch([1, 2, 3]))).toEqual(['1', '2 4', '3 6']);
  }, 60_000);

  it('sends values emitted by begin to the emit option before the first batch', async () => {
    const doc = { input: 'int', output: 'int', method: 'emit', begin: [{ emit: 100 }], action: [{ emit: 'input' }] };
    const seen: unknown[] = [];
    const b = await PFAEngine.create(doc, { backend: 'wasm', emit: (v) => seen.push(v) });
    expect(texts(b, b.scoreBatch([1, 2]))).toEqual(['1', '2']);
    expect(seen).toEqual([100, 1, 2]);
  }, 60_000);

  it('gives each record of a batch its own timeout', async () => {
    // Input 0 loops for ever; the others return at once. Each record has 200 ms, not the batch.
    const doc = {
      input: 'int',
      output: 'int',
      options: { timeout: 200 },
      action: [{ let: { x: 0 } }, { while: { '==': ['input', 0] }, do: { set: { x: { '+': ['x', 0] } } } }, 'input'],
    };
    const b = await wasm(doc);
    const out = texts(b, b.scoreBatch([1, 0, 2, 0, 3]));
    expect(out[0]).toBe('1');
    expect(out[1]).toMatch(/^error .*exceeded timeout of 200 milliseconds/);
    expect(out[2]).toBe('2');
    expect(out[3]).toMatch(/timeout/);
    expect(out[4]).toBe('3');
  }, 60_000);

  it('keeps the answers before a trap, reports the trap on its record, and goes on', async () => {
    const doc = {
      input: 'int',
      output: 'int',
      action: [
        { let: { a: { new: [], type: { type: 'array', items: 'double' } } } },
        {
          for: { i: 0 },
          while: { '<': ['i', 'input'] },
          step: { i: { '+': ['i', 1] } },
          do: { set: { a: { 'a.concat': [{ 'a.append': ['a', 1.5] }, 'a'] } } },
        },
        { 'a.len': 'a' },
      ],
    };
    const b = await wasm(doc);
    const out = texts(b, b.scoreBatch([3, 10, 40, 2]));
    expect(out[0]).toBe('7');
    expect(out[1]).toBe('1023');
    expect(out[2]).toMatch(/^error 1200 /);
    expect(out[3]).toBe('3');
  }, 120_000);

  it('reads inputs of every size (the wire buffer grows inside a batch)', async () => {
    const doc = { input: { type: 'array', items: 'double' }, output: 'double', action: { 'a.sum': 'input' } };
    const [a, b] = await Promise.all([js(doc), wasm(doc)]);
    const inputs = Array.from({ length: 50 }, (_, i) => Array.from({ length: 1000 * i }, (_, j) => j / 7));
    expect(texts(b, b.scoreBatch(inputs))).toEqual(texts(a, a.scoreBatch(inputs)));
  }, 60_000);
});

describe('scoreBatch on the Sonar models', () => {
  for (const [model, data] of [
    ['models/sonar-naive-bayes.pfa.json', 'data/sonar.jsonl'],
    ['models/sonar-naive-bayes-aurelius.pfa.json', 'data/sonar-aurelius.jsonl'],
  ]) {
    it(`${model}: one batch of all rows equals single calls on the JS backend`, async () => {
      const text = readFileSync(join(REFERENCE, model), 'utf8');
      const [a, b] = await Promise.all([
        PFAEngine.create(text, { backend: 'js' }),
        PFAEngine.create(text, { backend: 'wasm' }),
      ]);
      const inputs = readFileSync(join(REFERENCE, data), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => a.decodeText(l));
      const single = inputs.map((x) => jsonText(a.encode(a.action(x))));
      expect(texts(b, b.scoreBatch(inputs))).toEqual(single);
    }, 120_000);
  }
});
