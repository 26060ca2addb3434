/**
 * `a` namespace, searching: contains, count, index, rindex, startswith, endswith. Each takes a
 * needle that is a subsequence (sig 0), a single item (sig 1) or, for the first four, a predicate
 * (sig 2). Items are compared structurally, NaN equal to NaN (util/sameItem).
 */
import { WasmCall, defineFunction } from '../registry.js';
import type { AvroType } from '../../types/avro.js';
import { eachItem, wasmEquals } from '../util/wasm.js';
import { sameItem } from '../util/sameItem.js';

type Arr = readonly unknown[];
type Pred = (x: unknown) => boolean;

const SEARCH_SIGS = [
  '(haystack: array<any A>, needle: array<A>) -> ',
  '(haystack: array<any A>, needle: A) -> ',
  '(haystack: array<any A>, needle: fcn(A) -> boolean) -> ',
];

/** Does `needle` occur in `haystack` starting at `at`? */
function matchesAt(haystack: Arr, needle: Arr, at: number): boolean {
  for (let j = 0; j < needle.length; j++) if (!sameItem(haystack[at + j], needle[j])) return false;
  return true;
}

/** Lowest start of `needle` as a subsequence, or -1 (an empty needle matches at 0). */
function firstMatch(haystack: Arr, needle: Arr): number {
  for (let i = 0; i + needle.length <= haystack.length; i++) if (matchesAt(haystack, needle, i)) return i;
  return -1;
}

function lastMatch(haystack: Arr, needle: Arr): number {
  for (let i = haystack.length - needle.length; i >= 0; i--) if (matchesAt(haystack, needle, i)) return i;
  return -1;
}

function firstItem(haystack: Arr, test: Pred): number {
  for (let i = 0; i < haystack.length; i++) if (test(haystack[i])) return i;
  return -1;
}

function lastItem(haystack: Arr, test: Pred): number {
  for (let i = haystack.length - 1; i >= 0; i--) if (test(haystack[i])) return i;
  return -1;
}

const equalTo =
  (needle: unknown): Pred =>
  (x) =>
    sameItem(x, needle);

export const contains = defineFunction({
  name: 'a.contains',
  sigs: SEARCH_SIGS.map((s) => s + 'boolean'),
  js: (site) => {
    switch (site.sig) {
      case 0:
        return (h: Arr, needle: Arr) => firstMatch(h, needle) >= 0;
      case 1:
        return (h: Arr, needle: unknown) => firstItem(h, equalTo(needle)) >= 0;
      default:
        return (h: Arr, fcn: Pred) => firstItem(h, fcn) >= 0;
    }
  },
  wasm: (c) => `(${findWasm(c, false)} >= 0)`,
});

export const count = defineFunction({
  name: 'a.count',
  sigs: SEARCH_SIGS.map((s) => s + 'int'),
  js: (site) => {
    const countItems = (h: Arr, test: Pred) => {
      let n = 0;
      for (const x of h) if (test(x)) n++;
      return n;
    };
    switch (site.sig) {
      case 0:
        return (h: Arr, needle: Arr) => {
          // The spec: an empty needle occurs zero times. Occurrences may overlap.
          if (needle.length === 0) return 0;
          let n = 0;
          for (let i = 0; i + needle.length <= h.length; i++) if (matchesAt(h, needle, i)) n++;
          return n;
        };
      case 1:
        return (h: Arr, needle: unknown) => countItems(h, equalTo(needle));
      default:
        return countItems;
    }
  },
  wasm: (c) => {
    const h = heldArg(c, 0);
    const n = c.temp('i32', '0');
    if (c.site.sig === 0) {
      const needle = heldArg(c, 1);
      const i = c.temp('i32', '0');
      // The spec: an empty needle occurs zero times. Occurrences may overlap.
      c.block(`if (${needle}.length > 0) for (; ${i} + ${needle}.length <= ${h}.length; ${i}++)`, () => {
        c.emit(c.clock());
        c.emit(`if (${matchesAtWasm(c, h, needle, i)}) ${n}++;`);
      });
      return n;
    }
    eachItem(c, h, (x) => c.emit(`if (${itemTest(c, x)}) ${n}++;`));
    return n;
  },
});

export const index = defineFunction({
  name: 'a.index',
  sigs: SEARCH_SIGS.map((s) => s + 'int'),
  js: (site) => {
    switch (site.sig) {
      case 0:
        return firstMatch;
      case 1:
        return (h: Arr, needle: unknown) => firstItem(h, equalTo(needle));
      default:
        return firstItem;
    }
  },
  wasm: (c) => findWasm(c, false),
});

export const rindex = defineFunction({
  name: 'a.rindex',
  sigs: SEARCH_SIGS.map((s) => s + 'int'),
  js: (site) => {
    switch (site.sig) {
      case 0:
        return lastMatch;
      case 1:
        return (h: Arr, needle: unknown) => lastItem(h, equalTo(needle));
      default:
        return lastItem;
    }
  },
  wasm: (c) => findWasm(c, true),
});

export const startswith = defineFunction({
  name: 'a.startswith',
  sigs: SEARCH_SIGS.slice(0, 2).map((s) => s + 'boolean'),
  js: (site) =>
    site.sig === 0
      ? (h: Arr, needle: Arr) => needle.length <= h.length && matchesAt(h, needle, 0)
      : (h: Arr, needle: unknown) => h.length > 0 && sameItem(h[0], needle),
  wasm: (c) => endWasm(c, false),
});

export const endswith = defineFunction({
  name: 'a.endswith',
  sigs: SEARCH_SIGS.slice(0, 2).map((s) => s + 'boolean'),
  js: (site) =>
    site.sig === 0
      ? (h: Arr, needle: Arr) => needle.length <= h.length && matchesAt(h, needle, h.length - needle.length)
      : (h: Arr, needle: unknown) => h.length > 0 && sameItem(h[h.length - 1], needle),
  wasm: (c) => endWasm(c, true),
});

// ---- Wasm forms: the same scans, with util/wasm's wasmEquals as sameItem.

/** Argument `i` in a local of its own (a function argument may set a cell the argument read). */
function heldArg(c: WasmCall, i: number): string {
  return c.temp(c.type(c.site.params[i] as AvroType), c.args[i]);
}

/** Does the item (a pure expression) match the needle of signature 1 or 2? */
function itemTest(c: WasmCall, x: string): string {
  return c.site.sig === 1 ? wasmEquals(c, c.site.bindings.A, x, c.args[1]) : c.fcn(1).apply([x]);
}

/** matchesAt as a bool local: does `needle` occur in `h` at `at`? */
function matchesAtWasm(c: WasmCall, h: string, needle: string, at: string): string {
  const m = c.temp('bool', 'true');
  const j = c.temp('i32', '0');
  c.block(`for (; ${m} && ${j} < ${needle}.length; ${j}++)`, () => {
    c.emit(c.clock());
    c.emit(
      `${m} = ${wasmEquals(c, c.site.bindings.A, `unchecked(${h}[${at} + ${j}])`, `unchecked(${needle}[${j}])`)};`,
    );
  });
  return m;
}

/** firstMatch/firstItem (or lastMatch/lastItem from the end) as an i32 local, -1 if none. */
function findWasm(c: WasmCall, fromEnd: boolean): string {
  const h = heldArg(c, 0);
  const r = c.temp('i32', '-1');
  if (c.site.sig === 0) {
    const needle = heldArg(c, 1);
    const i = c.temp('i32', fromEnd ? `${h}.length - ${needle}.length` : '0');
    c.block(fromEnd ? `for (; ${i} >= 0; ${i}--)` : `for (; ${i} + ${needle}.length <= ${h}.length; ${i}++)`, () => {
      c.emit(c.clock());
      c.emit(`if (${matchesAtWasm(c, h, needle, i)}) { ${r} = ${i}; break; }`);
    });
    return r;
  }
  const i = c.temp('i32', fromEnd ? `${h}.length - 1` : '0');
  c.block(fromEnd ? `for (; ${i} >= 0; ${i}--)` : `for (; ${i} < ${h}.length; ${i}++)`, () => {
    c.emit(c.clock());
    c.emit(`if (${itemTest(c, `unchecked(${h}[${i}])`)}) { ${r} = ${i}; break; }`);
  });
  return r;
}

/** startswith (or endswith): a needle array at the start (end), or a needle item first (last). */
function endWasm(c: WasmCall, atEnd: boolean): string {
  const [h, needle] = c.args;
  if (c.site.sig === 0) {
    const r = c.temp('bool', `${needle}.length <= ${h}.length`);
    c.if_(r, () => {
      c.emit(`${r} = ${matchesAtWasm(c, h, needle, atEnd ? `(${h}.length - ${needle}.length)` : '0')};`);
    });
    return r;
  }
  const r = c.temp('bool', `${h}.length > 0`);
  c.if_(r, () => {
    c.emit(
      `${r} = ${wasmEquals(c, c.site.bindings.A, `unchecked(${h}[${atEnd ? `${h}.length - 1` : '0'}])`, needle)};`,
    );
  });
  return r;
}
