/**
 * Avro output of the batch handler: an Avro object container file, one block per scored batch.
 * Its schema is a union of the engine's output type (its branches, when it is a union itself) and
 * the record ScoreError {error: string, code: union<null, int>}: a record that fails is written as
 * a ScoreError datum in its place, with the message and the spec's code that `pfa-wasm score`
 * writes on its error line. An emit engine writes one datum per emitted value, as it writes lines.
 * Blocks are compressed with Avro's "deflate" codec (raw deflate) unless "null" is asked for.
 */
import avro from 'avsc';
import { deflateRawSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { PFAEngine } from '../../../engine.js';
import { PfaError } from '../../../errors/PfaError.js';
import { AvroType, toSchema } from '../../../types/avro.js';
import { Value, branchIndex, branchValue } from '../../../values.js';
import { AVRO_MAGIC, AvscShapes, avroBatches, avscType } from '../../cli/score/avro.js';
import { RecordInput } from '../../cli/score/input.js';
import { lineBatches } from '../../cli/score/lines.js';
import { unionTag } from '../../../codec/avroJson.js';

export type AvroCodec = 'null' | 'deflate';

/** The full name of the error record; an output type that already names it cannot be written. */
export const SCORE_ERROR = 'pfa_wasm.ScoreError';

const ERROR_SCHEMA = {
  type: 'record',
  name: SCORE_ERROR,
  fields: [
    { name: 'error', type: 'string' },
    { name: 'code', type: ['null', 'int'] },
  ],
};

const META = avro.Type.forSchema({ type: 'map', values: 'bytes' });
const LONG = avro.Type.forSchema('long');

/** The output file's schema: union<output's branches..., ScoreError>. */
export function outputSchema(output: AvroType): unknown[] {
  const branches = output.kind === 'union' ? (toSchema(output) as unknown[]) : [toSchema(output)];
  if (JSON.stringify(branches).includes(`"${SCORE_ERROR}"`)) {
    // The model cannot be scored to Avro at all: the function's setting, not the item, is wrong.
    const err = new Error(
      `the output type already names a type ${SCORE_ERROR}: it cannot be written as Avro with error records; use PFA_OUTPUT_FORMAT=jsonl`,
    );
    err.name = 'Misconfigured';
    throw err;
  }
  return [...branches, ERROR_SCHEMA];
}

/** Writes the container file: the header first, then a block per batch of results. */
export class AvroContainer {
  private readonly type: avro.Type;
  private readonly convert: Convert;
  private readonly sync = randomBytes(16);
  private readonly emit: boolean;

  constructor(
    engine: PFAEngine,
    private readonly codec: AvroCodec,
  ) {
    const schema = outputSchema(engine.outputType);
    this.type = avscType(schema);
    const branches = (this.type as unknown as { types: avro.Type[] }).types;
    const output = engine.outputType;
    // A union output converts to the file's union directly (same branch names); any other is wrapped.
    const top = output.kind === 'union' ? avscType(toSchema(output)) : branches[0];
    const inner = toAvsc(output, top);
    const tag = unionTag(output);
    this.convert = output.kind === 'union' || output.kind === 'null' ? inner : (v) => ({ [tag]: inner(v) });
    this.emit = engine.method === 'emit';
  }

  header(): Buffer {
    const meta = {
      'avro.schema': Buffer.from(JSON.stringify(this.type.schema())),
      'avro.codec': Buffer.from(this.codec),
    };
    return Buffer.concat([AVRO_MAGIC, META.toBuffer(meta), this.sync]);
  }

  /** One block holding the data of these results (emit engines: lists of emitted values); empty when none. */
  block(results: readonly (Value | PfaError)[]): Buffer {
    const data: Buffer[] = [];
    const add = (datum: unknown) => data.push(this.type.toBuffer(datum));
    for (const r of results) {
      if (r instanceof PfaError) add(errorDatum(r));
      else if (this.emit) for (const v of r as Value[]) add(this.convert(v));
      else add(this.convert(r));
    }
    if (data.length === 0) return Buffer.alloc(0);
    const raw = Buffer.concat(data);
    const body = this.codec === 'deflate' ? deflateRawSync(raw) : raw;
    return Buffer.concat([LONG.toBuffer(data.length), LONG.toBuffer(body.length), body, this.sync]);
  }
}

/** A failed record's datum: its message and the spec's code, as on the CLI's error line (unions wrapped). */
function errorDatum(e: PfaError): unknown {
  return { [SCORE_ERROR]: { error: e.message, code: e.code === undefined ? null : { int: e.code } } };
}

type Convert = (v: Value) => unknown;

/** A runtime value of `t` → avsc's value of `type` (built from `t`, unions wrapped, longs bigint). */
function toAvsc(t: AvroType, type: avro.Type, seen = new Map<avro.Type, Convert>()): Convert {
  const known = seen.get(type);
  if (known) return known;
  let convert: Convert;
  // Recursive types reach themselves again: they find this indirection in `seen`.
  seen.set(type, (v) => convert(v));
  const a = type as unknown as AvscShapes;
  switch (t.kind) {
    case 'bytes':
    case 'fixed':
      convert = (v) => {
        const b = v as Uint8Array;
        return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      };
      break;
    case 'long':
      convert = (v) => (typeof v === 'bigint' ? v : BigInt(v as number));
      break;
    case 'array': {
      const items = toAvsc(t.items, a.itemsType, seen);
      convert = (v) => (v as Value[]).map(items);
      break;
    }
    case 'map': {
      const values = toAvsc(t.values, a.valuesType, seen);
      convert = (v) => {
        const out: Record<string, unknown> = {};
        for (const [k, x] of v as Map<string, Value>) out[k] = values(x);
        return out;
      };
      break;
    }
    case 'record': {
      const fields = t.fields.map((f, i) => ({ name: f.name, convert: toAvsc(f.type, a.fields[i].type, seen) }));
      convert = (v) => {
        const r = v as Record<string, Value>;
        const out: Record<string, unknown> = {};
        for (const f of fields) out[f.name] = f.convert(r[f.name]);
        return out;
      };
      break;
    }
    case 'union': {
      const u = t;
      const branches = u.types.map((b, i) => ({ name: a.types[i].branchName, convert: toAvsc(b, a.types[i], seen) }));
      const nullable = u.types.some((b) => b.kind === 'null');
      convert = (v) => {
        if (v === null && nullable) return null;
        const b = branches[branchIndex(v, u)];
        return { [b.name]: b.convert(branchValue(v)) };
      };
      break;
    }
    default:
      convert = (v) => v;
  }
  seen.set(type, convert);
  return convert;
}

/**
 * The results of the input's records in batches of `batch`, as values for the Avro writer: what
 * scoredBatches (../../cli/score/input.ts) turns into text, a line that cannot be read being its
 * PfaError in its place.
 */
export async function* resultBatches(
  engine: PFAEngine,
  input: RecordInput,
  batch: number,
): AsyncGenerator<(Value | PfaError)[]> {
  if (input.format === 'avro') {
    for await (const values of avroBatches(input.chunks, engine.inputType, batch)) yield engine.scoreBatch(values);
    return;
  }
  for await (const lines of lineBatches(input.chunks, batch)) {
    const results: (Value | PfaError)[] = new Array(lines.length);
    const inputs: Value[] = [];
    const at: number[] = [];
    lines.forEach((line, i) => {
      if (line instanceof PfaError) {
        results[i] = line;
        return;
      }
      try {
        inputs.push(engine.decodeText(line));
        at.push(i);
      } catch (e) {
        if (!(e instanceof PfaError)) throw e;
        results[i] = e;
      }
    });
    engine.scoreBatch(inputs).forEach((r, j) => {
      results[at[j]] = r;
    });
    yield results;
  }
}
