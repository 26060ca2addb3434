/** enum: symbol, position and count of an enum value. */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/pfa.js';

const E = { type: 'enum', name: 'Colour', symbols: ['red', 'green', 'blue'] };

describe('enum', () => {
  it('toString, toInt, numSymbols', () => {
    expect(call('enum.toString', [E], 'string', ['green'])).toBe('green');
    expect(['red', 'green', 'blue'].map((s) => call('enum.toInt', [E], 'int', [s]))).toEqual([0, 1, 2]);
    expect(call('enum.numSymbols', [E], 'int', ['blue'])).toBe(3);
  });
});
