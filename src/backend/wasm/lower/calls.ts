/**
 * Library calls in AssemblyScript: each function's `wasm` form (next to its `js` form in the
 * registry) is a template given a WasmCall; function arguments are inlined where the template
 * applies them. (Short-circuit operators, whose arguments are not values: lower/lazy.ts.)
 */
import { AvroType, typeEquals } from '../../../types/avro.js';
import { Node } from '../../../ir/tree.js';
import { LibFunction, WasmCall, WasmFcn, WasmForm, errorMessage } from '../../../lib/registry.js';
import { Resolution } from '../../../types/match.js';
import { Fn } from './fn.js';
import { convert, convertPresent, holdsUnion } from './convert.js';
import { lowerZipJoin } from './zipJoin.js';
import { NotLowerable } from '../types.js';
import { RT, f64Literal, i64Literal } from '../emit/names.js';
import { writerOf } from '../emit/code.js';
import type { Module } from './module.js';
import { lowerExpr } from './expr.js';
import { lowerHostCall } from './hostCall.js';
import { functionSource } from './entryPoints.js';
import { fcnOf } from './fcnArgs.js';
import { Speculation, restartable, speculable, writeTwice } from './speculate.js';

type CallNode = Extract<Node, { k: 'call' }>;

/** The Avro number types (promoted into one another at calls). */
export const NUMBER = new Set(['int', 'long', 'float', 'double']);

/**
 * Unions are tagged by branch position, and the type checker (as the JS backend) takes a union for
 * another with the same branches in another order: such an argument is renumbered into the
 * parameter's order before a library form sees it. (v128 unions are all one AS type, so AS would not
 * catch a form mixing the two orders.)
 */
export function inParameterOrder(m: Module, fn: Fn, expr: string, from: AvroType, to: AvroType): string | null {
  if (!holdsUnion(from) || !typeEquals(from, to) || m.types.as(from) === m.types.as(to)) return null;
  return convert(fn, expr, from, to);
}

export function lowerCall(m: Module, fn: Fn, n: CallNode): string {
  // A reduction whose items a fused producer already consumed (lower/fuse.ts): only its end is left.
  const fold = fn.folds.get(n);
  if (fold) return fold.finish([]);
  // (a join of a constant array's keys with values: the keys laid out at load time)
  const zipped = lowerZipJoin(m, fn, n);
  if (zipped !== null) return zipped;
  const a0 = n.args[0];
  if (a0?.k === 'value' && a0.node.k === 'call' && fn.fusion.get(a0.node)?.includes(n)) {
    // `a.sum(a.map(...))`: lowering the producer feeds this call's fold; then it finishes here,
    // with its other arguments (a.append's item) evaluated after the producer, in order.
    if (n.args.length === 1) {
      lowerExpr(m, fn, a0.node);
      return fn.folds.get(n)!.finish([]);
    }
    return lowerCallWith(m, fn, n, (call) => fn.folds.get(n)!.finish(call.args.slice(1)));
  }
  const consumers = fn.fusion.get(n);
  if (consumers) return lowerFused(m, fn, n, consumers);
  return lowerCallWith(m, fn, n, (call) => wasmForm(n.fn, n.path)(call));
}

/**
 * lower/shapes.ts rule 6: a math function (m.*, deterministic, without errors) of entries of a
 * constant container (all at the same entry) and number literals is the same function of each
 * entry, computed once at load time into a table (Module.perEntryTable) by the same form, so the
 * same operations give the same bits: a zipmap over prior counts takes ln(count) from a table.
 * The form must write no statement (it is written into a scratch function to see); else null.
 */
function perEntryCall(
  m: Module,
  n: CallNode,
  args: readonly string[],
  form: (call: WasmCall) => string,
): string | null {
  const lib = n.fn;
  if (!lib.name.startsWith('m.') || lib.nondeterministic || Object.keys(lib.errors).length > 0) return null;
  if (n.args.some((a) => a.k !== 'value')) return null;
  const entries = args.map((a) => m.entryOf(a));
  const e = entries.find((x) => x !== undefined);
  if (!e) return null;
  const same = (x: NonNullable<typeof e>) =>
    x.container === e.container && x.index === e.index && x.kind === e.kind && x.order === e.order;
  if (!entries.every((x, i) => (x ? same(x) : /^-?[\d.]+(e[-+]?\d+)?$/.test(args[i])))) return null;
  const scratch = new Fn(m.names, m.types, '0');
  const inEntry = args.map((a, i) => (entries[i] ? 'e_' : a));
  const expr = form(
    wasmCall(m, scratch, lib, n.resolution, inEntry, n.path, () => {
      throw new Error('internal: no function arguments here');
    }),
  );
  if (scratch.written) return null;
  const table = m.perEntryTable(e.container, e.kind, m.types.as(n.type), () => expr, e.order);
  return `unchecked(${table}[${e.index}])`;
}

/** The function's Wasm form, or NotLowerable saying it has none. */
function wasmForm(lib: LibFunction, path: string): WasmForm {
  if (!lib.wasm) throw new NotLowerable(`${lib.name} has no Wasm form yet`, path);
  return lib.wasm;
}

/**
 * A producer whose array is only reduced: its reductions' folds are started here, stepped with
 * each item inside the producer's loop, and finished later where each reduction stands. Where
 * lower/speculate.ts allows, the loop is written twice: a copy without per-item checks, then the
 * checked loop, run only when the first copy says a check could have failed.
 */
function lowerFused(m: Module, fn: Fn, n: CallNode, consumers: readonly CallNode[]): string {
  const start = fn.mark;
  const folds = consumers.map((u) => {
    // The array argument does not exist; a fold form never reads it (a use would not compile).
    const call = wasmCall(m, fn, u.fn, u.resolution, [NO_ARRAY], u.path, () => {
      throw new Error(`internal: ${u.fn.name} as a fold takes no function`);
    });
    const fold = u.fn.wasmFold!(call);
    fn.folds.set(u, fold);
    return fold;
  });
  const made = fn.since(start);
  // A sole reduction that reads map items entry by entry (map.join) takes each item that way.
  const byEntry = folds.length === 1 ? folds[0].entry : undefined;
  const speculate = !fn.speculation && speculable(n) && restartable(folds, made);
  return lowerCallWith(m, fn, n, (call) => {
    const loop = (spec?: Speculation) =>
      n.fn.wasmItems!(
        call,
        (item, index) => {
          if (spec) spec.index = index;
          const value = byEntry ? item.entries(byEntry) : item.value();
          if (value !== undefined) for (const f of folds) f.step(value, index);
        },
        (items) => {
          spec?.counted(items, fn.later());
          for (const f of folds) f.begin?.(items);
        },
      );
    if (speculate) writeTwice(fn, made, loop);
    else loop();
    return '0';
  });
}

const NO_ARRAY = '/* fused: this array is never built */';

/** Evaluates a call's arguments in order and hands the call site to `form`. */
export function lowerCallWith(m: Module, fn: Fn, n: CallNode, form: (call: WasmCall) => string): string {
  // Arguments are evaluated in order (fill expressions of function references where they stand).
  const fills = new Map<number, (string | null)[]>();
  const args = n.args.map((a, i) => {
    if (a.k === 'value') return lowerExpr(m, fn, a.node);
    if (a.fcn.k === 'userref' || a.fcn.k === 'libref')
      fills.set(
        i,
        a.fcn.fill.map((x) => (x ? lowerExpr(m, fn, x) : null)),
      );
    return '';
  });
  const argTypes = n.args.map((a) => (a.k === 'value' ? a.node.type : undefined));
  // Numbers are promoted to the matched parameter type here, as the JS backend's arguments arrive
  // (an int where a double is declared must not meet AS's integer "/", or wrap in "*"); other
  // promotions (containers, unions) are the forms' business, through argTypes.
  args.forEach((a, i) => {
    const from = argTypes[i],
      to = n.resolution.params[i] as AvroType | undefined;
    // (a union where the parameter is not one, such as a one-branch `["double"]` given to m.sqrt:
    // its branch's value)
    const unwrap = from?.kind === 'union' && to !== undefined && to.kind !== 'union';
    // (a plain value where the parameter is a union, such as an item appended to an array of
    // unions: a value of the branch it matches, which the JS backend holds bare)
    const wrap = from !== undefined && from.kind !== 'union' && to?.kind === 'union';
    if (from && to && (unwrap || wrap || (NUMBER.has(from.kind) && NUMBER.has(to.kind) && from.kind !== to.kind))) {
      args[i] = convert(fn, a, from, to);
      argTypes[i] = to;
      return;
    }
    const reordered = from && to ? inParameterOrder(m, fn, a, from, to) : null;
    if (reordered !== null) {
      args[i] = reordered;
      argTypes[i] = to;
    }
  });
  // A result whose keys are known when the kernel is built is a constant (lower/shapes.ts rule 2).
  const keys = fn.shapes.result(n.fn.name, args);
  if (keys) return fn.shapes.constantArray(m.constantKeys(keys), keys);
  const perEntry = perEntryCall(m, n, args, form);
  if (perEntry) return fn.temp(m.types.as(n.type), perEntry);
  return form(
    wasmCall(
      m,
      fn,
      n.fn,
      n.resolution,
      args,
      n.path,
      (i) => {
        const a = n.args[i];
        if (a.k !== 'fcn') throw new Error(`internal: argument ${i} of ${n.fn.name} is not a function`);
        return fcnOf(m, fn, a.fcn, a.to, fills.get(i) ?? []);
      },
      argTypes,
    ),
  );
}

export function invoke(
  m: Module,
  fn: Fn,
  lib: LibFunction,
  res: Resolution,
  args: readonly string[],
  path: string,
  fcn: (i: number) => WasmFcn,
  argTypes?: readonly (AvroType | undefined)[],
): string {
  return wasmForm(lib, path)(wasmCall(m, fn, lib, res, args, path, fcn, argTypes));
}

/** What a library form is given at one call site (see WasmCall in lib/registry.ts). */
function wasmCall(
  m: Module,
  fn: Fn,
  lib: LibFunction,
  res: Resolution,
  args: readonly string[],
  path: string,
  fcn: (i: number) => WasmFcn,
  argTypes?: readonly (AvroType | undefined)[],
): WasmCall {
  const call: WasmCall = {
    site: res,
    args,
    argTypes,
    fcn,
    type: (t) => m.types.as(t, path),
    temp: (asType, init) => {
      const t = fn.temp(asType, init);
      // An entry of a constant map read in place (eachEntry): a form given it can use per-entry tables.
      const entry = /^(\w+!?)\.valueAt\((\w+)\)$/.exec(init);
      if (entry && m.isConstant(entry[1])) m.noteEntry(t, entry[1], entry[2], 'map');
      const view = init.startsWith(`${RT.itemsOf}(`) ? init.slice(RT.itemsOf.length + 1, -1) : '';
      if (m.isConstant(view)) m.noteView(t, view);
      return t;
    },
    ...writerOf(fn),
    fail: (name, message) => {
      const code = (lib.errors as Record<string, number>)[name];
      if (code === undefined) throw new Error(`internal: ${lib.name} has no error "${name}"`);
      return fn.fail(() =>
        m.site({ kind: 'runtime', code, message: message ?? errorMessage(name), path, fcn: lib.name }),
      );
    },
    failUncoded: (message) => fn.fail(() => m.site({ kind: 'runtime', message, path, fcn: lib.name })),
    requireFinite: (x, name) => {
      // (deferred in a speculative copy: lower/speculate.ts)
      if (fn.speculation) fn.emit(fn.speculation.deferFinite(x));
      else fn.emit(`if (!isFinite(${x})) ${call.fail(name)}`);
    },
    clock: () => `if (${RT.clockExpired}()) ${fn.fail(0)}`,
    clockAt: (index, remaining) =>
      `if (${index === '0' ? '' : `(${index} & 65535) == 0 && `}${RT.clockSpend}(${remaining})) ${fn.fail(0)}`,
    knownLength: (array) => fn.shapes.itemCount(array),
    alignedEntries: (i, j) => {
      const other = fn.shapes.literal(args[j]);
      if (other && m.isConstant(args[i])) {
        const at = m.keyPositions(args[i], other.keys);
        return { same: at.same, value: (index) => `unchecked(${other.store}[unchecked(${at.table}[${index}])])` };
      }
      // (a constant map, or one made with a constant's keys, zipped with a constant: lower/shapes.ts rule 8)
      // (slots bound to the cells' globals are resolved: the table is made at load time, from the globals)
      const entries = fn.shapes.entriesOf(args[i]);
      const a = fn.shapes.copyOf(args[i]);
      const keys = m.isConstant(a) ? a : entries && fn.shapes.keysOf(entries.keys);
      const keysOf = keys && fn.shapes.copyOf(keys);
      const b = fn.shapes.copyOf(args[j]);
      if (!keysOf || !m.isConstant(keysOf) || !m.isConstant(b)) return undefined;
      const at = m.mapPositions(keysOf, b);
      return { same: at.same, value: (index) => `${args[j]}.valueAt(unchecked(${at.table}[${index}]))` };
    },
    entriesOf: (map) => fn.shapes.entriesOf(map),
    madeWith: (out, entries) => {
      fn.droppable(out);
      fn.shapes.entriesMap(out, entries);
    },
    viewOf: (array) => fn.shapes.viewOf(array),
    madeView: (array, view) => {
      fn.droppable(array);
      fn.shapes.itemsView(array, view);
    },
    unsupported: (reason) => {
      throw new NotLowerable(`${lib.name}: ${reason}`, path);
    },
    onHost: () => lowerHostCall(m, fn, call, lib, path),
    setKeys: (t, items) =>
      lowerHostCall(m, fn, call, lib, path, {
        helper: 'setKeys',
        params: [{ kind: 'array', items: t }],
        ret: { kind: 'array', items: { kind: 'string' } } as AvroType,
        args: [items],
      }),
    constantText: (i) => {
      // (a string literal is its dictionary code: lower/expr.ts literal)
      const p = res.params[i] as AvroType | undefined;
      const code = p?.kind === 'string' ? fn.literalOf(args[i]) : undefined;
      return code === undefined ? undefined : m.dict.strings[Number(code)];
    },
    staticI32s: (values) => m.staticI32s(values),
    regexProgram: (pattern, name) => {
      const code = (lib.errors as Record<string, number>)[name];
      if (code === undefined) throw new Error(`internal: ${lib.name} has no error "${name}"`);
      const p = res.params[1] as AvroType;
      return lowerHostCall(m, fn, call, lib, path, {
        helper: 'regexProgram',
        code,
        params: [p],
        ret: { kind: 'array', items: { kind: 'int' } } as AvroType,
        args: [pattern],
      });
    },
    // (on the text the kernel mirrors: assembly/lib/util/text.ts)
    codePoints: (s) => fn.temp('Array<i32>', `${RT.codePointsOf}(${RT.textOf}(${s}))`),
    fromCodePoints: (cps) => fn.temp('i32', `${RT.textCode}(${RT.fromCodePoints}(${cps}))`),
    f64: f64Literal,
    i64: i64Literal,
    str: (s) => m.str(s),
    field: (t, record, name) => {
      if (t.kind !== 'record') throw new Error(`internal: ${lib.name} reads a field of a ${t.kind}`);
      return `${record}.${m.types.record(t, path).fields[t.fields.findIndex((f) => f.name === name)]}`;
    },
    branch: (t, union, i) => {
      if (t.kind !== 'union') throw new Error(`internal: ${lib.name} reads a branch of a ${t.kind}`);
      return m.types.branchOf(t, i, union, path);
    },
    tag: (t, union) => {
      if (t.kind !== 'union') throw new Error(`internal: ${lib.name} reads the tag of a ${t.kind}`);
      return m.types.tagOf(t, union, path);
    },
    zero: (t) => m.types.zero(t),
    makeUnion: (t, i, value) => {
      if (t.kind !== 'union') throw new Error(`internal: ${lib.name} makes a union of a ${t.kind}`);
      return m.types.makeUnion(t, i, value, path);
    },
    convert: (expr, from, to) => convert(fn, expr, from, to),
    convertPresent: (expr, from, to) => convertPresent(fn, expr, from, to),
    loadHelper: (kind, key, params, ret, body) =>
      m.helper(kind, key, (asName) => {
        const hf = new Fn(m.names, m.types, m.types.zeroOfAs(ret));
        const ps = params.map(() => m.names.mint('a'));
        const result = body(wasmCall(m, hf, lib, res, ps, path, fcn), ps);
        const sig = ps.map((p, i) => `${p}: ${params[i]}`).join(', ');
        return functionSource(`function ${asName}(${sig}): ${ret}`, hf, result);
      }),
    helper: (kind, key, params, ret, body, callArgs) => {
      const name = call.loadHelper(kind, key, params, ret, body);
      const r = fn.temp(ret, `${name}(${callArgs.join(', ')})`);
      fn.emit(fn.propagate());
      return r;
    },
    isEntry: (i) => m.entryOf(args[i]) !== undefined,
    perEntry: (i, asType, derive) => {
      const e = m.entryOf(args[i]);
      if (!e) return null;
      const table = m.perEntryTable(e.container, e.kind, asType, derive, e.order);
      return fn.temp(asType, `unchecked(${table}[${e.index}])`);
    },
    loadTimeOf: (i, asType, derive) => {
      if (m.isConstant(args[i])) return m.loadTimeObject(derive(args[i]), asType);
      return call.perEntry(i, asType, derive);
    },
    fieldOffset: (t, name) => {
      if (t.kind !== 'record') throw new Error(`internal: ${lib.name} asks for a field of a ${t.kind}`);
      const rc = m.types.record(t, path);
      return `offsetof<${rc.name}>("${rc.fields[t.fields.findIndex((f) => f.name === name)]}")`;
    },
    fromFirstEntry: (i, test) => {
      const e = m.entryOf(args[i]);
      if (!e) return null;
      const first = m.firstEntryWhere(e.container, e.kind, test, e.order);
      // (no flagged entry in a speculative copy that assumes every index is below the first)
      if (fn.speculation?.assumeBelow(e.index, first)) return 'false';
      return `${e.index} >= ${first}`;
    },
    record: (t, fields) => {
      if (t.kind !== 'record') throw new Error(`internal: ${lib.name} builds a ${t.kind} as a record`);
      const rc = m.types.record(t, path);
      return fn.temp(rc.name, `new ${rc.name}(${fields.join(', ')})`);
    },
  };
  return call;
}

export type { AvroType };
