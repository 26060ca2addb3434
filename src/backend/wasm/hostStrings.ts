/**
 * The kernel's string imports, as a WasmHost answers them (KernelHost.text and intern,
 * instance.ts): a kernel mirrors the texts of dictionary codes in its memory and codes the strings
 * it makes. Functions of the host, which its methods call (host.ts); a kernel that makes no string
 * and reads none as text never calls them, so the Lambda build leaves this module to
 * chunks/deferred.mjs (deploy/deferred.ts).
 */
import { fromCharCodes } from '../../lib/util/textBytes.js';
import type { HostKernel } from './hostKernel.js';

/** WasmHost.text: writes the UTF-16 units of string `code` at `ptr` if they fit in `capacity`; their number. */
export function textOf(host: HostKernel, code: number, ptr: number, capacity: number): number {
  const s = host.dict.strings[code];
  const n = s.length;
  if (n <= capacity) {
    const units = unitsOf(host);
    const at = ptr >>> 1;
    for (let i = 0; i < n; i++) units[at + i] = s.charCodeAt(i);
  }
  return n;
}

/** WasmHost.intern: the dictionary code of the `n` UTF-16 units at `ptr`. */
export function intern(host: HostKernel, ptr: number, n: number): number {
  const units = unitsOf(host);
  const at = ptr >>> 1;
  // (fromCharCode keeps lone surrogates, which TextDecoder would replace; short strings unit by
  // unit, without making a view)
  let s = '';
  if (n <= 32) for (let i = 0; i < n; i++) s += String.fromCharCode(units[at + i]);
  else s = fromCharCodes(units.subarray(at, at + n));
  return host.dict.code(s);
}

/** The kernel's memory as UTF-16 units, made again when the memory's buffer changes. */
function unitsOf(host: HostKernel): Uint16Array {
  const memory = host.memory();
  if (host.units.buffer !== memory) host.units = new Uint16Array(memory);
  return host.units;
}
