/**
 * `map` namespace, spec section "Extreme values by key": argmax, argmin and their LT, N and NLT
 * forms. Ties among extreme values are broken by key, in code-point order, as the spec says.
 */
import { CallSite, WasmCall, defineFunction } from '../registry.js';
import { AvroType, T } from '../../types/avro.js';
import { eachEntry, wasmOrder } from '../util/wasm.js';
import { firstNRanked } from '../util/rankingWasm.js';

import { comparatorFor, compareStrings } from '../../values.js';
import { best, topN } from '../util/ranking.js';
import { RT } from '../../backend/wasm/emit/names.js';
import { M } from './entries.js';

type Entry = readonly [string, unknown];
type LessThan = (x: unknown, y: unknown) => boolean;

/** Wasm argmaxN/argminN in Avro order: the keys of the n best entries, best first (topN in util/ranking.ts). */
function topNWasm(c: WasmCall, high: boolean): string {
  const [m, n] = c.args;
  const t = c.site.bindings.A;
  c.emit(`if (${m}.size == 0) ${c.fail('emptyMap')}`);
  c.emit(`if (${n} < 0) ${c.fail('nNegative', 'n < 0')}`);
  const out = c.temp('Array<i32>', 'new Array<i32>(0)');
  c.if_(`${n} > 0`, () => {
    eachEntry(c, m, (k, v) => {
      const x = c.temp(c.type(t), v);
      const at = c.temp('i32', `${out}.length`);
      const j = c.temp('i32', '0');
      c.block(`for (; ${j} < ${out}.length; ${j}++)`, () => {
        const qk = c.temp('i32', `unchecked(${out}[${j}])`);
        const qv = c.temp(c.type(t), `${m}.get(${qk})`);
        const cmp = c.temp('i32', wasmOrder(c, t, x, qv));
        c.emit(
          `if (${cmp} ${high ? '>' : '<'} 0 || (${cmp} == 0 && ${RT.compareStrings}(${k}, ${qk}) < 0)) { ${at} = ${j}; break; }`,
        );
      });
      c.if_(`${at} < ${n}`, () => {
        c.emit(`${out}.push(0);`);
        const i = c.temp('i32', `${out}.length - 1`);
        c.emit(`for (; ${i} > ${at}; ${i}--) ${RT.setAt}(${out}, ${i}, ${out}[${i} - 1]);`);
        c.emit(`${RT.setAt}(${out}, ${at}, ${k});`);
        c.emit(`if (${out}.length > ${n}) ${out}.pop();`);
      });
    });
  });
  return out;
}

/**
 * argmaxNLT/argminNLT: topN of util/ranking.ts over the entries, ranked by the user's lessThan
 * with ties broken by key. The entries are their indexes; `before` calls lessThan exactly where
 * the JS form's rank does (the second call only when the first is false, the keys only when
 * both are), and n > 8 sorts with V8's algorithm (timsortWasm), so even an inconsistent
 * lessThan gives the JS answer.
 */
function topNLTWasm(c: WasmCall, high: boolean): string {
  const m = c.temp(c.type(c.site.params[0] as AvroType), c.args[0]); // lessThan may set a cell m reads
  const n = c.args[1];
  c.emit(`if (${m}.size == 0) ${c.fail('emptyMap')}`);
  c.emit(`if (${n} < 0) ${c.fail('nNegative', 'n < 0')}`);
  const better = (i: string, j: string) => {
    const [x, y] = high ? [j, i] : [i, j];
    return c.temp('bool', c.fcn(2).apply([`${m}.valueAt(${x})`, `${m}.valueAt(${y})`]));
  };
  const before = (i: string, j: string) => {
    const r = better(i, j);
    c.if_(`!${r}`, () => {
      const worse = better(j, i);
      c.emit(`${r} = !${worse} && ${RT.compareStrings}(${m}.keyAt(${i}), ${m}.keyAt(${j})) < 0;`);
    });
    return r;
  };
  const items = c.temp('Array<i32>', `new Array<i32>(${m}.size)`);
  const i = c.temp('i32', '0');
  c.emit(`for (; ${i} < ${m}.size; ${i}++) ${RT.setAt}(${items}, ${i}, ${i});`);
  const out = firstNRanked(c, T.int, items, n, before);
  const keys = c.temp('Array<i32>', `new Array<i32>(${out}.length)`);
  c.emit(
    `for (${i} = 0; ${i} < ${out}.length; ${i}++) ${RT.setAt}(${keys}, ${i}, ${m}.keyAt(unchecked(${out}[${i}])));`,
  );
  return keys;
}

/** One member of the argmax/argmin family (see a/order.ts for the array version). */
function extreme(name: string, code: number, high: boolean, withLT: boolean, withN: boolean) {
  const params = ['m: map<any A>'];
  if (withN) params.push('n: int');
  if (withLT) params.push('lessThan: fcn(A, A) -> boolean');
  const errors: Record<string, number> = withN ? { emptyMap: code, nNegative: code + 1 } : { emptyMap: code };
  // p ranks before q: a strictly better value, or an equal one with a smaller key.
  const rank = (lt: LessThan) => {
    const better = high ? (x: unknown, y: unknown) => lt(y, x) : lt;
    return (p: Entry, q: Entry) => better(p[1], q[1]) || (!better(q[1], p[1]) && compareStrings(p[0], q[0]) < 0);
  };
  const select = withN
    ? (entries: Entry[], n: number, before: (p: Entry, q: Entry) => boolean) =>
        topN(entries, n, before).map((e) => e[0])
    : (entries: Entry[], _n: number, before: (p: Entry, q: Entry) => boolean) => best(entries, before)[0];
  return defineFunction({
    name,
    sigs: [`(${params.join(', ')}) -> ${withN ? 'array<string>' : 'string'}`],
    errors,
    js: (site: CallSite<Record<string, number>>) => {
      const run = (m: M, n: number, lt: LessThan): string | string[] => {
        if (m.size === 0) return site.fail('emptyMap');
        if (n < 0) return site.fail('nNegative', 'n < 0');
        return select([...m], n, rank(lt));
      };
      if (withLT) return withN ? run : (m: M, lt: LessThan) => run(m, 1, lt);
      const cmp = comparatorFor(site.bindings.A);
      const avroLT: LessThan = (x, y) => cmp(x, y) < 0;
      return withN ? (m: M, n: number) => run(m, n, avroLT) : (m: M) => run(m, 1, avroLT);
    },
    // With n: topN's bounded insertion (Avro order with key ties is a strict total order, so this is
    // also what its stable sort gives for n > 8); with a user lessThan, topN step for step.
    wasm: withN
      ? withLT
        ? (c) => topNLTWasm(c, high)
        : (c) => topNWasm(c, high)
      : (c) => {
          // A strictly better value, or an equal one with a smaller key (by code point), replaces the best.
          const m = c.args[0];
          const t = c.site.bindings.A;
          // (entries walked in place, in insertion order: [...m] in the JS form; in the arrays the
          // map was made from when the lowering knows them, lower/shapes.ts rule 7)
          const e = c.entriesOf?.(m);
          const size = e ? e.size : `${m}.size`;
          const keyAt = (i: string) => (e ? `unchecked(${e.keys}[${i}])` : `${m}.keyAt(${i})`);
          const valueAt = (i: string) => (e ? `unchecked(${e.store}[${i}])` : `${m}.valueAt(${i})`);
          c.emit(`if (${size} == 0) ${c.fail('emptyMap')}`);
          const bk = c.temp('i32', keyAt('0'));
          const bv = c.temp(c.type(t), valueAt('0'));
          const i = c.temp('i32', '1');
          c.block(`for (; ${i} < ${size}; ${i}++)`, () => {
            c.emit(c.clock());
            const k = c.temp('i32', keyAt(i));
            const v = c.temp(c.type(t), valueAt(i));
            // Each result goes to a local: a second inlined call may rebind the locals the first read.
            const lt = (x: string, y: string) =>
              withLT ? c.temp('bool', c.fcn(1).apply([x, y])) : `(${wasmOrder(c, t, x, y)} < 0)`;
            // As in JS, the second comparison runs only when the first is false (||).
            const take = c.temp('bool', high ? lt(bv, v) : lt(v, bv));
            c.if_(`!${take}`, () => {
              const worse = high ? lt(v, bv) : lt(bv, v);
              c.emit(`${take} = !${worse} && ${RT.compareStrings}(${k}, ${bk}) < 0;`);
            });
            c.emit(`if (${take}) { ${bk} = ${k}; ${bv} = ${v}; }`);
          });
          return bk;
        },
  });
}

export const argmax = extreme('map.argmax', 26120, true, false, false);
export const argmin = extreme('map.argmin', 26130, false, false, false);
export const argmaxLT = extreme('map.argmaxLT', 26140, true, true, false);
export const argminLT = extreme('map.argminLT', 26150, false, true, false);
export const argmaxN = extreme('map.argmaxN', 26160, true, false, true);
export const argminN = extreme('map.argminN', 26170, false, false, true);
export const argmaxNLT = extreme('map.argmaxNLT', 26180, true, true, true);
export const argminNLT = extreme('map.argminNLT', 26190, false, true, true);
