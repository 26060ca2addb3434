/**
 * The globals of a kernel module and what pfaLoad computes into them: constants read from the
 * load wire, and the tables and values derived from constants once per load (lower/shapes.ts
 * rules 5 and 6, library forms' per-entry tables), so that the routines check and compute
 * nothing per call that depends only on constants.
 */
import { AvroType } from '../../../types/avro.js';
import { AsTypes } from '../types.js';
import { Names, RT } from '../emit/names.js';
import { WireAs } from '../wireAs.js';
import { StringDict } from '../wire.js';
import type { Loaded } from './lowered.js';
import type { Keys } from './shapes.js';

/** The value cached under `id`, made by `make` the first time. */
function once<T>(cache: Map<string, T>, id: string, make: () => T): T {
  let v = cache.get(id);
  if (v === undefined) cache.set(id, (v = make()));
  return v;
}

/** Module.keyOrder: where each of a list of keys is in a constant map. */
export interface KeyOrder {
  /** A StaticArray<i32> global: the entry index of each key, -1 when missing. */
  table: string;
  /** An i32 global: the index of the first missing key, or the number of keys. */
  present: string;
  keys: number;
}

/** LoadTime.joinedKeys: globals set at load time. */
export interface JoinedKeys {
  /** StaticArray<i32>: the distinct keys, in order of first appearance. */
  keys: string;
  /** StaticArray<i32>: the entry of each item's key. */
  positions: string;
  /** i32: how many distinct keys. */
  size: string;
}

/** A local read from a constant container (Module.noteEntry). */
interface Entry {
  container: string;
  index: string;
  kind: 'map' | 'array';
  order?: KeyOrder;
}

export class LoadTime {
  readonly names = new Names();
  readonly types = new AsTypes(this.names);
  readonly wire = new WireAs(this.types, this.names);
  readonly dict = new StringDict();
  /** The values the host writes on the load wire, in order: cells, pools, constants. */
  readonly loaded: Loaded[] = [];
  /** The module's global declarations. */
  readonly globals: string[] = [];

  private readonly staticData = new Map<string, string>();

  /**
   * The address of these i32s in a data segment of the module (asc's memory.data): static memory,
   * below everything the kernel allocates, so neither the arena nor the collector ever touches it.
   * Equal lists share one segment.
   */
  staticI32s(values: readonly number[]): string {
    const key = values.join(',');
    let name = this.staticData.get(key);
    if (!name) {
      name = this.names.mint('z');
      this.globals.push(`const ${name}: usize = memory.data<i32>([${key}]);`);
      this.staticData.set(key, name);
    }
    return name;
  }

  constant(t: AvroType, value: unknown, path: string): string {
    const global = this.names.mint('k');
    this.loaded.push({ global, type: t, value });
    return this.loadedGlobal(global, t, path);
  }

  /**
   * Declares a global that only pfaLoad sets (a constant, an unwritten cell, a load-time value or
   * table); returns the expression that reads it. A reference is declared nullable and read as
   * `g!` (no check under noAssert): a definitely-assigned global (`let g!: T`) is checked against
   * null at every read, even under noAssert, and such reads sit in the kernels' inner loops.
   */
  loadedGlobal(name: string, t: AvroType, path: string): string {
    if (!this.types.isReference(t)) {
      this.globals.push(this.globalDecl(name, t, path));
      return name;
    }
    return this.nullableGlobal(name, this.types.as(t, path));
  }

  nullableGlobal(name: string, asType: string): string {
    this.globals.push(`let ${name}: ${asType} | null = null;`);
    return `${name}!`;
  }

  /**
   * A global's declaration. References are declared definitely assigned (`!`, set by pfaLoad or
   * pfaSetTally before use): asc does not resolve the class in `changetype<C>(0)` in a global's
   * initializer inside a namespace, as conformance batches put each engine in one.
   */
  globalDecl(name: string, t: AvroType, path: string): string {
    const T_ = this.types.as(t, path);
    return this.types.isReference(t) ? `let ${name}!: ${T_};` : `let ${name}: ${T_} = ${this.types.zero(t)};`;
  }

  private readonly loadTime = new Map<string, string>();
  /** Statements pfaLoad runs after reading the loaded values: load-time values and tables. */
  readonly loadTimeSets: string[] = [];
  /** Globals whose value never changes after loading: unwritten cells and load-time values. */
  readonly constants = new Set<string>();
  /** Locals that hold an entry of a constant map or array: which container, at which index. */
  private readonly entries = new Map<string, Entry>();
  private readonly tables = new Map<string, string>();

  isConstant(global: string): boolean {
    return this.constants.has(global);
  }

  /**
   * Notes that `local` was just read from constant `container` at entry `index` (see perEntryTable),
   * or, with `order` (a keyOrder table), at the entry of item `index` of the keys the table follows.
   */
  noteEntry(local: string, container: string, index: string, kind: 'map' | 'array', order?: KeyOrder): void {
    this.entries.set(local, { container, index, kind, ...(order ? { order } : {}) });
  }

  /** `local` holds something else now (a slot bound again). */
  forgetEntry(local: string): void {
    this.entries.delete(local);
  }

  entryOf(local: string): Entry | undefined {
    const e = this.entries.get(local);
    if (e) return e;
    // An item read through a view of a constant array (eachItem's loop: `unchecked(view[i])`).
    const item = /^unchecked\((\w+)\[(\w+)\]\)$/.exec(local);
    const container = item ? this.views.get(item[1]) : undefined;
    return container ? { container, index: item![2], kind: 'array' } : undefined;
  }

  private readonly views = new Map<string, string>();

  /** `view` holds the items of constant array `container` (rt.itemsOf): its items are entries. */
  noteView(view: string, container: string): void {
    this.views.set(view, container);
  }

  /**
   * A table with one value per entry of a constant container, computed at load time by `derive`
   * (an AS expression of the entry `e_`, pure and without errors): library forms use it to do
   * once per model what depends only on constants (a Gaussian's log-normaliser, DESIGN.md item 3).
   */
  perEntryTable(
    container: string,
    kind: 'map' | 'array',
    asType: string,
    derive: (entry: string) => string,
    order?: KeyOrder,
  ): string {
    const expr = derive('e_');
    const key = `${container}|${asType}|${expr}|${order?.table ?? ''}`;
    let g = this.tables.get(key);
    if (!g) {
      const name = this.names.mint('d');
      g = this.nullableGlobal(name, `StaticArray<${asType}>`);
      const n = order ? String(order.keys) : kind === 'map' ? `${container}.size` : `${container}.length`;
      const at = kind === 'map' ? `${container}.valueAt(i)` : `unchecked(${container}[i])`;
      // In a key order (lower/shapes.ts rule 5): entry j of the table is the entry of the j-th key,
      // so a loop over the keys reads its tables with its own index (structure of arrays); a
      // missing key's slot stays zero (the loop fails before it reads it).
      const fill = order
        ? `const p = unchecked(${order.table}[i]); if (p >= 0) { const e_ = ${container}.valueAt(p); ${RT.setAt}(${g}, i, ${expr}); }`
        : `const e_ = ${at}; ${RT.setAt}(${g}, i, ${expr});`;
      this.loadTimeSets.push(
        `{ const n = ${n}; ${name} = new StaticArray<${asType}>(n); for (let i = 0; i < n; i++) { ${fill} } }`,
      );
      this.tables.set(key, g);
    }
    return g;
  }

  private readonly firsts = new Map<string, string>();

  /**
   * An i32 global set at load time to the index, in a loop's order over constant `container`
   * (as perEntryTable's), of the first entry for which `test` (an AS boolean expression of the
   * entry `e_`, pure and without errors) holds, or to the number of entries when none does. A
   * form compares its loop index with it to take its general path from that entry on and a
   * path that assumes `test` false before it, so an error is raised at the same item as before.
   * In a key order a missing key counts as false: the loop fails at its lookup first.
   */
  firstEntryWhere(container: string, kind: 'map' | 'array', test: (entry: string) => string, order?: KeyOrder): string {
    const expr = test('e_');
    const key = `${container}|${expr}|${order?.table ?? ''}`;
    return once(this.firsts, key, () => {
      const g = this.names.mint('d');
      this.globals.push(`let ${g}: i32 = 0;`);
      const n = order ? String(order.keys) : kind === 'map' ? `${container}.size` : `${container}.length`;
      const at = kind === 'map' ? `${container}.valueAt(i)` : `unchecked(${container}[i])`;
      const found = `if (${expr}) { ${g} = i; break; }`;
      const scan = order
        ? `const p = unchecked(${order.table}[i]); if (p >= 0) { const e_ = ${container}.valueAt(p); ${found} }`
        : `const e_ = ${at}; ${found}`;
      this.loadTimeSets.push(`{ const n = ${n}; ${g} = n; for (let i = 0; i < n; i++) { ${scan} } }`);
      return g;
    });
  }

  private readonly keyArrays = new Map<string, string>();

  /** An array of these string keys made at load time, for values known when the kernel is built. */
  constantKeys(keys: Keys): string {
    const at = this.staticI32s(keys);
    return once(this.keyArrays, at, () => {
      const name = this.names.mint('d');
      const g = this.nullableGlobal(name, 'Array<i32>');
      this.loadTimeSets.push(
        `{ const n = ${keys.length}; ${name} = new Array<i32>(n); for (let i = 0; i < n; i++) ${RT.setAt}(${g}, i, load<i32>(${at} + (<usize>i << 2))); }`,
      );
      this.constants.add(g);
      return g;
    });
  }

  /**
   * An i32 table global of `size` items and an i32 global that pfaLoad fills (`fill(table, flag,
   * at)`, `at` the address of `keys` in static data), made once per container and key list.
   */
  private keyTable<R>(
    cache: Map<string, R>,
    container: string,
    keys: Keys,
    size: string,
    fill: (table: string, flag: string, at: string) => string,
    result: (table: string, flag: string) => R,
  ): R {
    const at = this.staticI32s(keys);
    return once(cache, `${container}|${at}`, () => {
      const t = this.names.mint('d');
      const flag = this.names.mint('d');
      const table = this.nullableGlobal(t, 'StaticArray<i32>');
      this.globals.push(`let ${flag}: i32 = 0;`);
      this.loadTimeSets.push(`{ const n = ${size}; ${t} = new StaticArray<i32>(n); ${fill(table, flag, at)} }`);
      return result(table, flag);
    });
  }

  private readonly keyOrders = new Map<string, KeyOrder>();

  /**
   * For constant map `container` and a list of keys known when the kernel is built (lower/shapes.ts
   * rule 5): a table, made at load time, of each key's entry index (-1 when missing), and the index
   * of the first missing key (the count when none is), so that a lookup checks one i32 compare.
   */
  keyOrder(container: string, keys: Keys): KeyOrder {
    return this.keyTable(
      this.keyOrders,
      container,
      keys,
      String(keys.length),
      (table, p, at) =>
        `${p} = n; for (let i = 0; i < n; i++) { const e = ${container}.find(load<i32>(${at} + (<usize>i << 2))); ${RT.setAt}(${table}, i, e); if (e < 0 && ${p} == n) ${p} = i; }`,
      (table, present) => ({ table, present, keys: keys.length }),
    );
  }

  private readonly positions = new Map<string, { table: string; same: string }>();

  /**
   * The inverse of keyOrder, for zipping constant map `container` with a map of keys known when the
   * kernel is built (a literal's): a table, made at load time, of the position among `keys` of each
   * entry's key (-1 when missing), and an i32 global, 1 when the two have the same key set (as many
   * keys, every entry's among them: both lists are of distinct keys).
   */
  keyPositions(container: string, keys: Keys): { table: string; same: string } {
    const find = (at: string) =>
      `let p = -1; for (let j = 0; j < ${keys.length}; j++) if (load<i32>(${at} + (<usize>j << 2)) == k) { p = j; break; }`;
    return this.keyTable(
      this.positions,
      container,
      keys,
      `${container}.size`,
      (table, same, at) =>
        `${same} = n == ${keys.length} ? 1 : 0; for (let i = 0; i < n; i++) { const k = ${container}.keyAt(i); ${find(at)} ${RT.setAt}(${table}, i, p); if (p < 0) ${same} = 0; }`,
      (table, same) => ({ table, same }),
    );
  }

  private readonly joins = new Map<string, JoinedKeys>();

  /**
   * For constant string array `container`: the map that setting its items in order as keys makes
   * (a key given again keeps its first place), laid out at load time: its distinct keys in order,
   * their number, and each item's entry in it (lower/zipJoin.ts).
   */
  joinedKeys(container: string): JoinedKeys {
    return once(this.joins, container, () => {
      const [k, p, n] = [this.names.mint('d'), this.names.mint('d'), this.names.mint('d')];
      const keys = this.nullableGlobal(k, 'StaticArray<i32>');
      const positions = this.nullableGlobal(p, 'StaticArray<i32>');
      this.globals.push(`let ${n}: i32 = 0;`);
      // (the same CodeMap as any map: its find says where a key already is)
      this.loadTimeSets.push(
        `{ const a = ${container}; const m = new CodeMap<i32>(a.length); ${p} = new StaticArray<i32>(a.length); for (let i = 0; i < a.length; i++) { const x = unchecked(a[i]); let e = m.find(x); if (e < 0) { e = m.size; m.add(x, 0); } ${RT.setAt}(${positions}, i, e); } ${n} = m.size; ${k} = new StaticArray<i32>(${n}); for (let i = 0; i < ${n}; i++) ${RT.setAt}(${keys}, i, m.keyAt(i)); }`,
      );
      return { keys, positions, size: n };
    });
  }

  private readonly mapPairs = new Map<string, { table: string; same: string }>();

  /**
   * For zipping constant map `a` (or a map made with its keys, in its order) with constant map
   * `b`: a table, made at load time, of the entry index in `b` of each of a's keys (-1 when
   * missing), and an i32 global, 1 when the two have the same key set (as many keys, each of a's
   * found in b: both hold distinct keys).
   */
  mapPositions(a: string, b: string): { table: string; same: string } {
    return once(this.mapPairs, `${a}|${b}`, () => {
      const t = this.names.mint('d');
      const same = this.names.mint('d');
      const table = this.nullableGlobal(t, 'StaticArray<i32>');
      this.globals.push(`let ${same}: i32 = 0;`);
      this.loadTimeSets.push(
        `{ const n = ${a}.size; ${t} = new StaticArray<i32>(n); ${same} = n == ${b}.size ? 1 : 0; for (let i = 0; i < n; i++) { const e = ${b}.find(${a}.keyAt(i)); ${RT.setAt}(${table}, i, e); if (e < 0) ${same} = 0; } }`,
      );
      return { table, same };
    });
  }

  private readonly mapKeys = new Map<string, { keys: string; size: string }>();

  /**
   * The key store and size of constant map `container`, in globals set at load time (after the
   * cells): a lookup tried at a hinted position then reads one key, not the map's fields first.
   */
  constantMapKeys(container: string): { keys: string; size: string } {
    let e = this.mapKeys.get(container);
    if (!e) {
      const k = this.names.mint('d'),
        n = this.names.mint('d');
      const keys = this.nullableGlobal(k, 'StaticArray<i32>');
      this.globals.push(`let ${n}: i32 = 0;`);
      this.loadTimeSets.push(`${k} = ${container}.keyStore(); ${n} = ${container}.size;`);
      e = { keys, size: n };
      this.mapKeys.set(container, e);
    }
    return e;
  }

  /**
   * loadTimeValue for a value of AS type `asType` made for the kernel's own use (a table object
   * such as rt.FlatTree), not a value of an Avro type.
   */
  loadTimeObject(expr: string, asType: string): string {
    return once(this.loadTime, expr, () => {
      const name = this.names.mint('h');
      const g = this.nullableGlobal(name, asType);
      this.loadTimeSets.push(`${name} = ${expr};`);
      this.constants.add(g);
      return g;
    });
  }

  /**
   * A global holding `expr` (built from constant cells and literals only), computed once in pfaLoad
   * after the cells are loaded (and again whenever they are reloaded).
   */
  loadTimeValue(expr: string, t: AvroType): string {
    let g = this.loadTime.get(expr);
    if (!g) {
      const name = this.names.mint('h');
      g = this.loadedGlobal(name, t, '');
      this.loadTimeSets.push(`${name} = ${expr};`);
      this.loadTime.set(expr, g);
      this.constants.add(g);
    }
    return g;
  }
}
