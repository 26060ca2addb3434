/**
 * `map` namespace, spec sections "Functional programming" and "Functional tests": map,
 * mapWithKey, filter, filterWithKey, filterMap, filterMapWithKey, flatMap, flatMapWithKey,
 * zipmap, zipmapWithKey, corresponds, correspondsWithKey. The functions run over the entries in
 * insertion order (zipmap and corresponds: the first map's).
 */
import { WasmCall, defineFunction } from '../registry.js';
import { eachEntry, eachItem, eachNonNull, newArray, newMap, sameKeysMap } from '../util/wasm.js';
import type { MapType } from '../../types/avro.js';
import { M, filterEntries, filterEntriesWasm, overlay } from './entries.js';

/** A new map with every value transformed (keys and order unchanged). */
function mapEntries(m: M, f: (k: string, v: unknown) => unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of m) out.set(k, f(k, v));
  return out;
}

export const map = defineFunction({
  name: 'map.map',
  sigs: ['(m: map<any A>, fcn: fcn(A) -> any B) -> map<B>'],
  js: () => (m: M, fcn: (v: unknown) => unknown) => mapEntries(m, (_, v) => fcn(v)),
  wasm: (c) =>
    sameKeysMap(c, c.args[0], c.fcn(1).ret, (_, v) => c.fcn(1).apply([c.temp(c.type(c.site.bindings.A), v)])),
});

export const mapWithKey = defineFunction({
  name: 'map.mapWithKey',
  sigs: ['(m: map<any A>, fcn: fcn(string, A) -> any B) -> map<B>'],
  js: () => (m: M, fcn: (k: string, v: unknown) => unknown) => mapEntries(m, fcn),
  wasm: (c) =>
    sameKeysMap(c, c.args[0], c.fcn(1).ret, (k, v) => c.fcn(1).apply([k, c.temp(c.type(c.site.bindings.A), v)])),
});

export const filter = defineFunction({
  name: 'map.filter',
  sigs: ['(m: map<any A>, fcn: fcn(A) -> boolean) -> map<A>'],
  js: () => (m: M, fcn: (v: unknown) => boolean) => filterEntries(m, (_, v) => fcn(v)),
  wasm: (c) => filterEntriesWasm(c, c.args[0], c.site.bindings.A, (_, v) => c.fcn(1).apply([v])),
});

export const filterWithKey = defineFunction({
  name: 'map.filterWithKey',
  sigs: ['(m: map<any A>, fcn: fcn(string, A) -> boolean) -> map<A>'],
  js: () => (m: M, fcn: (k: string, v: unknown) => boolean) => filterEntries(m, fcn),
  wasm: (c) => filterEntriesWasm(c, c.args[0], c.site.bindings.A, (k, v) => c.fcn(1).apply([k, v])),
});

/** Keeps the non-null results of `f` (a union<B, null> value arrives bare, null as null). */
function keepNonNull(m: M, f: (k: string, v: unknown) => unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of m) {
    const y = f(k, v);
    if (y !== null) out.set(k, y);
  }
  return out;
}

/** Wasm keepNonNull: the function returns union<B, null> (B flattened into it when a union). */
function keepNonNullWasm(c: WasmCall, withKey: boolean): string {
  const f = c.fcn(1);
  const u = f.ret;
  const B = (c.site.ret as MapType).values;
  const out = newMap(c, B);
  eachEntry(c, c.args[0], (k, v) => {
    const x = c.temp(c.type(c.site.bindings.A), v);
    const y = c.temp(c.type(u), f.apply(withKey ? [k, x] : [x]));
    eachNonNull(c, u, B, y, (b) => c.emit(`${out}.set(${k}, ${b});`));
  });
  return out;
}

export const filterMap = defineFunction({
  name: 'map.filterMap',
  sigs: ['(m: map<any A>, fcn: fcn(A) -> union<any B, null>) -> map<B>'],
  js: () => (m: M, fcn: (v: unknown) => unknown) => keepNonNull(m, (_, v) => fcn(v)),
  wasm: (c) => keepNonNullWasm(c, false),
});

export const filterMapWithKey = defineFunction({
  name: 'map.filterMapWithKey',
  sigs: ['(m: map<any A>, fcn: fcn(string, A) -> union<any B, null>) -> map<B>'],
  js: () => (m: M, fcn: (k: string, v: unknown) => unknown) => keepNonNull(m, fcn),
  wasm: (c) => keepNonNullWasm(c, true),
});

/** Wasm flatMap: every result map is computed before the overlay, as Array.from does in JS. */
function flatMapWasm(c: WasmCall, withKey: boolean): string {
  const f = c.fcn(1);
  const B = (c.site.ret as MapType).values;
  const results = newArray(c, f.ret);
  eachEntry(c, c.args[0], (k, v) => {
    const x = c.temp(c.type(c.site.bindings.A), v);
    c.emit(`${results}.push(${f.apply(withKey ? [k, x] : [x])});`);
  });
  const out = newMap(c, B);
  eachItem(c, results, (m) => {
    const mm = c.temp(c.type(f.ret), m);
    eachEntry(c, mm, (k, v) => c.emit(`${out}.set(${k}, ${v});`));
  });
  return out;
}

export const flatMap = defineFunction({
  name: 'map.flatMap',
  sigs: ['(m: map<any A>, fcn: fcn(A) -> map<any B>) -> map<B>'],
  js: () => (m: M, fcn: (v: unknown) => M) => overlay(Array.from(m.values(), (v) => fcn(v))),
  wasm: (c) => flatMapWasm(c, false),
});

export const flatMapWithKey = defineFunction({
  name: 'map.flatMapWithKey',
  sigs: ['(m: map<any A>, fcn: fcn(string, A) -> map<any B>) -> map<B>'],
  js: () => (m: M, fcn: (k: string, v: unknown) => M) => overlay(Array.from(m, ([k, v]) => fcn(k, v))),
  wasm: (c) => flatMapWasm(c, true),
});

function sameKeys(a: M, b: M): boolean {
  if (a.size !== b.size) return false;
  for (const k of a.keys()) if (!b.has(k)) return false;
  return true;
}

const ZIP_SIGS = (key: string) => [
  `(a: map<any A>, b: map<any B>, fcn: fcn(${key}A, B) -> any Z) -> map<Z>`,
  `(a: map<any A>, b: map<any B>, c: map<any C>, fcn: fcn(${key}A, B, C) -> any Z) -> map<Z>`,
  `(a: map<any A>, b: map<any B>, c: map<any C>, d: map<any D>, fcn: fcn(${key}A, B, C, D) -> any Z) -> map<Z>`,
];

/** zipmap over the maps in `args` (the last argument is the function), in the keys' order in a. */
function zip(args: unknown[], withKey: boolean, misaligned: () => never): Map<string, unknown> {
  const fcn = args[args.length - 1] as (...xs: unknown[]) => unknown;
  const maps = args.slice(0, -1) as M[];
  if (maps.some((m) => !sameKeys(maps[0], m))) return misaligned();
  return mapEntries(maps[0], (k) => {
    const row = maps.map((m) => m.get(k));
    return withKey ? fcn(k, ...row) : fcn(...row);
  });
}

/**
 * Wasm zip: the same keys in every map (any order; checked for all maps before any call), results
 * in the first map's key order.
 */
function zipWasm(c: WasmCall, withKey: boolean): string {
  const maps = c.args.slice(0, -1);
  const f = c.fcn(maps.length);
  const [first, ...rest] = maps;
  // (a constant first map and a literal: their keys compared once at load time, values by position)
  const aligned = maps.map((_, j) => (j === 0 ? undefined : c.alignedEntries?.(0, j)));
  rest.forEach((m, j) => {
    const known = aligned[j + 1];
    if (known) c.emit(`if (!${known.same}) ${c.fail('misalignedMaps')}`);
    else {
      const size = c.entriesOf?.(first)?.size ?? `${first}.size`;
      c.emit(`if (${m}.size != ${size}) ${c.fail('misalignedMaps')}`);
      eachEntry(c, first, (k) => c.emit(`if (!${m}.has(${k})) ${c.fail('misalignedMaps')}`));
    }
  });
  // (the other maps' values: found trying the same position first, as their keys often come in the same order)
  return sameKeysMap(c, first, f.ret, (k, v, i) => {
    const row = maps.map((m, j) =>
      c.temp(
        c.type((c.site.params[j] as MapType).values),
        j === 0 ? v : (aligned[j]?.value(i) ?? `${m}.valueAt(${m}.findHint(${k}, ${i}))`),
      ),
    );
    return f.apply(withKey ? [k, ...row] : row);
  });
}

export const zipmap = defineFunction({
  name: 'map.zipmap',
  sigs: ZIP_SIGS(''),
  errors: { misalignedMaps: 26370 },
  js:
    (site) =>
    (...args: unknown[]) =>
      zip(args, false, () => site.fail('misalignedMaps')),
  wasm: (c) => zipWasm(c, false),
});

export const zipmapWithKey = defineFunction({
  name: 'map.zipmapWithKey',
  sigs: ZIP_SIGS('string, '),
  errors: { misalignedMaps: 26380 },
  js:
    (site) =>
    (...args: unknown[]) =>
      zip(args, true, () => site.fail('misalignedMaps')),
  wasm: (c) => zipWasm(c, true),
});

/** Wasm: a bool local, true when maps a and b have the same key set (sameKeys). */
function sameKeysWasm(c: WasmCall, a: string, b: string): string {
  const r = c.temp('bool', `${a}.size == ${b}.size`);
  c.if_(r, () => {
    eachEntry(c, a, (k) => c.emit(`if (!${b}.has(${k})) { ${r} = false; break; }`));
  });
  return r;
}

/** Wasm corresponds: the key sets are compared first, then fcn runs in a's order until false. */
function correspondsWasm(c: WasmCall, withKey: boolean): string {
  const [a, b] = c.args;
  const f = c.fcn(2);
  const r = sameKeysWasm(c, a, b);
  c.if_(r, () => {
    eachEntry(c, a, (k, v) => {
      const x = c.temp(c.type((c.site.params[0] as MapType).values), v);
      const y = c.temp(c.type((c.site.params[1] as MapType).values), `${b}.get(${k})`);
      const ok = c.temp('bool', f.apply(withKey ? [k, x, y] : [x, y]));
      c.emit(`if (!${ok}) { ${r} = false; break; }`);
    });
  });
  return r;
}

export const corresponds = defineFunction({
  name: 'map.corresponds',
  sigs: ['(a: map<any A>, b: map<any B>, fcn: fcn(A, B) -> boolean) -> boolean'],
  js: () => (a: M, b: M, fcn: (x: unknown, y: unknown) => boolean) => {
    if (!sameKeys(a, b)) return false;
    for (const [k, v] of a) if (!fcn(v, b.get(k))) return false;
    return true;
  },
  wasm: (c) => correspondsWasm(c, false),
});

export const correspondsWithKey = defineFunction({
  name: 'map.correspondsWithKey',
  sigs: ['(a: map<any A>, b: map<any B>, fcn: fcn(string, A, B) -> boolean) -> boolean'],
  js: () => (a: M, b: M, fcn: (k: string, x: unknown, y: unknown) => boolean) => {
    if (!sameKeys(a, b)) return false;
    for (const [k, v] of a) if (!fcn(k, v, b.get(k))) return false;
    return true;
  },
  wasm: (c) => correspondsWasm(c, true),
});
