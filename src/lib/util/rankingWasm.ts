/**
 * The Wasm twin of util/ranking.ts's topN for a user's lessThan (a.maxNLT/minNLT and their
 * argmax forms, map.argmaxNLT/argminNLT): the same two paths as the JS form, so an inconsistent
 * lessThan still gives the JS answer. n > 8 sorts with V8's algorithm (timsortWasm) and keeps the
 * first n; otherwise a bounded insertion walks the items once, as ranking.ts does.
 */
import { AvroType } from '../../types/avro.js';
import { WasmCall } from '../registry.js';
import { RT } from '../../backend/wasm/emit/names.js';
import { v8Sorted } from './timsortWasm.js';

type Less = (x: string, y: string) => string;

/**
 * `less(x, y)` for V8's sort given the JS comparator (x, y) => (lt(x, y) ? -1 : lt(y, x) ? 1 : 0):
 * "< 0" is lt(x, y), but lt(y, x) is still called when lt(x, y) is false, as in JS (it may fail).
 */
export function comparatorLess(c: WasmCall, lt: Less): Less {
  return (x, y) => {
    const r = c.temp('bool', lt(x, y));
    c.if_(`!${r}`, () => {
      lt(y, x);
    });
    return r;
  };
}

/**
 * The first n of `items` (an AS array of type t) in the order `before` ranks them, as a new array
 * (`before(x, y)` emits its calls and returns a pure bool: x ranks strictly before y). n >= 0 is
 * checked by the caller, with the error its function names.
 */
export function firstNRanked(c: WasmCall, t: AvroType, items: string, n: string, before: Less): string {
  const E = c.type(t);
  const out = c.temp(`Array<${E}>`, `new Array<${E}>(0)`);
  c.ifChain([
    [
      `${n} > 8`,
      () => {
        const sorted = v8Sorted(c, t, items, comparatorLess(c, before));
        c.emit(`${out} = ${sorted}.slice(0, ${n});`);
      },
    ],
    [
      `${n} > 0`,
      () => {
        const i = c.temp('i32', '0'),
          at = c.temp('i32', '0'),
          j = c.temp('i32', '0'),
          x = c.temp(E, c.zero(t));
        c.block(`for (${i} = 0; ${i} < ${items}.length; ${i}++)`, () => {
          c.emit(c.clock());
          c.emit(`${x} = unchecked(${items}[${i}]); ${at} = ${out}.length;`);
          c.block(`for (${j} = 0; ${j} < ${out}.length; ${j}++)`, () => {
            c.if_(before(x, `unchecked(${out}[${j}])`), () => {
              c.emit(`${at} = ${j};`);
              c.emit('break;');
            });
          });
          c.emit(`if (${at} >= ${n}) continue;`);
          // out.splice(at, 0, x), then drop the last when there are n + 1.
          c.emit(`${out}.push(${x});`);
          c.emit(
            `for (${j} = ${out}.length - 1; ${j} > ${at}; ${j}--) ${RT.setAt}(${out}, ${j}, unchecked(${out}[${j} - 1]));`,
          );
          c.emit(`${RT.setAt}(${out}, ${at}, ${x});`);
          c.emit(`if (${out}.length > ${n}) ${out}.pop();`);
        });
      },
    ],
  ]);
  return out;
}
