/**
 * `a` namespace, basic access and manipulation (spec sec. "Array manipulation"): len, subseq,
 * head/tail/last/init, subseqto, concat, append, cycle, insert, replace, remove, rotate.
 * Indexes follow Python's rules as the spec says: negative ones count from the end, slice
 * bounds are clipped, single indexes must land inside the array. Inputs are never mutated.
 */
import { WasmCall, defineFunction } from '../registry.js';
import { RT } from '../../backend/wasm/emit/names.js';

type Arr = readonly unknown[];

/** Python slice bounds: negative counts from the end, clipped to [0, length], end >= start. */
export function sliceBounds(length: number, start: number, end: number): [number, number] {
  let s = start >= 0 ? start : length + start;
  s = Math.min(Math.max(s, 0), length);
  let e = end >= 0 ? end : length + end;
  e = Math.min(Math.max(e, 0), length);
  return [s, Math.max(e, s)];
}

/** A single Python-style index, or -1 when it falls outside the array. */
function singleIndex(length: number, index: number): number {
  const i = index >= 0 ? index : length + index;
  return i >= 0 && i < length ? i : -1;
}

export const len = defineFunction({
  name: 'a.len',
  sigs: ['(a: array<any A>) -> int'],
  js: () => (a: Arr) => a.length,
  wasm: (c) => `${c.args[0]}.length`,
});

export const subseq = defineFunction({
  name: 'a.subseq',
  sigs: ['(a: array<any A>, start: int, end: int) -> array<A>'],
  js: () => (a: Arr, start: number, end: number) => {
    const [s, e] = sliceBounds(a.length, start, end);
    return a.slice(s, e);
  },
  wasm: (c) => {
    const [s, e] = sliceBoundsWasm(c, c.args[0], c.args[1], c.args[2]);
    return c.temp(c.type(c.site.ret), `${c.args[0]}.slice(${s}, ${e})`);
  },
});

export const head = defineFunction({
  name: 'a.head',
  sigs: ['(a: array<any A>) -> A'],
  errors: { emptyArray: 15020 },
  js: (site) => (a: Arr) => (a.length === 0 ? site.fail('emptyArray') : a[0]),
  wasm: (c) => {
    c.emit(`if (${c.args[0]}.length == 0) ${c.fail('emptyArray')}`);
    return c.temp(c.type(c.site.ret), `unchecked(${c.args[0]}[0])`);
  },
});

export const tail = defineFunction({
  name: 'a.tail',
  sigs: ['(a: array<any A>) -> array<A>'],
  errors: { emptyArray: 15030 },
  js: (site) => (a: Arr) => (a.length === 0 ? site.fail('emptyArray') : a.slice(1)),
  wasm: (c) => {
    c.emit(`if (${c.args[0]}.length == 0) ${c.fail('emptyArray')}`);
    return c.temp(c.type(c.site.ret), `${c.args[0]}.slice(1)`);
  },
});

export const last = defineFunction({
  name: 'a.last',
  sigs: ['(a: array<any A>) -> A'],
  errors: { emptyArray: 15040 },
  js: (site) => (a: Arr) => (a.length === 0 ? site.fail('emptyArray') : a[a.length - 1]),
  wasm: (c) => {
    c.emit(`if (${c.args[0]}.length == 0) ${c.fail('emptyArray')}`);
    return c.temp(c.type(c.site.ret), `unchecked(${c.args[0]}[${c.args[0]}.length - 1])`);
  },
});

export const init = defineFunction({
  name: 'a.init',
  sigs: ['(a: array<any A>) -> array<A>'],
  errors: { emptyArray: 15050 },
  js: (site) => (a: Arr) => (a.length === 0 ? site.fail('emptyArray') : a.slice(0, a.length - 1)),
  wasm: (c) => {
    c.emit(`if (${c.args[0]}.length == 0) ${c.fail('emptyArray')}`);
    return c.temp(c.type(c.site.ret), `${c.args[0]}.slice(0, ${c.args[0]}.length - 1)`);
  },
});

export const subseqto = defineFunction({
  name: 'a.subseqto',
  sigs: ['(a: array<any A>, start: int, end: int, replacement: array<A>) -> array<A>'],
  js: () => (a: Arr, start: number, end: number, replacement: Arr) => {
    const [s, e] = sliceBounds(a.length, start, end);
    return [...a.slice(0, s), ...replacement, ...a.slice(e)];
  },
  wasm: (c) => {
    const a = c.args[0];
    const [s, e] = sliceBoundsWasm(c, a, c.args[1], c.args[2]);
    return c.temp(c.type(c.site.ret), `${a}.slice(0, ${s}).concat(${c.args[3]}).concat(${a}.slice(${e}))`);
  },
});

export const concat = defineFunction({
  name: 'a.concat',
  sigs: ['(a: array<any A>, b: array<A>) -> array<A>'],
  js: () => (a: Arr, b: Arr) => [...a, ...b],
  wasm: (c) => c.temp(c.type(c.site.ret), `${c.args[0]}.concat(${c.args[1]})`),
});

export const append = defineFunction({
  name: 'a.append',
  sigs: ['(a: array<any A>, item: A) -> array<A>'],
  js: () => (a: Arr, item: unknown) => [...a, item],
  // Made at its final length and filled, not sliced and pushed: push outgrows the slice's exact
  // room and copies the items a second time (AlpineNow appends to its scores on every record).
  wasm: (c) => {
    const [a, item] = c.args;
    const ret = c.site.ret;
    if (ret.kind !== 'array') throw new Error('internal: a.append returns an array');
    const I = c.type(ret.items);
    const n = c.temp('i32', `${a}.length`);
    const out = c.temp(c.type(ret), `${RT.rawArray}<${I}>(${n} + 1)`);
    const i = c.temp('i32', '0');
    c.emit(
      `if (isManaged<${I}>()) { for (; ${i} < ${n}; ${i}++) ${RT.setAt}(${out}, ${i}, unchecked(${a}[${i}])); } else memory.copy(${out}.dataStart, ${a}.dataStart, <usize>${n} << alignof<${I}>());`,
    );
    c.emit(`${RT.setAt}(${out}, ${n}, ${item});`);
    return out;
  },
  // a.append(a.map(...), item) (AlpineNow's scores and their 1.0): the producer's items are
  // stored straight into the result, made at its final length, and no array is made to copy.
  wasmFold: (c) => {
    const ret = c.site.ret;
    if (ret.kind !== 'array') throw new Error('internal: a.append returns an array');
    const I = c.type(ret.items);
    let out: { array: string; n: string } | undefined;
    const made = () => {
      if (!out) throw new Error('internal: a.append fused with a producer that does not count its items');
      return out;
    };
    return {
      begin: (items) => {
        const n = c.temp('i32', items);
        out = { array: c.temp(c.type(ret), `${RT.rawArray}<${I}>(${n} + 1)`), n };
      },
      step: (x, i) => c.emit(`${RT.setAt}(${made().array}, ${i}, ${x});`),
      finish: ([item]) => {
        c.emit(`${RT.setAt}(${made().array}, ${made().n}, ${item});`);
        return made().array;
      },
    };
  },
});

export const cycle = defineFunction({
  name: 'a.cycle',
  sigs: ['(a: array<any A>, item: A, maxLength: int) -> array<A>'],
  errors: { maxLengthOutOfRange: 15150 },
  js: (site) => (a: Arr, item: unknown, maxLength: number) => {
    if (maxLength < 0) return site.fail('maxLengthOutOfRange', 'maxLength out of range');
    const out = [...a, item];
    return out.length > maxLength ? out.slice(out.length - maxLength) : out;
  },
  wasm: (c) => {
    const [a, item, maxLength] = c.args;
    c.emit(`if (${maxLength} < 0) ${c.fail('maxLengthOutOfRange', 'maxLength out of range')}`);
    const out = c.temp(c.type(c.site.ret), `${a}.slice(0)`);
    c.emit(`${out}.push(${item});`);
    c.emit(`if (${out}.length > ${maxLength}) ${out} = ${out}.slice(${out}.length - ${maxLength});`);
    return out;
  },
});

export const insert = defineFunction({
  name: 'a.insert',
  sigs: ['(a: array<any A>, index: int, item: A) -> array<A>'],
  errors: { indexOutOfRange: 15160 },
  js: (site) => (a: Arr, index: number, item: unknown) => {
    const i = singleIndex(a.length, index);
    if (i < 0) return site.fail('indexOutOfRange');
    return [...a.slice(0, i), item, ...a.slice(i)];
  },
  wasm: (c) => {
    const [a, index, item] = c.args;
    const i = singleIndexWasm(c, a, index);
    c.emit(`if (${i} < 0) ${c.fail('indexOutOfRange')}`);
    const out = c.temp(c.type(c.site.ret), `${a}.slice(0, ${i})`);
    c.emit(`${out}.push(${item});`);
    return c.temp(c.type(c.site.ret), `${out}.concat(${a}.slice(${i}))`);
  },
});

export const replace = defineFunction({
  name: 'a.replace',
  sigs: ['(a: array<any A>, index: int, item: A) -> array<A>'],
  errors: { indexOutOfRange: 15170 },
  js: (site) => (a: Arr, index: number, item: unknown) => {
    const i = singleIndex(a.length, index);
    if (i < 0) return site.fail('indexOutOfRange');
    const out = a.slice();
    out[i] = item;
    return out;
  },
  wasm: (c) => {
    const [a, index, item] = c.args;
    const i = singleIndexWasm(c, a, index);
    c.emit(`if (${i} < 0) ${c.fail('indexOutOfRange')}`);
    const out = c.temp(c.type(c.site.ret), `${a}.slice(0)`);
    c.emit(`${out}[${i}] = ${item};`);
    return out;
  },
});

export const remove = defineFunction({
  name: 'a.remove',
  sigs: ['(a: array<any A>, start: int, end: int) -> array<A>', '(a: array<any A>, index: int) -> array<A>'],
  errors: { indexOutOfRange: 15180 },
  js: (site) =>
    site.sig === 0
      ? (a: Arr, start: number, end: number) => {
          const [s, e] = sliceBounds(a.length, start, end);
          return [...a.slice(0, s), ...a.slice(e)];
        }
      : (a: Arr, index: number) => {
          const i = singleIndex(a.length, index);
          if (i < 0) return site.fail('indexOutOfRange');
          return [...a.slice(0, i), ...a.slice(i + 1)];
        },
  wasm: (c) => {
    const a = c.args[0];
    if (c.site.sig === 0) {
      const [s, e] = sliceBoundsWasm(c, a, c.args[1], c.args[2]);
      return c.temp(c.type(c.site.ret), `${a}.slice(0, ${s}).concat(${a}.slice(${e}))`);
    }
    const i = singleIndexWasm(c, a, c.args[1]);
    c.emit(`if (${i} < 0) ${c.fail('indexOutOfRange')}`);
    return c.temp(c.type(c.site.ret), `${a}.slice(0, ${i}).concat(${a}.slice(${i} + 1))`);
  },
});

export const rotate = defineFunction({
  name: 'a.rotate',
  sigs: ['(a: array<any A>, steps: int) -> array<A>'],
  errors: { stepsOutOfRange: 15190 },
  js: (site) => (a: Arr, steps: number) => {
    if (steps < 0) return site.fail('stepsOutOfRange');
    if (a.length === 0) return a.slice();
    const k = steps % a.length;
    return [...a.slice(k), ...a.slice(0, k)];
  },
  wasm: (c) => {
    const [a, steps] = c.args;
    c.emit(`if (${steps} < 0) ${c.fail('stepsOutOfRange')}`);
    const out = c.temp(c.type(c.site.ret), `${a}.slice(0)`);
    const k = c.temp('i32', `${a}.length > 0 ? ${steps} % ${a}.length : 0`);
    c.emit(`if (${a}.length > 0) ${out} = ${a}.slice(${k}).concat(${a}.slice(0, ${k}));`);
    return out;
  },
});

// ---- Wasm forms: the index rules above, on i32 locals (length + index cannot overflow: length >= 0).

/** sliceBounds as two i32 locals [start, end]. */
function sliceBoundsWasm(c: WasmCall, a: string, start: string, end: string): [string, string] {
  const s = c.temp('i32', `${start} >= 0 ? ${start} : ${a}.length + ${start}`);
  c.emit(`${s} = min(max(${s}, 0), ${a}.length);`);
  const e = c.temp('i32', `${end} >= 0 ? ${end} : ${a}.length + ${end}`);
  c.emit(`${e} = max(min(max(${e}, 0), ${a}.length), ${s});`);
  return [s, e];
}

/** singleIndex as an i32 local (-1 outside the array). */
function singleIndexWasm(c: WasmCall, a: string, index: string): string {
  const i = c.temp('i32', `${index} >= 0 ? ${index} : ${a}.length + ${index}`);
  c.emit(`if (${i} < 0 || ${i} >= ${a}.length) ${i} = -1;`);
  return i;
}
