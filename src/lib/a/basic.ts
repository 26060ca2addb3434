/**
 * `a` namespace, basic access and manipulation (spec sec. "Array manipulation"): len, subseq,
 * head/tail/last/init, subseqto, concat, append, cycle, insert, replace, remove, rotate.
 * Indexes follow Python's rules as the spec says: negative ones count from the end, slice
 * bounds are clipped, single indexes must land inside the array. Inputs are never mutated.
 */
import { defineFunction } from '../registry.js';

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
});

export const subseq = defineFunction({
  name: 'a.subseq',
  sigs: ['(a: array<any A>, start: int, end: int) -> array<A>'],
  js: () => (a: Arr, start: number, end: number) => {
    const [s, e] = sliceBounds(a.length, start, end);
    return a.slice(s, e);
  },
});

export const head = defineFunction({
  name: 'a.head',
  sigs: ['(a: array<any A>) -> A'],
  errors: { emptyArray: 15020 },
  js: (site) => (a: Arr) => (a.length === 0 ? site.fail('emptyArray') : a[0]),
});

export const tail = defineFunction({
  name: 'a.tail',
  sigs: ['(a: array<any A>) -> array<A>'],
  errors: { emptyArray: 15030 },
  js: (site) => (a: Arr) => (a.length === 0 ? site.fail('emptyArray') : a.slice(1)),
});

export const last = defineFunction({
  name: 'a.last',
  sigs: ['(a: array<any A>) -> A'],
  errors: { emptyArray: 15040 },
  js: (site) => (a: Arr) => (a.length === 0 ? site.fail('emptyArray') : a[a.length - 1]),
});

export const init = defineFunction({
  name: 'a.init',
  sigs: ['(a: array<any A>) -> array<A>'],
  errors: { emptyArray: 15050 },
  js: (site) => (a: Arr) => (a.length === 0 ? site.fail('emptyArray') : a.slice(0, a.length - 1)),
});

export const subseqto = defineFunction({
  name: 'a.subseqto',
  sigs: ['(a: array<any A>, start: int, end: int, replacement: array<A>) -> array<A>'],
  js: () => (a: Arr, start: number, end: number, replacement: Arr) => {
    const [s, e] = sliceBounds(a.length, start, end);
    return [...a.slice(0, s), ...replacement, ...a.slice(e)];
  },
});

export const concat = defineFunction({
  name: 'a.concat',
  sigs: ['(a: array<any A>, b: array<A>) -> array<A>'],
  js: () => (a: Arr, b: Arr) => [...a, ...b],
});

export const append = defineFunction({
  name: 'a.append',
  sigs: ['(a: array<any A>, item: A) -> array<A>'],
  js: () => (a: Arr, item: unknown) => [...a, item],
  wasm: (c) => {
    const out = c.temp(c.type(c.site.ret), `${c.args[0]}.slice(0)`);
    c.emit(`${out}.push(${c.args[1]});`);
    return out;
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
});

export const remove = defineFunction({
  name: 'a.remove',
  sigs: ['(a: array<any A>, start: int, end: int) -> array<A>', '(a: array<any A>, index: int) -> array<A>'],
  errors: { indexOutOfRange: 15180 },
  js: (site) => site.sig === 0
    ? (a: Arr, start: number, end: number) => {
      const [s, e] = sliceBounds(a.length, start, end);
      return [...a.slice(0, s), ...a.slice(e)];
    }
    : (a: Arr, index: number) => {
      const i = singleIndex(a.length, index);
      if (i < 0) return site.fail('indexOutOfRange');
      return [...a.slice(0, i), ...a.slice(i + 1)];
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
});
