/**
 * Avro object container files for `pfa-wasm score` (avsc streams the blocks). The file's writer
 * schema is resolved against the engine's input type by Avro's schema resolution rules (fields
 * by name, defaults for missing ones, int → long → float → double promotion, unions by branch);
 * the top-level record may have any name. Records are decoded with the input type as reader
 * schema, then turned into runtime values (values.ts): longs exact (bigint), bytes and
 * fixed as Uint8Array, unions bare, maps as Map.
 */
import avro from 'avsc';
import { Readable } from 'node:stream';
import { PfaError } from '../../../errors/PfaError.js';
import { AvroType, toSchema, typeToString } from '../../../types/avro.js';
import { Tagged, Value, branchName, heldAlike, recordMaker } from '../../../values.js';

/** The first bytes of every Avro object container file. */
export const AVRO_MAGIC = Buffer.from('Obj\x01', 'latin1');

/** Longs as bigint: avsc's default long type rounds beyond 2^53. */
const LONG = avro.types.LongType.__with({
  fromBuffer: (b: Buffer) => b.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(n));
    return b;
  },
  fromJSON: (x: unknown) => BigInt(x as number),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

/** avsc's type for a schema, unions wrapped and longs as bigint (the batch handler writes Avro with it too). */
export function avscType(schema: unknown): avro.Type {
  return avro.Type.forSchema(
    schema as avro.Schema,
    {
      wrapUnions: true,
      typeHook: (s: unknown) =>
        s === 'long' || (isObject(s) && s.type === 'long' && s.logicalType === undefined) ? LONG : undefined,
    } as Partial<avro.ForSchemaOptions>,
  );
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Batches of at most `size` input values from the bytes of a container file, in order. */
export async function* avroBatches(
  chunks: AsyncIterable<Buffer>,
  input: AvroType,
  size: number,
): AsyncGenerator<Value[]> {
  const reader = avscType(toSchema(input));
  const decoder = new avro.streams.BlockDecoder({
    readerSchema: reader,
    parseHook: (schema: avro.Schema) => writerType(schema, input, reader),
  });
  const convert = fromAvsc(input, reader);
  const source = Readable.from(chunks, { objectMode: false });
  source.on('error', (e) => decoder.destroy(e));
  source.pipe(decoder);
  let headerRead = false;
  decoder.once('metadata', () => {
    headerRead = true;
  });
  let batch: Value[] = [];
  const records = (decoder as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<unknown>;
    try {
      next = await records.next();
    } catch (e) {
      // avsc's own errors (bad magic bytes, a corrupt or truncated block) say what is wrong with the file.
      if (e instanceof PfaError || !(e instanceof Error) || 'code' in e) throw e;
      throw new PfaError('input', `the input is not a readable Avro object container file: ${e.message}`);
    }
    if (next.done) {
      // avsc ends quietly on a file cut short (in its header or in a block): then it has sent no
      // 'metadata', or the bytes it could not read as a whole block are still in its buffer (a
      // private field, read here since a truncated file must not pass for a shorter one).
      const tap = (decoder as unknown as { _tap?: { buf: Buffer; pos: number } })._tap;
      if (!headerRead)
        throw new PfaError(
          'input',
          'the input is not a readable Avro object container file: it ends inside its header',
        );
      if (tap && tap.buf.length > tap.pos) {
        throw new PfaError(
          'input',
          `the input is not a readable Avro object container file: it ends inside a block (${tap.buf.length - tap.pos} bytes left over)`,
        );
      }
      break;
    }
    batch.push(convert(next.value));
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The file's writer type, once it is known that `reader` can read it; else a PfaError naming both. */
function writerType(schema: avro.Schema, input: AvroType, reader: avro.Type): avro.Type {
  const shown = avscTypeString(avscType(schema));
  // The top-level record's name is the file's business: read it under the input type's name.
  if (input.kind === 'record' && isObject(schema) && schema.type === 'record') {
    schema = { ...schema, name: input.name, namespace: undefined } as avro.Schema;
  }
  const writer = avscType(schema);
  try {
    reader.createResolver(writer);
  } catch (e) {
    throw new PfaError(
      'input',
      `the Avro file's schema (${shown}) cannot be read as the engine's input type (${typeToString(input)}): ${(e as Error).message}`,
    );
  }
  return writer;
}

type Convert = (v: unknown) => Value;

/** avsc's decoded value of `reader` (built from `t`, unions wrapped) → the runtime value of `t`. */
function fromAvsc(t: AvroType, reader: avro.Type, seen = new Map<avro.Type, Convert>()): Convert {
  const known = seen.get(reader);
  if (known) return known;
  let convert: Convert;
  // Recursive types reach themselves again: they find this indirection in `seen`.
  seen.set(reader, (v) => convert(v));
  const r = reader as unknown as AvscShapes;
  switch (t.kind) {
    case 'bytes':
    case 'fixed':
      convert = (v) => new Uint8Array(v as Buffer);
      break;
    case 'long':
      convert = (v) => (typeof v === 'bigint' ? v : BigInt(v as number));
      break;
    case 'float':
    case 'double':
      // A long promoted to a float or double arrives as bigint.
      convert = (v) => (typeof v === 'bigint' ? (t.kind === 'float' ? Math.fround(Number(v)) : Number(v)) : v);
      break;
    case 'array': {
      const items = fromAvsc(t.items, r.itemsType, seen);
      convert = (v) => (v as unknown[]).map(items);
      break;
    }
    case 'map': {
      const values = fromAvsc(t.values, r.valuesType, seen);
      convert = (v) => {
        const m = new Map<string, Value>();
        for (const k of Object.keys(v as object)) m.set(k, values((v as Record<string, unknown>)[k]));
        return m;
      };
      break;
    }
    case 'record': {
      const fields = t.fields.map((f, i) => ({ name: f.name, convert: fromAvsc(f.type, r.fields[i].type, seen) }));
      const make = recordMaker(t.fields.map((f) => f.name));
      convert = (v) => {
        const out = make();
        for (const f of fields) out[f.name] = f.convert((v as Record<string, unknown>)[f.name]);
        return out;
      };
      break;
    }
    case 'union': {
      const branches = new Map<string, Convert>();
      // A branch held alike with another is boxed, as the JSON decoder holds it (values.ts Tagged).
      const boxed = heldAlike(t);
      t.types.forEach((u, i) => {
        const inner = fromAvsc(u, r.types[i], seen);
        const name = branchName(u);
        branches.set(r.types[i].branchName, boxed[i] ? (v) => new Tagged(name, inner(v)) : inner);
      });
      // Wrapped: null, or an object with one property named by the branch.
      convert = (v) => {
        if (v === null) return null;
        const [name] = Object.keys(v as object);
        return branches.get(name)!((v as Record<string, unknown>)[name]);
      };
      break;
    }
    default:
      convert = (v) => v;
  }
  seen.set(reader, convert);
  return convert;
}

/** The parts of avsc's type classes read here and by the batch handler's Avro writer (their typings do not list them). */
export interface AvscShapes {
  itemsType: avro.Type;
  valuesType: avro.Type;
  fields: { name: string; type: avro.Type }[];
  types: (avro.Type & { branchName: string })[];
}

/** A writer type in the words of typeToString. */
function avscTypeString(type: avro.Type): string {
  const s = type as unknown as AvscShapes & { typeName: string; name?: string };
  switch (s.typeName) {
    case 'array':
      return `array<${avscTypeString(s.itemsType)}>`;
    case 'map':
      return `map<${avscTypeString(s.valuesType)}>`;
    case 'union:wrapped':
    case 'union:unwrapped':
      return `union<${s.types.map(avscTypeString).join(', ')}>`;
    case 'record':
    case 'error':
    case 'enum':
    case 'fixed':
      return `${s.typeName} ${s.name}`;
    case 'abstract:long':
      return 'long';
    default:
      return s.typeName;
  }
}
