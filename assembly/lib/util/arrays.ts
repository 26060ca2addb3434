// Array stores without AssemblyScript's checks. AS's Array has no unchecked store operator (only
// StaticArray has "{}="), so `unchecked(a[i] = v)` on an Array still calls the growing setter, a
// call per element that binaryen does not inline. Kernels store only into arrays they made at
// their final length, so the store needs no check.

import { AL_MASK, TOTAL_OVERHEAD } from '~lib/rt/common';
import { arenaNew } from './arena';

/** a[i] = v for an Array or a StaticArray whose length the caller knows is above i. */
// @ts-ignore: decorator
@inline export function setAt<A>(a: A, i: i32, v: valueof<A>): void {
  if (isArray<A>()) {
    // @ts-ignore: Array's data pointer
    store<valueof<A>>(a.dataStart + (<usize>i << alignof<valueof<A>>()), v);
    if (isManaged<valueof<A>>()) __link(changetype<usize>(a), changetype<usize>(v), true);
  } else {
    // @ts-ignore: StaticArray's unchecked store
    unchecked((a[i] = v));
  }
}

// Allocation without zeroing. asc's Array and StaticArray constructors clear their memory with
// memory.fill, which V8 runs as a call out of the generated code (~5 ns, as much as the allocation
// itself); kernels make many small arrays and maps per record. An array that its maker fills at
// every index before anyone reads it needs no clearing, unless its items are references: the
// collector ("minimal" runtime) would then follow whatever the memory held. An arena module (asc's
// "stub" runtime, assembly/runtime.ts "Memory") has no collector: nothing reads an item before it
// is written, so references need no clearing there either (AlpineNow's array of maps, per record).

/** asc's runtime number for the "stub" runtime, the arena (ASC_RUNTIME: 0 stub, 1 minimal, 2 incremental). */
// @ts-ignore: decorator
@inline const STUB_RUNTIME = 0;

/** A StaticArray<T> of n items; the caller writes each item before it is read. */
// @ts-ignore: decorator
@inline export function rawStatic<T>(n: i32): StaticArray<T> {
  const bytes = <usize>n << alignof<T>();
  if (ASC_RUNTIME == STUB_RUNTIME) return changetype<StaticArray<T>>(arenaNew(bytes, idof<StaticArray<T>>()));
  const p = __new(bytes, idof<StaticArray<T>>());
  if (isManaged<T>()) memory.fill(p, 0, bytes);
  return changetype<StaticArray<T>>(p);
}

/** An Array<T> of length n; the caller writes each item (setAt) before it is read. */
export function rawArray<T>(n: i32): Array<T> {
  // (room for at least 8 items, as asc's own constructor: a later push may use it)
  const bytes = <usize>max(n, 8) << alignof<T>();
  if (ASC_RUNTIME == STUB_RUNTIME) return arenaArray<T>(n, bytes);
  const buffer = __new(bytes, idof<ArrayBuffer>());
  if (isManaged<T>()) memory.fill(buffer, 0, bytes);
  const a = __new(offsetof<Array<T>>(), idof<Array<T>>());
  // The fields asc's constructor sets (std/assembly/array.ts), stored as its ensureCapacity does.
  store<usize>(a, buffer, offsetof<ArrayBufferView>('buffer'));
  __link(a, buffer, false);
  store<usize>(a, buffer, offsetof<ArrayBufferView>('dataStart'));
  store<u32>(a, <u32>bytes, offsetof<ArrayBufferView>('byteLength'));
  store<i32>(a, n, offsetof<Array<T>>('length_'));
  return changetype<Array<T>>(a);
}

/** A new Array<T> of the first n items of `items` (a copy: a view's items made into an array). */
export function arrayOfItems<T>(items: StaticArray<T>, n: i32): Array<T> {
  if (isManaged<T>()) ERROR('arrayOfItems copies items that are not references');
  const a = rawArray<T>(n);
  memory.copy(a.dataStart, changetype<usize>(items), <usize>n << alignof<T>());
  return a;
}

/**
 * rawArray in an arena: the Array and its buffer in one block, since each block costs a call into
 * asc's stub allocator (which reads memory.size each time) and a header, and most arrays a kernel
 * makes are short (AlpineNow's scores, per record). The buffer's object header is written inside
 * the block, at the first 16-byte boundary after the Array's fields, and its block size reaches
 * the block's end: a push that outgrows it then grows it in place when the block is the newest
 * (stub __realloc), else copies it out, as with a block of its own. The arena drops both at once.
 * (AlpineNow's kernel call, two such arrays: about 268 ns before, 250 after; micro-bench, the fastest of 60 rounds, three runs, load 7-9.)
 */
function arenaArray<T>(n: i32, bytes: usize): Array<T> {
  const at = after(offsetof<Array<T>>());
  const a = arenaNew(at + bytes, idof<Array<T>>());
  const buffer = placeAfter(a, at, idof<ArrayBuffer>(), bytes);
  store<usize>(a, buffer, offsetof<ArrayBufferView>('buffer'));
  store<usize>(a, buffer, offsetof<ArrayBufferView>('dataStart'));
  store<u32>(a, <u32>bytes, offsetof<ArrayBufferView>('byteLength'));
  store<i32>(a, n, offsetof<Array<T>>('length_'));
  return changetype<Array<T>>(a);
}

/** Where a second object starts in an arena block after `bytes` of the first's (16-byte aligned). */
// @ts-ignore: decorator
@inline function after(bytes: usize): usize {
  return (bytes + TOTAL_OVERHEAD + AL_MASK) & ~AL_MASK;
}

/**
 * Writes the header of an object of class `id` and `bytes` bytes at `first` + `at`, inside the
 * arena block of the object at `first`, as the stub's __new writes one (mmInfo, gcInfo, gcInfo2,
 * rtId, rtSize); its block reaches the end of first's. Returns its address.
 */
// @ts-ignore: decorator
@inline function placeAfter(first: usize, at: usize, id: u32, bytes: usize): usize {
  const p = first + at;
  store<u32>(p - TOTAL_OVERHEAD, load<u32>(first - TOTAL_OVERHEAD) - <u32>at);
  store<u32>(p - 16, 0);
  store<u32>(p - 12, 0);
  store<u32>(p - 8, id);
  store<u32>(p - 4, <u32>bytes);
  return p;
}

/**
 * The items of an Array as a StaticArray view of its data (no copy), for loops that read an array
 * nothing changes meanwhile: `unchecked(view[i])` is one load, where `unchecked(a[i])` also reloads
 * the Array's data pointer. Only item reads are valid through the view (its length is not the Array's).
 */
// @ts-ignore: decorator
@inline export function itemsOf<A>(a: A): StaticArray<valueof<A>> {
  // @ts-ignore: Array's data pointer
  return changetype<StaticArray<valueof<A>>>(a.dataStart);
}
