/**
 * The host half of the kernel's own JSON reader (src/backend/wasm/textAs.ts): copies text bytes
 * into the kernel's text buffer, lets `pfaReadText` read records from them, and moves the records'
 * wire slots onto a staging writer. Reading bytes in Wasm costs about a nanosecond per byte,
 * several times less than scanning a JS string. Inputs that are records of numbers are read this
 * way (one slot per field), and maps of scalar unions (aurelius), with a key table (keyTable.ts)
 * placed before the text; the caller handles each line the kernel declines. Reading onto a staging
 * wire (many lines, or one text to stage) is kernelStage.ts's.
 */
import type { KernelTextReader, WasmHost } from '../host.js';
import type { WireWriter } from '../wireSlots.js';
import { AvroType } from '../../../types/avro.js';
import { kernelReadable, kernelReadableMap } from '../textReadable.js';
import { type KeyTable, keyTableOf } from './keyTable.js';

/** Room after the text: the "\n" sentinel, and the 8-byte loads of key tests that run past it. */
export const SLACK = 64;
/** Longest text (UTF-16 units) readText gives the kernel. */
const MAX_TEXT_UNITS = 1 << 22;

export class KernelLines {
  /** Where the last read stopped, as an offset in its bytes (readLines: in the bytes it was given). */
  stop = 0;
  private readonly encoder = new TextEncoder();

  private constructor(
    readonly wasm: WasmHost,
    private readonly fields: number,
    /** A map reader's key table (null for records). */
    readonly keys: KeyTable | null,
  ) {}

  /** The kernel reader for `wasm`'s input type, or null when its kernel does not read it. */
  static of(wasm: WasmHost, input: AvroType): KernelLines | null {
    if (wasm.textReader() === undefined) return null;
    if (kernelReadable(input)) return new KernelLines(wasm, input.fields.length, null);
    if (kernelReadableMap(input)) return new KernelLines(wasm, 0, keyTableOf(wasm.dict));
    return null;
  }

  /**
   * Slots per record: a field each, or for a map of the key table's n keys the count, the codes two
   * to a slot and two slots per value (wire.ts's layout of maps of scalar unions).
   */
  get recordSlots(): number {
    if (this.keys === null) return this.fields;
    const n = this.keys.size;
    return 1 + ((n + 1) >> 1) + 2 * n;
  }

  /** Copies the key table (if any) into the kernel's buffer at `at`; its address (a record reader ignores it). */
  putKeys(mem: Uint8Array, at: number, table: Uint8Array | null): number {
    if (table !== null) mem.set(table, at);
    return at;
  }

  /** readInPlace of a text given as a string or as its UTF-8 bytes (readBytesInPlace). */
  readWhole(text: string | Uint8Array): number {
    return this.readWholeAt(text, -1);
  }

  /**
   * readWhole with the record's slots written from `out + 8` (its count at `out`: 8 bytes the
   * caller gives up) rather than in the text buffer, or (`out` < 0) in the text buffer; where the
   * slots start, or -1 when the kernel declines the text.
   */
  readWholeAt(text: string | Uint8Array, out: number): number {
    return typeof text === 'string' ? this.readInPlace(text, out) : this.readBytesInPlace(text, out);
  }

  /**
   * Reads one whole JSON text as one record and leaves its slots in the kernel's text buffer:
   * their byte address, valid until the next read (the text buffer is a block of its own, which
   * scoring does not touch), or -1 when the kernel declines the text.
   */
  private readInPlace(text: string, out: number): number {
    // (a huge text is left to the JS readers rather than to a kernel buffer three times its size)
    if (text.length > MAX_TEXT_UNITS) return -1;
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const at = this.placeOne(text.length * 3, out);
    const { written } = this.encoder.encodeInto(text, this.view.subarray(at, at + text.length * 3));
    return this.readOne(at, written);
  }

  /**
   * readInPlace for the text's UTF-8 bytes (a request body as it came): they are copied as they
   * are, with no string in between. The caller has checked that they are UTF-8.
   */
  private readBytesInPlace(bytes: Uint8Array, out: number): number {
    // (the same bound as readInPlace's, in bytes: the answer is the same either way)
    if (bytes.length > MAX_TEXT_UNITS) return -1;
    const at = this.placeOne(bytes.length, out);
    this.view.set(bytes, at);
    return this.readOne(at, bytes.length);
  }

  // Where placeOne put the record's slots and the key table, for readOne.
  private oneBase = 0;
  private oneKeys = 0;

  /**
   * Makes room for one text of at most `room` bytes, after the key table and (`out` < 0) the
   * record's count and slots, which otherwise go to `out`; where its bytes go.
   */
  private placeOne(room: number, out: number): number {
    const reader = this.wasm.textReader()!;
    const table = this.keys?.bytes() ?? null;
    const tableBytes = table?.length ?? 0;
    const stageBytes = out < 0 ? 8 + this.recordSlots * 8 : 0;
    const base = reader.buffer(stageBytes + tableBytes + room + SLACK);
    const mem = this.memory(reader);
    this.oneBase = out < 0 ? base : out;
    this.oneKeys = this.putKeys(mem, base + stageBytes, table);
    return base + stageBytes + tableBytes;
  }

  /** Reads the `len` bytes placeOne placed at `at` as one record: readInPlace's answer. */
  private readOne(at: number, len: number): number {
    const mem = this.view;
    const base = this.oneBase;
    mem[at + len] = 10;
    const stop = this.wasm.textReader()!.read(at, at + len, base, 1, this.oneKeys);
    this.stop = stop - at;
    // One record that is the whole text (a "\n" inside it would end a line early).
    if (stop !== at + len) return -1;
    const count = mem[base] | (mem[base + 1] << 8) | (mem[base + 2] << 16) | (mem[base + 3] << 24);
    return count === 1 ? base + 8 : -1;
  }

  /** Copies the slots of the record `readInPlace` left at byte `from` onto `w`, which writes into the kernel's memory. */
  copyRecord(from: number, w: WireWriter): void {
    const n = this.recordSlots;
    w.ensure(n);
    const mem = this.memory(this.wasm.textReader()!);
    if (mem.buffer !== w.buf)
      throw new Error('internal: the wire is not attached to the kernel memory the text was read into');
    mem.copyWithin(w.slot * 8, from, from + n * 8);
    w.slot += n;
  }

  private view = new Uint8Array(0);
  private viewOf: KernelTextReader | null = null;

  /**
   * The kernel's memory as bytes, made again only when the memory grew (the old buffer is then
   * detached: empty) or the instance was replaced: `memory.buffer` is a slow getter.
   */
  memory(reader: KernelTextReader): Uint8Array {
    if (this.view.byteLength === 0 || this.viewOf !== reader) {
      this.view = new Uint8Array(reader.memory.buffer);
      this.viewOf = reader;
    }
    return this.view;
  }
}
