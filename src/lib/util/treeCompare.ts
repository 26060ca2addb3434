/**
 * Shared by model.tree.simpleTest, missingTest and simpleTree: comparing the field of a datum
 * record named by an enum with a node's `value`, and telling tree nodes from leaves. Which field
 * is compared is only known at run time, so every field of D gets its plan at compile time.
 *
 * The order of checks follows the reference behaviour: "alwaysTrue"/"alwaysFalse" need no types;
 * otherwise the field's type must fit the value's type ("bad value type") before the operator is
 * looked at ("invalid comparison operator"), and a missing (null) field in missingTest yields
 * null once the types are known to fit.
 */
import { CallSite } from '../registry.js';
import { AvroType, RecordType, accepts, isNumeric, unionOf } from '../../types/avro.js';
import { PfaRecord, Tagged, Value, branchValue, comparatorFor, isInstance, valuesEqual } from '../../values.js';
import { converter } from '../../backend/js/convert.js';

export type TreeErrors = { invalidComparisonOperator: number; badValueType: number };

export type FieldComparison = (datum: PfaRecord, field: string, operator: string, value: unknown) => boolean | null;

interface FieldPlan {
  /** `value` can hold an array whose items accept the field ("in", "notIn"). */
  readonly inOk: boolean;
  /** `value` accepts the field, or both are numbers (ordering operators). */
  readonly cmpOk: boolean;
  readonly numeric: boolean;
  /** Avro order of the field's value, upcast to V keeping its branch, and a value of V. */
  readonly order: (field: unknown, value: unknown) => number;
}

function withoutNull(t: AvroType): AvroType {
  if (t.kind !== 'union') return t;
  const rest = t.types.filter((u) => u.kind !== 'null');
  return rest.length === t.types.length || rest.length === 0 ? t : unionOf(rest);
}

function isNumber(v: unknown): v is number | bigint {
  return typeof v === 'number' || typeof v === 'bigint';
}

/** Equality as "in" needs it: numbers of different kinds (int and long) compare by value. */
function same(x: unknown, y: unknown): boolean {
  // biome-ignore lint/suspicious/noDoubleEquals: == compares an int (number) and a long (bigint) by value
  return isNumber(x) && isNumber(y) ? x == y : valuesEqual(x, y);
}

/**
 * Builds the comparison for datum records of type D and values of type V. With `missing`
 * (missingTest), null is stripped from the field's type and a null field gives null; without it
 * (simpleTest, simpleTree) the operators "isMissing" and "notMissing" are recognised.
 */
export function makeFieldComparison(
  D: RecordType,
  V: AvroType,
  missing: boolean,
  site: CallSite<TreeErrors>,
): FieldComparison {
  const plans = new Map<string, FieldPlan>();
  for (const f of D.fields) {
    const ft = missing ? withoutNull(f.type) : f.type;
    const arrays = (V.kind === 'union' ? V.types : [V]).filter((t) => t.kind === 'array');
    plans.set(f.name, {
      inOk: arrays.some((a) => a.kind === 'array' && accepts(a.items, ft)),
      cmpOk: accepts(V, ft) || (isNumeric(V) && isNumeric(ft)),
      numeric: isNumeric(ft),
      order: upcastOrder(ft, V),
    });
  }
  const bad = (): never => site.fail('badValueType');
  const invalid = (): never => site.fail('invalidComparisonOperator');

  return (datum, field, operator, boxed) => {
    const plan = plans.get(field);
    if (plan === undefined) throw new Error(`internal: ${field} is not a field of ${D.name}`);
    // Numbers compare by value whatever their branch, so boxes (values.ts Tagged) are opened;
    // other values are ordered with their boxes (plan.order).
    const raw = datum[field];
    const x = branchValue(raw);
    const value = branchValue(boxed);
    switch (operator) {
      case 'alwaysTrue':
        return true;
      case 'alwaysFalse':
        return false;
      case 'isMissing':
        if (!missing) return x === null;
        break;
      case 'notMissing':
        if (!missing) return x !== null;
        break;
      case 'in':
      case 'notIn': {
        if (!plan.inOk) return bad();
        if (missing && x === null) return null;
        if (!Array.isArray(value)) return bad();
        let found = false;
        for (const e of value)
          if (same(x, branchValue(e))) {
            found = true;
            break;
          }
        return operator === 'in' ? found : !found;
      }
    }
    if (!plan.cmpOk) return bad();
    if (missing && x === null) return null;
    if (plan.numeric) {
      if (!isNumber(value)) return bad();
      const a = x as number | bigint;
      switch (operator) {
        case '<':
          return a < value;
        case '<=':
          return a <= value;
        case '>':
          return a > value;
        case '>=':
          return a >= value;
        case '==':
          return same(a, value);
        case '!=':
          return !same(a, value);
        default:
          return invalid();
      }
    }
    switch (operator) {
      case '<':
        return plan.order(raw, boxed) < 0;
      case '<=':
        return plan.order(raw, boxed) <= 0;
      case '>':
        return plan.order(raw, boxed) > 0;
      case '>=':
        return plan.order(raw, boxed) >= 0;
      case '==':
        return plan.order(raw, boxed) === 0;
      case '!=':
        return plan.order(raw, boxed) !== 0;
      default:
        return invalid();
    }
  };
}

/**
 * Orders a field of type ft (its value as the datum holds it) against a value of V, which accepts
 * ft: the field is upcast to V, so a union value keeps its branch and a value of a branch that
 * JS holds alike (string and enum, ...) is boxed in the branch of its type, not found by its look.
 */
function upcastOrder(ft: AvroType, V: AvroType): (field: unknown, value: unknown) => number {
  const order = comparatorFor(V);
  if (!accepts(V, ft)) return order;
  const up = converter(ft, V);
  return (field, value) => order(up(field as Value), value);
}

function isRecordValue(v: unknown): v is PfaRecord {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Map) &&
    !(v instanceof Uint8Array) &&
    !(v instanceof Tagged)
  );
}

/**
 * Tells a tree node (a record of type T) from a leaf (a value of type S) in O(1): when S has no
 * record types any record is a node; otherwise a node must carry all of T's fields, and only
 * records of S with a superset of those names need a full type check.
 */
export function nodeTest(T: RecordType, S: AvroType): (v: unknown) => v is PfaRecord {
  const sRecords = (S.kind === 'union' ? S.types : [S]).filter(
    (t): t is RecordType => t.kind === 'record' && t.name !== T.name,
  );
  if (sRecords.length === 0) return isRecordValue;
  const names = T.fields.map((f) => f.name);
  const lookalikes = sRecords.filter((r) => names.every((n) => r.fields.some((f) => f.name === n)));
  const hasNames = (v: PfaRecord) => names.every((n) => n in v);
  if (lookalikes.length === 0) return (v): v is PfaRecord => isRecordValue(v) && hasNames(v);
  return (v): v is PfaRecord => isRecordValue(v) && hasNames(v) && !lookalikes.some((r) => isInstance(v, r));
}
