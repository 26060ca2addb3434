/**
 * `map` namespace, spec section "Set or set-like functions": toset, fromset, in, union,
 * intersection, diff, symdiff, subset, disjoint. A set is a map from the base64 of an item's Avro
 * binary encoding to the item (util/avroBinary).
 */
import { defineFunction } from '../registry.js';
import { eachItem, newMap, setKeyOf } from '../util/wasm.js';
import { setKey } from '../util/avroBinary.js';
import { M, anyEntry, filterEntries, filterEntriesWasm, overlay, overlayWasm } from './entries.js';

export const toset = defineFunction({
  name: 'map.toset',
  sigs: ['(a: array<any A>) -> map<A>'],
  // A set's keys are text, the base64 of each item's Avro encoding: the host makes and interns them
  // (WasmCall.setKeys), the kernel builds the map, each item set at its key in order as above.
  wasm: (c) => {
    const t = c.site.bindings.A;
    const keys = c.setKeys(t, c.args[0]);
    const out = newMap(c, t);
    eachItem(c, c.args[0], (x, i) => c.emit(`${out}.set(unchecked(${keys}[${i}]), ${x});`));
    return out;
  },
  js: (site) => {
    const t = site.bindings.A;
    return (a: readonly unknown[]) => {
      const out = new Map<string, unknown>();
      for (const x of a) out.set(setKey(t, x), x);
      return out;
    };
  },
});

export const fromset = defineFunction({
  name: 'map.fromset',
  sigs: ['(s: map<any A>) -> array<A>'],
  nondeterministic: 'unordered',
  js: () => (s: M) => [...s.values()],
  wasm: (c) => c.temp(c.type(c.site.ret), `${c.args[0]}.values()`),
});

export const in_ = defineFunction({
  name: 'map.in',
  sigs: ['(s: map<any A>, x: A) -> boolean'],
  // (only the item's key is made on the host; the lookup is the kernel's)
  wasm: (c) => {
    const t = c.site.bindings.A;
    return c.temp('bool', `${c.args[0]}.has(${setKeyOf(c, t, c.args[1])})`);
  },
  js: (site) => {
    const t = site.bindings.A;
    return (s: M, x: unknown) => s.has(setKey(t, x));
  },
});

// Set operations look at keys only, as the spec says.
const SET2 = '(a: map<any A>, b: map<A>) -> ';

export const union = defineFunction({
  name: 'map.union',
  sigs: [SET2 + 'map<A>'],
  js: () => (a: M, b: M) => overlay([a, b]),
  wasm: (c) => overlayWasm(c, [c.args[0], c.args[1]], c.site.bindings.A),
});

export const intersection = defineFunction({
  name: 'map.intersection',
  sigs: [SET2 + 'map<A>'],
  js: () => (a: M, b: M) => filterEntries(a, (k) => b.has(k)),
  wasm: (c) => filterEntriesWasm(c, c.args[0], c.site.bindings.A, (k) => `${c.args[1]}.has(${k})`),
});

export const diff = defineFunction({
  name: 'map.diff',
  sigs: [SET2 + 'map<A>'],
  js: () => (a: M, b: M) => filterEntries(a, (k) => !b.has(k)),
  wasm: (c) => filterEntriesWasm(c, c.args[0], c.site.bindings.A, (k) => `!${c.args[1]}.has(${k})`),
});

export const symdiff = defineFunction({
  name: 'map.symdiff',
  sigs: [SET2 + 'map<A>'],
  js: () => (a: M, b: M) => overlay([filterEntries(a, (k) => !b.has(k)), filterEntries(b, (k) => !a.has(k))]),
  wasm: (c) => {
    const [a, b] = c.args;
    const A = c.site.bindings.A;
    const left = filterEntriesWasm(c, a, A, (k) => `!${b}.has(${k})`);
    const right = filterEntriesWasm(c, b, A, (k) => `!${a}.has(${k})`);
    return overlayWasm(c, [left, right], A);
  },
});

export const subset = defineFunction({
  name: 'map.subset',
  sigs: ['(little: map<any A>, big: map<A>) -> boolean'],
  js: () => (little: M, big: M) => {
    for (const k of little.keys()) if (!big.has(k)) return false;
    return true;
  },
  wasm: (c) => `!${anyEntry(c, c.args[0], (k) => `!${c.args[1]}.has(${k})`)}`,
});

export const disjoint = defineFunction({
  name: 'map.disjoint',
  sigs: [SET2 + 'boolean'],
  js: () => (a: M, b: M) => {
    for (const k of a.keys()) if (b.has(k)) return false;
    return true;
  },
  wasm: (c) => `!${anyEntry(c, c.args[0], (k) => `${c.args[1]}.has(${k})`)}`,
});
