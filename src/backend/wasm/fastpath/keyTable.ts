/**
 * The key table the kernel's reader of maps takes (src/backend/wasm/textAs.ts, mapReadTextSource):
 * the keys of the last map the JS reader read, in its order, with their dictionary codes. Inputs
 * repeat their keys in one order (a feature map), so after one line read in JS the kernel reads
 * the following ones; a line with other keys is declined, read in JS, and its keys become the table.
 */
import { StringDict } from '../wireSlots.js';
import { isArrayIndex, plain } from './readable.js';

/**
 * An empty table over `dict`. (A function rather than the constructor for kernelText.ts: the
 * Lambda handler's cold path leaves this module to a chunk, deploy/deferred.ts, since a record
 * input never has a table, and a class cannot be deferred so.)
 */
export function keyTableOf(dict: StringDict): KeyTable {
  return new KeyTable(dict);
}

export class KeyTable {
  private keys: string[] = [];
  private codes: number[] = [];
  /** The table as the kernel reads it (textAs.ts): n, then (code, length, JSON text bytes) per key. */
  private image = new Uint8Array(4);
  private epoch: number;
  private readonly encoder = new TextEncoder();

  constructor(private readonly dict: StringDict) {
    this.epoch = dict.epoch;
  }

  /** How many keys a map the kernel reads has (0: none yet, the kernel declines every line). */
  get size(): number {
    return this.keys.length;
  }

  /** The table's bytes, with codes current in the dictionary (they are coded again once it forgot input strings). */
  bytes(): Uint8Array {
    if (this.epoch !== this.dict.epoch) {
      this.epoch = this.dict.epoch;
      this.codes = this.keys.map((k) => this.dict.code(k));
      this.build();
    }
    return this.image;
  }

  /**
   * Takes the keys of a map the JS reader read (their codes, in order) as the table, unless they
   * are the table already. A map with a key the kernel could not match as raw text (one JSON
   * writes with escapes, or with a surrogate, whose UTF-8 may be a replacement character) or
   * that JSON objects reorder (an array index) empties the table instead.
   */
  learn(codes: ArrayLike<number>): void {
    const n = codes.length;
    if (this.epoch === this.dict.epoch && n === this.codes.length) {
      let same = true;
      for (let i = 0; i < n && same; i++) same = codes[i] === this.codes[i];
      if (same) return;
    }
    this.epoch = this.dict.epoch;
    const keys = Array.from(codes, (c) => this.dict.strings[c]);
    if (!keys.every(matchable)) {
      this.keys = [];
      this.codes = [];
    } else {
      this.keys = keys;
      this.codes = Array.from(codes);
    }
    this.build();
  }

  private build(): void {
    const texts = this.keys.map((k) => this.encoder.encode(`"${k}"`));
    const out = new Uint8Array(4 + texts.reduce((s, t) => s + 8 + t.length, 0));
    const view = new DataView(out.buffer);
    view.setInt32(0, texts.length, true);
    let at = 4;
    texts.forEach((t, i) => {
      view.setInt32(at, this.codes[i], true);
      view.setInt32(at + 4, t.length, true);
      out.set(t, at + 8);
      at += 8 + t.length;
    });
    this.image = out;
  }
}

/** Whether a key's JSON text is its characters between quotes, as UTF-8 the text's own bytes, in place in Object.keys order. */
function matchable(key: string): boolean {
  return plain(key) && !isArrayIndex(key) && !/[\uD800-\uDFFF]/.test(key);
}
