/**
 * The host half of the kernel's own JSON reader (src/backend/wasm/textAs.ts): copies text bytes
 * into the kernel's text buffer, lets `pfaReadText` read records from them, and moves the records'
 * wire slots onto a staging writer. Reading bytes in Wasm costs about a nanosecond per byte,
 * several times less than scanning a JS string. Only inputs that are records of numbers are read
 * this way (one slot per field); the caller handles each line the kernel declines.
 */
import type { KernelTextReader, WasmEngine } from '../backend/wasm/engine.js';
import { WireWriter } from '../backend/wasm/wire.js';
import { AvroType } from '../types/avro.js';
import { kernelReadable } from '../backend/wasm/textAs.js';

/** Room after the text: the "\n" sentinel, and the 8-byte loads of key tests that run past it. */
const SLACK = 64;

export class KernelLines {
  /** Where the last `read` stopped, as an offset in its bytes. */
  stop = 0;
  private readonly encoder = new TextEncoder();

  private constructor(private readonly wasm: WasmEngine, private readonly slots: number) {}

  /** The kernel reader for `wasm`'s input type, or null when its kernel does not read it. */
  static of(wasm: WasmEngine, input: AvroType): KernelLines | null {
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
    const mem = new Uint8Array(reader.memory.buffer);
    mem.set(bytes.subarray(at, end), text);
    mem[text + len] = 10;
    return this.finish(reader, mem, text, at, reader.read(text, text + len, base, max), base, stage);
  }

  /**
   * Reads one whole JSON text (a request) as one record onto `stage`; false (nothing staged) when
   * the kernel declines it or the text holds more than one line.
   */
  readText(text: string, stage: WireWriter): boolean {
    const reader = this.wasm.textReader()!;
    const stageBytes = 8 + this.slots * 8;
    // UTF-8 takes at most 3 bytes per UTF-16 unit; a text with other than ASCII is declined anyway.
    const base = reader.buffer(stageBytes + text.length * 3 + SLACK);
    const at = base + stageBytes;
    let mem = new Uint8Array(reader.memory.buffer);
    const { written } = this.encoder.encodeInto(text, mem.subarray(at, at + text.length * 3));
    mem[at + written] = 10;
    const stop = reader.read(at, at + written, base, 1);
    mem = new Uint8Array(reader.memory.buffer);
    // One record that is the whole text (a "\n" inside it would end a line early).
    if (stop !== at + written) return false;
    return this.finish(reader, mem, at, 0, stop, base, stage) === 1;
  }

  private finish(reader: KernelTextReader, mem: Uint8Array, text: number, at: number, stop: number, base: number, stage: WireWriter): number {
    if (mem.buffer !== reader.memory.buffer) mem = new Uint8Array(reader.memory.buffer);
    const count = new Int32Array(mem.buffer, base, 1)[0];
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
