/**
 * The kernel's reader (kernelText.ts) onto a staging wire: many JSON lines at once (`readLines`,
 * the CLI's and the batch handler's line-delimited inputs) and one whole text (`readTextOnto`).
 * Only the staged path (staging.ts) reads so; apart from kernelText.ts because the commonest
 * request, one record the kernel reads in place, never does (issue 17, deploy/deferred.ts).
 */
import { type KernelLines, SLACK, kernelMemory, readWholeAt, recordSlots } from './kernelText.js';
import type { WireWriter } from '../wireSlots.js';

/**
 * Reads at most `max` records from the lines of bytes[at, end) (`end` is the end of a line, or of
 * the bytes) and writes their slots onto `stage`, one record after another; returns how many.
 * `kernel.stop` is then where reading stopped: `end`, the line after the `max`-th record, or the
 * start of a line the kernel declined.
 */
export function readLines(
  kernel: KernelLines,
  bytes: Uint8Array,
  at: number,
  end: number,
  max: number,
  stage: WireWriter,
): number {
  const reader = kernel.wasm.textReader()!;
  const table = kernel.keys?.bytes() ?? null;
  const tableBytes = table?.length ?? 0;
  const len = end - at;
  const stageBytes = 8 + max * recordSlots(kernel) * 8;
  const base = reader.buffer(stageBytes + tableBytes + len + SLACK);
  const text = base + stageBytes + tableBytes;
  const mem = kernelMemory(kernel, reader);
  // The key table's address (a record reader ignores it).
  const keys = base + stageBytes;
  if (table !== null) mem.set(table, keys);
  mem.set(bytes.subarray(at, end), text);
  mem[text + len] = 10;
  const stop = reader.read(text, text + len, base, max, keys);
  // (pfaReadText allocates nothing: `mem` is still the memory) The records' slots onto the stage.
  const count = mem[base] | (mem[base + 1] << 8) | (mem[base + 2] << 16) | (mem[base + 3] << 24);
  kernel.stop = at + (stop - text);
  const n = count * recordSlots(kernel);
  if (n > 0) {
    stage.ensure(n);
    new Uint8Array(stage.buf, stage.slot * 8, n * 8).set(mem.subarray(base + 8, base + 8 + n * 8));
    stage.slot += n;
  }
  return count;
}

/**
 * Reads one whole JSON text (a request, as a string or as its UTF-8 bytes) as one record onto
 * `stage`; false (nothing staged) when the kernel declines it or the text holds more than one line.
 */
export function readTextOnto(kernel: KernelLines, text: string | Uint8Array, stage: WireWriter): boolean {
  const from = readWholeAt(kernel, text, -1);
  if (from < 0) return false;
  const n = recordSlots(kernel);
  stage.ensure(n);
  const mem = kernelMemory(kernel, kernel.wasm.textReader()!);
  new Uint8Array(stage.buf, stage.slot * 8, n * 8).set(mem.subarray(from, from + n * 8));
  stage.slot += n;
  return true;
}
