/**
 * Function arguments of library calls: a call of one is inlined where the form applies it
 * (WasmFcn.apply), and an item a producer makes with it can instead be given entry by entry
 * (WasmFcn.item, WasmItem.entries): `map.join(a.zipmap(ks, vs, fcn(k, v) map.add({}, k, v)))`
 * (AlpineNow's zipDoubleMap) then sets each key and value into the joined map, and neither the
 * one-entry maps nor their array is made.
 */
import { AvroType, FcnType, typeEquals } from '../../../types/avro.js';
import { FcnArg, Node } from '../../../ir/tree.js';
import { WasmFcn, WasmItem } from '../../../lib/registry.js';
import { Fn } from './fn.js';
import { convert, heldAs } from './convert.js';
import { NotLowerable } from '../types.js';
import type { Module } from './module.js';
import { lowerExpr } from './expr.js';
import { inParameterOrder, invoke, lowerCallWith } from './calls.js';

type Each = (key: string, value: string) => void;

export function fcnOf(m: Module, fn: Fn, fa: FcnArg, to: FcnType, fills: readonly (string | null)[]): WasmFcn {
  const apply = (args: readonly string[]) => applyFcnArg(m, fn, fa, args, to, fills);
  const passesTo = passedTo(fa, to);
  return {
    params: to.params,
    ret: to.ret,
    apply,
    item: (args): WasmItem => ({
      value: () => apply(args),
      entries: (each) => (fa.k === 'fcndef' ? fcnDefEntries(m, fn, fa, args, to, each) : apply(args)),
    }),
    ...(passesTo ? { passesTo } : {}),
  };
}

/** WasmFcn.passesTo: the library function a function argument only calls, parameters passed through. */
function passedTo(fa: FcnArg, to: FcnType): string | undefined {
  const same = (a: readonly (AvroType | FcnType)[], b: readonly AvroType[]) =>
    a.length === b.length && a.every((t, i) => t.kind !== 'fcn' && typeEquals(t, b[i]));
  if (fa.k === 'libref')
    return fa.fill.every((x) => x === null) && same(fa.resolution.params, to.params) ? fa.fn.name : undefined;
  if (fa.k !== 'fcndef' || !same(fa.type.params, to.params)) return undefined;
  const body = fa.body.k === 'do' && fa.body.body.length === 1 ? fa.body.body[0] : fa.body;
  if (body.k !== 'call' || !same(body.resolution.params, to.params)) return undefined;
  const passed = body.args.every((a, i) => a.k === 'value' && a.node.k === 'symbol' && a.node.slot === fa.slots[i]);
  return passed && body.args.length === fa.slots.length ? body.fn.name : undefined;
}

/** Inlines a call of a function argument with these (pure) arguments; returns the result. */
export function applyFcnArg(
  m: Module,
  fn: Fn,
  fa: FcnArg,
  args: readonly string[],
  to: FcnType,
  fills: readonly (string | null)[] = [],
): string {
  switch (fa.k) {
    case 'fcndef':
      bindParams(m, fn, fa, args, to);
      return returned(fn, fa, lowerExpr(m, fn, fa.body), to);
    case 'userref': {
      const target = m.fcnType(fa.name);
      let j = 0;
      const all = fa.fill.map((x, i) => (x ? fills[i]! : convert(fn, args[j], to.params[j++], target.params[i])));
      const r = fn.temp(m.types.as(target.ret), `${m.userFunction(fa.name)}(${all.join(', ')})`);
      fn.emit(fn.propagate());
      return convert(fn, r, target.ret, to.ret);
    }
    case 'libref': {
      let j = 0;
      const all = fa.fill.map((x, i) => {
        if (x) return fills[i]!;
        const a = args[j],
          from = to.params[j++];
        return inParameterOrder(m, fn, a, from, fa.resolution.params[i] as AvroType) ?? a;
      });
      const r = invoke(m, fn, fa.fn, fa.resolution, all, '', () => {
        throw new NotLowerable(`${fa.fn.name} passed as an argument takes no function`, '');
      });
      return convert(fn, r, fa.resolution.ret, to.ret);
    }
    case 'emitref':
      throw new NotLowerable('"emit" passed as a function is not lowered', '');
  }
}

type FcnDef = Extract<FcnArg, { k: 'fcndef' }>;

function bindParams(m: Module, fn: Fn, fa: FcnDef, args: readonly string[], to: FcnType): void {
  fa.slots.forEach((slot, i) => {
    const local = fn.slot(slot, fa.type.params[i]);
    const value = convert(fn, args[i], to.params[i], fa.type.params[i]);
    fn.emit(`${local} = ${value};`);
    fn.noteValue(local, value);
    // (a parameter bound to an entry of a constant container is that entry: lower/shapes.ts rule 6)
    const e = fn.isStable(local) ? m.entryOf(value) : undefined;
    if (e) m.noteEntry(local, e.container, e.index, e.kind, e.order);
    else m.forgetEntry(local);
  });
}

/**
 * The body's value converted into the declared return type (it may be narrower, or a union in
 * another branch order), then into the type the caller expects.
 */
function returned(fn: Fn, fa: FcnDef, body: string, to: FcnType): string {
  return convert(fn, convert(fn, body, fa.body.type, fa.type.ret), fa.type.ret, to.ret);
}

/** An inline function's call with its result given as entries where its body can be (WasmItem.entries). */
function fcnDefEntries(m: Module, fn: Fn, fa: FcnDef, args: readonly string[], to: FcnType, each: Each) {
  bindParams(m, fn, fa, args, to);
  // (entries cross no conversion: the body's map is the map the caller takes)
  if (!heldAs(fa.body.type, fa.type.ret) || !heldAs(fa.type.ret, to.ret))
    return returned(fn, fa, lowerExpr(m, fn, fa.body), to);
  const r = lowerEntries(m, fn, fa.body, each);
  return r === undefined ? undefined : returned(fn, fa, r, to);
}

/**
 * A map expression lowered as its entries (WasmEntriesForm) when it is a call with that form,
 * returning undefined; otherwise lowered as a value, which is returned.
 */
function lowerEntries(m: Module, fn: Fn, n: Node, each: Each): string | undefined {
  // (a call that takes part in a fusion keeps the lowering lowerCall gives it)
  if (n.k !== 'call' || !n.fn.wasmEntries || fn.fusion.has(n) || fn.folds.has(n)) return lowerExpr(m, fn, n);
  const entries = n.fn.wasmEntries;
  const given = { entries: false };
  const r = lowerCallWith(m, fn, n, (call) => {
    entries(call, each);
    given.entries = true;
    return '0';
  });
  // (a result known when the kernel is built is a value, lower/shapes.ts)
  return given.entries ? undefined : r;
}
