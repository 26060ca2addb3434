/**
 * `a` namespace, arrays treated as sets: distinct, seteq, union, intersection, diff, symdiff,
 * subset, disjoint. Membership is structural equality with NaN equal to NaN (util/sameItem,
 * linear for primitive items) and the order of the original arrays is preserved, as the spec says.
 *
 * intersection, diff and symdiff filter their inputs without removing repeats, following the
 * reference (titus and the conformance suite): intersection([1, -1], [1, -1]) is
 * [1, -1, 1, -1], the items of a found in b followed by the items of b found in a.
 */
import { CallSite, WasmCall, defineFunction } from '../registry.js';
import { eachItem, newArray, wasmEquals } from '../util/wasm.js';
import { ItemPool, poolFor } from '../util/sameItem.js';

type Arr = readonly unknown[];
type Pool = (items?: Iterable<unknown>) => ItemPool;

/** The items of the arrays, first occurrences only, in order. */
function distinctOf(pool: Pool, ...arrays: Arr[]): unknown[] {
  const seen = pool();
  const out: unknown[] = [];
  for (const a of arrays) {
    for (const x of a) {
      if (!seen.has(x)) {
        seen.add(x);
        out.push(x);
      }
    }
  }
  return out;
}

/** The items of `a` whose membership in `b` is `wanted`. */
function filterBy(pool: Pool, a: Arr, b: Arr, wanted: boolean): unknown[] {
  if (a.length === 0) return [];
  const inB = pool(b);
  return a.filter((x) => inB.has(x) === wanted);
}

function allIn(pool: Pool, little: Arr, big: Arr): boolean {
  if (little.length === 0) return true;
  const inBig = pool(big);
  return little.every((x) => inBig.has(x));
}

const TWO = '(a: array<any A>, b: array<A>) -> ';
const poolOf = (site: CallSite) => poolFor(site.bindings.A);

export const distinct = defineFunction({
  name: 'a.distinct',
  sigs: ['(a: array<any A>) -> array<A>'],
  js: (site) => {
    const pool = poolOf(site);
    return (a: Arr) => distinctOf(pool, a);
  },
  wasm: (c) => distinctWasm(c, [c.args[0]]),
});

export const seteq = defineFunction({
  name: 'a.seteq',
  sigs: [TWO + 'boolean'],
  js: (site) => {
    const pool = poolOf(site);
    return (a: Arr, b: Arr) => allIn(pool, a, b) && allIn(pool, b, a);
  },
  wasm: (c) => {
    const r = allInWasm(c, c.args[0], c.args[1]);
    c.emit(`if (${r}) ${r} = ${allInWasm(c, c.args[1], c.args[0])};`);
    return r;
  },
});

export const union = defineFunction({
  name: 'a.union',
  sigs: [TWO + 'array<A>'],
  js: (site) => {
    const pool = poolOf(site);
    return (a: Arr, b: Arr) => distinctOf(pool, a, b);
  },
  wasm: (c) => distinctWasm(c, [c.args[0], c.args[1]]),
});

export const intersection = defineFunction({
  name: 'a.intersection',
  sigs: [TWO + 'array<A>'],
  js: (site) => {
    const pool = poolOf(site);
    return (a: Arr, b: Arr) => [...filterBy(pool, a, b, true), ...filterBy(pool, b, a, true)];
  },
  wasm: (c) =>
    c.temp(
      c.type(c.site.ret),
      `${filterWasm(c, c.args[0], c.args[1], true)}.concat(${filterWasm(c, c.args[1], c.args[0], true)})`,
    ),
});

export const diff = defineFunction({
  name: 'a.diff',
  sigs: [TWO + 'array<A>'],
  js: (site) => {
    const pool = poolOf(site);
    return (a: Arr, b: Arr) => filterBy(pool, a, b, false);
  },
  wasm: (c) => filterWasm(c, c.args[0], c.args[1], false),
});

export const symdiff = defineFunction({
  name: 'a.symdiff',
  sigs: [TWO + 'array<A>'],
  js: (site) => {
    const pool = poolOf(site);
    return (a: Arr, b: Arr) => [...filterBy(pool, a, b, false), ...filterBy(pool, b, a, false)];
  },
  wasm: (c) =>
    c.temp(
      c.type(c.site.ret),
      `${filterWasm(c, c.args[0], c.args[1], false)}.concat(${filterWasm(c, c.args[1], c.args[0], false)})`,
    ),
});

export const subset = defineFunction({
  name: 'a.subset',
  sigs: ['(little: array<any A>, big: array<A>) -> boolean'],
  js: (site) => {
    const pool = poolOf(site);
    return (little: Arr, big: Arr) => allIn(pool, little, big);
  },
  wasm: (c) => allInWasm(c, c.args[0], c.args[1]),
});

export const disjoint = defineFunction({
  name: 'a.disjoint',
  sigs: [TWO + 'boolean'],
  js: (site) => {
    const pool = poolOf(site);
    return (a: Arr, b: Arr) => filterBy(pool, a, b, true).length === 0;
  },
  wasm: (c) => `(${filterWasm(c, c.args[0], c.args[1], true)}.length == 0)`,
});

// ---- Wasm forms: membership by linear scan with wasmEquals (sameItem), as the pools above answer.

/** Is some item of `pool` equal to `x`? A bool local. */
function memberWasm(c: WasmCall, pool: string, x: string): string {
  const found = c.temp('bool', 'false');
  const j = c.temp('i32', '0');
  c.block(`for (; !${found} && ${j} < ${pool}.length; ${j}++)`, () => {
    c.emit(c.clock());
    c.emit(`${found} = ${wasmEquals(c, c.site.bindings.A, `unchecked(${pool}[${j}])`, x)};`);
  });
  return found;
}

/** distinctOf: first occurrences of the items of the arrays, in order. */
function distinctWasm(c: WasmCall, arrays: string[]): string {
  const out = newArray(c, c.site.bindings.A);
  for (const a of arrays) eachItem(c, a, (x) => c.emit(`if (!${memberWasm(c, out, x)}) ${out}.push(${x});`));
  return out;
}

/** filterBy: the items of `a` whose membership in `b` is `wanted`. */
function filterWasm(c: WasmCall, a: string, b: string, wanted: boolean): string {
  const out = newArray(c, c.site.bindings.A);
  eachItem(c, a, (x) => c.emit(`if (${wanted ? '' : '!'}${memberWasm(c, b, x)}) ${out}.push(${x});`));
  return out;
}

/** allIn: is every item of `little` in `big`? A bool local. */
function allInWasm(c: WasmCall, little: string, big: string): string {
  const r = c.temp('bool', 'true');
  const i = c.temp('i32', '0');
  c.block(`for (; ${r} && ${i} < ${little}.length; ${i}++)`, () => {
    c.emit(c.clock());
    c.emit(`${r} = ${memberWasm(c, big, `unchecked(${little}[${i}])`)};`);
  });
  return r;
}
