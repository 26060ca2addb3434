/**
 * `a` namespace, numerical and statistical functions: sum, product, lnsum, mean, geomean,
 * median, ntile, mode, logsumexp.
 *
 * Summation order is the natural left-to-right one, with a double accumulator (the Wasm backend
 * must reproduce these bit for bit). For float arrays the double result is rounded to float32
 * once at the end, which is what the reference (titus, double arithmetic, float32 output) does.
 * int and long results are exact and checked against their range only at the end, as the spec
 * words the overflow errors ("the final result is too large").
 */
import { CallSite, WasmCall, WasmFold, defineFunction } from '../registry.js';
import { eachItem, foldEach, stableSorted, wasmEquals, wasmOrder } from '../util/wasm.js';
import { comparatorFor } from '../../values.js';
import { primitiveValued, sameItem } from '../util/sameItem.js';
import { intInRange, longInRange, numKind } from '../util/numeric.js';
import { best } from '../util/ranking.js';
import { RT } from '../../backend/wasm/emit/names.js';
import * as fdlibm from '../util/fdlibm/index.js';

type Nums = readonly number[];
type Longs = readonly bigint[];
type Arr = readonly unknown[];
type Overflow = { intOverflow: number; longOverflow: number };
const NUMERIC_ARRAY = '(a: array<any A of {int, long, float, double}>) -> A';

function sumOf(a: Nums): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

export const sum = defineFunction({
  name: 'a.sum',
  sigs: [NUMERIC_ARRAY],
  errors: { intOverflow: 15400, longOverflow: 15401 },
  js: (site: CallSite<Overflow>) => {
    switch (numKind(site.bindings.A)) {
      // Partial sums of int32s stay exact in a double for any array shorter than 2^22 items.
      case 'int':
        return (a: Nums) => {
          const s = sumOf(a);
          return intInRange(s) ? s : site.fail('intOverflow');
        };
      case 'long':
        return (a: Longs) => {
          let s = 0n;
          for (const x of a) s += x;
          return longInRange(s) ? s : site.fail('longOverflow');
        };
      case 'float':
        return (a: Nums) => Math.fround(sumOf(a));
      case 'double':
        return sumOf;
    }
  },
  // Left to right, as the JS form: the same additions in the same order give the same bits.
  wasm: (c) => foldEach(c, sumFold(c)),
  wasmFold: (c) => sumFold(c),
});

/** a.sum as a fold: int and long overflow are checked once, at the end, as the spec words them. */
function sumFold(c: WasmCall): WasmFold {
  switch (numKind(c.site.bindings.A)) {
    case 'int': {
      const s = c.temp('i64', '0');
      return {
        step: (x) => c.emit(`${s} += <i64>${x};`),
        finish: () => {
          c.emit(`if (${s} < <i64>i32.MIN_VALUE || ${s} > <i64>i32.MAX_VALUE) ${c.fail('intOverflow')}`);
          return `(<i32>${s})`;
        },
      };
    }
    case 'long': {
      // Count wraps up and down: the exact sum is in range only if they cancel.
      const s = c.temp('i64', '0'),
        wraps = c.temp('i32', '0');
      return {
        step: (x) => c.emit(`if (${RT.addOverflowsI64}(${s}, ${x})) ${wraps} += ${x} > 0 ? 1 : -1; ${s} += ${x};`),
        finish: () => {
          c.emit(`if (${wraps} != 0) ${c.fail('longOverflow')}`);
          return s;
        },
      };
    }
    case 'float': {
      const s = c.temp('f64', '0.0');
      return { step: (x) => c.emit(`${s} += <f64>${x};`), finish: () => `(<f32>${s})` };
    }
    case 'double': {
      const s = c.temp('f64', '0.0');
      return { step: (x) => c.emit(`${s} += ${x};`), finish: () => s };
    }
  }
}

export const product = defineFunction({
  name: 'a.product',
  sigs: [NUMERIC_ARRAY],
  errors: { intOverflow: 15410, longOverflow: 15411 },
  js: (site: CallSite<Overflow>) => {
    const productOf = (a: Nums) => {
      let p = 1;
      for (let i = 0; i < a.length; i++) p *= a[i];
      return p;
    };
    switch (numKind(site.bindings.A)) {
      // Without a zero factor |product| never shrinks (|x| >= 1), so once a partial product has
      // left the int range (or lost exactness beyond 2^53) the final one is out of range too.
      case 'int':
        return (a: Nums) => {
          const p = productOf(a);
          return intInRange(p) ? (p === 0 ? 0 : p) : site.fail('intOverflow');
        };
      case 'long':
        return (a: Longs) => {
          if (a.includes(0n)) return 0n;
          let p = 1n;
          for (const x of a) {
            p *= x;
            if (!longInRange(p)) return site.fail('longOverflow');
          }
          return p;
        };
      case 'float':
        return (a: Nums) => Math.fround(productOf(a));
      case 'double':
        return productOf;
    }
  },
  // The same multiplications in the same order (doubles for int, float and double arrays).
  wasm: (c) => {
    const a = c.args[0];
    const kind = numKind(c.site.bindings.A);
    if (kind === 'long') {
      // An i64 product overflows exactly when the exact product leaves the long range.
      const p = c.temp('i64', '1');
      const zero = c.temp('bool', 'false');
      eachItem(c, a, (x) => c.emit(`if (${x} == 0) { ${zero} = true; break; }`));
      c.block(`if (${zero}) ${p} = 0; else`, () => {
        eachItem(c, a, (x) => c.emit(`if (${RT.mulOverflowsI64}(${p}, ${x})) ${c.fail('longOverflow')} ${p} *= ${x};`));
      });
      return p;
    }
    const p = c.temp('f64', '1.0');
    eachItem(c, a, (x) => c.emit(`${p} *= <f64>${x};`));
    if (kind === 'int') {
      c.emit(`if (!(${p} >= -2147483648.0 && ${p} <= 2147483647.0)) ${c.fail('intOverflow')}`);
      return `(<i32>${p})`;
    }
    return kind === 'float' ? `(<f32>${p})` : p;
  },
});

export const lnsum = defineFunction({
  name: 'a.lnsum',
  sigs: ['(a: array<double>) -> double'],
  // Math.log gives -Infinity at zero and NaN below zero, the spec's results.
  js: () => (a: Nums) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += fdlibm.log(a[i]);
    return s;
  },
  wasm: (c) => {
    const s = c.temp('f64', '0.0');
    eachItem(c, c.args[0], (x) => c.emit(`${s} += Math.log(${x});`));
    return s;
  },
});

export const mean = defineFunction({
  name: 'a.mean',
  sigs: ['(a: array<double>) -> double'],
  js: () => (a: Nums) => sumOf(a) / a.length, // 0 / 0 is NaN for an empty array
  wasm: (c) => {
    const s = c.temp('f64', '0.0');
    eachItem(c, c.args[0], (x) => c.emit(`${s} += ${x};`));
    return `(${s} / <f64>${c.args[0]}.length)`;
  },
});

export const geomean = defineFunction({
  name: 'a.geomean',
  sigs: ['(a: array<double>) -> double'],
  js: () => (a: Nums) => {
    if (a.length === 0) return NaN;
    let p = 1;
    for (let i = 0; i < a.length; i++) p *= a[i];
    return fdlibm.pow(p, 1 / a.length);
  },
  wasm: (c) => {
    const a = c.args[0];
    const r = c.temp('f64', 'NaN');
    const p = c.temp('f64', '1.0');
    c.if_(`${a}.length > 0`, () => {
      eachItem(c, a, (x) => c.emit(`${p} *= ${x};`));
      c.emit(`${r} = Math.pow(${p}, 1.0 / <f64>${a}.length);`);
    });
    return r;
  },
});

/**
 * The spec's median rule on a sorted copy: the centre item; for an even count of floats or
 * doubles the mean of the two central items, otherwise the left one.
 */
function medianFor(site: CallSite) {
  const cmp = comparatorFor(site.bindings.A);
  const kind = site.bindings.A.kind;
  const average =
    kind === 'double'
      ? (x: number, y: number) => (x + y) / 2
      : kind === 'float'
        ? (x: number, y: number) => Math.fround((x + y) / 2)
        : undefined;
  return (a: Arr): unknown => {
    const s = a.slice().sort(cmp);
    const half = Math.floor(s.length / 2);
    if (s.length % 2 === 1) return s[half];
    return average ? average(s[half - 1] as number, s[half] as number) : s[half - 1];
  };
}

export const median = defineFunction({
  name: 'a.median',
  sigs: ['(a: array<any A>) -> A'],
  errors: { emptyArray: 15450 },
  js: (site) => {
    const med = medianFor(site);
    return (a: Arr) => (a.length === 0 ? site.fail('emptyArray') : med(a));
  },
  wasm: (c) => {
    c.emit(`if (${c.args[0]}.length == 0) ${c.fail('emptyArray')}`);
    return medianWasm(c, c.args[0]);
  },
});

export const ntile = defineFunction({
  name: 'a.ntile',
  sigs: ['(a: array<any A>, p: double) -> A'],
  errors: { emptyArray: 15460, pNotANumber: 15461 },
  js: (site) => {
    const cmp = comparatorFor(site.bindings.A);
    const kind = site.bindings.A.kind;
    const numeric = kind === 'float' || kind === 'double';
    const round = kind === 'float' ? Math.fround : (x: number) => x;
    return (a: Arr, p: number) => {
      if (a.length === 0) return site.fail('emptyArray');
      if (Number.isNaN(p)) return site.fail('pNotANumber', 'p not a number');
      if (p <= 0) return best(a, (x, y) => cmp(x, y) < 0);
      if (p >= 1) return best(a, (x, y) => cmp(x, y) > 0);
      const s = a.slice().sort(cmp);
      // Linear interpolation between the closest ranks, k = (n - 1) p, for floats and doubles;
      // the item at floor(k) for every other type.
      const k = (s.length - 1) * p;
      const f = Math.floor(k);
      if (!numeric) return s[f];
      const c = Math.ceil(k);
      if (f === c) return s[f];
      return round((s[f] as number) * (c - k) + (s[c] as number) * (k - f));
    };
  },
  wasm: (c) => {
    const [a, p] = c.args;
    const t = c.site.bindings.A;
    const kind = t.kind;
    c.emit(`if (${a}.length == 0) ${c.fail('emptyArray')}`);
    c.emit(`if (${p} != ${p}) ${c.fail('pNotANumber', 'p not a number')}`);
    const out = c.temp(c.type(t), c.zero(t));
    // best(a, cmp < 0) for p <= 0, best(a, cmp > 0) for p >= 1: the first extreme item.
    c.if_(
      `${p} <= 0.0 || ${p} >= 1.0`,
      () => {
        const bi = c.temp('i32', '0');
        const i = c.temp('i32', '1');
        c.block(`for (; ${i} < ${a}.length; ${i}++)`, () => {
          c.emit(c.clock());
          const r = wasmOrder(c, t, `unchecked(${a}[${i}])`, `unchecked(${a}[${bi}])`);
          c.emit(`if (${p} <= 0.0 ? ${r} < 0 : ${r} > 0) ${bi} = ${i};`);
        });
        c.emit(`${out} = unchecked(${a}[${bi}]);`);
      },
      () => {
        const s = stableSorted(c, t, a, (x, y) => `(${wasmOrder(c, t, x, y)} < 0)`);
        const k = c.temp('f64', `<f64>(${s}.length - 1) * ${p}`);
        const f = c.temp('f64', `Math.floor(${k})`);
        c.emit(`${out} = unchecked(${s}[<i32>${f}]);`);
        if (kind === 'float' || kind === 'double') {
          // Linear interpolation between the closest ranks, as the JS form: s[f] (c - k) + s[c] (k - f).
          const cc = c.temp('f64', `Math.ceil(${k})`);
          const v = `<f64>unchecked(${s}[<i32>${f}]) * (${cc} - ${k}) + <f64>unchecked(${s}[<i32>${cc}]) * (${k} - ${f})`;
          c.emit(`if (${f} != ${cc}) ${out} = ${kind === 'float' ? `<f32>(${v})` : v};`);
        }
      },
    );
    return out;
  },
});

export const mode = defineFunction({
  name: 'a.mode',
  sigs: ['(a: array<any A>) -> A'],
  errors: { emptyArray: 15470 },
  js: (site) => {
    const med = medianFor(site);
    // A Map's SameValueZero is sameItem for primitive values, so those are counted in one pass.
    const fast = primitiveValued(site.bindings.A);
    return (a: Arr) => {
      if (a.length === 0) return site.fail('emptyArray');
      // Distinct values in order of first appearance, with their counts.
      const values: unknown[] = [];
      const counts: number[] = [];
      const index = new Map<unknown, number>();
      for (const x of a) {
        const i = fast ? (index.get(x) ?? -1) : values.findIndex((v) => sameItem(v, x));
        if (i >= 0) {
          counts[i]++;
          continue;
        }
        if (fast) index.set(x, values.length);
        values.push(x);
        counts.push(1);
      }
      let top = 0;
      for (const c of counts) if (c > top) top = c;
      // Several equally common values: their median, as the spec says.
      return med(values.filter((_, i) => counts[i] === top));
    };
  },
  wasm: (c) => {
    const a = c.args[0];
    const t = c.site.bindings.A;
    c.emit(`if (${a}.length == 0) ${c.fail('emptyArray')}`);
    // Distinct values in order of first appearance, with their counts: at most one per item, so
    // both tables are made once at the array's length (growing arrays by push allocated again and
    // again: a forest's vote is a.mode of a hundred scores per record).
    const T = c.type(t);
    const values = c.temp(`StaticArray<${T}>`, `${RT.rawStatic}<${T}>(${a}.length)`);
    const counts = c.temp('StaticArray<i32>', `${RT.rawStatic}<i32>(${a}.length)`);
    const distinct = c.temp('i32', '0');
    const at = c.temp('i32', '0');
    eachItem(c, a, (x) => {
      c.emit(`${at} = -1;`);
      // (the search is charged to the clock before it, at its length, as a collection loop is)
      c.emit(c.clockAt('0', distinct));
      const j = c.temp('i32', '0');
      c.block(`for (; ${j} < ${distinct}; ${j}++)`, () => {
        c.emit(`if (${wasmEquals(c, t, `unchecked(${values}[${j}])`, x)}) { ${at} = ${j}; break; }`);
      });
      c.emit(
        `if (${at} >= 0) unchecked(${counts}[${at}] += 1); else { unchecked(${values}[${distinct}] = ${x}); unchecked(${counts}[${distinct}] = 1); ${distinct}++; }`,
      );
    });
    const top = c.temp('i32', '0');
    const first = c.temp('i32', '0');
    const tiedCount = c.temp('i32', '0');
    const k = c.temp('i32', '0');
    c.emit(c.clockAt('0', distinct));
    c.emit(
      `for (; ${k} < ${distinct}; ${k}++) if (unchecked(${counts}[${k}]) > ${top}) ${top} = unchecked(${counts}[${k}]);`,
    );
    c.emit(
      `for (${k} = ${distinct} - 1; ${k} >= 0; ${k}--) if (unchecked(${counts}[${k}]) == ${top}) { ${first} = ${k}; ${tiedCount}++; }`,
    );
    // One most common value is its own median (of one item, s[0]); several: their median, as the spec says.
    const out = c.temp(T, `unchecked(${values}[${first}])`);
    c.if_(`${tiedCount} > 1`, () => {
      const tied = c.temp(`Array<${T}>`, `${RT.rawArray}<${T}>(${tiedCount})`);
      const n = c.temp('i32', '0');
      c.emit(
        `for (${k} = ${first}; ${k} < ${distinct}; ${k}++) if (unchecked(${counts}[${k}]) == ${top}) ${RT.setAt}(${tied}, ${n}++, unchecked(${values}[${k}]));`,
      );
      c.emit(`${out} = ${medianWasm(c, tied)};`);
    });
    return out;
  },
});

export const logsumexp = defineFunction({
  name: 'a.logsumexp',
  sigs: ['(a: array<double>) -> double'],
  js: () => (a: Nums) => {
    if (a.length === 0) return NaN;
    // log(sum exp(x_i)) = m + log(sum exp(x_i - m)) with m the largest item, so no exp overflows.
    let m = a[0];
    for (let i = 1; i < a.length; i++) if (a[i] > m) m = a[i];
    let s = 0;
    for (let i = 0; i < a.length; i++) s += fdlibm.exp(a[i] - m);
    return fdlibm.log(s) + m;
  },
  wasm: (c) => {
    const a = c.args[0];
    const r = c.temp('f64', 'NaN');
    c.if_(`${a}.length > 0`, () => {
      const m = c.temp('f64', `unchecked(${a}[0])`);
      eachItem(c, a, (x) => c.emit(`if (${x} > ${m}) ${m} = ${x};`));
      const s = c.temp('f64', '0.0');
      eachItem(c, a, (x) => c.emit(`${s} += Math.exp(${x} - ${m});`));
      c.emit(`${r} = Math.log(${s}) + ${m};`);
    });
    return r;
  },
});

/** medianFor on a non-empty array: the centre of a stable sorted copy (Avro order is consistent). */
function medianWasm(c: WasmCall, a: string): string {
  const t = c.site.bindings.A;
  const s = stableSorted(c, t, a, (x, y) => `(${wasmOrder(c, t, x, y)} < 0)`);
  const half = c.temp('i32', `${s}.length >> 1`);
  const out = c.temp(c.type(t), `unchecked(${s}[${half}])`);
  const left = `unchecked(${s}[${half} - 1])`;
  const even =
    t.kind === 'double'
      ? `(${left} + ${out}) / 2.0`
      : t.kind === 'float'
        ? `<f32>((<f64>${left} + <f64>${out}) / 2.0)`
        : left;
  c.emit(`if ((${s}.length & 1) == 0) ${out} = ${even};`);
  return out;
}
