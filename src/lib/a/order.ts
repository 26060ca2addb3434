/**
 * `a` namespace, reordering and extreme values: sort, sortLT, shuffle, reverse, and the
 * max/min/argmax/argmin family in four flavours each (Avro order or a lessThan function; one
 * item or the n best). Ties keep their original order: the first maximal item wins, and the
 * argN functions return tied indexes in ascending order, as the spec says.
 */
import { CallSite, WasmCall, defineFunction } from '../registry.js';
import { stableSorted, wasmOrder } from '../util/wasm.js';
import { v8Sorted } from '../util/timsortWasm.js';
import { comparatorLess, firstNRanked } from '../util/rankingWasm.js';
import { AvroType, T } from '../../types/avro.js';
import { comparatorFor } from '../../values.js';
import { best, topN } from '../util/ranking.js';
import { RT } from '../../backend/wasm/emit/names.js';

type Arr = readonly unknown[];
type LessThan = (x: unknown, y: unknown) => boolean;

/** "x is less than y" in the Avro order of the array's item type. */
export function avroLessThan(site: CallSite): LessThan {
  const cmp = comparatorFor(site.bindings.A);
  return (x, y) => cmp(x, y) < 0;
}

export const sort = defineFunction({
  name: 'a.sort',
  sigs: ['(a: array<any A>) -> array<A>'],
  js: (site) => {
    const cmp = comparatorFor(site.bindings.A);
    return (a: Arr) => a.slice().sort(cmp); // stable (ES2019), on a copy
  },
  // Avro order is consistent, so every stable sort gives Array.prototype.sort's answer.
  wasm: (c) => {
    const t = c.site.bindings.A;
    return stableSorted(c, t, c.args[0], (x, y) => `(${wasmOrder(c, t, x, y)} < 0)`);
  },
});

export const sortLT = defineFunction({
  name: 'a.sortLT',
  sigs: ['(a: array<any A>, lessThan: fcn(A, A) -> boolean) -> array<A>'],
  js: () => (a: Arr, lt: LessThan) => a.slice().sort((x, y) => (lt(x, y) ? -1 : lt(y, x) ? 1 : 0)),
  // V8's own sort, step for step (util/timsortWasm): lessThan need not be a consistent order.
  wasm: (c) => {
    const a = c.temp(c.type(c.site.params[0] as AvroType), c.args[0]);
    return v8Sorted(
      c,
      c.site.bindings.A,
      a,
      comparatorLess(c, (x, y) => c.fcn(1).apply([x, y])),
    );
  },
});

export const shuffle = defineFunction({
  name: 'a.shuffle',
  sigs: ['(a: array<any A>) -> array<A>'],
  nondeterministic: 'pseudorandom',
  js: (site) => (a: Arr) => {
    // Fisher-Yates (Knuth, TAOCP vol. 2, Algorithm P) on a copy.
    const out = a.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(site.engine.random() * (i + 1));
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  },
  // The same draws in the same order from the engine's generator (rt.random is site.engine.random).
  wasm: (c) => {
    const out = c.temp(c.type(c.site.ret), `${c.args[0]}.slice(0)`);
    const i = c.temp('i32', `${out}.length - 1`);
    const j = c.temp('i32', '0');
    const t = c.temp(c.type(c.site.bindings.A), c.zero(c.site.bindings.A));
    c.block(`for (; ${i} > 0; ${i}--)`, () => {
      c.emit(c.clock());
      c.emit(`${j} = <i32>Math.floor(${RT.random}() * <f64>(${i} + 1));`);
      c.emit(
        `${t} = unchecked(${out}[${i}]); ${RT.setAt}(${out}, ${i}, unchecked(${out}[${j}])); ${RT.setAt}(${out}, ${j}, ${t});`,
      );
    });
    return out;
  },
});

export const reverse = defineFunction({
  name: 'a.reverse',
  sigs: ['(a: array<any A>) -> array<A>'],
  js: () => (a: Arr) => a.slice().reverse(),
  wasm: (c) => c.temp(c.type(c.site.ret), `${c.args[0]}.slice(0).reverse()`),
});

type Kind = 'value' | 'index';
type Select = (a: Arr, n: number, lt: LessThan) => unknown;

/**
 * The selection for one member of the family, chosen once: x ranks before y when it is strictly
 * greater (max) or strictly less (min), so ties keep their input order.
 */
function selector(high: boolean, withN: boolean, kind: Kind): Select {
  const rank = high
    ? (lt: LessThan): LessThan =>
        (x, y) =>
          lt(y, x)
    : (lt: LessThan) => lt;
  if (kind === 'value') {
    return withN ? (a, n, lt) => topN(a, n, rank(lt)) : (a, _n, lt) => best(a, rank(lt));
  }
  const indexes = (a: Arr) => Array.from(a, (_, i) => i);
  const byItem = (a: Arr, lt: LessThan) => {
    const r = rank(lt);
    return (i: number, j: number) => r(a[i], a[j]);
  };
  return withN ? (a, n, lt) => topN(indexes(a), n, byItem(a, lt)) : (a, _n, lt) => best(indexes(a), byItem(a, lt));
}

/**
 * One member of the extreme-value family. `high` picks max (else min); `withLT` whether the
 * order comes from a lessThan argument (else Avro order); `withN` whether an n argument is taken;
 * `kind` whether items or their indexes are returned.
 */
function extreme(name: string, code: number, high: boolean, withLT: boolean, withN: boolean, kind: Kind) {
  const params = ['a: array<any A>'];
  if (withN) params.push('n: int');
  if (withLT) params.push('lessThan: fcn(A, A) -> boolean');
  const item = kind === 'value' ? 'A' : 'int';
  const ret = withN ? `array<${item}>` : item;
  const errors: Record<string, number> = withN ? { emptyArray: code, nNegative: code + 1 } : { emptyArray: code };
  const select = selector(high, withN, kind);
  return defineFunction({
    name,
    sigs: [`(${params.join(', ')}) -> ${ret}`],
    errors,
    js: (site: CallSite<Record<string, number>>) => {
      const run = (a: Arr, n: number, lt: LessThan): unknown => {
        if (a.length === 0) return site.fail('emptyArray');
        if (n < 0) return site.fail('nNegative', 'n < 0');
        return select(a, n, lt);
      };
      if (withLT) return withN ? run : (a: Arr, lt: LessThan) => run(a, 1, lt);
      const avroLT = avroLessThan(site);
      return withN ? (a: Arr, n: number) => run(a, n, avroLT) : (a: Arr) => run(a, 1, avroLT);
    },
    // The first best item wins ties, as in the JS form: replace only when strictly better.
    wasm: withN
      ? withLT
        ? (c) => topNLTWasm(c, high, kind)
        : (c) => topNWasm(c, high, kind)
      : (c) => {
          // In a local of its own: lessThan may set a cell the argument read.
          const a = c.temp(c.type(c.site.params[0] as AvroType), c.args[0]);
          const t = c.site.bindings.A;
          c.emit(`if (${a}.length == 0) ${c.fail('emptyArray')}`);
          const bi = c.temp('i32', '0');
          const i = c.temp('i32', '1');
          // Without lessThan an item costs a compare: the clock is charged as a collection loop's
          // (from item 1, 65,536 items at a time), not asked per item (AlpineNow's three items).
          // With it, each item runs a function, asked per item as before.
          const n = withLT ? `${a}.length` : c.temp('i32', `${a}.length`);
          const items = withLT ? a : c.temp(`StaticArray<${c.type(t)}>`, `${RT.itemsOf}(${a})`);
          c.block(`for (; ${i} < ${n}; ${i}++)`, () => {
            c.emit(withLT ? c.clock() : c.clockAt(`(${i} - 1)`, `${n} - ${i}`));
            const x = `unchecked(${items}[${i}])`,
              b = `unchecked(${items}[${bi}])`;
            const [p, q] = high ? [b, x] : [x, b];
            const lt = withLT ? c.fcn(1).apply([p, q]) : `(${wasmOrder(c, t, p, q)} < 0)`;
            c.emit(`if (${lt}) ${bi} = ${i};`);
          });
          return kind === 'index' ? bi : `unchecked(${a}[${bi}])`;
        },
  });
}

export const max = extreme('a.max', 15240, true, false, false, 'value');
export const min = extreme('a.min', 15250, false, false, false, 'value');
export const maxLT = extreme('a.maxLT', 15260, true, true, false, 'value');
export const minLT = extreme('a.minLT', 15270, false, true, false, 'value');
export const maxN = extreme('a.maxN', 15280, true, false, true, 'value');
export const minN = extreme('a.minN', 15290, false, false, true, 'value');
export const maxNLT = extreme('a.maxNLT', 15300, true, true, true, 'value');
export const minNLT = extreme('a.minNLT', 15310, false, true, true, 'value');
export const argmax = extreme('a.argmax', 15320, true, false, false, 'index');
export const argmin = extreme('a.argmin', 15330, false, false, false, 'index');
export const argmaxLT = extreme('a.argmaxLT', 15340, true, true, false, 'index');
export const argminLT = extreme('a.argminLT', 15350, false, true, false, 'index');
export const argmaxN = extreme('a.argmaxN', 15360, true, false, true, 'index');
export const argminN = extreme('a.argminN', 15370, false, false, true, 'index');
export const argmaxNLT = extreme('a.argmaxNLT', 15380, true, true, true, 'index');
export const argminNLT = extreme('a.argminNLT', 15390, false, true, true, 'index');

/**
 * topN in Avro order (util/ranking.ts): for a consistent order its bounded insertion and its
 * stable sort both give the first n items of a stable sort by rank, which this emits. (With a
 * lessThan argument the JS form's Array.prototype.sort for n > 8 decides ties its own way when
 * lessThan is inconsistent, so the *NLT functions stay in JS.)
 */
function topNWasm(c: WasmCall, high: boolean, kind: Kind): string {
  const [a, n] = c.args;
  const t = c.site.bindings.A;
  c.emit(`if (${a}.length == 0) ${c.fail('emptyArray')}`);
  c.emit(`if (${n} < 0) ${c.fail('nNegative', 'n < 0')}`);
  const before = (x: string, y: string) => `(${high ? wasmOrder(c, t, y, x) : wasmOrder(c, t, x, y)} < 0)`;
  if (kind === 'value') {
    const sorted = stableSorted(c, t, a, before);
    return c.temp(c.type(c.site.ret), `${sorted}.slice(0, ${n})`);
  }
  const indexes = c.temp('Array<i32>', `new Array<i32>(${a}.length)`);
  const i = c.temp('i32', '0');
  c.emit(`for (; ${i} < ${a}.length; ${i}++) ${RT.setAt}(${indexes}, ${i}, ${i});`);
  const sorted = stableSorted(c, T.int, indexes, (x, y) => before(`unchecked(${a}[${x}])`, `unchecked(${a}[${y}])`));
  return c.temp('Array<i32>', `${sorted}.slice(0, ${n})`);
}

/**
 * topN with a lessThan argument, as util/ranking.ts: the bounded insertion for n <= 8, else
 * V8's sort of the items (or indexes) with the rank's comparator, then the first n.
 */
function topNLTWasm(c: WasmCall, high: boolean, kind: Kind): string {
  const t = c.site.bindings.A;
  const a = c.temp(c.type(c.site.params[0] as AvroType), c.args[0]);
  const n = c.args[1];
  c.emit(`if (${a}.length == 0) ${c.fail('emptyArray')}`);
  c.emit(`if (${n} < 0) ${c.fail('nNegative', 'n < 0')}`);
  const lt = (x: string, y: string) => c.fcn(2).apply([x, y]);
  const rank = (x: string, y: string) => (high ? lt(y, x) : lt(x, y));
  const et = kind === 'value' ? t : T.int;
  const before =
    kind === 'value' ? rank : (i: string, j: string) => rank(`unchecked(${a}[${i}])`, `unchecked(${a}[${j}])`);
  const items = kind === 'value' ? a : c.temp('Array<i32>', `new Array<i32>(${a}.length)`);
  if (kind === 'index') {
    const i = c.temp('i32', '0');
    c.emit(`for (; ${i} < ${a}.length; ${i}++) ${RT.setAt}(${items}, ${i}, ${i});`);
  }
  return firstNRanked(c, et, items, n, before);
}
