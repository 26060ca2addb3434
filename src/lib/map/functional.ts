/**
 * The `map` namespace of the PFA library (spec sec. "Map manipulation"): access, manipulation,
 * extreme values, sets, functional programming and functional tests on maps.
 *
 * A map is a JS `Map<string, V>`; results are new Maps (inputs are never changed) that keep
 * the insertion order a dictionary would: updated keys stay where they were, new keys go last.
 * A set is a map from the base64 of an item's Avro binary encoding to the item (util/avroBinary).
 * Ties among extreme values are broken by key, in code-point order, as the spec says.
 */
import { CallSite, defineFunction, defineNamespace } from '../registry.js';
import { eachEntry, eachItem, newArray, newMap, sameKeysMap, wasmCompare } from '../util/wasm.js';
import type { AvroType, MapType } from '../../types/avro.js';
import type { WasmCall } from '../registry.js';
import { comparatorFor, compareStrings } from '../../types/values.js';
import { sameItem } from '../util/sameItem.js';
import { best, topN } from '../util/ranking.js';
import { setKey } from '../util/avroBinary.js';
import { RT } from '../../backend/wasm/emit/names.js';

type M = ReadonlyMap<string, unknown>;
type Entry = readonly [string, unknown];
type LessThan = (x: unknown, y: unknown) => boolean;

const len = defineFunction({
  name: 'map.len',
  sigs: ['(m: map<any A>) -> int'],
  js: () => (m: M) => m.size,
  wasm: (c) => `${c.args[0]}.size`,
});

const keys = defineFunction({
  name: 'map.keys',
  sigs: ['(m: map<any A>) -> array<string>'],
  nondeterministic: 'unordered',
  js: () => (m: M) => [...m.keys()],
  wasm: (c) => c.temp('Array<i32>', `${c.args[0]}.keys()`),
});

const values = defineFunction({
  name: 'map.values',
  sigs: ['(m: map<any A>) -> array<A>'],
  nondeterministic: 'unordered',
  js: () => (m: M) => [...m.values()],
  wasm: (c) => c.temp(c.type(c.site.ret), `${c.args[0]}.values()`),
});

const containsKey = defineFunction({
  name: 'map.containsKey',
  sigs: ['(m: map<any A>, key: string) -> boolean', '(m: map<any A>, fcn: fcn(string) -> boolean) -> boolean'],
  js: (site) => site.sig === 0
    ? (m: M, key: string) => m.has(key)
    : (m: M, fcn: (k: string) => boolean) => { for (const k of m.keys()) if (fcn(k)) return true; return false; },
  wasm: (c) => {
    if (c.site.sig === 0) return `${c.args[0]}.has(${c.args[1]})`;
    return anyEntry(c, c.args[0], (k) => c.fcn(1).apply([k]));
  },
});

const containsValue = defineFunction({
  name: 'map.containsValue',
  sigs: ['(m: map<any A>, value: A) -> boolean', '(m: map<any A>, fcn: fcn(A) -> boolean) -> boolean'],
  js: (site) => {
    const some = (m: M, test: (v: unknown) => boolean) => { for (const v of m.values()) if (test(v)) return true; return false; };
    return site.sig === 0 ? (m: M, value: unknown) => some(m, (v) => sameItem(v, value)) : some;
  },
  // sameItem on a primitive type is Avro-order equality (NaN equals NaN), i.e. wasmCompare == 0.
  wasm: (c) => {
    const t = c.site.bindings.A;
    if (c.site.sig === 0) {
      if (!PRIMITIVE.has(t.kind)) return c.unsupported(`map.containsValue of a ${t.kind} value is not lowered`);
      return anyEntry(c, c.args[0], (_, v) => `(${wasmCompare(c, t, v, c.args[1])} == 0)`, t);
    }
    return anyEntry(c, c.args[0], (_, v) => c.fcn(1).apply([v]), t);
  },
});

/** A copy of `m` with `key` set (in place if present, last if new). */
function withEntry(m: M, key: string, value: unknown): Map<string, unknown> {
  const out = new Map(m);
  out.set(key, value);
  return out;
}

/** Types whose sameItem is Avro-order equality of scalars (see containsValue). */
const PRIMITIVE = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'string', 'enum']);

/**
 * Wasm: a bool local, true when `test` holds for some entry (in insertion order, stopping at the
 * first, as the JS loops do). With `valueType`, the value is read into a local first.
 */
function anyEntry(c: WasmCall, m: string, test: (k: string, v: string) => string, valueType?: AvroType): string {
  const r = c.temp('bool', 'false');
  eachEntry(c, m, (k, v) => {
    const x = valueType ? c.temp(c.type(valueType), v) : v;
    c.emit(`if (${test(k, x)}) { ${r} = true; break; }`);
  });
  return r;
}

/** Wasm: a new map of the entries of `m` that pass `keep` (a bool expression), in order. */
function filterEntriesWasm(c: WasmCall, m: string, values: AvroType, keep: (k: string, v: string) => string): string {
  const out = newMap(c, values);
  eachEntry(c, m, (k, v) => {
    const x = c.temp(c.type(values), v);
    c.emit(`if (${keep(k, x)}) ${out}.set(${k}, ${x});`);
  });
  return out;
}

/** Wasm: overlays the maps from left to right into a new map (later values replace earlier ones). */
function overlayWasm(c: WasmCall, maps: readonly string[], values: AvroType): string {
  const out = newMap(c, values);
  for (const m of maps) eachEntry(c, m, (k, v) => c.emit(`${out}.set(${k}, ${v});`));
  return out;
}

/** Wasm: a Set<i32> local of the key codes in an array<string>. */
function keySet(c: WasmCall, keys: string): string {
  const s = c.temp('Set<i32>', 'new Set<i32>()');
  eachItem(c, keys, (k) => c.emit(`${s}.add(${k});`));
  return s;
}

/** Wasm: a bool local, true when maps a and b have the same key set (sameKeys). */
function sameKeysWasm(c: WasmCall, a: string, b: string): string {
  const r = c.temp('bool', `${a}.size == ${b}.size`);
  c.if_(r, () => {
    eachEntry(c, a, (k) => c.emit(`if (!${b}.has(${k})) { ${r} = false; break; }`));
  });
  return r;
}

const add = defineFunction({
  name: 'map.add',
  sigs: ['(m: map<any A>, key: string, value: A) -> map<A>', '(m: map<any A>, item: A) -> map<A>'],
  wasm: (c) => {
    if (c.site.sig !== 0) return c.unsupported('map.add of a set item is not lowered');
    const out = newMap(c, c.site.bindings.A);
    eachEntry(c, c.args[0], (k, v) => c.emit(`${out}.set(${k}, ${v});`));
    c.emit(`${out}.set(${c.args[1]}, ${c.args[2]});`);
    return out;
  },
  js: (site) => {
    if (site.sig === 0) return (m: M, key: string, value: unknown) => withEntry(m, key, value);
    const t = site.bindings.A;
    return (m: M, item: unknown) => withEntry(m, setKey(t, item), item);
  },
});

const remove = defineFunction({
  name: 'map.remove',
  sigs: ['(m: map<any A>, key: string) -> map<A>'],
  js: () => (m: M, key: string) => { const out = new Map(m); out.delete(key); return out; },
  wasm: (c) => {
    const out = overlayWasm(c, [c.args[0]], c.site.bindings.A);
    c.emit(`${out}.delete(${c.args[1]});`);
    return out;
  },
});

/** The entries of `m` that pass `keep`, as a new map in the same order. */
function filterEntries(m: M, keep: (k: string, v: unknown) => boolean): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of m) if (keep(k, v)) out.set(k, v);
  return out;
}

const only = defineFunction({
  name: 'map.only',
  sigs: ['(m: map<any A>, keys: array<string>) -> map<A>'],
  js: () => (m: M, ks: readonly string[]) => { const s = new Set(ks); return filterEntries(m, (k) => s.has(k)); },
  wasm: (c) => {
    const s = keySet(c, c.args[1]);
    return filterEntriesWasm(c, c.args[0], c.site.bindings.A, (k) => `${s}.has(${k})`);
  },
});

const except = defineFunction({
  name: 'map.except',
  sigs: ['(m: map<any A>, keys: array<string>) -> map<A>'],
  js: () => (m: M, ks: readonly string[]) => { const s = new Set(ks); return filterEntries(m, (k) => !s.has(k)); },
  wasm: (c) => {
    const s = keySet(c, c.args[1]);
    return filterEntriesWasm(c, c.args[0], c.site.bindings.A, (k) => `!${s}.has(${k})`);
  },
});

/** Overlays the maps from left to right: later values replace earlier ones. */
function overlay(maps: readonly M[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const m of maps) for (const [k, v] of m) out.set(k, v);
  return out;
}

const update = defineFunction({
  name: 'map.update',
  sigs: ['(base: map<any A>, overlay: map<A>) -> map<A>'],
  js: () => (base: M, over: M) => overlay([base, over]),
  wasm: (c) => overlayWasm(c, [c.args[0], c.args[1]], c.site.bindings.A),
});

const split = defineFunction({
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

const join = defineFunction({
  name: 'map.join',
  sigs: ['(a: array<map<any A>>) -> map<A>'],
  js: () => (a: readonly M[]) => overlay(a),
  wasm: (c) => {
    const out = newMap(c, c.site.bindings.A);
    eachItem(c, c.args[0], (m) => {
      const mm = c.temp(c.type({ kind: 'map', values: c.site.bindings.A }), m);
      eachEntry(c, mm, (k, v) => c.emit(`${out}.set(${k}, ${v});`));
    });
    return out;
  },
});

/** Wasm argmaxN/argminN in Avro order: the keys of the n best entries, best first (topN in util/ranking.ts). */
function topNWasm(c: WasmCall, high: boolean): string {
  const [m, n] = c.args;
  const t = c.site.bindings.A;
  c.emit(`if (${m}.size == 0) ${c.fail('emptyMap')}`);
  c.emit(`if (${n} < 0) ${c.fail('nNegative')}`);
  const out = c.temp('Array<i32>', 'new Array<i32>(0)');
  c.if_(`${n} > 0`, () => {
    eachEntry(c, m, (k, v) => {
      const x = c.temp(c.type(t), v);
      const at = c.temp('i32', `${out}.length`);
      const j = c.temp('i32', '0');
      c.block(`for (; ${j} < ${out}.length; ${j}++)`, () => {
        const qk = c.temp('i32', `unchecked(${out}[${j}])`);
        const qv = c.temp(c.type(t), `${m}.get(${qk})`);
        const cmp = c.temp('i32', wasmCompare(c, t, x, qv));
        c.emit(`if (${cmp} ${high ? '>' : '<'} 0 || (${cmp} == 0 && ${RT.compareStrings}(${k}, ${qk}) < 0)) { ${at} = ${j}; break; }`);
      });
      c.if_(`${at} < ${n}`, () => {
        c.emit(`${out}.push(0);`);
        const i = c.temp('i32', `${out}.length - 1`);
        c.emit(`for (; ${i} > ${at}; ${i}--) ${RT.setAt}(${out}, ${i}, ${out}[${i} - 1]);`);
        c.emit(`${RT.setAt}(${out}, ${at}, ${k});`);
        c.emit(`if (${out}.length > ${n}) ${out}.pop();`);
      });
    });
  });
  return out;
}

/** One member of the argmax/argmin family (see a/order.ts for the array version). */
function extreme(name: string, code: number, high: boolean, withLT: boolean, withN: boolean) {
  const params = ['m: map<any A>'];
  if (withN) params.push('n: int');
  if (withLT) params.push('lessThan: fcn(A, A) -> boolean');
  const errors: Record<string, number> = withN ? { emptyMap: code, nNegative: code + 1 } : { emptyMap: code };
  // p ranks before q: a strictly better value, or an equal one with a smaller key.
  const rank = (lt: LessThan) => {
    const better = high ? (x: unknown, y: unknown) => lt(y, x) : lt;
    return (p: Entry, q: Entry) => better(p[1], q[1]) || (!better(q[1], p[1]) && compareStrings(p[0], q[0]) < 0);
  };
  const select = withN
    ? (entries: Entry[], n: number, before: (p: Entry, q: Entry) => boolean) => topN(entries, n, before).map((e) => e[0])
    : (entries: Entry[], _n: number, before: (p: Entry, q: Entry) => boolean) => best(entries, before)[0];
  return defineFunction({
    name,
    sigs: [`(${params.join(', ')}) -> ${withN ? 'array<string>' : 'string'}`],
    errors,
    js: (site: CallSite<Record<string, number>>) => {
      const run = (m: M, n: number, lt: LessThan): string | string[] => {
        if (m.size === 0) return site.fail('emptyMap');
        if (n < 0) return site.fail('nNegative', 'n < 0');
        return select([...m], n, rank(lt));
      };
      if (withLT) return withN ? run : (m: M, lt: LessThan) => run(m, 1, lt);
      const cmp = comparatorFor(site.bindings.A);
      const avroLT: LessThan = (x, y) => cmp(x, y) < 0;
      return withN ? (m: M, n: number) => run(m, n, avroLT) : (m: M) => run(m, 1, avroLT);
    },
    // With n: topN's bounded insertion (Avro order with key ties is a strict total order, so this is
    // also what its stable sort gives for n > 8); a user lessThan with n is not lowered.
    wasm: withN ? (withLT ? undefined : (c) => topNWasm(c, high)) : (c) => {
      // A strictly better value, or an equal one with a smaller key (by code point), replaces the best.
      const m = c.args[0];
      const t = c.site.bindings.A;
      c.emit(`if (${m}.size == 0) ${c.fail('emptyMap')}`);
      // (entries walked in place, in insertion order: [...m] in the JS form)
      const bk = c.temp('i32', `${m}.keyAt(0)`);
      const bv = c.temp(c.type(t), `${m}.valueAt(0)`);
      const i = c.temp('i32', '1');
      c.block(`for (; ${i} < ${m}.size; ${i}++)`, () => {
        c.emit(c.clock());
        const k = c.temp('i32', `${m}.keyAt(${i})`);
        const v = c.temp(c.type(t), `${m}.valueAt(${i})`);
        // Each result goes to a local: a second inlined call may rebind the locals the first read.
        const lt = (x: string, y: string) => (withLT ? c.temp('bool', c.fcn(1).apply([x, y])) : `(${wasmCompare(c, t, x, y)} < 0)`);
        // As in JS, the second comparison runs only when the first is false (||).
        const take = c.temp('bool', high ? lt(bv, v) : lt(v, bv));
        c.if_(`!${take}`, () => {
          const worse = high ? lt(v, bv) : lt(bv, v);
          c.emit(`${take} = !${worse} && ${RT.compareStrings}(${k}, ${bk}) < 0;`);
        });
        c.emit(`if (${take}) { ${bk} = ${k}; ${bv} = ${v}; }`);
      });
      return bk;
    },
  });
}

const argmax = extreme('map.argmax', 26120, true, false, false);
const argmin = extreme('map.argmin', 26130, false, false, false);
const argmaxLT = extreme('map.argmaxLT', 26140, true, true, false);
const argminLT = extreme('map.argminLT', 26150, false, true, false);
const argmaxN = extreme('map.argmaxN', 26160, true, false, true);
const argminN = extreme('map.argminN', 26170, false, false, true);
const argmaxNLT = extreme('map.argmaxNLT', 26180, true, true, true);
const argminNLT = extreme('map.argminNLT', 26190, false, true, true);

const toset = defineFunction({
  name: 'map.toset',
  sigs: ['(a: array<any A>) -> map<A>'],
  js: (site) => {
    const t = site.bindings.A;
    return (a: readonly unknown[]) => {
      const out = new Map<string, unknown>();
      for (const x of a) out.set(setKey(t, x), x);
      return out;
    };
  },
});

const fromset = defineFunction({
  name: 'map.fromset',
  sigs: ['(s: map<any A>) -> array<A>'],
  nondeterministic: 'unordered',
  js: () => (s: M) => [...s.values()],
  wasm: (c) => c.temp(c.type(c.site.ret), `${c.args[0]}.values()`),
});

const in_ = defineFunction({
  name: 'map.in',
  sigs: ['(s: map<any A>, x: A) -> boolean'],
  js: (site) => {
    const t = site.bindings.A;
    return (s: M, x: unknown) => s.has(setKey(t, x));
  },
});

// Set operations look at keys only, as the spec says.
const SET2 = '(a: map<any A>, b: map<A>) -> ';

const union = defineFunction({
  name: 'map.union',
  sigs: [SET2 + 'map<A>'],
  js: () => (a: M, b: M) => overlay([a, b]),
  wasm: (c) => overlayWasm(c, [c.args[0], c.args[1]], c.site.bindings.A),
});

const intersection = defineFunction({
  name: 'map.intersection',
  sigs: [SET2 + 'map<A>'],
  js: () => (a: M, b: M) => filterEntries(a, (k) => b.has(k)),
  wasm: (c) => filterEntriesWasm(c, c.args[0], c.site.bindings.A, (k) => `${c.args[1]}.has(${k})`),
});

const diff = defineFunction({
  name: 'map.diff',
  sigs: [SET2 + 'map<A>'],
  js: () => (a: M, b: M) => filterEntries(a, (k) => !b.has(k)),
  wasm: (c) => filterEntriesWasm(c, c.args[0], c.site.bindings.A, (k) => `!${c.args[1]}.has(${k})`),
});

const symdiff = defineFunction({
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

const subset = defineFunction({
  name: 'map.subset',
  sigs: ['(little: map<any A>, big: map<A>) -> boolean'],
  js: () => (little: M, big: M) => { for (const k of little.keys()) if (!big.has(k)) return false; return true; },
  wasm: (c) => `!${anyEntry(c, c.args[0], (k) => `!${c.args[1]}.has(${k})`)}`,
});

const disjoint = defineFunction({
  name: 'map.disjoint',
  sigs: [SET2 + 'boolean'],
  js: () => (a: M, b: M) => { for (const k of a.keys()) if (b.has(k)) return false; return true; },
  wasm: (c) => `!${anyEntry(c, c.args[0], (k) => `${c.args[1]}.has(${k})`)}`,
});

/** A new map with every value transformed (keys and order unchanged). */
function mapEntries(m: M, f: (k: string, v: unknown) => unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of m) out.set(k, f(k, v));
  return out;
}

const map = defineFunction({
  name: 'map.map',
  sigs: ['(m: map<any A>, fcn: fcn(A) -> any B) -> map<B>'],
  js: () => (m: M, fcn: (v: unknown) => unknown) => mapEntries(m, (_, v) => fcn(v)),
  wasm: (c) => sameKeysMap(c, c.args[0], c.fcn(1).ret, (_, v) => c.fcn(1).apply([c.temp(c.type(c.site.bindings.A), v)])),
});

const mapWithKey = defineFunction({
  name: 'map.mapWithKey',
  sigs: ['(m: map<any A>, fcn: fcn(string, A) -> any B) -> map<B>'],
  js: () => (m: M, fcn: (k: string, v: unknown) => unknown) => mapEntries(m, fcn),
  wasm: (c) => sameKeysMap(c, c.args[0], c.fcn(1).ret, (k, v) => c.fcn(1).apply([k, c.temp(c.type(c.site.bindings.A), v)])),
});

const filter = defineFunction({
  name: 'map.filter',
  sigs: ['(m: map<any A>, fcn: fcn(A) -> boolean) -> map<A>'],
  js: () => (m: M, fcn: (v: unknown) => boolean) => filterEntries(m, (_, v) => fcn(v)),
  wasm: (c) => filterEntriesWasm(c, c.args[0], c.site.bindings.A, (_, v) => c.fcn(1).apply([v])),
});

const filterWithKey = defineFunction({
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

/** Wasm keepNonNull: the function returns a two-branch union of B and null. */
function keepNonNullWasm(c: WasmCall, withKey: boolean): string {
  const f = c.fcn(1);
  const u = f.ret;
  const B = (c.site.ret as MapType).values;
  if (u.kind !== 'union' || u.types.length !== 2) return c.unsupported('filterMap with a function not returning union<B, null> is not lowered');
  const nullAt = u.types.findIndex((t) => t.kind === 'null');
  if (nullAt < 0 || c.type(u.types[1 - nullAt]) !== c.type(B)) return c.unsupported('filterMap with a function not returning union<B, null> is not lowered');
  const out = newMap(c, B);
  eachEntry(c, c.args[0], (k, v) => {
    const x = c.temp(c.type(c.site.bindings.A), v);
    const y = c.temp(c.type(u), f.apply(withKey ? [k, x] : [x]));
    c.emit(`if (${c.tag(u, y)} != ${nullAt}) ${out}.set(${k}, ${c.branch(u, y, 1 - nullAt)});`);
  });
  return out;
}

const filterMap = defineFunction({
  name: 'map.filterMap',
  sigs: ['(m: map<any A>, fcn: fcn(A) -> union<any B, null>) -> map<B>'],
  js: () => (m: M, fcn: (v: unknown) => unknown) => keepNonNull(m, (_, v) => fcn(v)),
  wasm: (c) => keepNonNullWasm(c, false),
});

const filterMapWithKey = defineFunction({
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

const flatMap = defineFunction({
  name: 'map.flatMap',
  sigs: ['(m: map<any A>, fcn: fcn(A) -> map<any B>) -> map<B>'],
  js: () => (m: M, fcn: (v: unknown) => M) => overlay(Array.from(m.values(), (v) => fcn(v))),
  wasm: (c) => flatMapWasm(c, false),
});

const flatMapWithKey = defineFunction({
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
  for (const m of rest) {
    c.emit(`if (${m}.size != ${first}.size) ${c.fail('misalignedMaps')}`);
    eachEntry(c, first, (k) => c.emit(`if (!${m}.has(${k})) ${c.fail('misalignedMaps')}`));
  }
  // (the other maps' values: found trying the same position first, as their keys often come in the same order)
  return sameKeysMap(c, first, f.ret, (k, v, i) => {
    const row = maps.map((m, j) => c.temp(c.type((c.site.params[j] as MapType).values), j === 0 ? v : `${m}.valueAt(${m}.findHint(${k}, ${i}))`));
    return f.apply(withKey ? [k, ...row] : row);
  });
}

const zipmap = defineFunction({
  name: 'map.zipmap',
  sigs: ZIP_SIGS(''),
  errors: { misalignedMaps: 26370 },
  js: (site) => (...args: unknown[]) => zip(args, false, () => site.fail('misalignedMaps')),
  wasm: (c) => zipWasm(c, false),
});

const zipmapWithKey = defineFunction({
  name: 'map.zipmapWithKey',
  sigs: ZIP_SIGS('string, '),
  errors: { misalignedMaps: 26380 },
  js: (site) => (...args: unknown[]) => zip(args, true, () => site.fail('misalignedMaps')),
  wasm: (c) => zipWasm(c, true),
});

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

const corresponds = defineFunction({
  name: 'map.corresponds',
  sigs: ['(a: map<any A>, b: map<any B>, fcn: fcn(A, B) -> boolean) -> boolean'],
  js: () => (a: M, b: M, fcn: (x: unknown, y: unknown) => boolean) => {
    if (!sameKeys(a, b)) return false;
    for (const [k, v] of a) if (!fcn(v, b.get(k))) return false;
    return true;
  },
  wasm: (c) => correspondsWasm(c, false),
});

const correspondsWithKey = defineFunction({
  name: 'map.correspondsWithKey',
  sigs: ['(a: map<any A>, b: map<any B>, fcn: fcn(string, A, B) -> boolean) -> boolean'],
  js: () => (a: M, b: M, fcn: (k: string, x: unknown, y: unknown) => boolean) => {
    if (!sameKeys(a, b)) return false;
    for (const [k, v] of a) if (!fcn(k, v, b.get(k))) return false;
    return true;
  },
  wasm: (c) => correspondsWasm(c, true),
});

export default defineNamespace('map', [
  len, keys, values, containsKey, containsValue,
  add, remove, only, except, update, split, join,
  argmax, argmin, argmaxLT, argminLT, argmaxN, argminN, argmaxNLT, argminNLT,
  toset, fromset, in_, union, intersection, diff, symdiff, subset, disjoint,
  map, mapWithKey, filter, filterWithKey, filterMap, filterMapWithKey, flatMap, flatMapWithKey,
  zipmap, zipmapWithKey, corresponds, correspondsWithKey,
]);
