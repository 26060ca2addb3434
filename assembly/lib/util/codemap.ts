// PFA maps in generated kernels: keys are i32 string codes (src/backend/wasm/wire.ts, StringDict),
// iteration in insertion order (as the JS backend's Map). AssemblyScript's Map<i32,V> hashes twice
// per read in generated code (has, then get) and walks entry buckets; this map keeps keys and values
// in two insertion-ordered static arrays, so iteration is an array walk, and finds a key with one
// probe of an open-addressing index (Fibonacci hashing, linear probing) or, for a few keys, a linear
// scan. Allocation is most of a kernel's cost with a small model: a map is 3 or 4 blocks, not 6.
// The index is built lazily, by the first lookup that needs it: a map made by a literal and read
// through `findHint` (keys in the map's own order, the usual case for feature maps) never hashes.
// PFA maps are values: nothing removes a key in place except `delete`, which drops the index.

import { rawArray, rawStatic } from './arrays';
import { objectNew } from './arena';

/** Up to this many keys a linear scan beats hashing. */
const SCAN = 8;

// (final: its constructor returns the object it made, objectNew)
// @ts-ignore: decorator
@final
export class CodeMap<V> {
  // (the constructor sets every field; these initializers only satisfy the checker)
  private ks: StaticArray<i32> = changetype<StaticArray<i32>>(0);
  private vs: StaticArray<V> = changetype<StaticArray<V>>(0);
  private n: i32 = 0;
  /** 1 + the entry index of each occupied slot; 0 = empty. Null until a lookup in a large map. */
  private slots: StaticArray<i32> | null = null;
  private bits: i32 = 0;
  /** Entries 0..placed-1 are in the index; later ones are placed by the next lookup. */
  private placed: i32 = 0;

  /** `values`: a map literal's values, already stored by position in an array of max(capacity, 4) items. */
  constructor(capacity: i32 = 0, values: StaticArray<V> | null = null) {
    const room = max(capacity, 4);
    // (made by objectNew, in the arena's chunk in an arena module, so every field is set here)
    const m = objectNew<CodeMap<V>>();
    // (entries at n and above are never read: only references need clearing, see rawStatic)
    m.ks = rawStatic<i32>(room);
    m.vs = values ? values : rawStatic<V>(room);
    m.n = 0;
    m.slots = null;
    m.bits = 0;
    m.placed = 0;
    return m;
  }

  get size(): i32 {
    return this.n;
  }

  /** The entry index of key `k`, or -1. */
  find(k: i32): i32 {
    const ks = this.ks;
    const n = this.n;
    if (n <= SCAN) {
      for (let i = 0; i < n; i++) if (unchecked(ks[i]) == k) return i;
      return -1;
    }
    if (this.placed != n) this.index();
    const slots = this.slots!;
    const mask = (1 << this.bits) - 1;
    let h = <i32>((<u32>k * 0x9E3779B1) >>> (32 - this.bits));
    let s = unchecked(slots[h]);
    while (s != 0) {
      if (unchecked(ks[s - 1]) == k) return s - 1;
      h = (h + 1) & mask;
      s = unchecked(slots[h]);
    }
    return -1;
  }

  /** find(k), trying entry `hint` first (a loop index over keys that often come in this map's order). */
  // @ts-ignore: decorator
  @inline findHint(k: i32, hint: i32): i32 {
    return <u32>hint < <u32>this.n && unchecked(this.ks[hint]) == k ? hint : this.find(k);
  }

  has(k: i32): bool {
    return this.find(k) >= 0;
  }

  /** The value of key `k`; the caller has checked that it is present (an absent key aborts). */
  get(k: i32): V {
    const i = this.find(k);
    if (i < 0) throw new Error('key not in map');
    return unchecked(this.vs[i]);
  }

  // @ts-ignore: decorator
  @inline keyAt(i: i32): i32 {
    return unchecked(this.ks[i]);
  }

  // @ts-ignore: decorator
  @inline valueAt(i: i32): V {
    return unchecked(this.vs[i]);
  }

  /** Sets key `k` (a new key goes last; an existing one keeps its place). */
  set(k: i32, v: V): this {
    const i = this.find(k);
    if (i >= 0) {
      unchecked((this.vs[i] = v));
      return this;
    }
    return this.add(k, v);
  }

  /**
   * Makes this empty map, made with room for n entries, a map literal's: `n` distinct keys copied
   * from static data at `keys` (or from the input wire, for a map whose values withValues copies). Its values must then be stored by position through valueStore()
   * before the map is read, unless the constructor was given them.
   */
  withKeys(keys: usize, n: i32): this {
    memory.copy(changetype<usize>(this.ks), keys, <usize>n << 2);
    this.n = n;
    return this;
  }

  /**
   * withKeys from the first `n` keys of `keys` (a table made at load time): a few are copied by a
   * loop, since V8's memory.copy is a call out of the code (about 10 ns; AlpineNow's three keys).
   */
  withKeysOf(keys: StaticArray<i32>, n: i32): this {
    if (n > 16) return this.withKeys(changetype<usize>(keys), n);
    const to = changetype<usize>(this.ks),
      from = changetype<usize>(keys);
    for (let o: usize = 0, b = <usize>n << 2; o < b; o += 4) store<i32>(to + o, load<i32>(from + o));
    this.n = n;
    return this;
  }

  /**
   * Stores the values of a map made by withKeys: `size` values laid out at `values`, copied whole.
   * For values that are not references (a map of scalar unions read off the wire).
   */
  withValues(values: usize): this {
    if (isManaged<V>()) ERROR('withValues copies values that are not references');
    memory.copy(changetype<usize>(this.vs), values, <usize>this.n << alignof<V>());
    return this;
  }

  /** The keys by position (entries 0..size-1), for lookups in a map that no longer changes (a constant's). */
  // @ts-ignore: decorator
  @inline keyStore(): StaticArray<i32> {
    return this.ks;
  }

  /** Where values are stored by position (a literal's, after withKeys). */
  // @ts-ignore: decorator
  @inline valueStore(): StaticArray<V> {
    return this.vs;
  }

  /** Appends key `k`, which the caller knows is not in the map (a map literal's distinct keys). */
  // (inlined: a literal's entries are added one after another, and a call each was 6% of Sonar)
  // @ts-ignore: decorator
  @inline add(k: i32, v: V): this {
    const n = this.n;
    if (n == this.ks.length) this.grow();
    unchecked((this.ks[n] = k));
    unchecked((this.vs[n] = v));
    this.n = n + 1;
    return this;
  }

  /** Removes key `k` (later keys keep their order); true if it was there. */
  delete(k: i32): bool {
    const i = this.find(k);
    if (i < 0) return false;
    const n = this.n - 1;
    for (let j = i; j < n; j++) {
      unchecked((this.ks[j] = this.ks[j + 1]));
      unchecked((this.vs[j] = this.vs[j + 1]));
    }
    this.n = n;
    // (the last value slot keeps a stale reference until overwritten: harmless, the map is a value)
    this.slots = null;
    this.placed = 0;
    return true;
  }

  clear(): void {
    this.ks = rawStatic<i32>(4);
    this.vs = rawStatic<V>(4);
    this.n = 0;
    this.slots = null;
    this.placed = 0;
  }

  /** The keys in insertion order (a copy: the caller may keep or change it). */
  keys(): Array<i32> {
    const n = this.n;
    const out = rawArray<i32>(n);
    memory.copy(out.dataStart, changetype<usize>(this.ks), <usize>n << 2);
    return out;
  }

  /** The values in insertion order (a copy). */
  values(): Array<V> {
    const n = this.n;
    const out = rawArray<V>(n);
    memory.copy(out.dataStart, changetype<usize>(this.vs), <usize>n << alignof<V>());
    // (a copied reference is a new edge for the collector)
    if (isManaged<V>()) for (let i = 0; i < n; i++) __link(changetype<usize>(out), changetype<usize>(unchecked(this.vs[i])), true);
    return out;
  }

  private grow(): void {
    const n = this.n;
    const room = n * 2;
    const ks = rawStatic<i32>(room);
    const vs = rawStatic<V>(room);
    for (let i = 0; i < n; i++) {
      unchecked((ks[i] = this.ks[i]));
      unchecked((vs[i] = this.vs[i]));
    }
    this.ks = ks;
    this.vs = vs;
  }

  /** Brings the index up to date: places the entries added since, in a larger index when it is over half full. */
  private index(): void {
    const n = this.n;
    let from = this.placed;
    if (this.slots === null || n * 2 > (1 << this.bits)) {
      let bits = 4;
      while ((1 << bits) < n * 2) bits++;
      this.bits = bits;
      this.slots = new StaticArray<i32>(1 << bits);
      from = 0;
    }
    const slots = this.slots!;
    const mask = (1 << this.bits) - 1;
    const shift = 32 - this.bits;
    for (let i = from; i < n; i++) {
      let h = <i32>((<u32>unchecked(this.ks[i]) * 0x9E3779B1) >>> shift);
      while (unchecked(slots[h]) != 0) h = (h + 1) & mask;
      unchecked((slots[h] = i + 1));
    }
    this.placed = n;
  }
}
