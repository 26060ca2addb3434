/**
 * Known shapes (issue 18): what the lowering knows, when the kernel is built, about the keys of
 * the maps and the items of the string arrays a frame handles, so that lookups whose answer is
 * already decided compile to direct loads. The rules (partial evaluation over constant keys):
 *
 * 1. A map literal has its keys (constant strings, in order; `newmap`, withKeys).
 * 2. `map.keys` of a map with known keys is an array of those keys, in that order (SHAPE_RULES):
 *    a constant array made at load time (Module.constantKeys), not a copy per call.
 * 3. An item of an array with known items, read at index i (eachItem's `unchecked(items[i])`, bound
 *    to a function parameter: a.map, a.sum's fold...), is known to be key number i.
 * 4. A lookup, in a map with known keys K, of item i of an array known to be K is entry i: a direct
 *    load, no hashing and no check, since the key cannot be missing (lower/paths.ts).
 * 5. A lookup, in a constant map (an unwritten cell, lower/paths.ts), of item i of an array with
 *    known items: the entry index of every item is found once at load time (Module.keyOrder), and
 *    tables a library form derives from the entries (WasmCall.perEntry: a Gaussian's mean, σ and
 *    log-normaliser) are laid out in the items' order, so the loop reads them with its own index.
 *    A form's checks of those entries are made once too: the index of the first entry a check
 *    flags (WasmCall.fromFirstEntry), below which the loop takes a path that checks nothing.
 * 6. A math function (m.*) of entries of a constant container is a table of its values computed at
 *    load time (lower/calls.ts perEntryCall): entries are known through eachEntry's reads and the
 *    parameters bound to them, as rule 5's lookups are.
 * 7. A map made with another map's keys (map.map, map.zipmap: lib/util/wasm.ts sameKeysMap) has
 *    its values in an array of their own, by entry index, and its keys are the other map's key
 *    store and size, held where nothing reassigns them (load-time globals of a constant map, or
 *    temporaries). Forms that walk its entries (eachEntry, map.argmax) read those, and map.values
 *    of it is that array (a view: its length and items); so when nothing else reads the map or the
 *    view, neither is made (Fn.droppable): Sonar's per-record two-entry maps are two arrays. A
 *    small user function given such a map is lowered in place (Module.inlineCall), so these facts
 *    hold in its body too.
 * 8. A map made with a constant map's keys (rule 7, the key store read from the constant) has that
 *    map's keys in its order: zipped with another constant map (map.zipmap: Sonar's per-record
 *    class probabilities and its cutoffs), the two key sets are compared and each key's entry in
 *    the other found at load time (Module.mapPositions), not hashed per record.
 *
 * A fact holds for a local only while nothing can give it another value: PFA values are never
 * mutated (ARCHITECTURE.md, Invariants); symbol slots that a `set` assigns get no facts, temporaries
 * get them only from the expressions below, which the lowering assigns once. The floating-point
 * operations are untouched, so the answers keep the JS backend's bits.
 */
import type { Node } from '../../../ir/tree.js';
import type { RecordType } from '../../../types/avro.js';
import { eachNode } from '../../../ir/walk.js';

/** Dictionary codes of string keys, in order. */
export type Keys = readonly number[];

/** Rule 7: where a map's entries are, as pure AS expressions (`keys` a StaticArray<i32>, `store` of its values). */
export interface Entries {
  size: string;
  keys: string;
  store: string;
}

/** Rule 7: an array that is a view of another's items: its length and its items (a StaticArray). */
export interface ItemsView {
  length: string;
  items: string;
}

/** Library functions whose result's shape follows from their arguments' (rule 2). */
const SHAPE_RULES: Readonly<Record<string, (args: (Keys | undefined)[]) => Keys | undefined>> = {
  'map.keys': ([keys]) => keys,
};

/** The symbol slots of a frame that a `set` assigns: their locals never get facts. */
export function assignedSlots(body: Node): ReadonlySet<number> {
  const out = new Set<number>();
  eachNode(body, (n) => {
    if (n.k === 'set') for (const s of n.slots) out.add(s);
  });
  return out;
}

/**
 * The record local whose fields, all of them in declaration order, are a literal's values (lowered
 * as `r.f1`, `r.f2`...: `fields` gives a record type's AS field names), when they are all doubles
 * and at least `least` (a map's value store has room for 4); else null. Such a record's object is
 * laid out as a StaticArray<f64> of its fields (an AS object's fields start at its address, and
 * its header's size is the fields'), so a map literal's value store, or an array literal's items
 * (AlpineNow's `vector`), are the record itself. PFA values are never changed, so nothing writes it.
 */
export function recordOfFields(
  nodes: readonly Node[],
  values: readonly string[],
  fields: (t: RecordType) => readonly string[],
  least: number,
): string | null {
  const first = nodes[0];
  if (values.length < least || first?.k !== 'attr' || first.target.type.kind !== 'record') return null;
  const t = first.target.type;
  if (t.fields.length !== values.length || t.fields.some((f) => f.type.kind !== 'double')) return null;
  if (nodes.some((x) => x.type.kind !== 'double')) return null;
  const record = /^(\w+)\./.exec(values[0])?.[1];
  const names = fields(t);
  return record && values.every((v, i) => v === `${record}.${names[i]}`) ? record : null;
}

const sameKeys = (a: Keys, b: Keys) => a === b || (a.length === b.length && a.every((k, i) => k === b[i]));

export class Shapes {
  /** Locals holding a map whose keys are exactly these, in this order. */
  private readonly mapKeys = new Map<string, Keys>();
  /** Locals holding a map literal: the local of its value store (the values by entry index). */
  private readonly stores = new Map<string, string>();
  /** Locals holding a string array (or a view of its items) whose items are exactly these. */
  private readonly arrayItems = new Map<string, Keys>();
  /** Locals holding item `index` (an i32 local) of an array whose items are `keys`. */
  private readonly items = new Map<string, { keys: Keys; index: string }>();
  /** Rule 7: locals holding a map whose entries are in these arrays. */
  private readonly entries = new Map<string, Entries>();
  /** Rule 7: locals holding an array whose items are these. */
  private readonly views = new Map<string, ItemsView>();

  /** Rule 1: `local` was just assigned a map literal with these keys, its values in `store`. */
  literalMap(local: string, keys: Keys, store: string): void {
    this.mapKeys.set(local, keys);
    this.stores.set(local, store);
  }

  /** Rule 2: the keys that library function `name` gives on these locals, when they are known. */
  result(name: string, args: readonly string[]): Keys | undefined {
    return SHAPE_RULES[name]?.(args.map((a) => this.mapKeys.get(a) ?? this.arrayItems.get(a)));
  }

  /** `global` holds a constant array of these keys (Module.constantKeys); returns it. */
  constantArray(global: string, keys: Keys): string {
    this.arrayItems.set(global, keys);
    return global;
  }

  /** Slot locals bound to a copy of another local or a global: what they hold (rule 8: a constant). */
  private readonly copies = new Map<string, string>();

  /** What `local` is a copy of (a slot bound to a cell's global), or `local` itself. */
  copyOf(local: string): string {
    return this.copies.get(local) ?? local;
  }

  /** Rule 8: locals holding the key store of a map (a global, or a local that holds a map). */
  private readonly keyStores = new Map<string, string>();

  /**
   * A temporary was just assigned `expr`: a view of an array's items (eachItem) keeps its items; a
   * map's key store (sameKeysMap), or a copy of a local holding one, the map it is of (rule 8).
   */
  temp(local: string, expr: string): void {
    const view = /^rt\.itemsOf\((\w+)\)$/.exec(expr);
    const keys = view && this.arrayItems.get(view[1]);
    if (keys) this.arrayItems.set(local, keys);
    const store = /^(\w+!?)\.keyStore\(\)$/.exec(expr)?.[1] ?? this.keyStores.get(expr);
    if (store) this.keyStores.set(local, store);
  }

  /**
   * Rule 8: the map whose key store local `keys` holds, if it is known. When that map is a constant
   * (the caller checks), a map made with those keys has the constant's keys in its order, so two
   * such maps are zipped by a table made at load time (Module.mapPositions).
   */
  keysOf(keys: string): string | undefined {
    return this.keyStores.get(keys);
  }

  /** A slot local that no `set` assigns was just assigned `expr`: a copy, or item i of an array (rule 3). */
  slot(local: string, expr: string): void {
    const all = [this.mapKeys, this.stores, this.arrayItems, this.items, this.entries, this.views, this.copies];
    for (const facts of all as Map<string, unknown>[]) facts.delete(local);
    // (a local, or a global set at load time: `g!`)
    if (/^\w+!?$/.test(expr)) {
      this.copies.set(local, this.copies.get(expr) ?? expr);
      const keys = this.mapKeys.get(expr);
      if (keys) this.mapKeys.set(local, keys);
      const store = this.stores.get(expr);
      if (store) this.stores.set(local, store);
      const items = this.arrayItems.get(expr);
      if (items) this.arrayItems.set(local, items);
      const item = this.items.get(expr);
      if (item) this.items.set(local, item);
      const entries = this.entries.get(expr);
      if (entries) this.entries.set(local, entries);
      const view = this.views.get(expr);
      if (view) this.views.set(local, view);
      return;
    }
    const m = /^unchecked\((\w+)\[(\w+)\]\)$/.exec(expr);
    const keys = m && this.arrayItems.get(m[1]);
    if (keys) this.items.set(local, { keys, index: m[2] });
  }

  /**
   * Rule 4: the value of `key` in `map` when the lowering knows its entry index (a read of the
   * literal's value store, when known, saves reloading it from the map), else undefined.
   */
  knownValue(map: string, key: string): string | undefined {
    const keys = this.mapKeys.get(map);
    const item = this.items.get(key);
    if (!keys || !item || !sameKeys(keys, item.keys)) return undefined;
    const store = this.stores.get(map);
    return store ? `unchecked(${store}[${item.index}])` : `${map}.valueAt(${item.index})`;
  }

  /** Rule 1's facts of `map` when it holds a map literal: its keys and the local of its values. */
  literal(map: string): { keys: Keys; store: string } | undefined {
    const keys = this.mapKeys.get(map);
    const store = this.stores.get(map);
    return keys && store ? { keys, store } : undefined;
  }

  /** How many items `array` (a local or load-time global) is known to hold, else undefined. */
  itemCount(array: string): number | undefined {
    return this.arrayItems.get(array)?.length;
  }

  /** Rule 5's input: the known items `key` is one of, and its index among them. */
  itemOf(key: string): { keys: Keys; index: string } | undefined {
    return this.items.get(key);
  }

  /** Rule 7: `local` was just assigned a map whose entries are these. */
  entriesMap(local: string, entries: Entries): void {
    this.entries.set(local, entries);
  }

  /** Rule 7's facts of `map`, when it holds a map made with another's keys. */
  entriesOf(map: string): Entries | undefined {
    return this.entries.get(map);
  }

  /** Rule 7: `local` was just assigned an array whose items are these. */
  itemsView(local: string, view: ItemsView): void {
    this.views.set(local, view);
  }

  /** Rule 7's facts of `array`, when it is a view of another's items. */
  viewOf(array: string): ItemsView | undefined {
    return this.views.get(array);
  }
}
