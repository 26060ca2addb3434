/** enum: symbol, position and count of an enum value. */
import { describe, expect, it } from 'vitest';
import { call, callBoth } from '../helpers/pfa.js';

const E = { type: 'enum', name: 'Colour', symbols: ['red', 'green', 'blue'] };

describe('enum', () => {
  it('toString, toInt, numSymbols', () => {
    expect(call('enum.toString', [E], 'string', ['green'])).toBe('green');
    expect(['red', 'green', 'blue'].map((s) => call('enum.toInt', [E], 'int', [s]))).toEqual([0, 1, 2]);
    expect(call('enum.numSymbols', [E], 'int', ['blue'])).toBe(3);
  });
});

describe('enum in Wasm', () => {
  it('toString gives the symbol, toInt its index, numSymbols the count', async () => {
    const syms = ['red', 'green', 'blue'];
    expect(
      await callBoth(
        'enum.toString',
        [E],
        'string',
        syms.map((s) => [s]),
      ),
    ).toEqual(syms);
    expect(
      await callBoth(
        'enum.toInt',
        [E],
        'int',
        syms.map((s) => [s]),
      ),
    ).toEqual([0, 1, 2]);
    expect(await callBoth('enum.numSymbols', [E], 'int', [['blue']])).toEqual([3]);
    const one = { type: 'enum', name: 'One', symbols: ['only'] };
    expect(await callBoth('enum.toString', [one], 'string', [['only']])).toEqual(['only']);
  }, 60_000);
});
