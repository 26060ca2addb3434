/**
 * The time library (spec sec. "Time and date functions"). Timestamps are seconds since the
 * Unix epoch (UTC); calendar fields are taken in the named Olson time zone. Zone rules come from
 * the ICU data built into Node (Intl), so results never depend on the machine's own zone. The
 * calendar arithmetic itself is done here, on the proleptic Gregorian calendar.
 */
import { WasmCall, defineFunction, defineNamespace } from './registry.js';
import { RT } from '../backend/wasm/emit/names.js';
import { LocalTime, isDate, localTime, utcFromLocal, validZone } from './util/timezone.js';

/** The spec's range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
const MIN_TS = -62135596800;
const MAX_TS = 253402300799;

type FieldErrors = { unrecognizedTimezoneString: number; timestampOutOfRange: number };

// Wasm forms: the calendar runs in the kernel (assembly/lib/time.ts), with the checks of the JS forms
// in their order; only the zone's offset comes from the host. Fields by rt.timeField's numbering.
const FIELD = { year: 0, month: 1, dayOfYear: 2, day: 3, weekday: 4, hour: 5, minute: 6, second: 7 } as const;
type Field = keyof typeof FIELD;

/** The zone's offset at ts, after the zone and range checks (an i32 expression gives the field). */
function offsetWasm(c: WasmCall, ts: string, zone: string): string {
  const off = c.temp('f64', `${RT.timeOffset}(${zone}, ${ts}, ${c.str('')})`);
  c.emit(`if (isNaN(${off})) ${c.fail('unrecognizedTimezoneString', 'unrecognized timezone string')}`);
  c.emit(`if (!${RT.timeInRange}(${ts})) ${c.fail('timestampOutOfRange')}`);
  return off;
}

const fieldWasm = (ts: string, off: string, f: Field) => `${RT.timeField}(${ts}, ${off}, ${FIELD[f]})`;

function field(
  name: string,
  codes: [number, number],
  pick: (t: LocalTime) => number | boolean,
  wasm: (c: WasmCall, f: (name: Field) => string) => string,
) {
  return defineFunction({
    name,
    sigs: [
      `(ts: double, zone: string) -> ${name === 'time.isWeekend' || name === 'time.isWorkHours' ? 'boolean' : 'int'}`,
    ],
    errors: { unrecognizedTimezoneString: codes[0], timestampOutOfRange: codes[1] },
    wasm: (c) => {
      const [ts, zone] = c.args;
      const off = offsetWasm(c, ts, zone);
      return c.temp(
        name === 'time.isWeekend' || name === 'time.isWorkHours' ? 'bool' : 'i32',
        wasm(c, (f) => fieldWasm(ts, off, f)),
      );
    },
    js: (site) => (ts: number, zone: string) => {
      if (!validZone(zone)) return site.fail('unrecognizedTimezoneString', 'unrecognized timezone string');
      if (!(ts >= MIN_TS && ts <= MAX_TS)) return site.fail('timestampOutOfRange');
      return pick(localTime(ts, zone));
    },
  });
}

const year = field(
  'time.year',
  [40000, 40001],
  (t) => t.year,
  (_, f) => f('year'),
);
const monthOfYear = field(
  'time.monthOfYear',
  [40010, 40011],
  (t) => t.month,
  (_, f) => f('month'),
);
const dayOfYear = field(
  'time.dayOfYear',
  [40020, 40021],
  (t) => t.dayOfYear,
  (_, f) => f('dayOfYear'),
);
const dayOfMonth = field(
  'time.dayOfMonth',
  [40030, 40031],
  (t) => t.day,
  (_, f) => f('day'),
);
const dayOfWeek = field(
  'time.dayOfWeek',
  [40040, 40041],
  (t) => t.weekday,
  (_, f) => f('weekday'),
);
const hourOfDay = field(
  'time.hourOfDay',
  [40050, 40051],
  (t) => t.hour,
  (_, f) => f('hour'),
);
const minuteOfHour = field(
  'time.minuteOfHour',
  [40060, 40061],
  (t) => t.minute,
  (_, f) => f('minute'),
);
const secondOfMinute = field(
  'time.secondOfMinute',
  [40070, 40071],
  (t) => t.second,
  (_, f) => f('second'),
);

const makeTimestamp = defineFunction({
  name: 'time.makeTimestamp',
  sigs: [
    '(year: int, month: int, day: int, hour: int, minute: int, second: int, millisecond: int, zone: string) -> double',
  ],
  errors: { unrecognizedTimezoneString: 40080, timestampUndefined: 40081 },
  wasm: (c) => {
    const [y, mo, d, h, mi, s, ms, zone] = c.args;
    c.emit(
      `if (!${RT.timeValidCivil}(${[y, mo, d, h, mi, s, ms].join(', ')})) ${c.fail('timestampUndefined', 'timestamp undefined for given parameters')}`,
    );
    c.emit(
      `if (isNaN(${RT.timeOffset}(${zone}, 0.0, ${c.str('')}))) ${c.fail('unrecognizedTimezoneString', 'unrecognized timezone string')}`,
    );
    return c.temp(
      'f64',
      `${RT.timeFromLocal}(${[y, mo, d, h, mi, s, zone].join(', ')}, ${c.str('')}) + <f64>${ms} / 1000.0`,
    );
  },
  js:
    (site) =>
    (
      year: number,
      month: number,
      day: number,
      hour: number,
      minute: number,
      second: number,
      millisecond: number,
      zone: string,
    ) => {
      const valid =
        year >= 1 &&
        year <= 9999 &&
        isDate(year, month, day) &&
        hour >= 0 &&
        hour <= 23 &&
        minute >= 0 &&
        minute <= 59 &&
        second >= 0 &&
        second <= 59 &&
        millisecond >= 0 &&
        millisecond <= 999;
      if (!valid) return site.fail('timestampUndefined', 'timestamp undefined for given parameters');
      if (!validZone(zone)) return site.fail('unrecognizedTimezoneString', 'unrecognized timezone string');
      return utcFromLocal(year, month, day, hour, minute, second, zone) + millisecond / 1000;
    },
});

type RangeErrors = FieldErrors & { badTimeRange: number };

/** Is the field of ts (in zone) within [low, high)? */
function within(name: string, base: number, pick: (t: LocalTime) => number, f: Field) {
  return defineFunction({
    name,
    sigs: ['(ts: double, zone: string, low: double, high: double) -> boolean'],
    errors: { badTimeRange: base, unrecognizedTimezoneString: base + 1, timestampOutOfRange: base + 2 } as RangeErrors,
    wasm: (c) => {
      const [ts, zone, low, high] = c.args;
      c.emit(`if (!(${low} < ${high})) ${c.fail('badTimeRange')}`);
      const v = c.temp('f64', `<f64>${fieldWasm(ts, offsetWasm(c, ts, zone), f)}`);
      return c.temp('bool', `${low} <= ${v} && ${v} < ${high}`);
    },
    js: (site) => (ts: number, zone: string, low: number, high: number) => {
      if (!(low < high)) return site.fail('badTimeRange');
      if (!validZone(zone)) return site.fail('unrecognizedTimezoneString', 'unrecognized timezone string');
      if (!(ts >= MIN_TS && ts <= MAX_TS)) return site.fail('timestampOutOfRange');
      const v = pick(localTime(ts, zone));
      return low <= v && v < high;
    },
  });
}

const isSecondOfMinute = within('time.isSecondOfMinute', 40090, (t) => t.second, 'second');
const isMinuteOfHour = within('time.isMinuteOfHour', 40100, (t) => t.minute, 'minute');
const isHourOfDay = within('time.isHourOfDay', 40110, (t) => t.hour, 'hour');
const isDayOfWeek = within('time.isDayOfWeek', 40120, (t) => t.weekday, 'weekday');
const isDayOfMonth = within('time.isDayOfMonth', 40130, (t) => t.day, 'day');
const isMonthOfYear = within('time.isMonthOfYear', 40140, (t) => t.month, 'month');
const isDayOfYear = within('time.isDayOfYear', 40150, (t) => t.dayOfYear, 'dayOfYear');

const isWeekend = field(
  'time.isWeekend',
  [40160, 40161],
  (t) => t.weekday >= 5,
  (_, f) => `${f('weekday')} >= 5`,
);
const isWorkHours = field(
  'time.isWorkHours',
  [40170, 40171],
  (t) => t.weekday < 5 && t.hour >= 9 && t.hour < 17,
  (c, f) => {
    const hour = c.temp('i32', f('hour'));
    return `${f('weekday')} < 5 && ${hour} >= 9 && ${hour} < 17`;
  },
);

export default defineNamespace('time', [
  year,
  monthOfYear,
  dayOfYear,
  dayOfMonth,
  dayOfWeek,
  hourOfDay,
  minuteOfHour,
  secondOfMinute,
  makeTimestamp,
  isSecondOfMinute,
  isMinuteOfHour,
  isHourOfDay,
  isDayOfWeek,
  isDayOfMonth,
  isMonthOfYear,
  isDayOfYear,
  isWeekend,
  isWorkHours,
]);
