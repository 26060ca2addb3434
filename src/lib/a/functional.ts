/**
 * `a` namespace, functional programming and functional tests: map, filter, filterMap and flatMap
 * (each also with the index), zipmap(WithIndex) over 2 to 4 arrays, reduce, fold (left and
 * right), takeWhile, dropWhile, any, all, corresponds(WithIndex). Function arguments are plain JS
 * functions. Calls go left to right, once per item (right to left for the *Right folds).
 */
import { WasmCall, WasmItem, defineFunction } from '../registry.js';
import type { AvroType } from '../../types/avro.js';
import { eachItem, eachNonNull, newArray, sizedArray } from '../util/wasm.js';
import { RT } from '../../backend/wasm/emit/names.js';

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
    const out = sizedArray(c, c.fcn(1).ret, `${c.args[0]}.length`);
    eachItem(c, c.args[0], (x, i) => c.emit(`${RT.setAt}(${out}, ${i}, ${c.fcn(1).apply([x])});`));
    return out;
  },
  wasmItems: (c, each, count) => {
    count(`${c.args[0]}.length`);
    eachItem(c, c.args[0], (x, i) => each(c.fcn(1).item([x]), i));
  },
});

export const mapWithIndex = defineFunction({
  name: 'a.mapWithIndex',
  sigs: ['(a: array<any A>, fcn: fcn(int, A) -> any B) -> array<B>'],
  js: () => (a: Arr, fcn: F2) => a.map((x, i) => fcn(i, x)),
  wasm: (c) => {
    const f = c.fcn(1);
    const a = held(c, 0);
    const out = sizedArray(c, f.ret, `${a}.length`);
    eachItem(c, a, (x, i) => c.emit(`${RT.setAt}(${out}, ${i}, ${f.apply([i, x])});`));
    return out;
  },
});

export const filter = defineFunction({
  name: 'a.filter',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> boolean) -> array<A>'],
  js: () => (a: Arr, fcn: Pred) => a.filter((x) => fcn(x)),
  wasm: (c) => keepWhere(c, (x) => c.fcn(1).apply([x])),
});

export const filterWithIndex = defineFunction({
  name: 'a.filterWithIndex',
  sigs: ['(a: array<any A>, fcn: fcn(int, A) -> boolean) -> array<A>'],
  js: () => (a: Arr, fcn: IndexPred) => a.filter((x, i) => fcn(i, x)),
  wasm: (c) => keepWhere(c, (x, i) => c.fcn(1).apply([i, x])),
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
  wasm: (c) => keepNonNullWasm(c, (x) => c.fcn(1).apply([x])),
});

export const filterMapWithIndex = defineFunction({
  name: 'a.filterMapWithIndex',
  sigs: ['(a: array<any A>, fcn: fcn(int, A) -> union<any B, null>) -> array<B>'],
  js: () => (a: Arr, fcn: F2) => keepNonNull(a, (x, i) => fcn(i, x)),
  wasm: (c) => keepNonNullWasm(c, (x, i) => c.fcn(1).apply([i, x])),
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
  wasm: (c) => flattenWasm(c, (x) => c.fcn(1).apply([x])),
});

export const flatMapWithIndex = defineFunction({
  name: 'a.flatMapWithIndex',
  sigs: ['(a: array<any A>, fcn: fcn(int, A) -> array<any B>) -> array<B>'],
  js: () => (a: Arr, fcn: (i: number, x: unknown) => Arr) => flatten(a, (x, i) => fcn(i, x)),
  wasm: (c) => flattenWasm(c, (x, i) => c.fcn(1).apply([i, x])),
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
  js:
    (site) =>
    (...args: unknown[]) =>
      zip(args, false, () => site.fail('misalignedArrays')),
  wasm: (c) => {
    const first = c.args[0];
    // (made at its final length: one item per index, stored in place, no growing push)
    const out = sizedArray(c, c.fcn(c.args.length - 1).ret, `${first}.length`);
    zipItems(c, (item, i) => c.emit(`${RT.setAt}(${out}, ${i}, ${item.value()});`));
    return out;
  },
  wasmItems: (c, each, count) => zipItems(c, each, count),
});

/**
 * a.zipmap's items in order, after its length check: the function of the arrays' items at each
 * index (`count` is told their number first).
 */
function zipItems(c: WasmCall, each: (item: WasmItem, index: string) => void, count?: (items: string) => void): void {
  const arrays = c.args.slice(0, -1);
  const f = c.fcn(arrays.length);
  const [first, ...rest] = arrays;
  for (const a of rest) c.emit(`if (${a}.length != ${first}.length) ${c.fail('misalignedArrays')}`);
  count?.(`${first}.length`);
  eachItem(c, first, (_x, i) => each(f.item(arrays.map((a) => `unchecked(${a}[${i}])`)), i));
}

export const zipmapWithIndex = defineFunction({
  name: 'a.zipmapWithIndex',
  sigs: ZIP_SIGS('int, '),
  errors: { misalignedArrays: 15660 },
  js:
    (site) =>
    (...args: unknown[]) =>
      zip(args, true, () => site.fail('misalignedArrays')),
  wasm: (c) => {
    const arrays = c.args.slice(0, -1).map((_, k) => held(c, k));
    const f = c.fcn(arrays.length);
    const [first, ...rest] = arrays;
    for (const a of rest) c.emit(`if (${a}.length != ${first}.length) ${c.fail('misalignedArrays')}`);
    const out = sizedArray(c, f.ret, `${first}.length`);
    eachItem(c, first, (_x, i) =>
      c.emit(`${RT.setAt}(${out}, ${i}, ${f.apply([i, ...arrays.map((a) => `unchecked(${a}[${i}])`)])});`),
    );
    return out;
  },
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
  wasm: (c) => {
    const a = held(c, 0);
    c.emit(`if (${a}.length == 0) ${c.fail('emptyArray')}`);
    const tally = c.temp(c.type(c.site.ret), `unchecked(${a}[0])`);
    const i = c.temp('i32', '1');
    c.block(`for (; ${i} < ${a}.length; ${i}++)`, () => {
      c.emit(c.clock());
      c.emit(`${tally} = ${c.fcn(1).apply([tally, `unchecked(${a}[${i}])`])};`);
    });
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
  wasm: (c) => {
    const a = held(c, 0);
    c.emit(`if (${a}.length == 0) ${c.fail('emptyArray')}`);
    const tally = c.temp(c.type(c.site.ret), `unchecked(${a}[${a}.length - 1])`);
    const i = c.temp('i32', `${a}.length - 2`);
    c.block(`for (; ${i} >= 0; ${i}--)`, () => {
      c.emit(c.clock());
      c.emit(`${tally} = ${c.fcn(1).apply([`unchecked(${a}[${i}])`, tally])};`);
    });
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
  wasm: (c) => {
    const a = held(c, 0);
    const tally = c.temp(c.type(c.site.ret), c.args[1]);
    eachItem(c, a, (x) => c.emit(`${tally} = ${c.fcn(2).apply([tally, x])};`));
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
  wasm: (c) => {
    const a = held(c, 0);
    const tally = c.temp(c.type(c.site.ret), c.args[1]);
    const i = c.temp('i32', `${a}.length - 1`);
    c.block(`for (; ${i} >= 0; ${i}--)`, () => {
      c.emit(c.clock());
      c.emit(`${tally} = ${c.fcn(2).apply([`unchecked(${a}[${i}])`, tally])};`);
    });
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
  wasm: (c) => {
    const a = held(c, 0);
    return c.temp(c.type(c.site.ret), `${a}.slice(0, ${prefixLengthWasm(c, a)})`);
  },
});

export const dropWhile = defineFunction({
  name: 'a.dropWhile',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> boolean) -> array<A>'],
  js: () => (a: Arr, fcn: Pred) => a.slice(prefixLength(a, fcn)),
  wasm: (c) => {
    const a = held(c, 0);
    return c.temp(c.type(c.site.ret), `${a}.slice(${prefixLengthWasm(c, a)})`);
  },
});

export const any = defineFunction({
  name: 'a.any',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> boolean) -> boolean'],
  js: () => (a: Arr, fcn: Pred) => a.some((x) => fcn(x)),
  wasm: (c) => firstWhere(c, held(c, 0), true, (x) => c.fcn(1).apply([x])),
});

export const all = defineFunction({
  name: 'a.all',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> boolean) -> boolean'],
  js: () => (a: Arr, fcn: Pred) => a.every((x) => fcn(x)),
  wasm: (c) => `(!${firstWhere(c, held(c, 0), false, (x) => c.fcn(1).apply([x]))})`,
});

export const corresponds = defineFunction({
  name: 'a.corresponds',
  sigs: ['(a: array<any A>, b: array<any B>, fcn: fcn(A, B) -> boolean) -> boolean'],
  js: () => (a: Arr, b: Arr, fcn: (x: unknown, y: unknown) => boolean) =>
    a.length === b.length && a.every((x, i) => fcn(x, b[i])),
  wasm: (c) => correspondsWasm(c, (x, y) => c.fcn(2).apply([x, y])),
});

export const correspondsWithIndex = defineFunction({
  name: 'a.correspondsWithIndex',
  sigs: ['(a: array<any A>, b: array<any B>, fcn: fcn(int, A, B) -> boolean) -> boolean'],
  js: () => (a: Arr, b: Arr, fcn: (i: number, x: unknown, y: unknown) => boolean) =>
    a.length === b.length && a.every((x, i) => fcn(i, x, b[i])),
  wasm: (c) => correspondsWasm(c, (x, y, i) => c.fcn(2).apply([i, x, y])),
});

// ---- Wasm forms (see WasmCall in registry.ts): the same calls as the JS forms, in the same order.

type Body = (item: string, index: string) => string;

/**
 * Argument `i` in a local of its own: a function argument applied in a loop may set a cell, and
 * the JS form holds the value the argument had when the call began.
 */
function held(c: WasmCall, i: number): string {
  return c.temp(c.type(c.site.params[i] as AvroType), c.args[i]);
}

/** The items of the first argument for which `test` is true (a.filter). */
function keepWhere(c: WasmCall, test: Body): string {
  const out = newArray(c, c.site.bindings.A);
  eachItem(c, held(c, 0), (x, i) => c.emit(`if (${test(x, i)}) ${out}.push(${x});`));
  return out;
}

/** The non-null results of `call` (a.filterMap): the union's B branch when its tag is not null. */
function keepNonNullWasm(c: WasmCall, call: Body): string {
  const u = c.fcn(1).ret;
  const B = c.site.bindings.B;
  const out = newArray(c, B);
  eachItem(c, held(c, 0), (x, i) => {
    const y = c.temp(c.type(u), call(x, i));
    eachNonNull(c, u, B, y, (b) => c.emit(`${out}.push(${b});`));
  });
  return out;
}

/** The concatenation of the arrays `call` returns (a.flatMap). */
function flattenWasm(c: WasmCall, call: Body): string {
  const out = newArray(c, c.site.bindings.B);
  eachItem(c, held(c, 0), (x, i) => {
    const ys = c.temp(c.type(c.fcn(1).ret), call(x, i));
    eachItem(c, ys, (y) => c.emit(`${out}.push(${y});`));
  });
  return out;
}

/** Length of the longest prefix on which the function argument is true (takeWhile, dropWhile). */
function prefixLengthWasm(c: WasmCall, a: string): string {
  const i = c.temp('i32', '0');
  c.block(`while (${i} < ${a}.length)`, () => {
    c.emit(c.clock());
    c.emit(`if (!${c.fcn(1).apply([`unchecked(${a}[${i}])`])}) break;`);
    c.emit(`${i}++;`);
  });
  return i;
}

/** Whether `test` gives `wanted` for some item, stopping at the first one (a.any, a.all). */
function firstWhere(c: WasmCall, a: string, wanted: boolean, test: (x: string) => string): string {
  const found = c.temp('bool', 'false');
  const i = c.temp('i32', '0');
  c.block(`for (; ${i} < ${a}.length; ${i}++)`, () => {
    c.emit(c.clock());
    const r = test(`unchecked(${a}[${i}])`);
    c.emit(`if (${wanted ? '' : '!'}${r}) { ${found} = true; break; }`);
  });
  return found;
}

/** Equal lengths and `test` true on every pair, stopping at the first false (a.corresponds). */
function correspondsWasm(c: WasmCall, test: (x: string, y: string, i: string) => string): string {
  const a = held(c, 0),
    b = held(c, 1);
  const ok = c.temp('bool', `${a}.length == ${b}.length`);
  const i = c.temp('i32', '0');
  c.block(`if (${ok}) for (; ${i} < ${a}.length; ${i}++)`, () => {
    c.emit(c.clock());
    const r = test(`unchecked(${a}[${i}])`, `unchecked(${b}[${i}])`, i);
    c.emit(`if (!${r}) { ${ok} = false; break; }`);
  });
  return ok;
}
