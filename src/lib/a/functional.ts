/**
 * `a` namespace, functional programming and functional tests: map, filter, filterMap and flatMap
 * (each also with the index), zipmap(WithIndex) over 2 to 4 arrays, reduce, fold (left and
 * right), takeWhile, dropWhile, any, all, corresponds(WithIndex). Function arguments are plain JS
 * functions. Calls go left to right, once per item (right to left for the *Right folds).
 */
import { defineFunction } from '../registry.js';
import { eachItem, newArray } from '../util/wasm.js';

type Arr = readonly unknown[];
type F1 = (x: unknown) => unknown;
type F2 = (x: unknown, y: unknown) => unknown;
type Pred = (x: unknown) => boolean;
type IndexPred = (i: number, x: unknown) => boolean;

export const map = defineFunction({
  name: 'a.map',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> any B) -> array<B>'],
  js: () => (a: Arr, fcn: F1) => a.map((x) => fcn(x)),
  wasm: (c) => {
    const out = newArray(c, c.fcn(1).ret);
    eachItem(c, c.args[0], (x) => c.emit(`${out}.push(${c.fcn(1).apply([x])});`));
    return out;
  },
});

export const mapWithIndex = defineFunction({
  name: 'a.mapWithIndex',
  sigs: ['(a: array<any A>, fcn: fcn(int, A) -> any B) -> array<B>'],
  js: () => (a: Arr, fcn: F2) => a.map((x, i) => fcn(i, x)),
});

export const filter = defineFunction({
  name: 'a.filter',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> boolean) -> array<A>'],
  js: () => (a: Arr, fcn: Pred) => a.filter((x) => fcn(x)),
});

export const filterWithIndex = defineFunction({
  name: 'a.filterWithIndex',
  sigs: ['(a: array<any A>, fcn: fcn(int, A) -> boolean) -> array<A>'],
  js: () => (a: Arr, fcn: IndexPred) => a.filter((x, i) => fcn(i, x)),
});

/** Keeps the non-null results (a union<B, null> value arrives bare, null as null). */
function keepNonNull(a: Arr, call: (x: unknown, i: number) => unknown): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < a.length; i++) {
    const y = call(a[i], i);
    if (y !== null) out.push(y);
  }
  return out;
}

export const filterMap = defineFunction({
  name: 'a.filterMap',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> union<any B, null>) -> array<B>'],
  js: () => (a: Arr, fcn: F1) => keepNonNull(a, (x) => fcn(x)),
});

export const filterMapWithIndex = defineFunction({
  name: 'a.filterMapWithIndex',
  sigs: ['(a: array<any A>, fcn: fcn(int, A) -> union<any B, null>) -> array<B>'],
  js: () => (a: Arr, fcn: F2) => keepNonNull(a, (x, i) => fcn(i, x)),
});

function flatten(a: Arr, call: (x: unknown, i: number) => Arr): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < a.length; i++) for (const y of call(a[i], i)) out.push(y);
  return out;
}

export const flatMap = defineFunction({
  name: 'a.flatMap',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> array<any B>) -> array<B>'],
  js: () => (a: Arr, fcn: (x: unknown) => Arr) => flatten(a, (x) => fcn(x)),
});

export const flatMapWithIndex = defineFunction({
  name: 'a.flatMapWithIndex',
  sigs: ['(a: array<any A>, fcn: fcn(int, A) -> array<any B>) -> array<B>'],
  js: () => (a: Arr, fcn: (i: number, x: unknown) => Arr) => flatten(a, (x, i) => fcn(i, x)),
});

const ZIP_SIGS = (index: string) => [
  `(a: array<any A>, b: array<any B>, fcn: fcn(${index}A, B) -> any Z) -> array<Z>`,
  `(a: array<any A>, b: array<any B>, c: array<any C>, fcn: fcn(${index}A, B, C) -> any Z) -> array<Z>`,
  `(a: array<any A>, b: array<any B>, c: array<any C>, d: array<any D>, fcn: fcn(${index}A, B, C, D) -> any Z) -> array<Z>`,
];

/** zipmap over the arrays in `args` (the last argument is the function). */
function zip(args: unknown[], withIndex: boolean, misaligned: () => never): unknown[] {
  const fcn = args[args.length - 1] as (...xs: unknown[]) => unknown;
  const arrays = args.slice(0, -1) as Arr[];
  const n = arrays[0].length;
  if (arrays.some((x) => x.length !== n)) return misaligned();
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const row = arrays.map((x) => x[i]);
    out[i] = withIndex ? fcn(i, ...row) : fcn(...row);
  }
  return out;
}

export const zipmap = defineFunction({
  name: 'a.zipmap',
  sigs: ZIP_SIGS(''),
  errors: { misalignedArrays: 15650 },
  js: (site) => (...args: unknown[]) => zip(args, false, () => site.fail('misalignedArrays')),
  wasm: (c) => {
    const arrays = c.args.slice(0, -1);
    const f = c.fcn(arrays.length);
    const [first, ...rest] = arrays;
    for (const a of rest) c.emit(`if (${a}.length != ${first}.length) ${c.fail('misalignedArrays')}`);
    const out = newArray(c, f.ret);
    eachItem(c, first, (_x, i) => c.emit(`${out}.push(${f.apply(arrays.map((a) => `unchecked(${a}[${i}])`))});`));
    return out;
  },
});

export const zipmapWithIndex = defineFunction({
  name: 'a.zipmapWithIndex',
  sigs: ZIP_SIGS('int, '),
  errors: { misalignedArrays: 15660 },
  js: (site) => (...args: unknown[]) => zip(args, true, () => site.fail('misalignedArrays')),
});

export const reduce = defineFunction({
  name: 'a.reduce',
  sigs: ['(a: array<any A>, fcn: fcn(A, A) -> A) -> A'],
  errors: { emptyArray: 15670 },
  js: (site) => (a: Arr, fcn: F2) => {
    if (a.length === 0) return site.fail('emptyArray');
    let tally = a[0];
    for (let i = 1; i < a.length; i++) tally = fcn(tally, a[i]);
    return tally;
  },
});

export const reduceRight = defineFunction({
  name: 'a.reduceRight',
  sigs: ['(a: array<any A>, fcn: fcn(A, A) -> A) -> A'],
  errors: { emptyArray: 15680 },
  js: (site) => (a: Arr, fcn: F2) => {
    if (a.length === 0) return site.fail('emptyArray');
    let tally = a[a.length - 1];
    for (let i = a.length - 2; i >= 0; i--) tally = fcn(a[i], tally);
    return tally;
  },
});

export const fold = defineFunction({
  name: 'a.fold',
  sigs: ['(a: array<any A>, zero: any B, fcn: fcn(B, A) -> B) -> B'],
  js: () => (a: Arr, zero: unknown, fcn: F2) => {
    let tally = zero;
    for (let i = 0; i < a.length; i++) tally = fcn(tally, a[i]);
    return tally;
  },
});

export const foldRight = defineFunction({
  name: 'a.foldRight',
  sigs: ['(a: array<any A>, zero: any B, fcn: fcn(A, B) -> B) -> B'],
  js: () => (a: Arr, zero: unknown, fcn: F2) => {
    let tally = zero;
    for (let i = a.length - 1; i >= 0; i--) tally = fcn(a[i], tally);
    return tally;
  },
});

/** Length of the longest prefix on which `fcn` is true. */
function prefixLength(a: Arr, fcn: Pred): number {
  let i = 0;
  while (i < a.length && fcn(a[i])) i++;
  return i;
}

export const takeWhile = defineFunction({
  name: 'a.takeWhile',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> boolean) -> array<A>'],
  js: () => (a: Arr, fcn: Pred) => a.slice(0, prefixLength(a, fcn)),
});

export const dropWhile = defineFunction({
  name: 'a.dropWhile',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> boolean) -> array<A>'],
  js: () => (a: Arr, fcn: Pred) => a.slice(prefixLength(a, fcn)),
});

export const any = defineFunction({
  name: 'a.any',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> boolean) -> boolean'],
  js: () => (a: Arr, fcn: Pred) => a.some((x) => fcn(x)),
});

export const all = defineFunction({
  name: 'a.all',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> boolean) -> boolean'],
  js: () => (a: Arr, fcn: Pred) => a.every((x) => fcn(x)),
});

export const corresponds = defineFunction({
  name: 'a.corresponds',
  sigs: ['(a: array<any A>, b: array<any B>, fcn: fcn(A, B) -> boolean) -> boolean'],
  js: () => (a: Arr, b: Arr, fcn: (x: unknown, y: unknown) => boolean) => a.length === b.length && a.every((x, i) => fcn(x, b[i])),
});

export const correspondsWithIndex = defineFunction({
  name: 'a.correspondsWithIndex',
  sigs: ['(a: array<any A>, b: array<any B>, fcn: fcn(int, A, B) -> boolean) -> boolean'],
  js: () => (a: Arr, b: Arr, fcn: (i: number, x: unknown, y: unknown) => boolean) => a.length === b.length && a.every((x, i) => fcn(i, x, b[i])),
});
