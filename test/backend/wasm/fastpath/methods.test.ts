/**
 * scoreText and scoreTextBatch for emit and fold engines, both backends: the same texts, in the
 * same order, as the composition on the JS backend (emitted values joined by "\n"; the tally).
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine, PfaError } from '../../../../src/index.js';
import { answer } from '../../../helpers/answers.js';

const EMIT = {
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 'x', type: 'double' },
      { name: 'n', type: 'int' },
    ],
  },
  output: {
    type: 'record',
    name: 'Out',
    fields: [
      { name: 'y', type: 'double' },
      { name: 'tag', type: ['string', 'null'] },
    ],
  },
  method: 'emit',
  action: [
    {
      for: { i: 0 },
      while: { '<': ['i', 'input.n'] },
      step: { i: { '+': ['i', 1] } },
      do: [
        {
          emit: [
            {
              new: {
                y: { '*': ['input.x', 'i'] },
                tag: { if: { '==': ['i', 1] }, then: { string: 'one' }, else: null },
              },
              type: 'Out',
            },
          ],
        },
      ],
    },
    { if: { '<': ['input.x', 0] }, then: { error: 'negative x' } },
  ],
};

const FOLD = {
  input: 'double',
  output: { type: 'array', items: 'double' },
  method: 'fold',
  zero: [],
  action: { 'a.append': ['tally', 'input'] },
  merge: { 'a.concat': ['tallyOne', 'tallyTwo'] },
};

const TEXTS = [
  '{"x": 1.5, "n": 3}',
  '{"x": 2, "n": 0}',
  '{"n": 1, "x": -1}',
  '{"x": "bad", "n": 1}',
  '{"x": 0.1, "n": 2}',
  '4',
  '-0.5',
  'x',
  '1e-3',
];

describe('emit and fold engines', () => {
  for (const [name, doc] of [
    ['emit', EMIT],
    ['fold', FOLD],
  ] as const) {
    it(`${name}: scoreText and scoreTextBatch answer as the composition does`, async () => {
      const ref = await PFAEngine.create(doc, { backend: 'js' });
      const expected = TEXTS.map((t) =>
        answer(() => {
          const out = ref.action(ref.decodeText(t));
          return name === 'emit' ? (out as unknown[]).map((v) => ref.encodeText(v)).join('\n') : ref.encodeText(out);
        }),
      );
      expect(expected.some((x) => x.includes('\n'))).toBe(name === 'emit');
      for (const backend of ['js', 'wasm'] as const) {
        const one = await PFAEngine.create(doc, { backend });
        expect(one.backend).toBe(backend);
        expect(
          TEXTS.map((t) => answer(() => one.scoreText(t))),
          backend,
        ).toEqual(expected);
        const many = await PFAEngine.create(doc, { backend });
        expect(
          many.scoreTextBatch(TEXTS).map((r) =>
            answer(() => {
              if (r instanceof PfaError) throw r;
              return r;
            }),
          ),
          `${backend} batch`,
        ).toEqual(expected);
      }
    }, 120_000);
  }
});
