// The hand-written AssemblyScript runtime that generated model kernels import (DESIGN.md decision
// 3; STYLE.md item 6). Kernels report errors by setting `errorSite` and returning, never by
// unwinding: a JS exception thrown through Wasm frames would skip the kernel's own bookkeeping
// (output cursor, batch state) and, with a collecting runtime, its GC state. The host (src/backend/wasm/engine.ts) reads the site after each call and
// raises the PfaError that the site table in the manifest describes.

import { BLOCK_OVERHEAD } from "~lib/rt/common";
import { rawArray } from "./lib/util/arrays";
// The kernels' Math (asconfig.json `--use Math=FdlibmMath`): the fdlibm port, so a kernel imports no
// math from the host and gives the JS backend's bits on every platform (src/lib/util/fdlibm).
import "./lib/util/fdlibm/math";

// @ts-ignore: decorator
@external("pfa", "clock")
declare function hostClock(): i32;

// @ts-ignore: decorator
@external("pfa", "strcmp")
declare function hostStrcmp(a: i32, b: i32): i32;

// @ts-ignore: decorator
@external("pfa", "emit")
declare function hostEmit(ptr: usize, len: i32): void;

// @ts-ignore: decorator
@external("pfa", "random")
declare function hostRandom(): f64;

// @ts-ignore: decorator
@external("pfa", "call")
declare function hostCallImport(site: i32, slots: usize): i32;

// @ts-ignore: decorator
@external("pfa", "take")
declare function hostTakeImport(data: usize): void;

// ---- Text in kernels (ARCHITECTURE.md "Strings in kernels"; assembly/lib/util/text.ts): a string is
// a dictionary code; its text comes from the host through "pfa.text" and is mirrored here, and a
// string made here is interned through "pfa.intern". The string library's forms (assembly/lib/s.ts,
// parse.ts) work on the text.
import { textForget } from './lib/util/text';
import { chunkMark, chunkReset, chunkUsed } from './lib/util/arena';
export { textOf, textCode, textCodes, textsOf, textForget, cpLength, codePointsOf, fromCodePoints } from './lib/util/text';
export { sSubstr, sSubstrto, sCount, sIndex, sRindex, sSplit, sRepeat, sStrip, sReplaceall, sReplacefirst, sReplacelast, sTranslate, sLower, sUpper, sPad, sLong, sNumberDouble } from './lib/s';
export { parseInteger, parseDouble, parseFloat32, parseStatus } from './lib/parse';
export { textAtMost, textWellFormed, textEncode, textDecode, bytesToBase64, bytesFromBase64 } from './lib/util/textBytes';

// ---- Library calls run on the host (ARCHITECTURE.md "Library calls run on the host"): the few
// functions whose native form would not pay (re.*, cast.json, cast.avro) run there. The kernel puts the arguments into these slots (8 bytes each, the wire's layout), calls
// `pfa.call` with the call's site, and reads the result from slot 0. A nonzero answer is 1 + the
// index of the error the host keeps for this call; the kernel fails at the site with it as detail.
const HOST_SLOTS: usize = memory.data(64, 8);

// @ts-ignore: decorator
@inline
export function hostArgI32(i: i32, x: i32): void {
  store<i64>(HOST_SLOTS + (<usize>i << 3), <i64>x);
}

// @ts-ignore: decorator
@inline
export function hostArgI64(i: i32, x: i64): void {
  store<i64>(HOST_SLOTS + (<usize>i << 3), x);
}

// @ts-ignore: decorator
@inline
export function hostArgF64(i: i32, x: f64): void {
  store<f64>(HOST_SLOTS + (<usize>i << 3), x);
}

/** Runs the library call of error site `site` on the host: 0, or 1 + the host's error index. */
export function hostCall(site: i32): i32 {
  return hostCallImport(site, HOST_SLOTS);
}

// @ts-ignore: decorator
@inline
export function hostResultI32(): i32 {
  return load<i32>(HOST_SLOTS);
}

// @ts-ignore: decorator
@inline
export function hostResultI64(): i64 {
  return load<i64>(HOST_SLOTS);
}

// @ts-ignore: decorator
@inline
export function hostResultF64(): f64 {
  return load<f64>(HOST_SLOTS);
}

/** An array result of the last host call (string codes): slot 0 holds its length, the host copies in the items. */
export function hostResultI32s(): Array<i32> {
  const a = rawArray<i32>(load<i32>(HOST_SLOTS));
  hostTakeImport(a.dataStart);
  return a;
}

/**
 * A result the host encoded on the wire (`bytes` of slots): the host copies them into a buffer
 * made for them, whose address this returns for the generated reader.
 */
export function hostResultWire(bytes: i32): usize {
  const b = changetype<usize>(new ArrayBuffer(bytes));
  if (bytes > 0) hostTakeImport(b);
  return b;
}

/** Slot `i` of the last host call, as an i32 (after a failure: the error's code and message, for a try's filter). */
export function hostSlotI32(i: i32): i32 {
  return load<i32>(HOST_SLOTS + (<usize>i << 3));
}

/** The engine's seeded generator (the same one the JS backend draws from): uniform in [0, 1). */
export function random(): f64 {
  return hostRandom();
}

/** 0 when the last call succeeded; otherwise 1 + the index of the failing site. */
export let errorSite: i32 = 0;

/** Records a failure at `site` (the caller then returns at once). */
// @ts-ignore: decorator
@inline
export function fail(site: i32): void {
  if (errorSite == 0) errorSite = site + 1;
}

/**
 * With errorSite, the value the failing site's message names (a missing map key's string code, a
 * missing array index: the host writes the JS backend's message with it). Set only by failWith.
 */
export let errorDetail: i32 = 0;

/** fail(site), noting the value its message names. */
// @ts-ignore: decorator
@inline
export function failWith(site: i32, detail: i32): void {
  if (errorSite == 0) {
    errorSite = site + 1;
    errorDetail = detail;
  }
}

/** A batch record's status slot: its error site (0: none), and the site's detail in the slot's high half. */
export function outStatus(): void {
  outReserve(8);
  store<i32>(outPos, errorSite);
  store<i32>(outPos, errorSite == 0 ? 0 : errorDetail, 4);
  outPos += 8;
}

/** Loop iterations left before asking the host whether the routine's timeout has passed. */
let budget: i32 = 65536;

/** True when the host says the time is up (the kernel then fails with the timeout site, 0). */
// (Inlined: one decrement per loop iteration; the host is asked only every 65,536 iterations.)
// @ts-ignore: decorator
@inline
export function clockExpired(): bool {
  return --budget <= 0 && askClock();
}

function askClock(): bool {
  budget = 65536;
  return hostClock() != 0;
}

/**
 * The clock check of a loop over a collection (eachItem, eachEntry), made at its first item and
 * every 65,536 items after: `items` are left to run, and the next min(items, 65536) are charged to
 * the budget at once. The host is asked as often as with clockExpired per item, for a mask test per
 * item instead of a decrement of a global (a tenth of a Sonar kernel's inner loop).
 */
// (Inlined: the charge and the test are a few instructions, and a loop over a collection makes it
// at item 0, so a call each was a call per loop per record: 2% of the AlpineNow kernel.)
// @ts-ignore: decorator
@inline
export function clockSpend(items: i32): bool {
  budget -= min(items, 65536);
  return budget <= 0 && askClock();
}

/** Compares two dictionary-coded strings by Unicode code point (the host holds the strings). */
// @ts-ignore: decorator
@inline
export function compareStrings(a: i32, b: i32): i32 {
  return a == b ? 0 : hostStrcmp(a, b);
}

// ---- Raw buffers the host writes into between calls (not garbage-collected): the wire, where
// values cross the boundary as 8-byte slots (src/backend/wasm/wire.ts), and the text of JSON lines
// the kernel reads itself (assembly/lib/util/jsonText.ts, the generated pfaReadText;
// src/backend/wasm/fastpath/kernelText.ts on the host) with the slots it writes.

/** One raw buffer, reused between calls and replaced by a larger one when a request needs more. */
class RawBuffer {
  base: usize = 0;
  size: usize = 0;

  /** At least `size` bytes: the new buffer is at least `least` bytes, and doubles if `doubling`. */
  at(size: usize, least: usize, doubling: bool): usize {
    if (size > this.size) {
      // (in an arena module the host asks only between calls: the last call's objects can go first,
      // and the new buffer is kept below the mark)
      if (ASC_RUNTIME == ARENA_RUNTIME) arenaDropUnlessOutput();
      if (this.base != 0) heap.free(this.base);
      this.size = max<usize>(max<usize>(size, doubling ? this.size << 1 : 0), least);
      this.base = heap.alloc(this.size);
      arenaMark();
    }
    return this.base;
  }
}

const wireRaw = new RawBuffer();
const textRaw = new RawBuffer();

/** Returns the wire buffer, of at least `size` bytes. */
export function wireBuffer(size: usize): usize {
  return wireRaw.at(size, 4096, false);
}

/**
 * Returns the text buffer, of at least `size` bytes. (At least doubling: an arena frees only its
 * newest block, so an old buffer may stay behind.)
 */
export function textBuffer(size: usize): usize {
  return textRaw.at(size, 65536, true);
}

export { jsonWs, jsonColon, jsonAfter, jsonLineEnd, jsonShortField } from './lib/util/jsonText';
export { jsonNum, jsonIntLit, jsonNumber } from './lib/util/jsonNumber';
export { jsonFieldF64, jsonValueF64 } from './lib/util/jsonFields';

/** The write cursor of the output wire; generated writers advance it. */
export let outPos: usize = 0;
export let outEnd: usize = 0;
let outBase: usize = 0;

/**
 * A static copy of outBase, which the host reads from memory after each call instead of calling
 * outBegin (a crossing into the kernel costs as much as reading a small output). Static data: the
 * arena and the collector never move it.
 */
const OUT_BASE_SLOT: usize = memory.data(8, 8);
export function outBaseSlot(): usize {
  return OUT_BASE_SLOT;
}

function setOutBuffer(base: usize, size: usize): void {
  outBase = base;
  outEnd = base + size;
  store<usize>(OUT_BASE_SLOT, base);
}

/** Starts a new output message, growing the output buffer when a value needs more room. */
export function outStart(): void {
  if (outBase == 0) setOutBuffer(heap.alloc(65536), 65536);
  outPos = outBase;
}

export function outBegin(): usize {
  return outBase;
}

/** Makes room for `n` more bytes in the output buffer. */
// @ts-ignore: decorator
@inline
export function outReserve(n: usize): void {
  if (outPos + n > outEnd) outGrow(n);
}

function outGrow(n: usize): void {
  const used = outPos - outBase;
  let size = (outEnd - outBase) << 1;
  while (size < used + n) size <<= 1;
  const next = heap.alloc(size);
  memory.copy(next, outBase, used);
  heap.free(outBase);
  setOutBuffer(next, size);
  outPos = next + used;
}

// (Inlined: a writer stores each slot of the output through one of these, nine calls for
// AlpineNow's output, a record with a map of three entries; inlined, its kernel call took about
// 213 ns instead of 250: micro-bench, the fastest of 60 rounds, three runs, load 7-9.)
// @ts-ignore: decorator
@inline export function outF64(x: f64): void { outReserve(8); store<f64>(outPos, x); outPos += 8; }
// @ts-ignore: decorator
@inline export function outI64(x: i64): void { outReserve(8); store<i64>(outPos, x); outPos += 8; }
// @ts-ignore: decorator
@inline export function outI32(x: i32): void { outReserve(8); store<i64>(outPos, <i64>x); outPos += 8; }
/**
 * Room for `n` bytes of output, passed over: returns where they start, for the caller to store
 * them (a writer's part of a fixed size: one room check, not one per slot).
 */
// @ts-ignore: decorator
@inline export function outTake(n: usize): usize { outReserve(n); const p = outPos; outPos = p + n; return p; }
/** `n` bytes from `src`, padded to whole slots (the arrays a map of scalar unions crosses as, wire.ts). */
export function outBytes(src: usize, n: usize): void {
  const padded = (n + 7) & ~<usize>7;
  outReserve(padded);
  memory.copy(outPos, src, n);
  outPos += padded;
}

/** Starts an emitted value after the output written so far; returns its offset in the buffer. */
export function emitBegin(): usize {
  if (outBase == 0) outStart();
  return outPos - outBase;
}

// @ts-ignore: decorator
@external("pfa", "log")
declare function hostLog(site: i32, ptr: usize): void;

/**
 * Sends the values written since emitBegin (offset `offset`) to the host's log hook as log site
 * `site` (the host knows their types), then drops them from the buffer.
 */
export function logEnd(site: i32, offset: usize): void {
  const at = outBase + offset;
  hostLog(site, at);
  outPos = at;
}

/** The address of what was written since emitBegin (offset `offset`): host-call arguments on the wire. */
export function outAt(offset: usize): usize {
  return outBase + offset;
}

/** Drops what was written since emitBegin (offset `offset`) from the buffer. */
export function outDrop(offset: usize): void {
  outPos = outBase + offset;
}

/** Sends the value written since emitBegin to the host's emit hook, then drops it from the buffer. */
export function emitEnd(offset: usize): void {
  const at = outBase + offset;
  hostEmit(at, <i32>(outPos - at));
  outPos = at;
}


// ---- Checked integer arithmetic (spec sec. 6.1: overflow is a runtime error, not wrapping).

/** True if a + b overflows 32 bits. */
// @ts-ignore: decorator
@inline
export function addOverflowsI32(a: i32, b: i32): bool {
  const r = <i64>a + <i64>b;
  return r < <i64>i32.MIN_VALUE || r > <i64>i32.MAX_VALUE;
}

// @ts-ignore: decorator
@inline
export function subOverflowsI32(a: i32, b: i32): bool {
  const r = <i64>a - <i64>b;
  return r < <i64>i32.MIN_VALUE || r > <i64>i32.MAX_VALUE;
}

// @ts-ignore: decorator
@inline
export function mulOverflowsI32(a: i32, b: i32): bool {
  const r = <i64>a * <i64>b;
  return r < <i64>i32.MIN_VALUE || r > <i64>i32.MAX_VALUE;
}

// Signed 64-bit overflow tests, by the sign rules of two's complement (Hacker's Delight 2-13).
// @ts-ignore: decorator
@inline
export function addOverflowsI64(a: i64, b: i64): bool {
  const r = a + b;
  return ((a ^ r) & (b ^ r)) < 0;
}

// @ts-ignore: decorator
@inline
export function subOverflowsI64(a: i64, b: i64): bool {
  const r = a - b;
  return ((a ^ b) & (a ^ r)) < 0;
}

export function mulOverflowsI64(a: i64, b: i64): bool {
  if (a == 0 || b == 0) return false;
  if ((a == -1 && b == i64.MIN_VALUE) || (b == -1 && a == i64.MIN_VALUE)) return true;
  const r = a * b;
  return r / b != a;
}

/** Python-style modulo (the sign of the modulus), as PFA's "%" (spec sec. 6.1). */
// @ts-ignore: decorator
@inline
export function modF64(a: f64, b: f64): f64 {
  // fmod is exact, so NativeMath's agrees with JS's % bit for bit (JSMath has no mod).
  const r = NativeMath.mod(a, b);
  return r != 0 && (r < 0) != (b < 0) ? r + b : r;
}

// @ts-ignore: decorator
@inline
export function modI32(a: i32, b: i32): i32 {
  const r = a % b;
  return r != 0 && (r < 0) != (b < 0) ? r + b : r;
}

// @ts-ignore: decorator
@inline
export function modI64(a: i64, b: i64): i64 {
  const r = a % b;
  return r != 0 && (r < 0) != (b < 0) ? r + b : r;
}

// ---- Comparison in Avro's sort order for floating point: NaN above every number, equal to itself.

// @ts-ignore: decorator
@inline
export function cmpF64(a: f64, b: f64): i32 {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a == b) return 0;
  return a != a ? (b != b ? 0 : 1) : -1;
}

/** Integer power with the spec's overflow rule; sets `powOverflow` instead of wrapping. */
export let powOverflow: bool = false;

export function powI64(x: i64, n: i64, lo: i64, hi: i64): i64 {
  powOverflow = false;
  if (n < 0) {
    if (x == 1) return 1;
    if (x == -1) return (n & 1) == 0 ? 1 : -1;
    if (x == 0) { powOverflow = true; return 0; }
    return 0;
  }
  let result: i64 = 1;
  let base = x;
  let e = n;
  // Once base * base leaves 64 bits, any later factor of base makes the result overflow too.
  let huge = false;
  while (e > 0) {
    if (e & 1) {
      if (huge || mulOverflowsI64(result, base)) { powOverflow = true; return 0; }
      result *= base;
      if (result < lo || result > hi) { powOverflow = true; return 0; }
    }
    e >>= 1;
    if (e > 0 && !huge) {
      if (mulOverflowsI64(base, base)) huge = true;
      else base *= base;
    }
  }
  return result;
}

// ---- Stores into arrays of known length, and arrays made for filling, for generated code and library
// forms as rt.setAt(a, i, v) and rt.rawArray<T>(n); rt.rawStatic<T>(n) for a map literal's values.
export { setAt, rawArray, arrayOfItems, rawStatic, itemsOf } from './lib/util/arrays';
export { objectNew } from './lib/util/arena';

// ---- Bytes and fixed values (assembly/lib/bytes.ts), for library forms as rt.NAME.
export { bytesCompare, bytesSubseq, bytesSubseqto, bytesAtMost, bytesIsUtf8, bytesIsUtf16, bytesIsUtf16Marked, fixedOverlay } from './lib/bytes';

// ---- pack and unpack (spec sec. 5.11; assembly/lib/util/pack.ts), for lower/pack.ts as rt.NAME.
export { packBegin, packInt, packBytes, packSkip, packU4, packU8, unpackBegin, unpackInt, unpackSkip, unpackRaw, unpackNul, unpackLen, unpackEnd } from './lib/util/pack';

// ---- The regular-expression library (assembly/lib/re.ts), for library forms as rt.NAME.
export { reExhausted, reCached, reKeep, reIndex, reContains, reCount, reRindex, reGroups, reIndexall, reFindall, reFindfirst, reFindgroupsfirst, reFindgroupsall, reGroupsall, reReplacefirst, reReplacelast, reReplaceall, reSplit } from './lib/re';

// ---- Library helpers for la, metric, model and stat (mirroring the JS forms operation for operation).

/**
 * Division as the PFA library functions of the reference engines perform it (the JS form is
 * src/lib/util/division.ts): a zero denominator of either sign gives +inf or -inf by the sign of
 * the numerator, and NaN for 0/0.
 */
export function divide(numer: f64, denom: f64): f64 {
  if (denom == 0) return numer > 0 ? Infinity : numer < 0 ? -Infinity : NaN;
  return numer / denom;
}

// ---- Special functions (assembly/lib/m/special.ts, a port of src/lib/util/special.ts), for the
// Wasm forms of m.special and m.link as rt.erf(x) etc.
export { erf, erfc, lnGamma, lnBeta, chooseInt32 } from './lib/m/special';

// ---- Linear algebra (assembly/lib/util/linalg.ts, a port of src/lib/util/linalg.ts and the
// map-matrix helpers of src/lib/la.ts), for the Wasm forms of la.* as rt.laMultiply(a, b) etc.
export { laMultiply, laDeterminant, laSolve, laUnionKeys, laColKeys, laGet, laToDense, laToMapMat, laAnyNonFinite, laAnyNonFiniteMap, laRagged, laInverse } from './lib/util/linalg';
export { laPseudoinverse, laEigenBasis } from './lib/util/spectral';

// ---- Gaussian Process regression (assembly/lib/util/gaussianProcess.ts, a port of
// src/lib/util/gaussianProcess.ts and cholesky.ts), for model.reg.gaussianProcess as rt.gpFit etc.
export { GpFeatures, GpFit, gpStandardise, gpAtNorm, gpCorrelation, gpFit } from './lib/util/gaussianProcess';

// ---- Flat trees (assembly/lib/model/tree.ts), for model.tree's walks as rt.FlatTree and rt.flatIn.
export { FlatTree, flatIn } from './lib/model/tree';

// ---- 64-bit integer draws (assembly/lib/rand.ts), for the Wasm forms of rand.long.
export { randBits64, randBelowU64 } from './lib/rand';

// The calendar of time.* (assembly/lib/time.ts): zone offsets come from the host.
export { timeInRange, timeOffset, timeField, timeValidCivil, timeFromLocal } from './lib/time';

// ---- prob.dist kernels (assembly/lib/prob/dist.ts, a port of src/lib/prob/dist/incomplete.ts,
// normal.ts and the quantile searches), for the Wasm forms of prob.dist as rt.distNormalTails(z) etc.
export { distLnGammaKernel, distLnBeta, distGammaTails, distNormalTails, distNormalQuantile, distUpper, distGammaQuantile, distPoissonQuantile, distDiscreteQuantile, distBetaTails, distBetaDensity, distBetaQuantile, distTUpperQuantile, distFQuantile } from './lib/prob/dist';

// ---- The chi-square CDF (assembly/lib/util/chiSquare.ts, a port of src/lib/util/chiSquare.ts),
// for prob.dist.chi2CDF and the chi2Prob functions of stat.test and model.reg as rt.chiSquareCdf.
export { chiSquareCdf } from './lib/util/chiSquare';

// ---- The hypergeometric distribution (assembly/lib/prob/hypergeometric.ts, a port of
// src/lib/prob/dist/hypergeometric.ts), for its prob.dist forms as rt.hyperSet(m, n, k) etc.
export { hyperInvalid, hyperSet, hyperPmf, hyperCdf, hyperQuantile } from './lib/prob/hypergeometric';

// ---- Batches: many records in one kernel call (src/backend/wasm/engine.ts, actionBatch).

// @ts-ignore: decorator
@external("pfa", "mark")
declare function hostMark(record: i32): void;

/** Set by the host when it must know which record of a batch is running (timeouts, emit). */
export let markRecords: bool = false;

/** Index of the batch record being scored: after a trap, the records before it are done. */
export let batchDone: i32 = 0;

// ---- Memory (DESIGN.md decision 3). Two runtimes, chosen per module by the lowering
// (LoweredModule.memory, src/backend/wasm/compile.ts):
//
// * "collected" (asc's "minimal" runtime: TLSF and a mark-and-sweep collector that runs only when
//   asked, no shadow stack, no write barriers) for engines that keep values between calls: written
//   cells, a fold's tally. It collects only when no kernel frame holds a reference: between records
//   of a batch (here, every 64 records) and between calls (the host calls __collect,
//   src/backend/wasm/instance.ts). Garbage made within ONE call is reclaimed after it (up to the
//   512 MiB limit, error 1200).
// * "arena" (asc's "stub" runtime: bump allocation) for engines that keep nothing between calls,
//   most scoring models. Everything loaded (cells, constants, the preallocated input record) and the
//   host's raw buffers lie below a mark; every call starts by dropping all that was allocated above
//   it, and a batch drops it between records. Allocation is a pointer bump and freeing is free:
//   allocate/free in TLSF was a quarter of the Sonar kernel's time.

/** asc's runtime number for the "stub" runtime (ASC_RUNTIME: 0 stub, 1 minimal, 2 incremental). */
// @ts-ignore: decorator
@inline const ARENA_RUNTIME = 0;

/** Whether this module runs on the arena (the host then never calls __collect). */
export const arena: bool = ASC_RUNTIME == ARENA_RUNTIME;

/** The stub allocator's offset after the last block that must persist (a block header address). */
let markAt: usize = 0;

/**
 * Written where the stub's next block will start (at the mark, once all above it is dropped): the
 * stub writes a block's size there when it allocates, never this value (its sizes are 12 mod 16),
 * so while it is there nothing was allocated from the stub since, and a call need not ask where the
 * stub is (an allocation and a free: stubOffset).
 */
// @ts-ignore: decorator
@inline const UNTOUCHED: u32 = 0xfffffff0;

/**
 * The stub allocator's current offset. The stub keeps it private; an empty block shows where it is,
 * and freeing the newest block gives its room back (the stub frees only the newest block).
 */
function stubOffset(): usize {
  const p = heap.alloc(0);
  heap.free(p);
  return p - BLOCK_OVERHEAD;
}

/** Everything allocated so far persists (arena modules; nothing under the collector). */
export function arenaMark(): void {
  if (ASC_RUNTIME != ARENA_RUNTIME) return;
  chunkMark();
  markAt = stubOffset();
  store<u32>(markAt, UNTOUCHED);
}

/**
 * Drops every object made since the mark: the chunk starts over (lib/util/arena.ts), and a block
 * header written at the mark, reaching the stub's current offset, makes one newest block of all the
 * stub gave since, which its free then gives back.
 */
function arenaDrop(): void {
  let dropped = chunkUsed();
  chunkReset();
  if (markAt == 0) { markAt = stubOffset(); return; } // (no mark yet: all there is persists)
  if (load<u32>(markAt) != UNTOUCHED) {
    const top = stubOffset();
    if (top != markAt) {
      store<usize>(markAt, top - markAt - BLOCK_OVERHEAD);
      heap.free(markAt + BLOCK_OVERHEAD);
      dropped = true;
    }
    store<u32>(markAt, UNTOUCHED);
  }
  if (dropped) textForget(); // (the mirrored texts made since the mark go with the rest)
}

/** arenaDrop, unless the output buffer grew during this call (it then lies above the mark, in use). */
function arenaDropUnlessOutput(): void {
  if (outBase < markAt) arenaDrop();
}

/**
 * The start of every kernel call in an arena module: the last call's objects go. The output buffer
 * is made (or, when it grew during the last call, made again at its new size) below the mark; the
 * host has read the last output before it calls again.
 */
export function arenaReset(): void {
  if (ASC_RUNTIME != ARENA_RUNTIME) return;
  arenaDrop();
  if (outBase == 0 || outBase > markAt) {
    const size = outBase == 0 ? <usize>65536 : outEnd - outBase;
    setOutBuffer(heap.alloc(size), size);
    outPos = outBase;
    arenaMark();
  }
}

let sinceCollect: i32 = 0;

/** Between records of a batch: the arena drops the record's objects; the collector runs every 64 records. */
export function recordDone(): void {
  if (ASC_RUNTIME == ARENA_RUNTIME) {
    arenaDropUnlessOutput();
  } else if (++sinceCollect >= 64) {
    sinceCollect = 0;
    __collect();
  }
}

/** Starts record `i` of a batch. */
export function batchRecord(i: i32): void {
  batchDone = i;
  if (markRecords) hostMark(i);
}
