/**
 * What the parts of the `stat.sample` namespace share about state records: finding an optional
 * field (and rejecting one of the wrong type at compile time), building the updated record in AS,
 * and the length limit on arrays built from a number in the input.
 */
import { WasmCall } from '../../registry.js';
import { PfaError } from '../../../errors/PfaError.js';
import { AvroType } from '../../../types/avro.js';

export type Vec = number[];
export type MapVec = Map<string, number>;
export type MapMat = Map<string, MapVec>;

/**
 * The longest array these functions build from a number in their input (a growable histogram's
 * new bin, forecastHoltWinters' n). Inputs are hostile (ARCHITECTURE.md, trust model); the spec has
 * no error code for this, so it is an uncoded runtime error.
 */
export const MAX_LENGTH = 1 << 24;

export function tooLongMessage(what: string): string {
  return `${what} exceeds the limit of ${MAX_LENGTH} elements`;
}

export function tooLong(fcn: string, what: string): never {
  throw new PfaError('runtime', tooLongMessage(what), { fcn });
}

/**
 * Whether the record type has an optional field; a field of that name with another type than
 * `kind` is a semantic error (the reference engine rejects it when the call is compiled).
 */
export function hasField(
  fcn: string,
  t: AvroType,
  name: string,
  accepts: (t: AvroType) => boolean,
  what: string,
): boolean {
  if (t.kind !== 'record') return false;
  const f = t.fields.find((x) => x.name === name);
  if (f === undefined) return false;
  if (!accepts(f.type))
    throw new PfaError('semantic', `${fcn} is being given a record type in which the "${name}" field is not ${what}`, {
      fcn,
    });
  return true;
}

export const isDouble = (t: AvroType) => t.kind === 'double';
export const isBoolean = (t: AvroType) => t.kind === 'boolean';
export const isDoubleArray = (t: AvroType) => t.kind === 'array' && t.items.kind === 'double';

/** updateRecord in AS: a new record of type A with the changed fields, every other field copied. */
export function wasmUpdate(c: WasmCall, A: AvroType, rec: string, changes: Record<string, string>): string {
  if (A.kind !== 'record') throw new Error('internal: the state must be a record');
  return c.record(
    A,
    A.fields.map((f) => changes[f.name] ?? c.field(A, rec, f.name)),
  );
}
