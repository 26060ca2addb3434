/**
 * The wire slots the text readers write for one JSON text (as i32 pairs, so bits compare exactly):
 * the kernel's reader (fastpath/kernelText.ts, kernelStage.ts) and the JS reader (fastpath/reader.ts); null when
 * the reader declines the text.
 */
import { textReader } from '../../src/backend/wasm/fastpath/reader.js';
import { Scan } from '../../src/backend/wasm/fastpath/scan.js';
import type { KernelLines } from '../../src/backend/wasm/fastpath/kernelText.js';
import { readTextOnto } from '../../src/backend/wasm/fastpath/kernelStage.js';
import { StringDict, WireWriter } from '../../src/backend/wasm/wire.js';
import type { AvroType } from '../../src/types/avro.js';

export function kernelSlots(kernel: KernelLines, text: string): number[] | null {
  const w = new WireWriter();
  return readTextOnto(kernel, text, w) ? Array.from(w.i32.subarray(0, w.slot * 2)) : null;
}

export function jsReaderSlots(type: AvroType, dict: StringDict, text: string): number[] | null {
  const read = textReader(type, dict, 1000)!;
  const s = new Scan();
  s.reset(text);
  const w = new WireWriter();
  return read(s, w) ? Array.from(w.i32.subarray(0, w.slot * 2)) : null;
}
