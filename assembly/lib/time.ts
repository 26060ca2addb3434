// The calendar of the `time` namespace (spec sec. "Time and date functions") in the kernel: the
// proleptic Gregorian arithmetic of src/lib/util/timezone.ts (H. Hinnant's days-from-civil and
// civil-from-days, "chrono-Compatible Low-Level Date Algorithms"), with the same floor divisions on
// f64 integers, so every field equals the JS form's. Only a zone's UTC offset at an instant comes
// from the host (`pfa.zoneOffset`: the IANA data lives in its Intl); UTC ("") never asks.

// @ts-ignore: decorator
@external("pfa", "zoneOffset")
declare function hostZoneOffset(zone: i32, t: f64): f64;

/** The spec's range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z (lib/time.ts MIN_TS, MAX_TS). */
const MIN_TS: f64 = -62135596800.0;
const MAX_TS: f64 = 253402300799.0;

/** Days since 1970-01-01 of a proleptic Gregorian date (timezone.ts daysFromCivil). */
function daysFromCivil(y: f64, m: f64, d: f64): f64 {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Whether ts lies in the spec's range (NaN does not). */
export function timeInRange(ts: f64): bool {
  return ts >= MIN_TS && ts <= MAX_TS;
}

/**
 * The UTC offset in seconds of `zone` at the whole second of `ts`, NaN for a zone the host does not
 * know; `utc` is the code of "" (UTC, offset 0). Outside the range the offset is not asked for (the
 * caller fails), only whether the zone is known.
 */
export function timeOffset(zone: i32, ts: f64, utc: i32): f64 {
  if (zone == utc) return 0;
  const off = hostZoneOffset(zone, timeInRange(ts) ? Math.floor(ts) : 0);
  return off;
}

/**
 * Field `field` of the local time at `ts` with offset `off` (timezone.ts localTime): 0 year, 1 month,
 * 2 day of year, 3 day of month, 4 weekday (0 = Monday), 5 hour, 6 minute, 7 second.
 */
export function timeField(ts: f64, off: f64, field: i32): i32 {
  const local = Math.floor(ts) + off;
  const days = Math.floor(local / 86400);
  let rest = local - days * 86400;
  // (days is a whole number: the remainder in i64 is the JS form's % on doubles; 1970-01-01 was a Thursday)
  if (field == 4) return <i32>((((<i64>days + 3) % 7) + 7) % 7);
  const hour = Math.floor(rest / 3600);
  if (field == 5) return <i32>hour;
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  if (field == 6) return <i32>minute;
  if (field == 7) return <i32>(rest - minute * 60);
  // civil from days
  const zz = days + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (field == 0) return <i32>year;
  if (field == 1) return <i32>m;
  if (field == 3) return <i32>d;
  return <i32>(days - daysFromCivil(year, 1, 1) + 1);
}

function isLeap(y: i32): bool {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/** Whether the fields of time.makeTimestamp name a moment (lib/time.ts; timezone.ts isDate). */
export function timeValidCivil(y: i32, mo: i32, d: i32, h: i32, mi: i32, s: i32, ms: i32): bool {
  if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1) return false;
  const days = mo == 2 ? (isLeap(y) ? 29 : 28) : mo == 4 || mo == 6 || mo == 9 || mo == 11 ? 30 : 31;
  return d <= days && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59 && ms >= 0 && ms <= 999;
}

/**
 * The UTC timestamp (whole seconds) of a local wall-clock time in `zone` (timezone.ts
 * utcFromLocal): an ambiguous or missing wall time resolves to the smaller of the offsets around
 * it (standard time), as the reference engine does.
 */
export function timeFromLocal(y: i32, mo: i32, d: i32, h: i32, mi: i32, s: i32, zone: i32, utc: i32): f64 {
  const local = daysFromCivil(<f64>y, <f64>mo, <f64>d) * 86400 + <f64>h * 3600 + <f64>mi * 60 + <f64>s;
  if (zone == utc) return local;
  const before = hostZoneOffset(zone, local - 86400);
  const after = hostZoneOffset(zone, local + 86400);
  const beforeFits = hostZoneOffset(zone, local - before) == before;
  const afterFits = hostZoneOffset(zone, local - after) == after;
  if (beforeFits && !afterFits) return local - before;
  if (afterFits && !beforeFits) return local - after;
  return local - Math.min(before, after);
}
