/**
 * An output writer generated (as closures, once per engine) from the output type: it reads a
 * kernel's answer off the wire and writes the JSON text `engine.encodeText` writes for the same
 * value (Avro-JSON: NaN and infinities as "nan", "inf", "-inf", longs exact, unions tagged),
 * without building the value. The shapes where JSON.stringify itself decides something (a map
 * key that is an array index moves to the front; unions whose branch is picked from the value)
 * are written by the general encoder, from the decoded value.
 */
import { AvroType, isScalarUnion } from '../../../types/avro.js';
import { encoderFor, unionTag } from '../../../codec/avroJson.js';
import { jsonText } from '../../../document/json.js';
import { MAX_VALUE_DEPTH } from '../../../values.js';
import { wireDecoder } from '../wire.js';
import { WireReader } from '../wireSlots.js';
import { recordDepth } from './readable.js';

export type TextWriter = (r: WireReader) => string;

/**
 * The general encoder on the decoded value: always right, for shapes the writer leaves to it.
 * Built at its first use, as most never write (a map's keys that are array indexes): the codecs
 * are no part of a cold start that does not need them (issue 17).
 */
/*! @eager */
function general(t: AvroType): TextWriter {
  let write: TextWriter | undefined;
  return (r) => {
    if (write === undefined) {
      const decode = wireDecoder(t);
      const encode = encoderFor(t);
      write = (r) => jsonText(encode(decode(r)));
    }
    return write(r);
  };
}

/*! @eager */
function doubleText(x: number): string {
  return !Number.isNaN(x) ? (x === Infinity ? '"inf"' : x === -Infinity ? '"-inf"' : String(x)) : '"nan"';
}

/** The writer for values of `t`: fast where the text is certain, the general encoder elsewhere. */
/*! @eager */
export function textWriter(t: AvroType): TextWriter {
  // (a recursive type's depth is Infinity)
  if (recordDepth(t, []) > MAX_VALUE_DEPTH) return general(t);
  return writerOf(t, new Map());
}

/**
 * The writer of `t`, made once per type in `built`. (Functions rather than a class's methods: the
 * Lambda handler's cold start builds a writer, and a function hinted for the script's compile,
 * deploy/eager.ts, costs it less than a method, which V8 compiles at its first call: issue 17.)
 */
/*! @eager */
function writerOf(t: AvroType, built: Map<AvroType, TextWriter>): TextWriter {
  let w = built.get(t);
  if (!w) {
    w = buildWriter(t, built);
    built.set(t, w);
  }
  return w;
}

/*! @eager */
function buildWriter(t: AvroType, built: Map<AvroType, TextWriter>): TextWriter {
  switch (t.kind) {
    case 'null':
      return () => 'null';
    case 'boolean':
      return (r) => (r.getI32() !== 0 ? 'true' : 'false');
    case 'int':
      return (r) => String(r.getI32());
    case 'long':
      return (r) => String(r.getI64());
    case 'double':
      return (r) => doubleText(r.getF64());
    case 'float':
      return (r) => doubleText(Math.fround(r.getF64()));
    case 'string': {
      // Quoted texts by code; a code is checked against its string (the dictionary forgets input strings).
      const quoted: string[] = [];
      const of: string[] = [];
      return (r) => {
        const c = r.getI32();
        const s = r.dict.strings[c];
        if (of[c] === s) return quoted[c];
        const q = JSON.stringify(s);
        of[c] = s;
        quoted[c] = q;
        return q;
      };
    }
    case 'enum': {
      const symbols = t.symbols.map((s) => JSON.stringify(s));
      return (r) => symbols[r.getI32()];
    }
    case 'array': {
      const item = writerOf(t.items, built);
      return (r) => {
        const n = r.getI32();
        if (n === 0) return '[]';
        let out = '[' + item(r);
        for (let i = 1; i < n; i++) out += ',' + item(r);
        return out + ']';
      };
    }
    case 'map': {
      // (a map of scalar unions crosses in another layout, wire.ts: the general encoder reads it)
      if (isScalarUnion(t.values)) return general(t);
      const value = writerOf(t.values, built);
      const slow = general(t);
      // Each key's `"key":` by code, checked against its string as the string writer checks
      // (null: an array index, which JSON.stringify writes first: the general encoder orders those).
      const heads: (string | null)[] = [];
      const of: string[] = [];
      return (r) => {
        const start = r.slot;
        const n = r.getI32();
        let out = '{';
        for (let i = 0; i < n; i++) {
          const c = r.getI32();
          const key = r.dict.strings[c];
          if (of[c] !== key) {
            of[c] = key;
            heads[c] = isArrayIndex(key) ? null : JSON.stringify(key) + ':';
          }
          const head = heads[c];
          if (head === null) {
            r.slot = start;
            return slow(r);
          }
          out += (i === 0 ? head : ',' + head) + value(r);
        }
        return out + '}';
      };
    }
    case 'record': {
      // A field named __proto__ sets the encoded object's prototype instead of a key.
      if (t.fields.some((f) => f.name === '__proto__')) return general(t);
      const keys = t.fields.map((f, i) => (i === 0 ? '{' : ',') + JSON.stringify(f.name) + ':');
      const fields = t.fields.map((f) => writerOf(f.type, built));
      const n = fields.length;
      if (n === 0) return () => '{}';
      return (r) => {
        let out = '';
        for (let i = 0; i < n; i++) out += keys[i] + fields[i](r);
        return out + '}';
      };
    }
    case 'union': {
      // The wire's branch is the value's own (a box names it where branches are held alike).
      const heads = t.types.map((b) => `{${JSON.stringify(unionTag(b))}:`);
      const branches = t.types.map((b) => writerOf(b, built));
      const isNull = t.types.map((b) => b.kind === 'null');
      return (r) => {
        const b = r.getI32();
        return isNull[b] ? 'null' : heads[b] + branches[b](r) + '}';
      };
    }
    case 'bytes':
    case 'fixed':
      return general(t);
  }
}

/** A key JSON.stringify (like Object.keys) puts first: a canonical integer below 2^32 - 1. */
/*! @eager */
function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return false;
  return /^(?:0|[1-9][0-9]{0,9})$/.test(key) && Number(key) < 4294967295;
}
