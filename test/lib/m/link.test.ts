/** m.link: each link function on a double, an array and a map; softmax's empty-input error. */
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/pfa.js';
import { bothBackends } from '../../helpers/backends.js';

const ARR = { type: 'array', items: 'double' };
const MAP = { type: 'map', values: 'double' };

bothBackends(() => {
  describe('m.link', () => {
    it('softmax normalizes exp(x_i) over arrays and maps, even for large inputs', () => {
      const r = call('m.link.softmax', [ARR], ARR, [[1, 2, 3]]) as number[];
      const e = [1, 2, 3].map(Math.exp);
      const s = e[0] + e[1] + e[2];
      r.forEach((v, i) => {
        expect(v).toBeCloseTo(e[i] / s, 15);
      });
      expect(call('m.link.softmax', [ARR], ARR, [[1000, 1000]])).toEqual([0.5, 0.5]);
      expect(call('m.link.softmax', [MAP], MAP, [{ b: 0, a: 0 }])).toEqual({ b: 0.5, a: 0.5 });
      expect(call('m.link.softmax', [ARR], ARR, [[0, 'nan']])).toEqual(['nan', 'nan']);
    });

    it('softmax: empty array or map is error 25000', () => {
      expect(call('m.link.softmax', [ARR], ARR, [[]])).toMatchObject({ code: 25000 });
      expect(call('m.link.softmax', [MAP], MAP, [{}])).toMatchObject({ code: 25000 });
    });

    it.each([
      ['m.link.logit', 0.5, 1 / (1 + Math.exp(-0.5))],
      ['m.link.probit', 1, 0.8413447460685429],
      ['m.link.cloglog', 0, 1 - Math.exp(-1)],
      ['m.link.loglog', 0, Math.exp(-1)],
      ['m.link.cauchit', 1, 0.75],
      ['m.link.softplus', 0, Math.LN2],
      ['m.link.relu', -3, 0],
      ['m.link.tanh', 0.5, Math.tanh(0.5)],
    ])('%s on double, array and map', (fn, x, y) => {
      expect(call(fn, ['double'], 'double', [x])).toBeCloseTo(y, 15);
      expect(call(fn, [ARR], ARR, [[x, x]])).toEqual([
        call(fn, ['double'], 'double', [x]),
        call(fn, ['double'], 'double', [x]),
      ]);
      expect(call(fn, [MAP], MAP, [{ k: x }])).toEqual({ k: call(fn, ['double'], 'double', [x]) });
    });

    it('edge values', () => {
      expect(call('m.link.relu', ['double'], 'double', ['nan'])).toBe('nan');
      expect(call('m.link.softplus', ['double'], 'double', [1000])).toBe(1000);
      expect(call('m.link.logit', ['double'], 'double', ['-inf'])).toBe(0);
    });
  });
});
