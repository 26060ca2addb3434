/**
 * A JSON reader generated (as closures, once per engine) from the input type: it scans the text of
 * one Avro-JSON value and writes it straight onto the wire (backend/wasm/wire.ts), the layout
 * `wireEncoder` would write for `decodeText` of the same text. Anything it is not sure to read
 * exactly as the general decoder would (unknown, missing or repeated fields, untagged union
 * values, -0 integer literals, map keys that JSON objects reorder, escapes it does not know) makes
 * it answer false, and the caller decodes that text with the general decoder: so errors, and the
 * rare shapes, are the general path's own.
 */
import { AvroType, UnionType, isScalarUnion } from '../../../types/avro.js';
import { unionTag } from '../../../codec/avroJson.js';
import { StringDict, WireWriter } from '../wireSlots.js';
import { Scan } from './scan.js';
import { NoFastReader, isArrayIndex, plain, withinDepth } from './readable.js';

// (moved to readable.ts; importers of the readers find them here too)
export { NoFastReader, isArrayIndex, plain, withinDepth } from './readable.js';

/** Reads one value at the cursor onto the writer; false: not read (fall back). */
export type FieldReader = (s: Scan, w: WireWriter) => boolean;

const INT_MIN = -2147483648,
  INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n),
  LONG_MAX = 2n ** 63n - 1n;

/**
 * The reader of one value of type `t` at the cursor (whitespace around it is skipped before, not
 * after), or null when the type has shapes the fast path does not read (recursive types, bytes,
 * fixed, unions whose branches the runtime cannot tell apart, records nested deeper than `maxDepth`).
 */
export function valueReader(t: AvroType, dict: StringDict, maxDepth: number): FieldReader | null {
  try {
    if (!withinDepth(t, maxDepth)) return null;
    return new Builder(dict).reader(t);
  } catch (e) {
    if (e instanceof NoFastReader) return null;
    throw e;
  }
}

/** The reader of a whole text: one value, then only whitespace. */
export function textReader(t: AvroType, dict: StringDict, maxDepth: number): FieldReader | null {
  const read = valueReader(t, dict, maxDepth);
  return read && ((s, w) => read(s, w) && Number.isNaN(s.ws())) /* the end of the text */;
}

class Builder {
  private readonly built = new Map<AvroType, FieldReader>();
  constructor(private readonly dict: StringDict) {}

  reader(t: AvroType): FieldReader {
    let r = this.built.get(t);
    if (!r) {
      r = this.build(t);
      this.built.set(t, r);
    }
    return r;
  }

  private build(t: AvroType): FieldReader {
    const dict = this.dict;
    switch (t.kind) {
      case 'null':
        return (s) => s.ws() === 110 && s.literal('null');
      case 'boolean':
        return (s, w) => {
          const c = s.ws();
          if (c === 116 && s.literal('true')) {
            w.putI32(1);
            return true;
          }
          if (c === 102 && s.literal('false')) {
            w.putI32(0);
            return true;
          }
          return false;
        };
      case 'int':
        return (s, w) => {
          if (!s.number() || !s.exactInt || s.num < INT_MIN || s.num > INT_MAX) return false;
          w.putI32(s.num);
          return true;
        };
      case 'long':
        return (s, w) => {
          if (!s.number() || !s.intLit) return false;
          if (s.exactInt) {
            w.putI64(BigInt(s.num));
            return true;
          }
          const n = BigInt(s.numberText());
          if (n < LONG_MIN || n > LONG_MAX) return false;
          w.putI64(n);
          return true;
        };
      case 'double':
        return (s, w) => {
          if (!s.number()) return false;
          w.putF64(s.num);
          return true;
        };
      case 'float':
        return (s, w) => {
          if (!s.number()) return false;
          w.putF64(Math.fround(s.num));
          return true;
        };
      case 'string':
        return (s, w) => {
          if (s.ws() !== 34) return false;
          const str = s.string();
          if (str === null) return false;
          w.putI32(dict.code(str));
          return true;
        };
      case 'enum': {
        const index = new Map(t.symbols.map((sym, i) => [sym, i]));
        return (s, w) => {
          if (s.ws() !== 34) return false;
          const str = s.string();
          const i = str === null ? undefined : index.get(str);
          if (i === undefined) return false;
          w.putI32(i);
          return true;
        };
      }
      case 'array': {
        const item = this.reader(t.items);
        return (s, w) => {
          if (s.ws() !== 91) return false;
          s.i++;
          const countSlot = w.slot;
          w.putI32(0);
          let n = 0;
          if (s.ws() === 93) {
            s.i++;
            return true;
          }
          for (;;) {
            if (!item(s, w)) return false;
            n++;
            const c = s.ws();
            s.i++;
            if (c === 44) continue;
            if (c !== 93) return false;
            w.i32[countSlot * 2] = n;
            return true;
          }
        };
      }
      case 'map':
        return this.map(
          this.reader(t.values),
          isScalarUnion(t.values) ? t.values.types.map((b) => b.kind === 'null') : null,
        );
      case 'record':
        return this.record(
          t.fields.map((f) => f.name),
          t.fields.map((f) => this.reader(f.type)),
          Int8Array.from(t.fields, (f) => (f.type.kind === 'double' ? 1 : 0)),
        );
      case 'union':
        return this.union(t);
      case 'bytes':
      case 'fixed':
        throw new NoFastReader(`${t.kind} values (base64 text) are left to the general decoder`);
    }
  }

  /**
   * A JSON object's keys in the order Object.keys gives them, which is the order the decoder
   * builds the Map in: that is text order unless a key is an array index (those come first,
   * ascending) or repeats (the last value wins at the first place): both fall back.
   * A map of scalar unions (`nullBranches` says which of its branches are null) is read entry by
   * entry, then put in its own wire layout (toUnionMapLayout).
   */
  private map(value: FieldReader, nullBranches: boolean[] | null): FieldReader {
    const dict = this.dict;
    let seen = new Int32Array(256);
    let epoch = 0;
    // The keys (and their codes) of the last map read, by position: inputs tend to repeat their
    // keys in the same order, and matching the text against them skips slicing and hashing.
    const lastKeys: string[] = [];
    const lastCodes: number[] = [];
    return (s, w) => {
      if (s.ws() !== 123) return false;
      s.i++;
      const countSlot = w.slot;
      w.putI32(0);
      if (s.ws() === 125) {
        s.i++;
        return true;
      }
      if (++epoch === 0x7fffffff) {
        seen.fill(0);
        epoch = 1;
      }
      const mine = epoch;
      let n = 0;
      for (;;) {
        if (s.ws() !== 34) return false;
        let code: number;
        const guess = lastKeys[n];
        // (A code is checked against its string, the dictionary may have forgotten it, before
        // `quoted` moves the cursor past the key: else the key would be read from after itself.)
        if (guess !== undefined && dict.strings[lastCodes[n]] === guess && s.quoted(guess)) code = lastCodes[n];
        else {
          const key = s.string();
          if (key === null || isArrayIndex(key)) return false;
          code = dict.code(key);
          // Only keys whose text is themselves (no escapes needed) can be matched as raw text.
          if (plain(key)) {
            lastKeys[n] = key;
            lastCodes[n] = code;
          }
        }
        if (code >= seen.length) {
          const grown = new Int32Array(Math.max(seen.length * 2, code + 1));
          grown.set(seen);
          seen = grown;
        }
        if (seen[code] === mine) return false;
        seen[code] = mine;
        if (s.ws() !== 58) return false;
        s.i++;
        w.putI32(code);
        if (!value(s, w)) return false;
        n++;
        const c = s.ws();
        s.i++;
        if (c === 44) continue;
        if (c !== 125) return false;
        w.i32[countSlot * 2] = n;
        if (nullBranches) toUnionMapLayout(w, countSlot, n, nullBranches);
        return true;
      }
    };
  }

  /**
   * Fields in any order: each value is written where the cursor is, then, when the text did not
   * follow the declaration order, the record's slots are put in declaration order (the wire
   * layout). Every field must be there exactly once (a default is the general path's business).
   */
  private record(names: string[], readers: FieldReader[], doubles: Int8Array): FieldReader {
    const n = names.length;
    const index = new Map(names.map((name, i) => [name, i]));
    const seen = new Int32Array(n);
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    let epoch = 0;
    return (s, w) => {
      if (s.ws() !== 123) return false;
      s.i++;
      if (s.ws() === 125) {
        s.i++;
        return n === 0;
      }
      if (++epoch === 0x7fffffff) {
        seen.fill(0);
        epoch = 1;
      }
      const mine = epoch;
      const base = w.slot;
      let count = 0;
      let inOrder = true;
      let next = 0;
      for (;;) {
        if (s.ws() !== 34) return false;
        let j: number;
        if (next < n && s.quoted(names[next])) j = next;
        else {
          const key = s.string();
          const k = key === null ? undefined : index.get(key);
          if (k === undefined) return false;
          j = k;
        }
        // In declaration order so far, fields 0..count-1 came once each: mark them only when the order breaks.
        if (inOrder && j !== count) {
          inOrder = false;
          for (let f = 0; f < count; f++) seen[f] = mine;
        }
        if (!inOrder) {
          if (seen[j] === mine) return false;
          seen[j] = mine;
        }
        if (s.ws() !== 58) return false;
        s.i++;
        starts[j] = w.slot;
        if (doubles[j] === 1) {
          // Inline: most inputs are records of doubles.
          if (!s.number()) return false;
          w.putF64(s.num);
        } else if (!readers[j](s, w)) return false;
        ends[j] = w.slot;
        count++;
        next = j + 1;
        const c = s.ws();
        s.i++;
        if (c === 44) continue;
        if (c !== 125) return false;
        if (count !== n) return false;
        if (!inOrder) reorder(w, base, starts, ends);
        return true;
      }
    };
  }

  /** Tagged values `{"type": value}` and null; an untagged value falls back (the decoder tries branches). */
  private union(u: UnionType): FieldReader {
    // The wire's branch is the tag, as the general decoder keeps it (values.ts Tagged).
    // The decoder's tag table, built in its order (a later tag wins a clash, as in Map.set).
    const byTag = new Map<string, number>();
    // A short name is a tag only when no branch has it as a tag and no other branch shares it.
    const short = (b: AvroType) =>
      b.kind === 'record' || b.kind === 'enum' || b.kind === 'fixed' ? b.name.slice(b.name.lastIndexOf('.') + 1) : null;
    u.types.forEach((b, i) => {
      byTag.set(unionTag(b), i);
    });
    u.types.forEach((b, i) => {
      const s = short(b);
      if (s !== null && !byTag.has(s) && u.types.filter((c) => short(c) === s).length === 1) byTag.set(s, i);
    });
    const tags = [...byTag.keys()];
    const branchOf = [...byTag.values()];
    const readers = u.types.map((b) => this.reader(b));
    const nullIndex = u.types.findIndex((b) => b.kind === 'null');
    let last = 0;
    return (s, w) => {
      const c = s.ws();
      if (c === 110) {
        if (nullIndex < 0 || !s.literal('null')) return false;
        w.putI32(nullIndex);
        return true;
      }
      if (c !== 123) return false;
      s.i++;
      if (s.ws() !== 34) return false;
      let b = -1;
      // The tag that matched last time first: a field's values tend to keep their branch.
      if (s.quoted(tags[last])) b = branchOf[last];
      else
        for (let k = 0; k < tags.length; k++)
          if (s.quoted(tags[k])) {
            b = branchOf[k];
            last = k;
            break;
          }
      if (b < 0) {
        const key = s.string();
        const k = key === null ? undefined : byTag.get(key);
        if (k === undefined) return false;
        b = k;
      }
      if (s.ws() !== 58) return false;
      s.i++;
      w.putI32(b);
      if (!readers[b](s, w)) return false;
      if (s.ws() !== 125) return false;
      s.i++;
      return true;
    };
  }
}

/**
 * Rewrites a map of scalar unions read as (key, tag, value) entries (a null branch has no value
 * slot) into the layout wire.ts gives such maps: key codes packed two to a slot, then a tag slot
 * and a value slot per entry (zero for null).
 */
function toUnionMapLayout(w: WireWriter, countSlot: number, n: number, nullBranches: boolean[]): void {
  const start = countSlot + 1;
  const keySlots = (n + 1) >> 1;
  // (the new layout can be longer than the entries when many values are null)
  w.ensure(Math.max(0, start + keySlots + 2 * n - w.slot));
  const read = w.i32.slice(start * 2, w.slot * 2);
  const i32 = w.i32;
  let j = 0;
  let v = (start + keySlots) * 2;
  for (let e = 0; e < n; e++) {
    i32[start * 2 + e] = read[j];
    const tag = read[j + 2];
    i32[v] = tag;
    i32[v + 1] = 0;
    if (nullBranches[tag]) {
      i32[v + 2] = 0;
      i32[v + 3] = 0;
      j += 4;
    } else {
      i32[v + 2] = read[j + 4];
      i32[v + 3] = read[j + 5];
      j += 6;
    }
    v += 4;
  }
  if (n & 1) i32[start * 2 + n] = 0;
  w.slot = start + keySlots + 2 * n;
}

/** Puts a record's field slots (read in text order) in declaration order. Rare: copies. */
function reorder(w: WireWriter, base: number, starts: Int32Array, ends: Int32Array): void {
  const i32 = w.i32;
  const copy = i32.slice(base * 2, w.slot * 2);
  let at = base * 2;
  for (let f = 0; f < starts.length; f++) {
    const a = (starts[f] - base) * 2,
      b = (ends[f] - base) * 2;
    i32.set(copy.subarray(a, b), at);
    at += b - a;
  }
}
