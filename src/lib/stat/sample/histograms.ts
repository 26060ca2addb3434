/**
 * `stat.sample` namespace, spec sections "Fill a histogram", "Fill a two-dimensional histogram"
 * and "Fill a counter/categorical histogram": fillHistogram, fillHistogram2d, fillCounter.
 */
import { WasmCall, defineFunction } from '../../registry.js';
import { eachItem } from '../../util/wasm.js';
import { PfaError } from '../../../errors/PfaError.js';
import { AvroType } from '../../../types/avro.js';
import { PfaRecord, makeRecord } from '../../../values.js';
import { updateRecord } from '../../util/record.js';
import {
  MAX_LENGTH,
  MapVec,
  Vec,
  hasField,
  isDouble,
  isDoubleArray,
  tooLong,
  tooLongMessage,
  wasmUpdate,
} from './state.js';

/** (The limit's message names no bin: a kernel's error message is fixed per call site.) */
const HISTOGRAM = 'the histogram';

type Flow = 'underflow' | 'overflow' | 'nanflow' | 'infflow' | null;

/**
 * The new histogram record: `values` replaced, and each counter field the record has incremented
 * by w if x went there (and by 0.0 otherwise, as the reference does, which turns -0.0 into 0.0).
 */
function filled(
  hist: PfaRecord,
  values: unknown,
  counters: readonly string[],
  hit: string | null,
  w: number,
): PfaRecord {
  const changes: PfaRecord = makeRecord();
  changes.values = values;
  for (const c of counters) changes[c] = (hist[c] as number) + (c === hit ? w : 0);
  return updateRecord(hist, changes);
}

/** floor((x - low) / (high - low) * bins), clamped to a valid bin (rounding can reach `bins`). */
function binIndex(x: number, low: number, high: number, bins: number): number {
  const width = high - low;
  if (width === 0) return 0;
  const i = Math.floor(((x - low) / width) * bins);
  return Math.min(Math.max(i, 0), bins - 1);
}

/** filled() in AS: `flow` is an i32 local holding the index in `counters` of the counter hit, or -1. */
function wasmFilled(
  c: WasmCall,
  A: AvroType,
  hist: string,
  values: string,
  counters: readonly string[],
  flow: string,
  w: string,
): string {
  const changes: Record<string, string> = { values };
  counters.forEach((name, i) => {
    changes[name] = `${c.field(A, hist, name)} + (${flow} == ${i} ? ${w} : 0.0)`;
  });
  return wasmUpdate(c, A, hist, changes);
}

/** binIndex in AS (x finite, low < high finite). */
function wasmBinIndex(x: string, low: string, high: string, bins: string): string {
  return `(${high} - ${low} == 0 ? 0 : <i32>Math.min(Math.max(Math.floor(((${x} - ${low}) / (${high} - ${low})) * <f64>${bins}), 0.0), <f64>(${bins} - 1)))`;
}

export const fillHistogram = defineFunction({
  name: 'stat.sample.fillHistogram',
  sigs: [
    '(x: double, w: double, histogram: record A {numbins: int, low: double, high: double, values: array<double>}) -> A',
    '(x: double, w: double, histogram: record A {low: double, binsize: double, values: array<double>}) -> A',
    '(x: double, w: double, histogram: record A {ranges: array<array<double>>, values: array<double>}) -> A',
  ],
  errors: { wrongHistogramSize: 14080, badHistogramRange: 14081, badHistogramScale: 14082, badHistogramRanges: 14083 },
  js: (site) => {
    const fcn = 'stat.sample.fillHistogram';
    const t = site.bindings.A;
    const isInt = (u: AvroType) => u.kind === 'int';
    const isRanges = (u: AvroType) => u.kind === 'array' && isDoubleArray(u.items);
    const fixed =
      hasField(fcn, t, 'numbins', isInt, 'an int') &&
      hasField(fcn, t, 'low', isDouble, 'a double') &&
      hasField(fcn, t, 'high', isDouble, 'a double');
    const growable = hasField(fcn, t, 'low', isDouble, 'a double') && hasField(fcn, t, 'binsize', isDouble, 'a double');
    const ranged = hasField(fcn, t, 'ranges', isRanges, 'an array of arrays of double');
    if (Number(fixed) + Number(growable) + Number(ranged) !== 1) {
      throw new PfaError(
        'semantic',
        `${fcn} must have "numbins", "low", "high" xor it must have "low", "binsize" xor it must have "ranges", but not any other combination of these fields`,
        { fcn },
      );
    }
    const counters = ['underflow', 'overflow', 'nanflow', 'infflow'].filter((c) =>
      hasField(fcn, t, c, isDouble, 'a double'),
    );
    const hasInfflow = counters.includes('infflow');
    const isInf = (x: number) => x === Infinity || x === -Infinity;

    if (fixed)
      return (x: number, w: number, hist: PfaRecord) => {
        const numbins = hist.numbins as number,
          low = hist.low as number,
          high = hist.high as number,
          values = hist.values as Vec;
        if (numbins < 1) site.fail('badHistogramScale');
        if (values.length !== numbins) site.fail('wrongHistogramSize');
        if (!(low < high) || !Number.isFinite(low) || !Number.isFinite(high)) site.fail('badHistogramRange');
        const flow: Flow =
          hasInfflow && isInf(x)
            ? 'infflow'
            : Number.isNaN(x)
              ? 'nanflow'
              : x >= high
                ? 'overflow'
                : x < low
                  ? 'underflow'
                  : null;
        if (flow !== null) return filled(hist, values, counters, flow, w);
        const out = values.slice();
        out[binIndex(x, low, high, numbins)] += w;
        return filled(hist, out, counters, null, w);
      };

    if (growable)
      return (x: number, w: number, hist: PfaRecord) => {
        const low = hist.low as number,
          binsize = hist.binsize as number,
          values = hist.values as Vec;
        if (!(binsize > 0) || !Number.isFinite(binsize)) site.fail('badHistogramScale');
        // Only finite values can grow the histogram; +inf is overflow, -inf underflow.
        const flow: Flow =
          hasInfflow && isInf(x)
            ? 'infflow'
            : Number.isNaN(x)
              ? 'nanflow'
              : x === Infinity
                ? 'overflow'
                : x < low
                  ? 'underflow'
                  : null;
        if (flow !== null) return filled(hist, values, counters, flow, w);
        const currentHigh = low + binsize * values.length;
        const width = currentHigh - low;
        const index = width === 0 ? 0 : Math.floor(((x - low) / width) * values.length);
        // NaN when low is -inf or NaN (the reference engine fails there too, without a code).
        if (!(index < MAX_LENGTH)) tooLong(fcn, HISTOGRAM);
        if (index < values.length) {
          const out = values.slice();
          out[index] += w;
          return filled(hist, out, counters, null, w);
        }
        const out = values.concat(new Array<number>(index - values.length).fill(0), [w]);
        return filled(hist, out, counters, null, w);
      };

    return (x: number, w: number, hist: PfaRecord) => {
      const ranges = hist.ranges as Vec[],
        values = hist.values as Vec;
      if (values.length !== ranges.length) site.fail('wrongHistogramSize');
      if (ranges.some((r) => r.length !== 2 || !(r[0] < r[1]) || !Number.isFinite(r[0]) || !Number.isFinite(r[1])))
        site.fail('badHistogramRanges');
      const out = values.slice();
      let hit = false;
      if (Number.isFinite(x)) {
        // Overlapping intervals are all filled.
        ranges.forEach(([lo, hi], i) => {
          if (x >= lo && x < hi) {
            out[i] += w;
            hit = true;
          }
        });
      }
      const flow: Flow = hasInfflow && isInf(x) ? 'infflow' : Number.isNaN(x) ? 'nanflow' : hit ? null : 'underflow';
      return filled(hist, out, counters, flow, w);
    };
  },
  wasm: (c) => {
    const fcn = 'stat.sample.fillHistogram';
    const t = c.site.bindings.A;
    const [x, w, hist] = c.args;
    const fixed =
      hasField(fcn, t, 'numbins', (u) => u.kind === 'int', 'an int') &&
      hasField(fcn, t, 'low', isDouble, 'a double') &&
      hasField(fcn, t, 'high', isDouble, 'a double');
    const ranged = hasField(
      fcn,
      t,
      'ranges',
      (u) => u.kind === 'array' && isDoubleArray(u.items),
      'an array of arrays of double',
    );
    const counters = ['underflow', 'overflow', 'nanflow', 'infflow'].filter((n) =>
      hasField(fcn, t, n, isDouble, 'a double'),
    );
    const code = (n: string) => counters.indexOf(n);
    const isInf = counters.includes('infflow') ? `(${x} == Infinity || ${x} == -Infinity)` : 'false';
    const values = c.temp('Array<f64>', c.field(t, hist, 'values'));
    const flow = c.temp('i32', '-1');
    if (fixed) {
      const numbins = c.temp('i32', c.field(t, hist, 'numbins'));
      const low = c.temp('f64', c.field(t, hist, 'low')),
        high = c.temp('f64', c.field(t, hist, 'high'));
      c.emit(`if (${numbins} < 1) ${c.fail('badHistogramScale')}`);
      c.emit(`if (${values}.length != ${numbins}) ${c.fail('wrongHistogramSize')}`);
      c.emit(`if (!(${low} < ${high}) || !isFinite(${low}) || !isFinite(${high})) ${c.fail('badHistogramRange')}`);
      const out = c.temp('Array<f64>', values);
      c.block(
        `if (${isInf}) ${flow} = ${code('infflow')}; else if (isNaN(${x})) ${flow} = ${code('nanflow')}; else if (${x} >= ${high}) ${flow} = ${code('overflow')}; else if (${x} < ${low}) ${flow} = ${code('underflow')}; else`,
        () => {
          c.emit(`${out} = ${values}.slice();`);
          const b = c.temp('i32', wasmBinIndex(x, low, high, numbins));
          c.emit(`unchecked(${out}[${b}] += ${w});`);
        },
      );
      return wasmFilled(c, t, hist, out, counters, flow, w);
    }
    if (!ranged) {
      // growable: bins of `binsize` from `low`, as many as the largest x needs
      const low = c.temp('f64', c.field(t, hist, 'low')),
        binsize = c.temp('f64', c.field(t, hist, 'binsize'));
      c.emit(`if (!(${binsize} > 0) || !isFinite(${binsize})) ${c.fail('badHistogramScale')}`);
      const out = c.temp('Array<f64>', values);
      c.block(
        `if (${isInf}) ${flow} = ${code('infflow')}; else if (isNaN(${x})) ${flow} = ${code('nanflow')}; else if (${x} == Infinity) ${flow} = ${code('overflow')}; else if (${x} < ${low}) ${flow} = ${code('underflow')}; else`,
        () => {
          const n = c.temp('f64', `<f64>${values}.length`);
          const width = c.temp('f64', `${low} + ${binsize} * ${n} - ${low}`);
          const index = c.temp('f64', `${width} == 0 ? 0.0 : Math.floor(((${x} - ${low}) / ${width}) * ${n})`);
          c.emit(`if (!(${index} < ${MAX_LENGTH})) ${c.failUncoded(tooLongMessage(HISTOGRAM))}`);
          const b = c.temp('i32', `<i32>${index}`);
          c.emit(`${out} = ${values}.slice();`);
          c.emit(`while (${out}.length < ${b}) ${out}.push(0.0);`);
          c.emit(`if (${b} < ${out}.length) unchecked(${out}[${b}] += ${w}); else ${out}.push(${w});`);
        },
      );
      return wasmFilled(c, t, hist, out, counters, flow, w);
    }
    const ranges = c.temp('Array<Array<f64>>', c.field(t, hist, 'ranges'));
    c.emit(`if (${values}.length != ${ranges}.length) ${c.fail('wrongHistogramSize')}`);
    eachItem(c, ranges, (r) => {
      const rr = c.temp('Array<f64>', r);
      c.emit(
        `if (${rr}.length != 2 || !(unchecked(${rr}[0]) < unchecked(${rr}[1])) || !isFinite(unchecked(${rr}[0])) || !isFinite(unchecked(${rr}[1]))) ${c.fail('badHistogramRanges')}`,
      );
    });
    const out = c.temp('Array<f64>', `${values}.slice()`);
    const hit = c.temp('bool', 'false');
    c.if_(`isFinite(${x})`, () => {
      eachItem(c, ranges, (r, i) => {
        const rr = c.temp('Array<f64>', r);
        c.emit(
          `if (${x} >= unchecked(${rr}[0]) && ${x} < unchecked(${rr}[1])) { unchecked(${out}[${i}] += ${w}); ${hit} = true; }`,
        );
      });
    });
    c.emit(
      `if (${isInf}) ${flow} = ${code('infflow')}; else if (isNaN(${x})) ${flow} = ${code('nanflow')}; else if (!${hit}) ${flow} = ${code('underflow')};`,
    );
    return wasmFilled(c, t, hist, out, counters, flow, w);
  },
});

const REGIONS_2D = [
  'underunderflow',
  'undermidflow',
  'underoverflow',
  'midunderflow',
  'midoverflow',
  'overunderflow',
  'overmidflow',
  'overoverflow',
];

export const fillHistogram2d = defineFunction({
  name: 'stat.sample.fillHistogram2d',
  sigs: [
    '(x: double, y: double, w: double, histogram: record A {xnumbins: int, xlow: double, xhigh: double, ynumbins: int, ylow: double, yhigh: double, values: array<array<double>>}) -> A',
  ],
  errors: { wrongHistogramSize: 14090, badHistogramRange: 14091, badHistogramScale: 14092 },
  js: (site) => {
    const fcn = 'stat.sample.fillHistogram2d';
    const counters = [...REGIONS_2D, 'nanflow', 'infflow'].filter((c) =>
      hasField(fcn, site.bindings.A, c, isDouble, 'a double'),
    );
    const hasInfflow = counters.includes('infflow');
    const finite = Number.isFinite;
    /** 0: under, 1: inside, 2: over. */
    const side = (v: number, lo: number, hi: number) => (v >= hi ? 2 : v >= lo ? 1 : 0);
    return (x: number, y: number, w: number, hist: PfaRecord) => {
      const values = hist.values as Vec[];
      const xnumbins = hist.xnumbins as number,
        xlow = hist.xlow as number,
        xhigh = hist.xhigh as number;
      const ynumbins = hist.ynumbins as number,
        ylow = hist.ylow as number,
        yhigh = hist.yhigh as number;
      if (xnumbins < 1 || ynumbins < 1) site.fail('badHistogramScale');
      if (values.length !== xnumbins || values.some((row) => row.length !== ynumbins)) site.fail('wrongHistogramSize');
      if (!(xlow < xhigh) || !(ylow < yhigh) || !finite(xlow) || !finite(xhigh) || !finite(ylow) || !finite(yhigh))
        site.fail('badHistogramRange');
      // NaN wins over infinity; infinities go to infflow only if the record has it.
      if (Number.isNaN(x) || Number.isNaN(y)) return filled(hist, values, counters, 'nanflow', w);
      if (hasInfflow && (!finite(x) || !finite(y))) return filled(hist, values, counters, 'infflow', w);
      const sx = side(x, xlow, xhigh),
        sy = side(y, ylow, yhigh);
      if (sx !== 1 || sy !== 1) {
        const region = ['under', 'mid', 'over'][sx] + ['under', 'mid', 'over'][sy] + 'flow';
        return filled(hist, values, counters, region, w);
      }
      const out = values.map((row) => row.slice());
      out[binIndex(x, xlow, xhigh, xnumbins)][binIndex(y, ylow, yhigh, ynumbins)] += w;
      return filled(hist, out, counters, null, w);
    };
  },
  wasm: (c) => {
    const fcn = 'stat.sample.fillHistogram2d';
    const A = c.site.bindings.A;
    const [x, y, w, hist] = c.args;
    const counters = [...REGIONS_2D, 'nanflow', 'infflow'].filter((n) => hasField(fcn, A, n, isDouble, 'a double'));
    const code = (n: string) => counters.indexOf(n);
    const f = (n: string, T: string) => c.temp(T, c.field(A, hist, n));
    const values = f('values', 'Array<Array<f64>>');
    const [xnumbins, ynumbins] = [f('xnumbins', 'i32'), f('ynumbins', 'i32')];
    const [xlow, xhigh, ylow, yhigh] = ['xlow', 'xhigh', 'ylow', 'yhigh'].map((n) => f(n, 'f64'));
    c.emit(`if (${xnumbins} < 1 || ${ynumbins} < 1) ${c.fail('badHistogramScale')}`);
    const wrong = c.temp('bool', `${values}.length != ${xnumbins}`);
    eachItem(c, values, (row) => c.emit(`if (${row}.length != ${ynumbins}) ${wrong} = true;`));
    c.emit(`if (${wrong}) ${c.fail('wrongHistogramSize')}`);
    c.emit(
      `if (!(${xlow} < ${xhigh}) || !(${ylow} < ${yhigh}) || !isFinite(${xlow}) || !isFinite(${xhigh}) || !isFinite(${ylow}) || !isFinite(${yhigh})) ${c.fail('badHistogramRange')}`,
    );
    const flow = c.temp('i32', '-1');
    const out = c.temp('Array<Array<f64>>', values);
    const hasInf = counters.includes('infflow');
    c.block(
      `if (isNaN(${x}) || isNaN(${y})) ${flow} = ${code('nanflow')}; else if (${hasInf} && (!isFinite(${x}) || !isFinite(${y}))) ${flow} = ${code('infflow')}; else`,
      () => {
        const side = (v: string, lo: string, hi: string) => `(${v} >= ${hi} ? 2 : ${v} >= ${lo} ? 1 : 0)`;
        const sx = c.temp('i32', side(x, xlow, xhigh)),
          sy = c.temp('i32', side(y, ylow, yhigh));
        // REGIONS_2D lists the nine regions but mid-mid, row by row: index 3 sx + sy, less one past the middle.
        const regionCode = (i: number) => code(REGIONS_2D[i]);
        c.block(
          `if (${sx} != 1 || ${sy} != 1) { const r = ${sx} * 3 + ${sy}; const k = r > 4 ? r - 1 : r; ${flow} = ${REGIONS_2D.map((_, i) => `k == ${i} ? ${regionCode(i)} : `).join('')}-1; } else`,
          () => {
            c.emit(`${out} = new Array<Array<f64>>(0);`);
            eachItem(c, values, (row) => c.emit(`${out}.push(${row}.slice());`));
            const bx = c.temp('i32', wasmBinIndex(x, xlow, xhigh, xnumbins)),
              by = c.temp('i32', wasmBinIndex(y, ylow, yhigh, ynumbins));
            c.emit(`unchecked(unchecked(${out}[${bx}])[${by}] += ${w});`);
          },
        );
      },
    );
    return wasmFilled(c, A, hist, out, counters, flow, w);
  },
});

export const fillCounter = defineFunction({
  name: 'stat.sample.fillCounter',
  sigs: ['(x: string, w: double, counter: record A {values: map<double>}) -> A'],
  js: () => (x: string, w: number, counter: PfaRecord) => {
    const values = new Map(counter.values as MapVec);
    values.set(x, (values.get(x) ?? 0) + w);
    return updateRecord(counter, { values });
  },
  wasm: (c) => {
    const [x, w, counter] = c.args;
    const A = c.site.params[2] as AvroType;
    const old = c.temp('CodeMap<f64>', c.field(A, counter, 'values'));
    const values = c.temp('CodeMap<f64>', 'new CodeMap<f64>()');
    const ks = c.temp('Array<i32>', `${old}.keys()`);
    eachItem(c, ks, (k) => c.emit(`${values}.set(${k}, ${old}.get(${k}));`));
    c.emit(`${values}.set(${x}, (${values}.has(${x}) ? ${values}.get(${x}) : 0.0) + ${w});`);
    return wasmUpdate(c, A, counter, { values });
  },
});
