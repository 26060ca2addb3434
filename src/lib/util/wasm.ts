/**
 * Building blocks for the Wasm forms of library functions (see WasmCall in registry.ts): loops over
 * arrays and maps, new containers, and comparison in Avro order, written once for every namespace.
 */
import { AvroType } from '../../types/avro.js';
import { WasmCall } from '../registry.js';

/** A three-way comparison in Avro order as an i32 expression (NaN above every number). */
export function wasmCompare(c: WasmCall, t: AvroType, x: string, y: string): string {
  switch (t.kind) {
    case 'int': case 'long': case 'enum':
      return `(${x} < ${y} ? -1 : ${x} > ${y} ? 1 : 0)`;
    case 'boolean':
      return `(<i32>${x} - <i32>${y})`;
    case 'float': case 'double':
      return `cmpF64(<f64>${x}, <f64>${y})`;
    case 'string':
      return `compareStrings(${x}, ${y})`;
    case 'null':
      return '0';
    default:
      return c.unsupported(`comparing ${t.kind} values is not lowered`);
  }
}

/** Emits `for` over an array; `body` gets pure expressions for the item and the index. */
export function eachItem(c: WasmCall, array: string, body: (item: string, index: string) => void): void {
  const i = c.temp('i32', '0');
  c.emit(`for (; ${i} < ${array}.length; ${i}++) {`);
  c.emit(c.clock());
  body(`unchecked(${array}[${i}])`, i);
  c.emit('}');
}

/** Emits `for` over a map in insertion order; `body` gets pure expressions for key code and value. */
export function eachEntry(c: WasmCall, map: string, body: (key: string, value: string) => void): void {
  const ks = c.temp('Array<i32>', `${map}.keys()`);
  const i = c.temp('i32', '0');
  c.emit(`for (; ${i} < ${ks}.length; ${i}++) {`);
  c.emit(c.clock());
  const k = c.temp('i32', `unchecked(${ks}[${i}])`);
  body(k, `${map}.get(${k})`);
  c.emit('}');
}

/** A fresh empty array local for items of type t. */
export function newArray(c: WasmCall, items: AvroType): string {
  const T = `Array<${c.type(items)}>`;
  return c.temp(T, `new ${T}(0)`);
}

/** A fresh empty map local for values of type t. */
export function newMap(c: WasmCall, values: AvroType): string {
  const T = `Map<i32,${c.type(values)}>`;
  return c.temp(T, `new ${T}()`);
}

/** Calls a one-argument function on a value and keeps the result in a local of its type. */
export function applyTo(c: WasmCall, fcnIndex: number, args: string[]): string {
  const f = c.fcn(fcnIndex);
  const r = f.apply(args);
  return c.temp(c.type(f.ret), r);
}

/** A start value for a local of type t that is always assigned before it is read. */
export function zeroOf(c: WasmCall, t: AvroType): string {
  const T = c.type(t);
  switch (T) {
    case 'f64': return '0.0';
    case 'f32': return '<f32>0.0';
    case 'i64': return '<i64>0';
    case 'bool': return 'false';
    case 'i32': return '0';
    default: return `changetype<${T}>(0)`;
  }
}
