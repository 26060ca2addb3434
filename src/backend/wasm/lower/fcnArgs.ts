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
import { NUMBER, inParameterOrder, invoke, lowerCallWith } from './calls.js';

type Each = (key: string, value: string) => void;

export function fcnOf(m: Module, fn: Fn, fa: FcnArg, to: FcnType, fills: readonly (string | null)[]): WasmFcn {
  const apply = (args: readonly string[]) => applyFcnArg(m, fn, fa, args, to, fills);
  const passes = passedTo(m, fn, fa, to, fills);
  return {
    params: to.params,
    ret: to.ret,
    apply,
    item: (args): WasmItem => ({
      value: () => apply(args),
      entries: (each) => (fa.k === 'fcndef' ? fcnDefEntries(m, fn, fa, args, to, each) : apply(args)),
    }),
    ...(passes ? { passesTo: passes.name, passedRest: () => passes.rest.map((r) => r()) } : {}),
  };
}

/** Lowers a parameter's value for WasmFcn.passedRest where it is asked for. */
type Rest = () => string;

/**
 * WasmFcn.passesTo and passedRest: the library function a function argument only calls, its own
 * parameters passed through first, in order and of the same types, then values the whole call of
 * the form cannot change (`{"fcn": "m.kernel.rbf", "fill": {"gamma": 0.5}}`, a function whose body
 * is `m.kernel.rbf(x, y, 0.5)`, a user function whose body is such a call).
 */
function passedTo(
  m: Module,
  fn: Fn,
  fa: FcnArg,
  to: FcnType,
  fills: readonly (string | null)[],
): { name: string; rest: Rest[] } | undefined {
  const n = to.params.length;
  const same = (a: readonly (AvroType | FcnType)[]) =>
    a.length >= n && a.every((t, i) => t.kind !== 'fcn' && (i >= n || typeEquals(t, to.params[i])));
  if (fa.k === 'libref') {
    // (a fill is evaluated where the reference stands, before the form runs: lowerCallWith)
    const filledAfter = fa.fill.every((x, i) => (x === null) === i < n);
    if (!filledAfter || !same(fa.resolution.params)) return undefined;
    return { name: fa.fn.name, rest: fills.slice(n).map((x) => () => x!) };
  }
  if (fa.k === 'userref') {
    if (fa.fill.some((x) => x !== null)) return undefined;
    const f = m.engine.fcns.get(fa.name)!;
    // (its body's symbols are its parameters: slots of its own frame, not the caller's)
    return same(f.type.params) && f.type.params.length === n
      ? calledWith(m, fn, f.body, f.paramSlots, to, false)
      : undefined;
  }
  if (fa.k !== 'fcndef' || !same(fa.type.params) || fa.type.params.length !== n) return undefined;
  return calledWith(m, fn, fa.body, fa.slots, to, true);
}

/**
 * When `body` is one library call whose first arguments are the parameters `slots` in order, of the
 * types of `to`, and whose other arguments are fixed while the form runs: its name and how to
 * lower those others. Fixed: a literal, a cell read whole (it cannot fail, and nothing the call
 * does can write it), or a symbol other than the parameters (an inline function's enclosing scope,
 * which it cannot assign), each possibly converted; a number is promoted to the parameter's type
 * as lowerCallWith promotes the call's arguments.
 */
function calledWith(
  m: Module,
  fn: Fn,
  body: Node,
  slots: readonly number[],
  to: FcnType,
  enclosing: boolean,
): { name: string; rest: Rest[] } | undefined {
  const call = body.k === 'do' && body.body.length === 1 ? body.body[0] : body;
  if (call.k !== 'call') return undefined;
  const params = call.resolution.params;
  const n = slots.length;
  if (params.length < n || call.args.length !== params.length) return undefined;
  const fixed = (x: Node): boolean =>
    x.k === 'literal' ||
    (x.k === 'cell' && x.steps.length === 0 && x.to === null) ||
    (x.k === 'symbol' && enclosing && !slots.includes(x.slot)) ||
    (x.k === 'convert' && fixed(x.value));
  const rest: Rest[] = [];
  for (const [i, a] of call.args.entries()) {
    const p = params[i];
    if (a.k !== 'value' || p.kind === 'fcn') return undefined;
    if (i < n) {
      if (a.node.k !== 'symbol' || a.node.slot !== slots[i] || !typeEquals(p, to.params[i])) return undefined;
    } else if (fixed(a.node) && (typeEquals(a.node.type, p) || (NUMBER.has(a.node.type.kind) && NUMBER.has(p.kind)))) {
      const node = a.node;
      rest.push(() => convert(fn, lowerExpr(m, fn, node), node.type, p));
    } else return undefined;
  }
  return { name: call.fn.name, rest };
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
