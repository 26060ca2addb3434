/**
 * The `interp` namespace: histogram binning, nearest-neighbour lookup and piecewise-linear
 * interpolation in tables of {x, to} records. Ties go to the first table entry, as the spec says;
 * NaN inputs follow IEEE comparisons (a NaN distance is never "closer").
 */
import { CallSite, defineFunction, defineNamespace } from './registry.js';
import { INT_MAX, INT_MIN, intInRange } from './util/numeric.js';
import { PfaRecord } from '../values.js';
import { wasmBin, wasmLinear, wasmNearest } from './util/interpWasm.js';

type BinErrors = { badHistogramRange: number; badHistogramScale: number; xOutOfRange: number };

const bin = defineFunction({
  name: 'interp.bin',
  sigs: [
    '(x: double, numbins: int, low: double, high: double) -> int',
    '(x: double, origin: double, width: double) -> int',
  ],
  errors: { badHistogramRange: 22000, badHistogramScale: 22001, xOutOfRange: 22002 },
  js: (site: CallSite<BinErrors>) => {
    if (site.sig === 0) {
      return (x: number, numbins: number, low: number, high: number) => {
        if (!(low < high)) return site.fail('badHistogramRange');
        if (numbins < 1) return site.fail('badHistogramScale');
        if (!(x >= low && x < high)) return site.fail('xOutOfRange');
        const out = Math.floor(numbins * ((x - low) / (high - low)));
        // Rounding (or an infinite range) can put the bin outside [0, numbins).
        return out >= 0 && out < numbins ? out + 0 : site.fail('xOutOfRange');
      };
    }
    return (x: number, origin: number, width: number) => {
      if (!Number.isFinite(origin)) return site.fail('badHistogramRange');
      if (!(width > 0)) return site.fail('badHistogramScale');
      if (!Number.isFinite(x)) return site.fail('xOutOfRange');
      const out = Math.floor((x - origin) / width);
      // A bin number that no int can hold is out of range too (the spec has no other error for it).
      return intInRange(out) ? out + 0 : site.fail('xOutOfRange');
    };
  },
  wasm: (c) => wasmBin(c, INT_MIN, INT_MAX),
});

type NearestErrors = { tableMustHaveAtLeastOneEntry: number; inconsistentDimensionality: number };

/** The entry with the smallest distance; the first one wins ties (and NaN distances never win). */
function nearestEntry(table: PfaRecord[], distance: (entry: PfaRecord) => number): PfaRecord {
  let best = table[0];
  let bestD = distance(best);
  for (let i = 1; i < table.length; i++) {
    const d = distance(table[i]);
    if (d < bestD) {
      best = table[i];
      bestD = d;
    }
  }
  return best;
}

const nearest = defineFunction({
  name: 'interp.nearest',
  sigs: [
    '(x: double, table: array<record R {x: double, to: any T}>) -> T',
    '(x: array<double>, table: array<record R {x: array<double>, to: any T}>) -> T',
    '(x: any X1, table: array<record R {x: any X2, to: any T}>, metric: fcn(X1, X2) -> double) -> T',
  ],
  errors: { tableMustHaveAtLeastOneEntry: 22010, inconsistentDimensionality: 22011 },
  js: (site: CallSite<NearestErrors>) => {
    switch (site.sig) {
      case 0:
        return (x: number, table: PfaRecord[]) => {
          if (table.length === 0) return site.fail('tableMustHaveAtLeastOneEntry');
          return nearestEntry(table, (e) => Math.abs(x - (e.x as number))).to;
        };
      case 1:
        return (x: number[], table: PfaRecord[]) => {
          if (table.length === 0) return site.fail('tableMustHaveAtLeastOneEntry');
          return nearestEntry(table, (e) => {
            const ex = e.x as number[];
            if (ex.length !== x.length) return site.fail('inconsistentDimensionality');
            let s = 0;
            for (let i = 0; i < x.length; i++) {
              const d = x[i] - ex[i];
              s += d * d;
            }
            return s;
          }).to;
        };
      default:
        return (x: unknown, table: PfaRecord[], metric: (a: unknown, b: unknown) => number) => {
          if (table.length === 0) return site.fail('tableMustHaveAtLeastOneEntry');
          return nearestEntry(table, (e) => metric(x, e.x)).to;
        };
    }
  },
  wasm: (c) => wasmNearest(c),
});

/** The two entries to interpolate between, and whether x lies between them. */
interface Bracket {
  one: PfaRecord;
  two: PfaRecord;
  between: boolean;
}

/**
 * The closest entry at or below x and the closest strictly above it. When x is outside the
 * table (or NaN), the two closest entries at distinct distances instead, for extrapolation;
 * fewer than two distinct x values is an error.
 */
function bracket(x: number, table: PfaRecord[], fail: () => never): Bracket {
  let below: PfaRecord | undefined, above: PfaRecord | undefined;
  let belowD = 0,
    aboveD = 0;
  for (const e of table) {
    const ex = e.x as number;
    if (ex <= x && (below === undefined || x - ex < belowD)) {
      below = e;
      belowD = x - ex;
    }
    if (x < ex && (above === undefined || ex - x < aboveD)) {
      above = e;
      aboveD = ex - x;
    }
  }
  if (below !== undefined && above !== undefined) return { one: below, two: above, between: true };
  let one: PfaRecord | undefined, two: PfaRecord | undefined;
  let oneD = 0,
    twoD = 0;
  for (const e of table) {
    const d = Math.abs(x - (e.x as number));
    if (one === undefined || d < oneD) {
      two = one;
      twoD = oneD;
      one = e;
      oneD = d;
    } else if ((two === undefined || d < twoD) && d !== oneD) {
      two = e;
      twoD = d;
    }
  }
  if (one === undefined || two === undefined) return fail();
  return { one, two, between: false };
}

function unitless(x: number, b: Bracket): number {
  const onex = b.one.x as number;
  return (x - onex) / ((b.two.x as number) - onex);
}

function project(x: number, b: Bracket): number {
  const t = unitless(x, b);
  return (1 - t) * (b.one.to as number) + t * (b.two.to as number);
}

function projectArray(x: number, b: Bracket, fail: () => never): number[] {
  const t = unitless(x, b);
  const one = b.one.to as number[],
    two = b.two.to as number[];
  if (one.length !== two.length) return fail();
  return one.map((v, i) => (1 - t) * v + t * two[i]);
}

type LinearErrors = { tableMustHaveAtLeastTwoDistinctXValues: number; inconsistentDimensionality: number };
const LINEAR_SIGS = (ret: (t: string) => string) => [
  `(x: double, table: array<record R {x: double, to: double}>) -> ${ret('double')}`,
  `(x: double, table: array<record R {x: double, to: array<double>}>) -> ${ret('array<double>')}`,
];

/** interp.linear and its two variants differ only in what they do beyond the table. */
function linearFamily(
  name: string,
  base: number,
  ret: (t: string) => string,
  outside: 'extrapolate' | 'flat' | 'missing',
) {
  return defineFunction({
    name,
    sigs: LINEAR_SIGS(ret),
    errors: { tableMustHaveAtLeastTwoDistinctXValues: base, inconsistentDimensionality: base + 1 },
    js: (site: CallSite<LinearErrors>) => {
      const tooFew = () => site.fail('tableMustHaveAtLeastTwoDistinctXValues');
      const dims = () => site.fail('inconsistentDimensionality');
      const interpolate =
        site.sig === 0 ? (x: number, b: Bracket) => project(x, b) : (x: number, b: Bracket) => projectArray(x, b, dims);
      return (x: number, table: PfaRecord[]) => {
        const b = bracket(x, table, tooFew);
        if (!b.between) {
          if (outside === 'flat') return b.one.to;
          // Missing beyond the table, unless x is exactly on its edge.
          if (outside === 'missing' && b.one.x !== x) return null;
        }
        return interpolate(x, b);
      };
    },
    wasm: (c) => wasmLinear(c, outside),
  });
}

const linear = linearFamily('interp.linear', 22020, (t) => t, 'extrapolate');
const linearFlat = linearFamily('interp.linearFlat', 22030, (t) => t, 'flat');
const linearMissing = linearFamily('interp.linearMissing', 22040, (t) => `union<null, ${t}>`, 'missing');

export default defineNamespace('interp', [bin, nearest, linear, linearFlat, linearMissing]);
