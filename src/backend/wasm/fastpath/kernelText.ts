/**
 * The host half of the kernel's own JSON reader (src/backend/wasm/textAs.ts): copies text bytes
 * into the kernel's text buffer, lets `pfaReadText` read records from them, and moves the records'
 * wire slots onto a staging writer. Reading bytes in Wasm costs about a nanosecond per byte,
 * several times less than scanning a JS string. Inputs that are records of numbers are read this
 * way (one slot per field), and maps of scalar unions (aurelius), with a key table (keyTable.ts)
 * placed before the text; the caller handles each line the kernel declines. Reading onto a staging
 * wire (many lines, or one text to stage) is kernelStage.ts's.
 *
 * Plain data and functions rather than a class: the Lambda handler's cold start reads one text
 * here, and a function hinted for the script's compile (deploy/eager.ts) costs it less than a
 * method, which V8 compiles at its first call (issue 17).
 */
import type { KernelTextReader, WasmHost } from '../host.js';
import type { WireWriter } from '../wireSlots.js';
import { AvroType } from '../../../types/avro.js';
import { kernelReadable, kernelReadableMap } from '../textReadable.js';
import { type KeyTable, keyTableOf } from './keyTable.js';

/** Room after the text: the "\n" sentinel, and the 8-byte loads of key tests that run past it. */
export const SLACK = 64;
/** Longest text (UTF-16 units) readWholeAt gives the kernel. */
const MAX_TEXT_UNITS = 1 << 22;

/** The kernel's reader of one engine's input type (kernelLinesOf). */
export interface KernelLines {
  readonly wasm: WasmHost;
  /** A record's field count (0 for a map). */
  readonly fields: number;
  /** A map reader's key table (null for records). */
  readonly keys: KeyTable | null;
  /** Where the last read stopped, as an offset in its bytes (readLines: in the bytes it was given). */
  stop: number;
  /** The kernel's memory as bytes, and the reader it was taken from (kernelMemory). */
  view: Uint8Array;
  viewOf: KernelTextReader | null;
}

/** The kernel reader for `wasm`'s input type, or null when its kernel does not read it. */
/*! @eager */
export function kernelLinesOf(wasm: WasmHost, input: AvroType): KernelLines | null {
  if (wasm.textReader() === undefined) return null;
  let fields = 0;
  let keys: KeyTable | null = null;
  if (kernelReadable(input)) fields = input.fields.length;
  else if (kernelReadableMap(input)) keys = keyTableOf(wasm.dict);
  else return null;
  return { wasm, fields, keys, stop: 0, view: new Uint8Array(0), viewOf: null };
}

/**
 * Slots per record: a field each, or for a map of the key table's n keys the count, the codes two
 * to a slot and two slots per value (wire.ts's layout of maps of scalar unions).
 */
/*! @eager */
export function recordSlots(k: KernelLines): number {
  if (k.keys === null) return k.fields;
  const n = k.keys.size;
  return 1 + ((n + 1) >> 1) + 2 * n;
}

/**
 * The kernel's memory as bytes, made again only when the memory grew (the old buffer is then
 * detached: empty) or the instance was replaced: `memory.buffer` is a slow getter.
 */
/*! @eager */
export function kernelMemory(k: KernelLines, reader: KernelTextReader): Uint8Array {
  if (k.view.byteLength === 0 || k.viewOf !== reader) {
    k.view = new Uint8Array(reader.memory.buffer);
    k.viewOf = reader;
  }
  return k.view;
}

let encoder: TextEncoder | undefined;

/**
 * Reads one whole JSON text (a string, or its UTF-8 bytes as they came: copied with no string in
 * between; the caller has checked that they are UTF-8) as one record, after the key table if any.
 * The record's count and slots go to `out` (8 bytes the caller gives up, then the slots), or
 * (`out` < 0) into the text buffer, before the table, where they stay until the next read (the
 * text buffer is a block of its own, which scoring does not touch). Where the slots start, or -1
 * when the kernel declines the text.
 */
/*! @eager */
export function readWholeAt(k: KernelLines, text: string | Uint8Array, out: number): number {
  // (a huge text is left to the JS readers rather than to a kernel buffer three times its size;
  // the same bound in bytes: the answer is the same either way)
  if (text.length > MAX_TEXT_UNITS) return -1;
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  const room = typeof text === 'string' ? text.length * 3 : text.length;
  const reader = k.wasm.textReader()!;
  const table = k.keys?.bytes() ?? null;
  const tableBytes = table?.length ?? 0;
  const stageBytes = out < 0 ? 8 + recordSlots(k) * 8 : 0;
  const base = reader.buffer(stageBytes + tableBytes + room + SLACK);
  const mem = kernelMemory(k, reader);
  const slots = out < 0 ? base : out;
  // The key table's address (a record reader ignores it).
  const keys = base + stageBytes;
  if (table !== null) mem.set(table, keys);
  const at = keys + tableBytes;
  let len: number;
  if (typeof text === 'string')
    len = (encoder ??= new TextEncoder()).encodeInto(text, mem.subarray(at, at + room)).written;
  else {
    mem.set(text, at);
    len = text.length;
  }
  mem[at + len] = 10;
  const stop = reader.read(at, at + len, slots, 1, keys);
  k.stop = stop - at;
  // One record that is the whole text (a "\n" inside it would end a line early).
  if (stop !== at + len) return -1;
  const count = mem[slots] | (mem[slots + 1] << 8) | (mem[slots + 2] << 16) | (mem[slots + 3] << 24);
  return count === 1 ? slots + 8 : -1;
}

/** Copies the slots of the record `readWholeAt` left at byte `from` onto `w`, which writes into the kernel's memory. */
export function copyRecord(k: KernelLines, from: number, w: WireWriter): void {
  const n = recordSlots(k);
  w.ensure(n);
  const mem = kernelMemory(k, k.wasm.textReader()!);
  if (mem.buffer !== w.buf)
    throw new Error('internal: the wire is not attached to the kernel memory the text was read into');
  mem.copyWithin(w.slot * 8, from, from + n * 8);
  w.slot += n;
}
