/**
 * `map` namespace, spec sections "Basic access", "Search and replace" and "Manipulation": len,
 * keys, values, containsKey, containsValue, add, remove, only, except, update, split, join.
 * Updated keys stay where they were and new keys go last.
 */
import { WasmCall, WasmFold, defineFunction } from '../registry.js';
import { eachEntry, eachItem, foldEach, newArray, newMap, setKeyOf, wasmEquals } from '../util/wasm.js';
import { sameItem } from '../util/sameItem.js';
import { setKey } from '../util/avroBinary.js';
import { M, anyEntry, filterEntries, filterEntriesWasm, overlay, overlayWasm } from './entries.js';

export const len = defineFunction({
  name: 'map.len',
  sigs: ['(m: map<any A>) -> int'],
  js: () => (m: M) => m.size,
  wasm: (c) => `${c.args[0]}.size`,
});

export const keys = defineFunction({
  name: 'map.keys',
  sigs: ['(m: map<any A>) -> array<string>'],
  nondeterministic: 'unordered',
  js: () => (m: M) => [...m.keys()],
  wasm: (c) => c.temp('Array<i32>', `${c.args[0]}.keys()`),
});

export const values = defineFunction({
  name: 'map.values',
  sigs: ['(m: map<any A>) -> array<A>'],
  nondeterministic: 'unordered',
  js: () => (m: M) => [...m.values()],
  wasm: (c) => {
    const out = c.temp(c.type(c.site.ret), `${c.args[0]}.values()`);
    // (of a map whose values are in an array of their own: that array, lower/shapes.ts rule 7)
    const e = c.entriesOf?.(c.args[0]);
    if (e) c.madeView?.(out, { length: e.size, items: e.store });
    return out;
  },
});

export const containsKey = defineFunction({
  name: 'map.containsKey',
  sigs: ['(m: map<any A>, key: string) -> boolean', '(m: map<any A>, fcn: fcn(string) -> boolean) -> boolean'],
  js: (site) =>
    site.sig === 0
      ? (m: M, key: string) => m.has(key)
      : (m: M, fcn: (k: string) => boolean) => {
          for (const k of m.keys()) if (fcn(k)) return true;
          return false;
        },
  wasm: (c) => {
    if (c.site.sig === 0) return `${c.args[0]}.has(${c.args[1]})`;
    return anyEntry(c, c.args[0], (k) => c.fcn(1).apply([k]));
  },
});

export const containsValue = defineFunction({
  name: 'map.containsValue',
  sigs: ['(m: map<any A>, value: A) -> boolean', '(m: map<any A>, fcn: fcn(A) -> boolean) -> boolean'],
  js: (site) => {
    const some = (m: M, test: (v: unknown) => boolean) => {
      for (const v of m.values()) if (test(v)) return true;
      return false;
    };
    return site.sig === 0 ? (m: M, value: unknown) => some(m, (v) => sameItem(v, value)) : some;
  },
  // wasmEquals is sameItem (NaN equals NaN) for every type it lowers.
  wasm: (c) => {
    const t = c.site.bindings.A;
    if (c.site.sig === 0) return anyEntry(c, c.args[0], (_, v) => wasmEquals(c, t, v, c.args[1]), t);
    return anyEntry(c, c.args[0], (_, v) => c.fcn(1).apply([v]), t);
  },
});

/** A copy of `m` with `key` set (in place if present, last if new). */
function withEntry(m: M, key: string, value: unknown): Map<string, unknown> {
  const out = new Map(m);
  out.set(key, value);
  return out;
}

/** Wasm: a Set<i32> local of the key codes in an array<string>. */
function keySet(c: WasmCall, keys: string): string {
  const s = c.temp('Set<i32>', 'new Set<i32>()');
  eachItem(c, keys, (k) => c.emit(`${s}.add(${k});`));
  return s;
}

export const add = defineFunction({
  name: 'map.add',
  sigs: ['(m: map<any A>, key: string, value: A) -> map<A>', '(m: map<any A>, item: A) -> map<A>'],
  wasm: (c) => {
    // (made with room for every entry; m's keys are distinct, so they are appended without a lookup)
    const out = newMap(c, c.site.bindings.A, `${c.args[0]}.size + 1`);
    addEntries(
      c,
      (k, v) => c.emit(`${out}.add(${k}, ${v});`),
      (k, v) => c.emit(`${out}.set(${k}, ${v});`),
    );
    return out;
  },
  // (m's entries, then the new one: set in that order, the key keeps its place if m has it)
  wasmEntries: (c, each) => addEntries(c, each, each),
  js: (site) => {
    if (site.sig === 0) return (m: M, key: string, value: unknown) => withEntry(m, key, value);
    const t = site.bindings.A;
    return (m: M, item: unknown) => withEntry(m, setKey(t, item), item);
  },
});

/**
 * Wasm: map.add's entries, m's (each distinct) to `copy` in order and then the added one to `put`.
 * A set item's key is the base64 of its Avro encoding, text the host makes (WasmCall.setKeys, as
 * map.in does).
 */
function addEntries(c: WasmCall, copy: (k: string, v: string) => void, put: (k: string, v: string) => void): void {
  const sig0 = c.site.sig === 0;
  const key = sig0 ? c.args[1] : setKeyOf(c, c.site.bindings.A, c.args[1]);
  eachEntry(c, c.args[0], copy);
  put(key, sig0 ? c.args[2] : c.args[1]);
}

export const remove = defineFunction({
  name: 'map.remove',
  sigs: ['(m: map<any A>, key: string) -> map<A>'],
  js: () => (m: M, key: string) => {
    const out = new Map(m);
    out.delete(key);
    return out;
  },
  wasm: (c) => {
    const out = overlayWasm(c, [c.args[0]], c.site.bindings.A);
    c.emit(`${out}.delete(${c.args[1]});`);
    return out;
  },
});

export const only = defineFunction({
  name: 'map.only',
  sigs: ['(m: map<any A>, keys: array<string>) -> map<A>'],
  js: () => (m: M, ks: readonly string[]) => {
    const s = new Set(ks);
    return filterEntries(m, (k) => s.has(k));
  },
  wasm: (c) => {
    const s = keySet(c, c.args[1]);
    return filterEntriesWasm(c, c.args[0], c.site.bindings.A, (k) => `${s}.has(${k})`);
  },
});

export const except = defineFunction({
  name: 'map.except',
  sigs: ['(m: map<any A>, keys: array<string>) -> map<A>'],
  js: () => (m: M, ks: readonly string[]) => {
    const s = new Set(ks);
    return filterEntries(m, (k) => !s.has(k));
  },
  wasm: (c) => {
    const s = keySet(c, c.args[1]);
    return filterEntriesWasm(c, c.args[0], c.site.bindings.A, (k) => `!${s}.has(${k})`);
  },
});

export const update = defineFunction({
  name: 'map.update',
  sigs: ['(base: map<any A>, overlay: map<A>) -> map<A>'],
  js: () => (base: M, over: M) => overlay([base, over]),
  wasm: (c) => overlayWasm(c, [c.args[0], c.args[1]], c.site.bindings.A),
});

export const split = defineFunction({
  name: 'map.split',
  sigs: ['(m: map<any A>) -> array<map<A>>'],
  nondeterministic: 'unordered',
  js: () => (m: M) => Array.from(m, ([k, v]) => new Map([[k, v]])),
  wasm: (c) => {
    const A = c.site.bindings.A;
    const out = newArray(c, { kind: 'map', values: A });
    eachEntry(c, c.args[0], (k, v) => {
      const one = newMap(c, A);
      c.emit(`${one}.set(${k}, ${v});`);
      c.emit(`${out}.push(${one});`);
    });
    return out;
  },
});

export const join = defineFunction({
  name: 'map.join',
  sigs: ['(a: array<map<any A>>) -> map<A>'],
  js: () => (a: readonly M[]) => overlay(a),
  wasm: (c) => foldEach(c, joinFold(c)),
  wasmFold: (c) => joinFold(c),
});

/** map.join as a fold: every entry of every item set in order, so later items win. */
function joinFold(c: WasmCall): WasmFold {
  const A = c.site.bindings.A;
  const out = newMap(c, A);
  const entry = (k: string, v: string) => c.emit(`${out}.set(${k}, ${v});`);
  return {
    step: (item) => eachEntry(c, c.temp(c.type({ kind: 'map', values: A }), item), entry),
    entry,
    finish: () => out,
  };
}
