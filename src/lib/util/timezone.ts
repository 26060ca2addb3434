/**
 * Calendar fields of a timestamp in an Olson time zone, for the time library. Only the zone's
 * UTC offset at an instant comes from ICU (Intl.DateTimeFormat, which carries the tz database);
 * everything else is integer arithmetic on the proleptic Gregorian calendar, using the
 * days-from-civil / civil-from-days algorithms of H. Hinnant ("chrono-Compatible Low-Level Date
 * Algorithms"). Nothing here reads the machine's own zone.
 */

export interface LocalTime {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  dayOfYear: number; // 1-366
  weekday: number; // 0 = Monday … 6 = Sunday
  hour: number;
  minute: number;
  second: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]);
}

const formats = new Map<string, Intl.DateTimeFormat | null>();

/** The formatter for a zone, or null if ICU does not know it. "" means UTC. */
function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = formats.get(zone);
  if (f !== undefined) return f;
  // Olson names start with a letter; this keeps out ISO offsets like "+05:00" that newer
  // engines also accept as zones.
  const name = zone === '' ? 'UTC' : zone;
  try {
    f = /^[A-Za-z]/.test(name)
      ? new Intl.DateTimeFormat('en-US', {
          timeZone: name,
          hourCycle: 'h23',
          era: 'short',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        })
      : null;
  } catch {
    f = null;
  }
  if (formats.size > 1000) formats.clear(); // zones come from data: keep the cache bounded
  formats.set(zone, f);
  return f;
}

export function validZone(zone: string): boolean {
  return formatter(zone) !== null;
}

/** The offset for a Wasm kernel's time.* (assembly/lib/time.ts): offsetAt, NaN for a zone ICU does not know. */
export function zoneOffset(zone: string, t: number): number {
  if (!validZone(zone)) return NaN;
  return zone === '' ? 0 : offsetAt(zone, t);
}

/** The zone's offset from UTC, in seconds, at the whole-second instant `t`. */
function offsetAt(zone: string, t: number): number {
  const f = formatter(zone)!;
  let y = 0,
    mo = 0,
    d = 0,
    h = 0,
    mi = 0,
    s = 0,
    bc = false;
  for (const p of f.formatToParts(new Date(t * 1000))) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value);
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        s = Number(p.value);
        break;
      case 'era':
        bc = p.value === 'BC' || p.value === 'B';
        break;
    }
  }
  if (bc) y = 1 - y;
  return daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - t;
}

export function localTime(ts: number, zone: string): LocalTime {
  const t = Math.floor(ts);
  const local = t + (zone === '' ? 0 : offsetAt(zone, t));
  const days = Math.floor(local / 86400);
  let rest = local - days * 86400;
  const [year, month, day] = civilFromDays(days);
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second: rest - minute * 60,
    dayOfYear: days - daysFromCivil(year, 1, 1) + 1,
    weekday: (((days + 3) % 7) + 7) % 7, // 1970-01-01 was a Thursday
  };
}

/**
 * The UTC timestamp (whole seconds) of a local wall-clock time. Around a transition a wall time
 * can be ambiguous (clocks set back) or missing (clocks set forward); both resolve to the
 * smaller of the two offsets involved, i.e. standard time, as the reference engine (pytz with
 * is_dst=False) does.
 */
export function utcFromLocal(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): number {
  const local = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  if (zone === '') return local;
  const before = offsetAt(zone, local - 86400),
    after = offsetAt(zone, local + 86400);
  const fits = [before, after].filter((o) => offsetAt(zone, local - o) === o);
  return local - Math.min(...(fits.length > 0 ? fits : [before, after]));
}
