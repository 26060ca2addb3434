/**
 * `a` namespace, restructuring: slidingWindow, combinations, permutations, flatten, groupby.
 * Combinations and permutations come out in lexicographic order of the item positions (the
 * order of Python's itertools, which the reference uses).
 */
import { defineFunction } from '../registry.js';
import type { AvroType } from '../../types/avro.js';
import { eachItem, newArray } from '../util/wasm.js';
import { RT } from '../../backend/wasm/emit/names.js';

type Arr = readonly unknown[];

export const slidingWindow = defineFunction({
  name: 'a.slidingWindow',
  sigs: ['(a: array<any A>, size: int, step: int) -> array<array<A>>'],
  errors: { sizeLessThanOne: 15770, stepLessThanOne: 15771 },
  js: (site) => (a: Arr, size: number, step: number) => {
    if (size < 1) return site.fail('sizeLessThanOne', 'size < 1');
    if (step < 1) return site.fail('stepLessThanOne', 'step < 1');
    const out: unknown[][] = [];
    for (let start = 0; start + size <= a.length; start += step) out.push(a.slice(start, start + size));
    return out;
  },
  wasm: (c) => {
    const [a, size, step] = c.args;
    c.emit(`if (${size} < 1) ${c.fail('sizeLessThanOne', 'size < 1')}`);
    c.emit(`if (${step} < 1) ${c.fail('stepLessThanOne', 'step < 1')}`);
    const out = c.temp(c.type(c.site.ret), `new ${c.type(c.site.ret)}(0)`);
    // i64 positions: start + size and start + step may pass 2^31 where the JS numbers do not wrap.
    const start = c.temp('i64', '0');
    c.block(`for (; ${start} + <i64>${size} <= <i64>${a}.length; ${start} += <i64>${step})`, () => {
      c.emit(c.clock());
      c.emit(`${out}.push(${a}.slice(<i32>${start}, <i32>(${start} + <i64>${size})));`);
    });
    return out;
  },
});

export const combinations = defineFunction({
  name: 'a.combinations',
  sigs: ['(a: array<any A>, size: int) -> array<array<A>>'],
  errors: { sizeLessThanOne: 15780 },
  js: (site) => (a: Arr, size: number) => {
    if (size < 1) return site.fail('sizeLessThanOne', 'size < 1');
    const out: unknown[][] = [];
    if (size > a.length) return out;
    // Positions i[0] < i[1] < ... < i[size-1], advanced like an odometer from the right.
    const pos = Array.from({ length: size }, (_, i) => i);
    for (;;) {
      out.push(pos.map((i) => a[i]));
      let k = size - 1;
      while (k >= 0 && pos[k] === a.length - size + k) k--;
      if (k < 0) return out;
      pos[k]++;
      for (let j = k + 1; j < size; j++) pos[j] = pos[j - 1] + 1;
    }
  },
  wasm: (c) => {
    const [a, size] = c.args;
    c.emit(`if (${size} < 1) ${c.fail('sizeLessThanOne', 'size < 1')}`);
    const out = c.temp(c.type(c.site.ret), `new ${c.type(c.site.ret)}(0)`);
    const T_ = c.type(c.site.bindings.A);
    // Positions pos[0] < ... < pos[size-1], advanced like an odometer from the right.
    const pos = c.temp('Array<i32>', 'new Array<i32>(0)');
    const k = c.temp('i32', '0'),
      j = c.temp('i32', '0');
    const row = c.temp(`Array<${T_}>`, `new Array<${T_}>(0)`);
    c.if_(`${size} <= ${a}.length`, () => {
      c.emit(`${pos} = new Array<i32>(${size});`);
      c.emit(`for (${j} = 0; ${j} < ${size}; ${j}++) ${RT.setAt}(${pos}, ${j}, ${j});`);
      c.block('while (true)', () => {
        c.emit(c.clock());
        c.emit(`${row} = new Array<${T_}>(${size});`);
        c.emit(
          `for (${j} = 0; ${j} < ${size}; ${j}++) ${RT.setAt}(${row}, ${j}, unchecked(${a}[unchecked(${pos}[${j}])]));`,
        );
        c.emit(`${out}.push(${row});`);
        c.emit(`${k} = ${size} - 1;`);
        c.emit(`while (${k} >= 0 && unchecked(${pos}[${k}]) == ${a}.length - ${size} + ${k}) ${k}--;`);
        c.emit(`if (${k} < 0) break;`);
        c.emit(`${RT.setAt}(${pos}, ${k}, unchecked(${pos}[${k}]) + 1);`);
        c.emit(
          `for (${j} = ${k} + 1; ${j} < ${size}; ${j}++) ${RT.setAt}(${pos}, ${j}, unchecked(${pos}[${j} - 1]) + 1);`,
        );
      });
    });
    return out;
  },
});

export const permutations = defineFunction({
  name: 'a.permutations',
  sigs: ['(a: array<any A>) -> array<array<A>>'],
  js: () => (a: Arr) => {
    const out: unknown[][] = [];
    const used = new Array<boolean>(a.length).fill(false);
    const current: unknown[] = [];
    // Depth-first, trying unused positions in ascending order at each level.
    const extend = () => {
      if (current.length === a.length) {
        out.push(current.slice());
        return;
      }
      for (let i = 0; i < a.length; i++) {
        if (used[i]) continue;
        used[i] = true;
        current.push(a[i]);
        extend();
        current.pop();
        used[i] = false;
      }
    };
    extend();
    return out;
  },
  // The depth-first order above is the lexicographic order of the position sequences, which
  // the next-permutation step (Knuth, TAOCP vol. 4A, Algorithm L) walks without recursion.
  wasm: (c) => {
    const a = c.args[0];
    const out = c.temp(c.type(c.site.ret), `new ${c.type(c.site.ret)}(0)`);
    const T_ = c.type(c.site.bindings.A);
    const n = c.temp('i32', `${a}.length`);
    const idx = c.temp('Array<i32>', `new Array<i32>(${n})`);
    const i = c.temp('i32', '0'),
      j = c.temp('i32', '0'),
      t = c.temp('i32', '0');
    const row = c.temp(`Array<${T_}>`, `new Array<${T_}>(0)`);
    c.emit(`for (${i} = 0; ${i} < ${n}; ${i}++) ${RT.setAt}(${idx}, ${i}, ${i});`);
    c.block('while (true)', () => {
      c.emit(c.clock());
      c.emit(`${row} = new Array<${T_}>(${n});`);
      c.emit(
        `for (${i} = 0; ${i} < ${n}; ${i}++) ${RT.setAt}(${row}, ${i}, unchecked(${a}[unchecked(${idx}[${i}])]));`,
      );
      c.emit(`${out}.push(${row});`);
      c.emit(`${i} = ${n} - 2;`);
      c.emit(`while (${i} >= 0 && unchecked(${idx}[${i}]) > unchecked(${idx}[${i} + 1])) ${i}--;`);
      c.emit(`if (${i} < 0) break;`);
      c.emit(`${j} = ${n} - 1;`);
      c.emit(`while (unchecked(${idx}[${j}]) < unchecked(${idx}[${i}])) ${j}--;`);
      c.emit(
        `${t} = unchecked(${idx}[${i}]); ${RT.setAt}(${idx}, ${i}, unchecked(${idx}[${j}])); ${RT.setAt}(${idx}, ${j}, ${t});`,
      );
      c.emit(`${i}++; ${j} = ${n} - 1;`);
      c.emit(
        `while (${i} < ${j}) { ${t} = unchecked(${idx}[${i}]); ${RT.setAt}(${idx}, ${i}, unchecked(${idx}[${j}])); ${RT.setAt}(${idx}, ${j}, ${t}); ${i}++; ${j}--; }`,
      );
    });
    return out;
  },
});

export const flatten = defineFunction({
  name: 'a.flatten',
  sigs: ['(a: array<array<any A>>) -> array<A>'],
  js: () => (a: readonly Arr[]) => {
    const out: unknown[] = [];
    for (const part of a) for (const x of part) out.push(x);
    return out;
  },
  wasm: (c) => {
    const out = newArray(c, c.site.bindings.A);
    eachItem(c, c.args[0], (part) => {
      const p = c.temp(`Array<${c.type(c.site.bindings.A)}>`, part);
      eachItem(c, p, (x) => c.emit(`${out}.push(${x});`));
    });
    return out;
  },
});

export const groupby = defineFunction({
  name: 'a.groupby',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> string) -> map<array<A>>'],
  js: () => (a: Arr, fcn: (x: unknown) => string) => {
    const out = new Map<string, unknown[]>();
    for (const x of a) {
      const k = fcn(x);
      const group = out.get(k);
      if (group) group.push(x);
      else out.set(k, [x]);
    }
    return out;
  },
  wasm: (c) => {
    const a = c.temp(c.type(c.site.params[0] as AvroType), c.args[0]);
    const T_ = `Array<${c.type(c.site.bindings.A)}>`;
    const out = c.temp(`CodeMap<${T_}>`, `new CodeMap<${T_}>()`);
    eachItem(c, a, (x) => {
      const k = c.temp('i32', c.fcn(1).apply([x]));
      const g = c.temp(T_, `new ${T_}(0)`);
      c.emit(`if (${out}.has(${k})) ${out}.get(${k}).push(${x}); else { ${g}.push(${x}); ${out}.set(${k}, ${g}); }`);
    });
    return out;
  },
});
