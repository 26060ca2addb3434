/**
 * attr, cell and pool paths in AssemblyScript: reads check array bounds and map keys and fail
 * with the form's spec code (spec sec. 5.6-5.7); updates copy each container along the path.
 */
import { AvroType } from '../../../types/avro.js';
import { FcnArg, Node, PathStep, isNode } from '../../../ir/tree.js';
import { Fn } from './fn.js';
import type { Module } from './module.js';
import { lowerExpr } from './expr.js';
import { applyFcnArg } from './fcnArgs.js';
import { convert } from './convert.js';
import { runtimeMessages } from '../../../errors/runtime.js';
import { mapKeyCode } from '../../../errors/codes.js';
import { RT } from '../emit/names.js';
import type { Keys } from './shapes.js';

export interface Step {
  kind: 'index' | 'key' | 'field';
  key: string;
  type: AvroType;
  container: AvroType;
}

/** The steps of a path, their keys computed (in order, here). */
export function steps(m: Module, fn: Fn, root: AvroType, path: readonly PathStep[]): Step[] {
  let t = root;
  return path.map((s) => {
    const container = t;
    if (s.kind === 'field' && t.kind === 'record') {
      const i = t.fields.findIndex((f) => f.name === s.name);
      const c = m.types.record(t);
      t = t.fields[i].type;
      return { kind: 'field', key: c.fields[i], type: t, container };
    }
    const key = lowerExpr(m, fn, (s as Extract<PathStep, { expr: Node }>).expr);
    if (t.kind === 'array') {
      t = t.items;
      return { kind: 'index', key, type: t, container };
    }
    if (t.kind === 'map') {
      t = t.values;
      return { kind: 'key', key, type: t, container };
    }
    throw new Error('internal: bad path');
  });
}

function get(m: Module, fn: Fn, x: string, s: Step, code: number, path: string): string {
  if (s.kind === 'field') return `${x}.${s.key}`;
  if (s.kind === 'index') {
    fn.emit(
      `if (${s.key} < 0 || ${s.key} >= ${x}.length) ${fn.failWith(() => m.site({ kind: 'runtime', code, message: runtimeMessages.arrayIndexNotFound.text(), path, detail: 'index' }), s.key)}`,
    );
    const item = fn.temp(m.types.as(s.type), `unchecked(${x}[${s.key}])`);
    if (m.isConstant(x)) m.noteEntry(item, x, s.key, 'array');
    return item;
  }
  // Keys known when the kernel is built (lower/shapes.ts): item i of a map's own keys is entry i.
  const known = fn.shapes.knownValue(x, s.key);
  if (known !== undefined) return fn.temp(m.types.as(s.type), known);
  const constant = m.isConstant(x);
  const item = constant ? fn.shapes.itemOf(s.key) : undefined;
  if (item) return inKeyOrder(m, fn, x, s, item, code, path);
  // One probe: the entry index, then the value at it (CodeMap, assembly/lib/util/codemap.ts).
  const hint = fn.hint(s.key);
  let at: string;
  if (hint && constant) {
    // (CodeMap.findHint with the constant map's keys and size from load-time globals)
    const { keys, size } = m.constantMapKeys(x);
    at = fn.temp(
      'i32',
      `<u32>${hint} < <u32>${size} && unchecked(${keys}[${hint}]) == ${s.key} ? ${hint} : ${x}.find(${s.key})`,
    );
  } else at = fn.temp('i32', hint ? `${x}.findHint(${s.key}, ${hint})` : `${x}.find(${s.key})`);
  fn.emit(
    `if (${at} < 0) ${fn.failWith(() => m.site({ kind: 'runtime', code: mapKeyCode(code), message: runtimeMessages.mapKeyNotFound.text(), path, detail: 'key' }), s.key)}`,
  );
  if (constant) {
    // An entry of a constant map is a pure expression (the map never changes, `at` is set once
    // here): left unbound, so that a form that reads only load-time tables of the entry
    // (WasmCall.perEntry, e.g. gaussianLL) leaves no load behind (binaryen keeps unused loads).
    const value = `${x}.valueAt(${at})`;
    m.noteEntry(value, x, at, 'map');
    return value;
  }
  return fn.temp(m.types.as(s.type), `${x}.valueAt(${at})`);
}

/**
 * Item `index` of known keys looked up in constant map `x` (lower/shapes.ts rule 5): the entry
 * comes from a load-time table in the keys' order. Only a key at or after the first missing one
 * can be missing, so the check is one compare until then, and fails on the same key as find would.
 */
function inKeyOrder(
  m: Module,
  fn: Fn,
  x: string,
  s: Step,
  item: { keys: Keys; index: string },
  code: number,
  path: string,
): string {
  const order = m.keyOrder(x, item.keys);
  const at = `unchecked(${order.table}[${item.index}])`;
  // (a speculative copy of the loop tests that every key is present once, before it: lower/speculate.ts)
  if (!fn.speculation?.assumeBelow(item.index, order.present))
    fn.emit(
      `if (${item.index} >= ${order.present} && ${at} < 0) ${fn.failWith(() => m.site({ kind: 'runtime', code: mapKeyCode(code), message: runtimeMessages.mapKeyNotFound.text(), path, detail: 'key' }), s.key)}`,
    );
  // A pure expression, left unbound as in `get` (a form that reads only its tables leaves no load).
  const value = `${x}.valueAt(${at})`;
  m.noteEntry(value, x, item.index, 'map', order);
  return value;
}

/**
 * A read of a cell the document never writes. The leading steps with constant keys (literal strings
 * and indexes, record fields) are resolved once, at load time, into a global: a loop that reads
 * cell["M"][var] then does the "M" lookup once instead of once per item (DESIGN.md item 3). Only
 * steps whose value is present in the cell's initial value are resolved; the rest stay checked.
 */
export function lowerConstantCellPath(
  m: Module,
  fn: Fn,
  cell: string,
  root: string,
  rootType: AvroType,
  path: readonly PathStep[],
  code: number,
  where: string,
): string {
  let value = m.engine.cells.get(cell)!.init;
  let t = rootType;
  let expr = root;
  let n = 0;
  for (const s of path) {
    if (s.kind === 'field') {
      if (t.kind !== 'record' || value === null || typeof value !== 'object') break;
      const i = t.fields.findIndex((f) => f.name === s.name);
      expr = `${expr}.${m.types.record(t).fields[i]}`;
      value = (value as Record<string, unknown>)[s.name];
      t = t.fields[i].type;
    } else if (s.expr.k === 'literal') {
      const lit = s.expr.value;
      if (s.kind === 'key' && t.kind === 'map' && typeof lit === 'string' && value instanceof Map && value.has(lit)) {
        expr = `${expr}.get(${m.str(lit)})`;
        value = value.get(lit);
        t = t.values;
      } else if (
        s.kind === 'index' &&
        t.kind === 'array' &&
        Array.isArray(value) &&
        (typeof lit === 'number' || typeof lit === 'bigint') &&
        Number(lit) >= 0 &&
        Number(lit) < value.length
      ) {
        expr = `unchecked(${expr}[${Number(lit)}])`;
        value = value[Number(lit)];
        t = t.items;
      } else break;
    } else break;
    n++;
  }
  if (n === 0) return lowerPath(m, fn, root, rootType, path, code, where);
  return lowerPath(m, fn, m.loadTimeValue(expr, t), t, path.slice(n), code, where);
}

export function lowerPath(
  m: Module,
  fn: Fn,
  root: string,
  rootType: AvroType,
  path: readonly PathStep[],
  code: number,
  where: string,
): string {
  let x = root;
  for (const s of steps(m, fn, rootType, path)) x = get(m, fn, x, s, code, where);
  return x;
}

/** A copy of `root` with the value at the path replaced by `to` (a value, or a function of the old value). */
export function lowerPathUpdate(
  m: Module,
  fn: Fn,
  root: string,
  rootType: AvroType,
  path: readonly PathStep[],
  code: number,
  to: Node | FcnArg,
  where: string,
): string {
  return lowerStepsUpdate(m, fn, root, rootType, steps(m, fn, rootType, path), code, to, where);
}

/** lowerPathUpdate with the path's keys computed already (a pool's item may be added first). */
export function lowerStepsUpdate(
  m: Module,
  fn: Fn,
  root: string,
  rootType: AvroType,
  ss: readonly Step[],
  code: number,
  to: Node | FcnArg,
  where: string,
): string {
  // Walk down, remembering each container.
  const containers: string[] = [root];
  let x = root;
  for (const s of ss) {
    x = get(m, fn, x, s, code, where);
    containers.push(x);
  }
  const leafType = ss.length ? ss[ss.length - 1].type : rootType;
  let value = isNode(to)
    ? convert(fn, lowerExpr(m, fn, to), to.type, leafType)
    : applyFcnArg(m, fn, to, [x], { kind: 'fcn', params: [leafType], ret: leafType });
  // Rebuild upward.
  for (let i = ss.length - 1; i >= 0; i--) {
    const s = ss[i];
    const parent = containers[i];
    const T = m.types.as(s.container);
    if (s.kind === 'index') {
      const c = fn.temp(T, `${parent}.slice(0)`);
      fn.emit(`${RT.setAt}(${c}, ${s.key}, ${value});`);
      value = c;
    } else if (s.kind === 'key') {
      value = m.copyMapWith(fn, s.container as Extract<AvroType, { kind: 'map' }>, parent, s.key, value);
    } else {
      const rec = s.container as Extract<AvroType, { kind: 'record' }>;
      const rc = m.types.record(rec);
      const args = rc.fields.map((f) => (f === s.key ? value : `${parent}.${f}`));
      value = fn.temp(rc.name, `new ${rc.name}(${args.join(', ')})`);
    }
  }
  return value;
}
