import { describe, expect, it } from 'vitest';
import { call, score } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const code = (o: unknown) => (o as { code?: number }).code;

const TRIGGER = {
  type: 'record',
  name: 'Trigger',
  fields: [
    { name: 'numEvents', type: 'int' },
    { name: 'numRuns', type: 'int' },
    { name: 'currentRun', type: 'int' },
    { name: 'longestRun', type: 'int' },
    { name: 'label', type: 'string' },
  ],
};

bothBackends(() => {
  describe('stat.change.updateTrigger', () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'p', type: 'boolean' },
          { name: 'h', type: TRIGGER },
        ],
      },
      output: 'Trigger',
      action: { 'stat.change.updateTrigger': ['input.p', 'input.h'] },
    };
    const h = (numEvents: number, numRuns: number, currentRun: number, longestRun: number) => ({
      numEvents,
      numRuns,
      currentRun,
      longestRun,
      label: 'kept',
    });

    it('counts events and runs, copying other fields', () => {
      expect(score(doc, [{ p: true, h: h(0, 0, 0, 0) }])).toEqual([h(1, 1, 1, 1)]);
      expect(score(doc, [{ p: true, h: h(3, 1, 3, 3) }])).toEqual([h(4, 1, 4, 4)]);
      expect(score(doc, [{ p: true, h: h(5, 2, 0, 4) }])).toEqual([h(6, 3, 1, 4)]);
      expect(score(doc, [{ p: false, h: h(5, 2, 2, 4) }])).toEqual([h(5, 2, 0, 4)]);
    });

    it('raises 37000 for negative counters', () => {
      expect(code(score(doc, [{ p: false, h: h(0, 0, 0, -1) }])[0])).toBe(37000);
      expect(code(score(doc, [{ p: true, h: h(-1, 0, 0, 0) }])[0])).toBe(37000);
    });
  });

  describe('stat.change.zValue and updateCUSUM', () => {
    const MV = {
      type: 'record',
      name: 'MV',
      fields: [
        { name: 'mean', type: 'double' },
        { name: 'variance', type: 'double' },
      ],
    };
    const CMV = {
      type: 'record',
      name: 'CMV',
      fields: [
        { name: 'count', type: 'double' },
        { name: 'mean', type: 'double' },
        { name: 'variance', type: 'double' },
      ],
    };

    it('computes (x - mean)/sigma, optionally with Bessel correction; NaN for negative variances', () => {
      expect(call('stat.change.zValue', ['double', MV], 'double', [5, { mean: 1, variance: 4 }])).toBe(2);
      expect(call('stat.change.zValue', ['double', MV], 'double', [5, { mean: 1, variance: -4 }])).toBe('nan');
      expect(
        call('stat.change.zValue', ['double', CMV, 'boolean'], 'double', [5, { count: 5, mean: 1, variance: 4 }, true]),
      ).toBeCloseTo(2 * Math.sqrt(5 / 4), 15);
      expect(
        call('stat.change.zValue', ['double', CMV, 'boolean'], 'double', [
          5,
          { count: 5, mean: 1, variance: 4 },
          false,
        ]),
      ).toBe(2);
    });

    it('accumulates a CUSUM that never drops below reset', () => {
      expect(call('stat.change.updateCUSUM', ['double', 'double', 'double'], 'double', [1.5, 2, 0])).toBe(3.5);
      expect(call('stat.change.updateCUSUM', ['double', 'double', 'double'], 'double', [-5, 2, 0])).toBe(0);
    });
  });
});
