/**
 * `stat.sample` namespace, spec section "Maintain a top-N list": topN.
 */
import { defineFunction } from '../../registry.js';

export const topN = defineFunction({
  name: 'stat.sample.topN',
  sigs: ['(x: any A, top: array<A>, n: int, lessThan: fcn(A, A) -> boolean) -> array<A>'],
  js: () => (x: unknown, top: unknown[], n: number, lessThan: (a: unknown, b: unknown) => boolean) => {
    if (n <= 0) return [];
    // x goes before the first element that is less than it, so equal elements already there win.
    let index = top.findIndex((best) => lessThan(best, x));
    if (index < 0) index = top.length;
    return [...top.slice(0, index), x, ...top.slice(index)].slice(0, n);
  },
  wasm: (c) => {
    const [x, top, n] = c.args;
    const T = c.type(c.site.ret);
    const out = c.temp(T, `new ${T}(0)`);
    c.if_(`${n} > 0`, () => {
      const index = c.temp('i32', `${top}.length`);
      const i = c.temp('i32', '0');
      c.block(`for (; ${i} < ${top}.length; ${i}++)`, () => {
        c.emit(c.clock());
        c.emit(`if (${c.fcn(3).apply([`unchecked(${top}[${i}])`, x])}) { ${index} = ${i}; break; }`);
      });
      c.emit(`${out} = ${top}.slice(0, ${index}); ${out}.push(${x});`);
      const j = c.temp('i32', index);
      c.emit(`for (; ${j} < ${top}.length && ${out}.length < ${n}; ${j}++) ${out}.push(unchecked(${top}[${j}]));`);
      c.emit(`if (${out}.length > ${n}) ${out} = ${out}.slice(0, ${n});`);
    });
    return out;
  },
});
