/**
 * The wire codecs of values made of numbers (arrays and maps of double, float or int), chosen
 * once per type by wire.ts's wireEncoder and wireDecoder. Their slots are the general codecs'
 * (wire.ts's file comment), written and read straight through the buffer's typed views: one room
 * check per value and a loop of stores, instead of a closure call and a room check per item.
 * Feature vectors and scores are mostly these shapes (k-means points, regression outputs).
 */
import { AvroType, RecordType } from '../../types/avro.js';
import { Value } from '../../values.js';
import type { WireDecoder, WireEncoder, WireReader } from './wire.js';

/** The numeric kinds these codecs take: f64 slots (double, float) or i32 in the low half (int). */
type NumberKind = 'double' | 'float' | 'int';

function numberKind(t: AvroType): NumberKind | null {
  return t.kind === 'double' || t.kind === 'float' || t.kind === 'int' ? t.kind : null;
}

/** The encoder of an array of numbers (count, then one slot per item), or null for other items. */
export function numberArrayEncoder(items: AvroType): WireEncoder | null {
  const kind = numberKind(items);
  if (kind === null) return null;
  if (kind === 'int')
    return (v, w) => {
      const a = v as number[];
      const n = a.length;
      w.ensure(n + 1);
      const i32 = w.i32;
      let p = 2 * w.slot;
      i32[p] = n;
      i32[p + 1] = 0;
      for (let i = 0; i < n; i++) {
        p += 2;
        i32[p] = a[i];
        i32[p + 1] = 0;
      }
      w.slot += n + 1;
    };
  // (float values are already rounded to single precision: they cross as their double, as putF64 writes them)
  return (v, w) => {
    const a = v as number[];
    const n = a.length;
    w.ensure(n + 1);
    const s = w.slot;
    w.i32[2 * s] = n;
    w.i32[2 * s + 1] = 0;
    const f64 = w.f64;
    for (let i = 0; i < n; i++) f64[s + 1 + i] = a[i];
    w.slot = s + 1 + n;
  };
}

/**
 * The encoder of a record of doubles and floats (feature vectors: the common input), one slot per
 * field, or null for other records.
 *
 * A wide record read field by field by name is a hash lookup per field when V8 keeps it in
 * dictionary mode, and a keyed lookup that boxes the double when it is in fast mode (JSON.parse's
 * objects, and the decoder's records since it builds them from a template: avroJson.ts). A
 * for-in loop over a fast-mode object walks its keys from the hidden class's enum cache, and
 * TurboFan turns `r[k]` inside it into a load at the field's own index, so reading the fields in
 * the object's own order is 5-10x cheaper (60 fields, measured under load). The order only counts
 * when each key is the schema's field name at that position (both interned, so a pointer
 * compare) and there are exactly as many: then the slots are the same as by name. Otherwise the
 * record is read by name, and the next FOR_IN_PAUSE records are too. The cost left: a wide
 * record in dictionary mode whose keys are in the schema's order (filled by keyed stores, as
 * makeRecord's are past about 20 fields) takes the for-in, which gathers its keys first and
 * costs several times the lookups by name.
 */
export function numberRecordEncoder(t: AvroType): WireEncoder | null {
  if (t.kind !== 'record' || !isNumberRecord(t)) return null;
  // (property keys are interned strings, which the names parsed from a document need not be)
  const names = Object.keys(Object.fromEntries(t.fields.map((f) => [f.name, 0])));
  const n = names.length;
  let pause = 0;
  const encodeNumberRecord: WireEncoder = (v, w) => {
    const r = v as Record<string, number>;
    w.ensure(n);
    const f64 = w.f64;
    const s = w.slot;
    w.slot = s + n;
    if (pause === 0) {
      let i = 0;
      for (const k in r) {
        // (past the last field names[i] is undefined: an extra key ends the walk too)
        if (k !== names[i]) {
          i = -1;
          break;
        }
        f64[s + i] = r[k];
        i++;
      }
      if (i === n) return;
      pause = FOR_IN_PAUSE;
    } else pause--;
    for (let i = 0; i < n; i++) f64[s + i] = r[names[i]];
  };
  return encodeNumberRecord;
}

/** How many records the record encoder reads by name after one whose keys were not the schema's, in order. */
const FOR_IN_PAUSE = 256;

function isNumberRecord(t: RecordType): boolean {
  return t.fields.length > 0 && t.fields.every((f) => f.type.kind === 'double' || f.type.kind === 'float');
}

/** The decoder of an array of numbers, or null for other items. */
export function numberArrayDecoder(items: AvroType): WireDecoder | null {
  const kind = numberKind(items);
  if (kind === null) return null;
  const read = itemReader(kind);
  return (r) => {
    const s = r.slot;
    const n = r.i32[2 * s];
    const out: number[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = read(r, s + 1 + i);
    r.slot = s + 1 + n;
    return out;
  };
}

/**
 * The encoder of a map of numbers (count, then key code and value per entry), or null for other
 * values. `keyCode(k, i)` is wire.ts's remembered-key coder (its memory, `lastKeys` and
 * `lastCodes`, is tested inline); `checkEpoch` drops what it remembers when the dictionary forgot
 * input strings. Keys and values are walked in two passes, as wire.ts's unionMapEncoder does.
 */
export function numberMapEncoder(
  values: AvroType,
  keyCode: (k: string, i: number) => number,
  lastKeys: string[],
  lastCodes: number[],
  checkEpoch: () => void,
): WireEncoder | null {
  const kind = numberKind(values);
  if (kind === null) return null;
  const int = kind === 'int';
  return (v, w) => {
    const m = v as Map<string, number>;
    const n = m.size;
    w.ensure(1 + 2 * n);
    checkEpoch();
    const i32 = w.i32,
      f64 = w.f64;
    const s = w.slot;
    i32[2 * s] = n;
    i32[2 * s + 1] = 0;
    let p = 2 * s + 2;
    let i = 0;
    for (const k of m.keys()) {
      i32[p] = lastKeys[i] === k ? lastCodes[i] : keyCode(k, i);
      i32[p + 1] = 0;
      p += 4;
      i++;
    }
    p = s + 2;
    if (int)
      for (const x of m.values()) {
        i32[2 * p] = x;
        i32[2 * p + 1] = 0;
        p += 2;
      }
    else
      for (const x of m.values()) {
        f64[p] = x;
        p += 2;
      }
    w.slot = s + 1 + 2 * n;
  };
}

/** The decoder of a map of numbers, or null for other values. */
export function numberMapDecoder(values: AvroType): WireDecoder | null {
  const kind = numberKind(values);
  if (kind === null) return null;
  const read = itemReader(kind);
  return (r) => {
    const strings = r.dict.strings;
    const i32 = r.i32;
    let s = r.slot;
    const n = i32[2 * s++];
    const out = new Map<string, Value>();
    for (let i = 0; i < n; i++) {
      out.set(strings[i32[2 * s]], read(r, s + 1));
      s += 2;
    }
    r.slot = s;
    return out;
  };
}

/** A number's value from slot `s` (float: rounded again, as wire.ts's float decoder does). */
function itemReader(kind: NumberKind): (r: WireReader, s: number) => number {
  if (kind === 'int') return (r, s) => r.i32[2 * s];
  if (kind === 'float') return (r, s) => Math.fround(r.f64[s]);
  return (r, s) => r.f64[s];
}
