/**
 * Columnar batches (WasmHost.actionColumns): records of numbers given as one typed array per field
 * instead of one object per record. Writing a record from an object reads each field by name, and
 * records are prototype-less objects that V8 keeps in dictionary mode (a hash lookup per field);
 * from columns each slot is one typed-array load and one store, so the batch's input crosses at
 * about the cost of a memory copy. The slots are the ones wire.ts writes for the same records.
 */
import { inputMessages } from '../../errors/runtime.js';
import { AvroType } from '../../types/avro.js';
import { Value, recordMaker } from '../../values.js';
import type { WireWriter } from './wire.js';

/** One typed array per field of the input record, by field name: Float64Array for double, Float32Array for float, Int32Array for int. */
export type Columns = Readonly<Record<string, Float64Array | Float32Array | Int32Array>>;

/** The typed array of a column, by the field's type (Columns' doc). */
export const COLUMN_ARRAY = { double: Float64Array, float: Float32Array, int: Int32Array } as const;

/** A column of each field, in declaration order, and the number of records they hold. */
interface Checked {
  n: number;
  fields: { name: string; int: boolean; c: Float64Array | Float32Array | Int32Array }[];
}

/**
 * The columns of input type `t`, checked; a PfaError when the input is not a record of double,
 * float and int fields, or the columns do not fit it (a field missing, of another array type, or
 * of another length than the first field's).
 */
function checked(t: AvroType, columns: Columns): Checked {
  const fail = (why: string) => inputMessages.columns.error(why);
  if (t.kind !== 'record' || !t.fields.every((f) => f.type.kind in COLUMN_ARRAY))
    throw fail('it is not a record of double, float and int fields');
  const fields = t.fields.map((f) => {
    const kind = f.type.kind as keyof typeof COLUMN_ARRAY;
    const c = columns[f.name];
    if (!(c instanceof COLUMN_ARRAY[kind])) throw fail(`field "${f.name}" needs a ${COLUMN_ARRAY[kind].name}`);
    return { name: f.name, int: kind === 'int', c };
  });
  const n = fields.length === 0 ? 0 : fields[0].c.length;
  for (const f of fields) if (f.c.length !== n) throw fail(`field "${f.name}" has ${f.c.length} values, not ${n}`);
  return { n, fields };
}

/** The writer of records `from`..n-1 of `columns` (input type `t`) on the wire, and n (throws as `checked`). */
export function columnsWriter(
  t: AvroType,
  columns: Columns,
): { n: number; fill: (from: number, w: WireWriter) => void } {
  const { n, fields } = checked(t, columns);
  const width = fields.length;
  return {
    n,
    fill(from, w) {
      const count = n - from;
      w.ensure(count * width);
      const base = w.slot;
      const f64 = w.f64,
        i32 = w.i32;
      // Column by column: each loop reads one array in order and stores every width-th slot.
      for (let j = 0; j < width; j++) {
        const { int, c } = fields[j];
        if (int)
          for (let i = 0, s = base + j; i < count; i++, s += width) {
            i32[2 * s] = c[from + i];
            i32[2 * s + 1] = 0;
          }
        else for (let i = 0, s = base + j; i < count; i++, s += width) f64[s] = c[from + i];
      }
      w.slot = base + count * width;
    },
  };
}

/** The records the columns hold, as runtime values (the JS backend's columnar batch; throws as `checked`). */
export function columnRecords(t: AvroType, columns: Columns): Value[] {
  const { n, fields } = checked(t, columns);
  const make = recordMaker(fields.map((f) => f.name));
  return Array.from({ length: n }, (_, i) => {
    const r = make();
    for (const f of fields) r[f.name] = f.c[i];
    return r;
  });
}
