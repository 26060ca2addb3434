// The arena's own bump allocation (arena modules: asc's "stub" runtime; assembly/runtime.ts,
// "Memory"). Each block of the stub costs a call into __alloc, which reads memory.size and checks
// the size, and __new's call around it: about 5 ns a block, 11 for an array (AlpineNow makes six
// per record; micro-bench, load 4-6). The objects the kernel makes most (arrays, their buffers, a
// map's stores) are carved here out of one chunk the stub gave, below the arena's mark, by an
// inlined pointer bump; every call and every record of a batch starts the chunk over. An object
// that does not fit is the stub's, as before.
//
// An object made here has the header the stub's __new writes (mmInfo, gcInfo, gcInfo2, rtId,
// rtSize) and its block the stub's layout (a 16-byte aligned payload after a 4-byte mmInfo), so
// asc's code that reads a header (Array growth through __renew, arenaArray's second object) sees a
// block like any other. The stub frees or grows in place only its newest block: one that ends where
// its offset is. The chunk keeps CHUNK_SLACK bytes unused at its end, so no object made here ever
// ends there, and the stub never moves its offset into the chunk.

import { BLOCK_OVERHEAD, OBJECT_OVERHEAD, TOTAL_OVERHEAD, AL_MASK } from '~lib/rt/common';

/** asc's runtime number for the "stub" runtime, the arena (ASC_RUNTIME: 0 stub, 1 minimal, 2 incremental). */
// @ts-ignore: decorator
@inline const STUB_RUNTIME = 0;

/** The chunk's size: a record's objects of most scoring models fit many times over. */
// @ts-ignore: decorator
@inline const CHUNK: usize = 65536;
/** Left unused at the chunk's end (see above). */
// @ts-ignore: decorator
@inline const CHUNK_SLACK: usize = 16;

/** The chunk's first object address; 0 until the first mark. */
let chunkStart: usize = 0;
/** Where the next object goes (an object address: 16-byte aligned). */
let bump: usize = 0;
let chunkEnd: usize = 0;

/**
 * A new object of class `id` and `bytes` bytes, not cleared (the caller writes every field before
 * it is read; nothing collects an arena). Only in arena modules.
 */
// @ts-ignore: decorator
@inline export function arenaNew(bytes: usize, id: u32): usize {
  const p = bump;
  // (the block's payload rounded as the stub's computeSize rounds it: the next object stays aligned)
  const next = p + ((bytes + TOTAL_OVERHEAD + AL_MASK) & ~AL_MASK);
  if (next > chunkEnd) return __new(bytes, id);
  bump = next;
  store<u32>(p - TOTAL_OVERHEAD, <u32>(next - p - BLOCK_OVERHEAD)); // mmInfo: the payload's size
  store<u32>(p - OBJECT_OVERHEAD, 0);
  store<u32>(p - OBJECT_OVERHEAD, 0, 4);
  store<u32>(p - OBJECT_OVERHEAD, id, 8);
  store<u32>(p - OBJECT_OVERHEAD, <u32>bytes, 12);
  return p;
}

/** Whether objects were made in the chunk since it last started over. */
// @ts-ignore: decorator
@inline export function chunkUsed(): bool {
  return bump != chunkStart;
}

/** The chunk starts over: everything made in it since is gone. */
// @ts-ignore: decorator
@inline export function chunkReset(): void {
  bump = chunkStart;
}

/**
 * Everything allocated so far persists (the arena's mark): a chunk in use stays as it is and a new
 * one is taken from the stub, which the caller then marks below.
 */
export function chunkMark(): void {
  if (chunkStart != 0 && bump == chunkStart) return;
  const block = heap.alloc(CHUNK);
  // (the first object's header lies inside the chunk's payload, past the chunk's own header, and
  // the object 16-byte aligned as the block's payload is)
  chunkStart = block + AL_MASK + 1 + OBJECT_OVERHEAD;
  bump = chunkStart;
  chunkEnd = block + CHUNK - CHUNK_SLACK;
}

/**
 * A new object of class T, none of its fields set (its maker sets each): in the arena's chunk in an
 * arena module, else asc's __new. For constructors that allocate themselves (an explicit `return`).
 */
// @ts-ignore: decorator
@inline export function objectNew<T>(): T {
  if (ASC_RUNTIME == STUB_RUNTIME) return changetype<T>(arenaNew(offsetof<T>(), idof<T>()));
  return changetype<T>(__new(offsetof<T>(), idof<T>()));
}
