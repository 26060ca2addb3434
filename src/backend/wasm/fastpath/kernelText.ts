/**
 * The host half of the kernel's own JSON reader (src/backend/wasm/textAs.ts): copies text bytes
 * into the kernel's text buffer, lets `pfaReadText` read records from them, and moves the records'
 * wire slots onto a staging writer. Reading bytes in Wasm costs about a nanosecond per byte,
 * several times less than scanning a JS string. Only inputs that are records of numbers are read
 * this way (one slot per field); the caller handles each line the kernel declines.
 */
import type { KernelTextReader, WasmHost } from '../host.js';
import { WireWriter } from '../wire.js';
import { AvroType } from '../../../types/avro.js';
import { kernelReadable } from '../textReadable.js';

/** Room after the text: the "\n" sentinel, and the 8-byte loads of key tests that run past it. */
const SLACK = 64;
/** Longest text (UTF-16 units) readText gives the kernel. */
const MAX_TEXT_UNITS = 1 << 22;

export class KernelLines {
  /** Where the last `read` stopped, as an offset in its bytes. */
  stop = 0;
  private readonly encoder = new TextEncoder();

  private constructor(
    private readonly wasm: WasmHost,
    private readonly slots: number,
  ) {}

  /** The kernel reader for `wasm`'s input type, or null when its kernel does not read it. */
  static of(wasm: WasmHost, input: AvroType): KernelLines | null {
    if (!kernelReadable(input) || wasm.textReader() === undefined) return null;
    return new KernelLines(wasm, input.fields.length);
  }

  /**
   * Reads at most `max` records from the lines of bytes[at, end) (`end` is the end of a line, or of
   * the bytes) and writes their slots onto `stage`, one record after another; returns how many.
   * `stop` is then where reading stopped: `end`, the line after the `max`-th record, or the start
   * of a line the kernel declined.
   */
  read(bytes: Uint8Array, at: number, end: number, max: number, stage: WireWriter): number {
    const reader = this.wasm.textReader()!;
    const len = end - at;
    const stageBytes = 8 + max * this.slots * 8;
    const base = reader.buffer(stageBytes + len + SLACK);
    const text = base + stageBytes;
    const mem = this.memory(reader);
    mem.set(bytes.subarray(at, end), text);
    mem[text + len] = 10;
    return this.finish(mem, text, at, reader.read(text, text + len, base, max), base, stage);
  }

  /**
   * Reads one whole JSON text (a request) as one record onto `stage`; false (nothing staged) when
   * the kernel declines it or the text holds more than one line.
   */
  readText(text: string, stage: WireWriter): boolean {
    // (a huge text is left to the JS readers rather than to a kernel buffer three times its size)
    if (text.length > MAX_TEXT_UNITS) return false;
    const reader = this.wasm.textReader()!;
    const stageBytes = 8 + this.slots * 8;
    // UTF-8 takes at most 3 bytes per UTF-16 unit; a text with other than ASCII is declined anyway.
    const base = reader.buffer(stageBytes + text.length * 3 + SLACK);
    const at = base + stageBytes;
    const mem = this.memory(reader);
    const { written } = this.encoder.encodeInto(text, mem.subarray(at, at + text.length * 3));
    mem[at + written] = 10;
    const stop = reader.read(at, at + written, base, 1);
    // One record that is the whole text (a "\n" inside it would end a line early).
    if (stop !== at + written) return false;
    return this.finish(mem, at, 0, stop, base, stage) === 1;
  }

  private view = new Uint8Array(0);
  private viewOf: KernelTextReader | null = null;

  /**
   * The kernel's memory as bytes, made again only when the memory grew (the old buffer is then
   * detached: empty) or the instance was replaced: `memory.buffer` is a slow getter.
   */
  private memory(reader: KernelTextReader): Uint8Array {
    if (this.view.byteLength === 0 || this.viewOf !== reader) {
      this.view = new Uint8Array(reader.memory.buffer);
      this.viewOf = reader;
    }
    return this.view;
  }

  /** After pfaReadText (which allocates nothing: `mem` is still the memory): moves the records' slots onto the stage. */
  private finish(mem: Uint8Array, text: number, at: number, stop: number, base: number, stage: WireWriter): number {
    const count = mem[base] | (mem[base + 1] << 8) | (mem[base + 2] << 16) | (mem[base + 3] << 24);
    this.stop = at + (stop - text);
    const n = count * this.slots;
    if (n > 0) {
      stage.ensure(n);
      new Uint8Array(stage.buf, stage.slot * 8, n * 8).set(mem.subarray(base + 8, base + 8 + n * 8));
      stage.slot += n;
    }
    return count;
  }

  /** Slots per record. */
  get recordSlots(): number {
    return this.slots;
  }
}
