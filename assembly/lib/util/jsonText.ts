// Byte scanning for JSON text in linear memory: the pieces of the kernel's JSON-lines reader
// (src/backend/wasm/textAs.ts generates one per input type). Every reader answers "not read" (0)
// rather than failing: the host then reads that line with its own reader or the general decoder,
// whose errors are the ones users see. So each rule here is the JS text reader's
// (src/backend/wasm/fastpath/scan.ts), or stricter: when in doubt, decline.
//
// The text ends with a "\n" the host writes after it (a sentinel): no scanner steps over "\n",
// so none needs a bounds check. Addresses are never 0, so 0 can mean "not read".
import { jsonNumber } from "./jsonNumber";

/** Skips JSON whitespace within a line (space, tab, carriage return; "\n" ends the line). */
// @ts-ignore: decorator
@inline
export function jsonWs(p: usize): usize {
  let c = load<u8>(p);
  while (c == 32 || c == 9 || c == 13) c = load<u8>(++p);
  return p;
}

/** After a key's closing quote: whitespace, ":", whitespace; the value's start, or 0. */
// @ts-ignore: decorator
@inline
export function jsonColon(p: usize): usize {
  p = jsonWs(p);
  if (load<u8>(p) != 58) return 0;
  return jsonWs(p + 1);
}

/** After a value: whitespace, then `sep` ("," or "}"), then whitespace; the next token's start, or 0. */
// @ts-ignore: decorator
@inline
export function jsonAfter(p: usize, sep: u32): usize {
  p = jsonWs(p);
  if (<u32>load<u8>(p) != sep) return 0;
  return jsonWs(p + 1);
}

/**
 * The end of the line after a value's closing "}": whitespace then "\n" (or the sentinel); the
 * next line's start, or 0 when anything else follows.
 */
// @ts-ignore: decorator
@inline
export function jsonLineEnd(p: usize): usize {
  p = jsonWs(p);
  if (load<u8>(p) != 10) return 0;
  return p + 1;
}

/**
 * A field whose key, quotes included, is at most 8 bytes: `key` holds them (little-endian) and
 * `mask` covers them. Reads the key, ":" and the number after it; where the number ends, or 0.
 * (One shared copy for every such field keeps a record's reader small.)
 */
export function jsonShortField(p: usize, key: u64, mask: u64, len: usize): usize {
  if ((load<u64>(p) & mask) != key) return 0;
  p = jsonColon(p + len);
  if (p == 0) return 0;
  return jsonNumber(p);
}
