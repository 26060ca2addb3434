/** time: calendar fields in Olson zones from ICU data (40000-40171), independent of the machine's zone. */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

const field = (fn: string, ts: number | string, zone: string) =>
  call(fn, ['double', 'string'], fn === 'time.isWeekend' || fn === 'time.isWorkHours' ? 'boolean' : 'int', [ts, zone]);

bothBackends(() => {
  describe('time: fields', () => {
    it('UTC and a zone with DST', () => {
      const ts = 1436284800; // 2015-07-07T16:00:00Z, a Tuesday
      expect(field('time.year', ts, 'Etc/UTC')).toBe(2015);
      expect(field('time.monthOfYear', ts, 'Etc/UTC')).toBe(7);
      expect(field('time.dayOfMonth', ts, 'Etc/UTC')).toBe(7);
      expect(field('time.dayOfYear', ts, 'Etc/UTC')).toBe(188);
      expect(field('time.dayOfWeek', ts, 'Etc/UTC')).toBe(1);
      expect(field('time.hourOfDay', ts, 'Etc/UTC')).toBe(16);
      expect(field('time.hourOfDay', ts, 'America/Chicago')).toBe(11); // CDT, UTC-5
      expect(field('time.hourOfDay', ts - 180 * 86400, 'America/Chicago')).toBe(10); // CST, UTC-6
      expect(field('time.hourOfDay', ts, 'Asia/Kolkata')).toBe(21);
      expect(field('time.minuteOfHour', ts, 'Asia/Kolkata')).toBe(30);
      expect(field('time.secondOfMinute', ts + 59.9, 'Etc/UTC')).toBe(59);
      expect(field('time.isWorkHours', ts, 'America/Chicago')).toBe(true);
      expect(field('time.isWeekend', ts, 'America/Chicago')).toBe(false);
      expect(field('time.isWeekend', ts + 4 * 86400, 'America/Chicago')).toBe(true);
    });

    it('the edges of the range, before and after the epoch', () => {
      expect(field('time.year', -62135596800, 'Etc/UTC')).toBe(1);
      expect(field('time.year', 253402300799, 'Etc/UTC')).toBe(9999);
      expect(field('time.dayOfYear', 253402300799, 'Etc/UTC')).toBe(365);
      expect(field('time.dayOfWeek', -1, 'Etc/UTC')).toBe(2); // 1969-12-31, a Wednesday
      expect(field('time.year', -0.5, 'Etc/UTC')).toBe(1969);
    });

    it('errors: unknown zone, then timestamp range', () => {
      const codes: [string, number][] = [
        ['time.year', 40000],
        ['time.monthOfYear', 40010],
        ['time.dayOfYear', 40020],
        ['time.dayOfMonth', 40030],
        ['time.dayOfWeek', 40040],
        ['time.hourOfDay', 40050],
        ['time.minuteOfHour', 40060],
        ['time.secondOfMinute', 40070],
        ['time.isWeekend', 40160],
        ['time.isWorkHours', 40170],
      ];
      for (const [fn, code] of codes) {
        expect(field(fn, 0, 'Mars/Olympus')).toMatchObject({ code });
        expect(field(fn, 0, '+05:00')).toMatchObject({ code });
        for (const ts of [-62135596801, 253402300800, 'nan', 'inf'])
          expect(field(fn, ts, 'Etc/UTC')).toMatchObject({ code: code + 1 });
      }
    });
  });

  describe('time: makeTimestamp', () => {
    const make = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone: string) =>
      call('time.makeTimestamp', ['int', 'int', 'int', 'int', 'int', 'int', 'int', 'string'], 'double', [
        y,
        mo,
        d,
        h,
        mi,
        s,
        ms,
        zone,
      ]);
    it('inverts the fields', () => {
      expect(make(2015, 7, 7, 16, 0, 0, 250, 'Etc/UTC')).toBe(1436284800.25);
      expect(make(2015, 7, 7, 11, 0, 0, 0, 'America/Chicago')).toBe(1436284800);
      expect(make(2016, 2, 29, 0, 0, 0, 0, '')).toBe(1456704000);
      expect(make(1, 1, 1, 0, 0, 0, 0, 'Etc/UTC')).toBe(-62135596800);
    });
    it('resolves DST gaps and overlaps to standard time', () => {
      // 2015-03-08 02:30 does not exist in Chicago; 2015-11-01 01:30 happens twice.
      expect(make(2015, 3, 8, 2, 30, 0, 0, 'America/Chicago')).toBe(1425803400);
      expect(make(2015, 11, 1, 1, 30, 0, 0, 'America/Chicago')).toBe(1446363000);
    });
    it('errors 40080 and 40081', () => {
      expect(make(2015, 1, 1, 0, 0, 0, 0, 'where/ever')).toMatchObject({ code: 40080 });
      for (const args of [
        [0, 1, 1],
        [10000, 1, 1],
        [2015, 13, 1],
        [2015, 2, 29],
        [2015, 4, 31],
        [2015, 1, 0],
      ]) {
        expect(make(args[0], args[1], args[2], 0, 0, 0, 0, 'Etc/UTC')).toMatchObject({ code: 40081 });
      }
      expect(make(2015, 1, 1, 24, 0, 0, 0, 'Etc/UTC')).toMatchObject({ code: 40081 });
      expect(make(2015, 1, 1, 0, 0, 60, 0, 'Etc/UTC')).toMatchObject({ code: 40081 });
      expect(make(2015, 1, 1, 0, 0, 0, 1000, 'Etc/UTC')).toMatchObject({ code: 40081 });
    });
  });

  describe('time: ranges [low, high)', () => {
    const within = (fn: string, ts: number | string, zone: string, low: number, high: number) =>
      call(fn, ['double', 'string', 'double', 'double'], 'boolean', [ts, zone, low, high]);
    it('tests the field against the half-open range', () => {
      const ts = 1436284800 + 45; // 16:00:45 UTC, Tuesday July 7
      expect(within('time.isSecondOfMinute', ts, 'Etc/UTC', 45, 46)).toBe(true);
      expect(within('time.isSecondOfMinute', ts, 'Etc/UTC', 40, 45)).toBe(false);
      expect(within('time.isMinuteOfHour', ts, 'Etc/UTC', 0, 1)).toBe(true);
      expect(within('time.isHourOfDay', ts, 'America/Chicago', 9, 12)).toBe(true);
      expect(within('time.isDayOfWeek', ts, 'Etc/UTC', 0, 5)).toBe(true);
      expect(within('time.isDayOfMonth', ts, 'Etc/UTC', 1, 7)).toBe(false);
      expect(within('time.isMonthOfYear', ts, 'Etc/UTC', 6, 9)).toBe(true);
      expect(within('time.isDayOfYear', ts, 'Etc/UTC', 188, 189)).toBe(true);
    });
    it('errors: bad range first, then zone, then timestamp', () => {
      const fns: [string, number][] = [
        ['time.isSecondOfMinute', 40090],
        ['time.isMinuteOfHour', 40100],
        ['time.isHourOfDay', 40110],
        ['time.isDayOfWeek', 40120],
        ['time.isDayOfMonth', 40130],
        ['time.isMonthOfYear', 40140],
        ['time.isDayOfYear', 40150],
      ];
      for (const [fn, code] of fns) {
        expect(within(fn, 'nan', 'nowhere', 5, 5)).toMatchObject({ code });
        expect(within(fn, 'nan', 'nowhere', 1, 5)).toMatchObject({ code: code + 1 });
        expect(within(fn, 'nan', 'Etc/UTC', 1, 5)).toMatchObject({ code: code + 2 });
      }
    });
  });
});
