/** interp: binning, nearest neighbours and linear interpolation, with errors 22000-22041. */
import { describe, expect, it } from 'vitest';
import { call, score } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

const rec = (to: unknown, x: unknown = 'double') => ({
  type: 'array',
  items: {
    type: 'record',
    name: 'R',
    fields: [
      { name: 'x', type: x },
      { name: 'to', type: to },
    ],
  },
});
const ARR = { type: 'array', items: 'double' };
const TABLE = [
  { x: 0, to: 10 },
  { x: 1, to: 20 },
  { x: 3, to: 0 },
];
const VTABLE = [
  { x: 0, to: [0, 10] },
  { x: 2, to: [2, 30] },
];

bothBackends(() => {
  describe('interp.bin', () => {
    const bin4 = (x: unknown, n: number, lo: unknown, hi: unknown) =>
      call('interp.bin', ['double', 'int', 'double', 'double'], 'int', [x, n, lo, hi]);
    const bin3 = (x: unknown, o: unknown, w: unknown) =>
      call('interp.bin', ['double', 'double', 'double'], 'int', [x, o, w]);

    it('numbins between low and high: low inclusive, high exclusive', () => {
      expect(bin4(0, 5, 0, 10)).toBe(0);
      expect(bin4(9.99, 5, 0, 10)).toBe(4);
      expect(bin4(10, 5, 0, 10)).toMatchObject({ code: 22002 });
      expect(bin4(-1, 5, 0, 10)).toMatchObject({ code: 22002 });
      expect(bin4('nan', 5, 0, 10)).toMatchObject({ code: 22002 });
    });

    it('bad range (22000) and scale (22001)', () => {
      expect(bin4(1, 5, 10, 10)).toMatchObject({ code: 22000 });
      expect(bin4(1, 5, 'nan', 10)).toMatchObject({ code: 22000 });
      expect(bin4(1, 0, 0, 10)).toMatchObject({ code: 22001 });
      expect(bin3(1, 'inf', 1)).toMatchObject({ code: 22000 });
      expect(bin3(1, 0, 0)).toMatchObject({ code: 22001 });
      expect(bin3(1, 0, 'nan')).toMatchObject({ code: 22001 });
    });

    it('origin and width: any integer bin', () => {
      expect(bin3(5.2, 0, 1)).toBe(5);
      expect(bin3(-0.5, 0, 1)).toBe(-1);
      expect(bin3(1, 1.00001, 'inf')).toBe(0);
      expect(bin3('inf', 0, 1)).toMatchObject({ code: 22002 });
    });
  });

  describe('interp.nearest', () => {
    it('scalar, vector and metric forms; ties go to the first entry', () => {
      expect(
        call('interp.nearest', ['double', rec('string')], 'string', [
          1.5,
          [
            { x: 1, to: 'a' },
            { x: 2, to: 'b' },
          ],
        ]),
      ).toBe('a');
      expect(
        call('interp.nearest', ['double', rec('string')], 'string', [
          1.9,
          [
            { x: 1, to: 'a' },
            { x: 2, to: 'b' },
          ],
        ]),
      ).toBe('b');
      expect(
        call('interp.nearest', [ARR, rec('int', ARR)], 'int', [
          [0, 0],
          [
            { x: [1, 1], to: 1 },
            { x: [0, 1], to: 2 },
          ],
        ]),
      ).toBe(2);
      const doc = {
        input: {
          type: 'record',
          name: 'Args',
          fields: [
            { name: 'x', type: 'int' },
            { name: 't', type: rec('string', 'int') },
          ],
        },
        output: 'string',
        action: {
          'interp.nearest': [
            'input.x',
            'input.t',
            { params: [{ a: 'int' }, { b: 'int' }], ret: 'double', do: { 'm.abs': { '-': ['a', 'b'] } } },
          ],
        },
      };
      expect(
        score(doc, [
          {
            x: 7,
            t: [
              { x: 1, to: 'far' },
              { x: 6, to: 'near' },
            ],
          },
        ]),
      ).toEqual(['near']);
    });

    it('empty table (22010) and dimension mismatch (22011)', () => {
      expect(call('interp.nearest', ['double', rec('string')], 'string', [1, []])).toMatchObject({ code: 22010 });
      expect(call('interp.nearest', [ARR, rec('int', ARR)], 'int', [[0, 0], [{ x: [1], to: 1 }]])).toMatchObject({
        code: 22011,
      });
    });
  });

  describe('interp.linear, linearFlat, linearMissing', () => {
    const lin = (fn: string, x: unknown, t: unknown[] = TABLE) =>
      call(fn, ['double', rec('double')], fn === 'interp.linearMissing' ? ['null', 'double'] : 'double', [x, t]);

    it('interpolate between the closest entries below and above', () => {
      for (const fn of ['interp.linear', 'interp.linearFlat', 'interp.linearMissing']) {
        expect(lin(fn, 0.5)).toEqual(fn === 'interp.linearMissing' ? { double: 15 } : 15);
        expect(lin(fn, 2)).toEqual(fn === 'interp.linearMissing' ? { double: 10 } : 10);
      }
    });

    it('beyond the table: extrapolate, hold the end value, or give null (except exactly at the edge)', () => {
      expect(lin('interp.linear', 4)).toBe(-10);
      expect(lin('interp.linear', -1)).toBe(0);
      expect(lin('interp.linearFlat', 4)).toBe(0);
      expect(lin('interp.linearFlat', -1)).toBe(10);
      expect(lin('interp.linearMissing', 4)).toBe(null);
      expect(lin('interp.linearMissing', 3)).toEqual({ double: 0 });
    });

    it('arrays of to values', () => {
      expect(call('interp.linear', ['double', rec(ARR)], ARR, [1, VTABLE])).toEqual([1, 20]);
      expect(call('interp.linearMissing', ['double', rec(ARR)], ['null', ARR], [5, VTABLE])).toBe(null);
    });

    it('fewer than two distinct x values: 22020, 22030, 22040', () => {
      const same = [
        { x: 1, to: 1 },
        { x: 1, to: 2 },
      ];
      expect(lin('interp.linear', 0, same)).toMatchObject({ code: 22020 });
      expect(lin('interp.linearFlat', 0, [])).toMatchObject({ code: 22030 });
      expect(lin('interp.linearMissing', 0, [{ x: 1, to: 1 }])).toMatchObject({ code: 22040 });
    });

    it('to arrays of different lengths: 22021, 22031, 22041', () => {
      const bad = [
        { x: 1, to: [1, 2, 3] },
        { x: 2, to: [1, 2] },
      ];
      expect(call('interp.linear', ['double', rec(ARR)], ARR, [1.5, bad])).toMatchObject({ code: 22021 });
      expect(call('interp.linearFlat', ['double', rec(ARR)], ARR, [1.5, bad])).toMatchObject({ code: 22031 });
      expect(call('interp.linearMissing', ['double', rec(ARR)], ['null', ARR], [1.5, bad])).toMatchObject({
        code: 22041,
      });
    });
  });
});
