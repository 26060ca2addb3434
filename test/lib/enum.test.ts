/** enum: symbol, position and count of an enum value. */
import { describe, expect, it } from 'vitest';
import { call, callEach } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

const E = { type: 'enum', name: 'Colour', symbols: ['red', 'green', 'blue'] };

bothBackends(() => {
  describe('enum', () => {
    it('toString, toInt, numSymbols', () => {
      expect(call('enum.toString', [E], 'string', ['green'])).toBe('green');
      expect(['red', 'green', 'blue'].map((s) => call('enum.toInt', [E], 'int', [s]))).toEqual([0, 1, 2]);
      expect(call('enum.numSymbols', [E], 'int', ['blue'])).toBe(3);
    });
  });

  describe('enum in Wasm', () => {
    it('toString gives the symbol, toInt its index, numSymbols the count', () => {
      const syms = ['red', 'green', 'blue'];
      expect(
        callEach(
          'enum.toString',
          [E],
          'string',
          syms.map((s) => [s]),
        ),
      ).toEqual(syms);
      expect(
        callEach(
          'enum.toInt',
          [E],
          'int',
          syms.map((s) => [s]),
        ),
      ).toEqual([0, 1, 2]);
      expect(callEach('enum.numSymbols', [E], 'int', [['blue']])).toEqual([3]);
      const one = { type: 'enum', name: 'One', symbols: ['only'] };
      expect(callEach('enum.toString', [one], 'string', [['only']])).toEqual(['only']);
    }, 60_000);
  });
});
