/** Which engines worker threads may score: those whose answer depends on the record alone. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PFAEngine } from '../../../../src/index.js';
import { parallelSafe } from '../../../../src/hosts/cli/score/parallel.js';
import { SONAR_MODEL } from '../../lambda/fixtures.js';

function safe(doc: object): boolean {
  const text = JSON.stringify(doc);
  return parallelSafe(PFAEngine.fromJson(text), text);
}

const counter = { type: 'int', init: 0 };

describe('parallelSafe', () => {
  it('allows map engines that only read their cells (the Sonar model)', () => {
    const text = readFileSync(SONAR_MODEL, 'utf8');
    expect(parallelSafe(PFAEngine.fromJson(text), text)).toBe(true);
    expect(
      safe({ input: 'int', output: 'int', cells: { c: counter }, action: { '+': ['input', { cell: 'c' }] } }),
    ).toBe(true);
  });

  it('keeps engines with state or record-dependent symbols in one thread', () => {
    expect(
      safe({ input: 'int', output: 'int', cells: { c: counter }, action: [{ cell: 'c', to: 'input' }, 'input'] }),
    ).toBe(false);
    expect(
      safe({
        input: 'int',
        output: 'int',
        cells: { c: counter },
        fcns: {
          bump: {
            params: [],
            ret: 'int',
            do: [{ cell: 'c', to: { params: [{ x: 'int' }], ret: 'int', do: { '+': ['x', 1] } } }],
          },
        },
        action: { 'u.bump': [] },
      }),
    ).toBe(false);
    expect(
      safe({
        input: 'string',
        output: 'int',
        pools: { p: { type: 'int', init: {} } },
        action: [{ pool: 'p', path: ['input'], to: 1, init: 0 }, 1],
      }),
    ).toBe(false);
    expect(safe({ input: 'int', output: 'double', action: { 'rand.double': [0, 1] } })).toBe(false);
    expect(safe({ input: 'int', output: 'long', action: 'actionsStarted' })).toBe(false);
    expect(safe({ input: 'int', output: 'int', method: 'emit', action: { emit: ['input'] } })).toBe(false);
    expect(
      safe({
        input: 'int',
        output: 'int',
        method: 'fold',
        zero: 0,
        action: { '+': ['input', 'tally'] },
        merge: { '+': ['tallyOne', 'tallyTwo'] },
      }),
    ).toBe(false);
  });
});
