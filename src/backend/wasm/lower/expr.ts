/**
 * Lowering the typed tree to AssemblyScript, node by node, in A-normal form: every expression
 * with effects is emitted as statements into the current function and its value left in a local,
 * so the evaluation order is exactly the JS backend's. Returned expressions are pure.
 */
import { AvroType, FcnType, T, UnionType, accepts, typeToString } from '../../../types/avro.js';
import { Arg, FcnArg, Node, PathStep, isNode } from '../../../ir/tree.js';
import { Fn } from './fn.js';
import { convert } from './convert.js';
import { RT, f32Literal, f64Literal, i32Literal, i64Literal } from '../emit/names.js';
import type { Module } from './module.js';
import { lowerCall } from './calls.js';
import { lowerLazy } from './lazy.js';
import { lowerLog, lowerPool, lowerPoolDel, lowerTry } from './forms.js';
import { lowerPack, lowerUnpack } from './pack.js';
import { lowerConstantCellPath, lowerPath, lowerPathUpdate } from './paths.js';
import { recordOfFields } from './shapes.js';

export function lowerExpr(m: Module, fn: Fn, n: Node): string {
  switch (n.k) {
    case 'literal': {
      const v = literal(m, n.type, n.value, n.path);
      // An empty map constant (AlpineNow's `{}`, map.add's base) has no entries: a walk over it
      // (eachEntry, rule 7) is a loop to 0, which the optimizer drops, not a read of its size per item.
      if (n.type.kind === 'map' && isEmptyMap(n.value))
        fn.shapes.entriesMap(v, { size: '0', keys: `${v}.keyStore()`, store: `${v}.valueStore()` });
      return v;
    }
    case 'symbol': {
      const s = fn.existingSlot(n.slot);
      if (s) return s;
      // A predefined symbol (input, tally, ...) or a routine parameter bound by the caller.
      const pre = m.predefined(fn, n.name, n.type, n.path);
      return pre;
    }
    case 'let': {
      n.values.forEach((v, i) => {
        const x = lowerExpr(m, fn, v);
        // A fused producer (lower/fuse.ts) builds no array: its symbol is never read.
        if (v.k === 'call' && fn.fusion.has(v)) return;
        const local = fn.slot(n.slots[i], v.type);
        fn.emit(`${local} = ${x};`);
        fn.bound(local, x);
      });
      return '0';
    }
    case 'set': {
      const xs = n.values.map((v) => lowerExpr(m, fn, v));
      const held = n.slots.length > 1 ? xs.map((x, i) => fn.temp(m.types.as(n.values[i].type), x)) : xs;
      // (into the variable's own type: a union in another branch order is converted)
      n.slots.forEach((slot, i) => {
        const to = fn.slotType(slot) ?? n.values[i].type;
        fn.emit(`${fn.slot(slot, to)} = ${convert(fn, held[i], n.values[i].type, to)};`);
      });
      return '0';
    }
    case 'call':
      return n.fn.lazy ? lowerLazy(m, fn, n) : lowerCall(m, fn, n);
    case 'ucall': {
      // Arguments into the parameters' types and the result into the call's (unions in another
      // branch order are converted; numbers were promoted by the checker).
      const ft = m.fcnType(n.name);
      const args = n.args.map((a, i) => convert(fn, lowerExpr(m, fn, a), a.type, ft.params[i]));
      const inlined = m.inlineCall(fn, n.name, args);
      if (inlined !== null) return convert(fn, inlined, ft.ret, n.type);
      const r = fn.temp(m.types.as(ft.ret), `${m.userFunction(n.name)}(${args.join(', ')})`);
      fn.emit(fn.propagate());
      return convert(fn, r, ft.ret, n.type);
    }
    case 'callenum': {
      const which = lowerExpr(m, fn, n.which);
      const args = n.args.map((a) => lowerExpr(m, fn, a));
      const out = fn.local(m.types.as(n.type));
      const enumType = n.which.type as Extract<AvroType, { kind: 'enum' }>;
      void enumType;
      fn.switch_(
        `switch (${which})`,
        [...n.names.entries()].map(
          ([index, name]) =>
            [
              String(index),
              () => {
                const ft = m.fcnType(name);
                const conv = args.map((a, i) => convert(fn, a, n.args[i].type, ft.params[i]));
                const r = fn.temp(m.types.as(ft.ret), `${m.userFunction(name)}(${conv.join(', ')})`);
                fn.emit(fn.propagate());
                fn.emit(`${out} = ${convert(fn, r, ft.ret, n.type)};`);
              },
            ] as const,
        ),
      );
      return out;
    }
    case 'emit': {
      const v = lowerExpr(m, fn, n.value);
      // Written after whatever the output buffer holds (a batch's earlier answers), then taken back.
      const at = fn.temp('usize', `${RT.emitBegin}()`);
      // (on the wire as the output type, which the host decodes emitted values with)
      fn.emit(m.wire.write(m.engine.output, convert(fn, v, n.value.type, m.engine.output)));
      fn.emit(`${RT.emitEnd}(${at});`);
      return '0';
    }
    case 'convert':
      return convert(fn, lowerExpr(m, fn, n.value), n.value.type, n.type);
    case 'do': {
      let last = '0';
      for (const b of n.body) last = lowerExpr(m, fn, b);
      return last;
    }
    case 'if':
      return lowerBranches(m, fn, lowerExpr(m, fn, n.cond), n.then, n.else, n.type);
    case 'cond': {
      const out = n.else ? fn.local(m.types.as(n.type)) : null;
      const otherwise = n.else;
      // (each condition is computed only when the ones before it were false: inside their else)
      fn.elseNested(
        n.clauses.map(
          (cl) =>
            [
              () => lowerExpr(m, fn, cl.cond),
              () => {
                const r = lowerExpr(m, fn, cl.then);
                if (out) fn.emit(`${out} = ${convert(fn, r, cl.then.type, n.type)};`);
              },
            ] as const,
        ),
        otherwise
          ? () => fn.emit(`${out} = ${convert(fn, lowerExpr(m, fn, otherwise), otherwise.type, n.type)};`)
          : undefined,
      );
      return out ?? '0';
    }
    case 'while': {
      fn.block('while (true)', () => {
        const c = lowerExpr(m, fn, n.cond);
        fn.emit(`if (!(${c})) break;`);
        fn.emit(clock(fn));
        lowerExpr(m, fn, n.body);
      });
      return '0';
    }
    case 'until': {
      fn.block('while (true)', () => {
        fn.emit(clock(fn));
        lowerExpr(m, fn, n.body);
        const c = lowerExpr(m, fn, n.cond);
        fn.emit(`if (${c}) break;`);
      });
      return '0';
    }
    case 'for': {
      lowerExpr(m, fn, n.init);
      fn.block('while (true)', () => {
        const c = lowerExpr(m, fn, n.cond);
        fn.emit(`if (!(${c})) break;`);
        fn.emit(clock(fn));
        lowerExpr(m, fn, n.body);
        lowerExpr(m, fn, n.step);
      });
      return '0';
    }
    case 'foreach': {
      const a = lowerExpr(m, fn, n.array);
      const arr = fn.temp(m.types.as(n.array.type), a);
      const i = fn.local('i32');
      const items = (n.array.type as Extract<AvroType, { kind: 'array' }>).items;
      fn.block(`for (${i} = 0; ${i} < ${arr}.length; ${i}++)`, () => {
        fn.emit(clock(fn));
        fn.emit(`${fn.slot(n.slot, items)} = unchecked(${arr}[${i}]);`);
        lowerExpr(m, fn, n.body);
      });
      return '0';
    }
    case 'forkeyval': {
      const mp = fn.temp(m.types.as(n.map.type), lowerExpr(m, fn, n.map));
      const ks = fn.temp('Array<i32>', `${mp}.keys()`);
      const i = fn.local('i32');
      const values = (n.map.type as Extract<AvroType, { kind: 'map' }>).values;
      fn.block(`for (${i} = 0; ${i} < ${ks}.length; ${i}++)`, () => {
        fn.emit(clock(fn));
        fn.emit(`${fn.slot(n.keySlot, T.string)} = unchecked(${ks}[${i}]);`);
        fn.emit(`${fn.slot(n.valueSlot, values)} = ${mp}.get(unchecked(${ks}[${i}]));`);
        lowerExpr(m, fn, n.body);
      });
      return '0';
    }
    case 'newarray': {
      const T_ = m.types.as(n.type);
      // Items are converted to the array's item type (a null literal into a union item type).
      const itemType = (n.type as Extract<AvroType, { kind: 'array' }>).items;
      const items = n.items.map((x) => convert(fn, lowerExpr(m, fn, x), x.type, itemType));
      const record = recordOfFields(n.items, items, (t) => m.types.record(t).fields, 1);
      if (record) {
        // Every field of one record of doubles, in order (AlpineNow's `vector`): the record's
        // fields are the items, read in place through a view (lower/shapes.ts rule 7) by forms
        // that know views; the array, a copy of them, is made only if something else reads it.
        const view = fn.temp('StaticArray<f64>', `changetype<StaticArray<f64>>(${record})`);
        const out = fn.temp(T_, `${RT.arrayOfItems}<f64>(${view}, ${items.length})`);
        fn.droppable(view);
        fn.droppable(out);
        fn.shapes.itemsView(out, { length: String(items.length), items: view });
        return out;
      }
      // (every index is stored below before the array is read: no clearing, see rt.rawArray)
      const out = fn.temp(T_, `${RT.rawArray}<${m.types.as(itemType)}>(${items.length})`);
      items.forEach((x, i) => {
        fn.emit(`${RT.setAt}(${out}, ${i}, ${x});`);
      });
      return out;
    }
    case 'newmap': {
      const T_ = m.types.as(n.type);
      const valueType = (n.type as Extract<AvroType, { kind: 'map' }>).values;
      const values = n.values.map((x) => convert(fn, lowerExpr(m, fn, x), x.type, valueType));
      if (n.keys.length === 0) return fn.temp(T_, `new ${T_}(0)`);
      // The values are stored by position in an array of their own; the keys of a map literal are
      // distinct (the JSON object's names) and constant: copied in at once from a data segment by
      // the map, which takes the values' array as its own. Reads of known keys go to the values'
      // array (lower/shapes.ts rule 4), so when every use is one, the map is never made (Fn.droppable).
      const V = m.types.as(valueType);
      const fields = recordOfFields(n.values, values, (t) => m.types.record(t).fields, 4);
      // (a literal of every field of one record of doubles, in order, the Sonar input map: the
      // record's own fields are its values, read in place)
      const vs = fields
        ? fn.temp(`StaticArray<${V}>`, `changetype<StaticArray<${V}>>(${fields})`)
        : fn.temp(`StaticArray<${V}>`, `${RT.rawStatic}<${V}>(${Math.max(n.keys.length, 4)})`);
      if (!fields)
        values.forEach((v, i) => {
          fn.emit(`unchecked((${vs}[${i}] = ${v}));`);
        });
      const keys = m.staticI32s(n.keys.map((k) => m.dict.code(k)));
      const out = fn.temp(T_, `new ${T_}(${n.keys.length}, ${vs}).withKeys(${keys}, ${n.keys.length})`);
      fn.droppable(out);
      fn.shapes.literalMap(
        out,
        n.keys.map((k) => m.dict.code(k)),
        vs,
      );
      return out;
    }
    case 'newrecord': {
      // Field values are converted to the field types (an if/else of a string and null into a
      // union field whose class lists the branches in another order).
      const rt_ = n.type as Extract<AvroType, { kind: 'record' }>;
      const values = n.values.map((x, i) =>
        convert(fn, lowerExpr(m, fn, x), x.type, rt_.fields.find((f) => f.name === n.fields[i])!.type),
      );
      const c = m.types.record(rt_, n.path);
      return fn.temp(c.name, `new ${c.name}(${values.join(', ')})`);
    }
    case 'attr': {
      const target = lowerExpr(m, fn, n.target);
      if (!n.to) return lowerPath(m, fn, target, n.target.type, n.steps, n.code, n.path);
      return lowerPathUpdate(m, fn, target, n.target.type, n.steps, n.code, n.to, n.path);
    }
    case 'cell': {
      const g = m.cell(n.name, n.path);
      const cellType = m.cellType(n.name);
      if (!n.to && n.steps.length && !m.engine.cells.get(n.name)!.written)
        return lowerConstantCellPath(m, fn, n.name, g, cellType, n.steps, n.code, n.path);
      if (!n.to) return n.steps.length ? lowerPath(m, fn, g, cellType, n.steps, n.code, n.path) : g;
      const next =
        n.steps.length || !isNode(n.to)
          ? lowerPathUpdate(m, fn, g, cellType, n.steps, n.code, n.to, n.path)
          : convert(fn, lowerExpr(m, fn, n.to as Node), (n.to as Node).type, cellType);
      fn.emit(`${g} = ${next};`);
      return g;
    }
    case 'pool':
      return lowerPool(m, fn, n);
    case 'pooldel':
      return lowerPoolDel(m, fn, n);
    case 'cast':
      return lowerCast(m, fn, n);
    case 'ifnotnull':
      return lowerIfNotNull(m, fn, n);
    case 'error': {
      fn.emit(fn.fail(m.site({ kind: 'user', message: n.message, code: n.code, path: n.path })));
      return n.type.kind === 'null' ? '0' : m.types.zero(n.type);
    }
    case 'try':
      return lowerTry(m, fn, n);
    case 'log':
      return lowerLog(m, fn, n);
    case 'pack':
      return lowerPack(m, fn, n);
    case 'unpack':
      return lowerUnpack(m, fn, n);
  }
}

/**
 * `then` when `cond` holds, else `otherwise`: the value, each branch promoted to `type` (e.g. null
 * or boolean into union<null, boolean>), or '0' when there is no `otherwise` (if, unpack).
 */
export function lowerBranches(
  m: Module,
  fn: Fn,
  cond: string,
  then: Node,
  otherwise: Node | null,
  type: AvroType,
): string {
  if (!otherwise) {
    fn.if_(cond, () => lowerExpr(m, fn, then));
    return '0';
  }
  const out = fn.local(m.types.as(type));
  fn.if_(
    cond,
    () => fn.emit(`${out} = ${convert(fn, lowerExpr(m, fn, then), then.type, type)};`),
    () => fn.emit(`${out} = ${convert(fn, lowerExpr(m, fn, otherwise), otherwise.type, type)};`),
  );
  return out;
}

function clock(fn: Fn): string {
  return `if (${RT.clockExpired}()) ${fn.fail(0)}`;
}

function isEmptyMap(v: unknown): boolean {
  return v instanceof Map ? v.size === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}

export function literal(m: Module, t: AvroType, v: unknown, path: string): string {
  switch (t.kind) {
    case 'null':
      return '0';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'int':
      return i32Literal(v as number);
    case 'long':
      return i64Literal(v as bigint);
    case 'float':
      return f32Literal(v as number);
    case 'double':
      return f64Literal(v as number);
    case 'string':
      return m.str(v as string);
    case 'enum':
      return i32Literal(t.symbols.indexOf(v as string));
    default:
      return m.constant(t, v, path);
  }
}

function lowerCast(m: Module, fn: Fn, n: Extract<Node, { k: 'cast' }>): string {
  const v = lowerExpr(m, fn, n.value);
  const out = n.partial || n.type.kind === 'null' ? null : fn.local(m.types.as(n.type));
  const vt = n.value.type;
  if (vt.kind !== 'union') {
    const c = n.cases.find((k) => accepts(k.type, vt))!;
    fn.emit(`${fn.slot(c.slot, c.type)} = ${convert(fn, v, vt, c.type)};`);
    const r = lowerExpr(m, fn, c.body);
    if (out) fn.emit(`${out} = ${convert(fn, r, c.body.type, n.type)};`);
    return out ?? '0';
  }
  const caseOf = (b: AvroType, i: number, c: (typeof n.cases)[number]) => {
    const raw = b.kind === 'null' ? '0' : m.types.branchOf(vt, i, v);
    fn.emit(`${fn.slot(c.slot, c.type)} = ${convert(fn, raw, b, c.type)};`);
    // (each case's value is promoted to the expression's type: cases of different types make a union)
    const r = lowerExpr(m, fn, c.body);
    if (out) fn.emit(`${out} = ${convert(fn, r, c.body.type, n.type)};`);
  };
  const cases = vt.types.flatMap((b, i) => {
    const c = n.cases.find((k) => accepts(k.type, b));
    return c ? [[String(i), () => caseOf(b, i, c)] as const] : [];
  });
  fn.switch_(`switch (${m.types.tagOf(vt, v, n.path)})`, cases);
  return out ?? '0';
}

function lowerIfNotNull(m: Module, fn: Fn, n: Extract<Node, { k: 'ifnotnull' }>): string {
  const vs = n.values.map((x) => lowerExpr(m, fn, x));
  const out = n.else ? fn.local(m.types.as(n.type)) : null;
  const conds = n.values.map((x, i) => {
    const u = x.type as UnionType;
    return `${m.types.tagOf(u, vs[i], n.path)} != ${u.types.findIndex((b) => b.kind === 'null')}`;
  });
  const then = () => {
    n.values.forEach((x, i) => {
      const u = x.type as UnionType;
      const rest = u.types.filter((b) => b.kind !== 'null');
      const slotType = rest.length === 1 ? rest[0] : ({ kind: 'union', types: rest } as UnionType);
      let value: string;
      if (rest.length === 1) value = m.types.branchOf(u, u.types.indexOf(rest[0]), vs[i]);
      else value = narrowUnion(m, fn, vs[i], u, slotType as UnionType);
      fn.emit(`${fn.slot(n.slots[i], slotType)} = ${value};`);
    });
    const r = lowerExpr(m, fn, n.then);
    if (out) fn.emit(`${out} = ${convert(fn, r, n.then.type, n.type)};`);
  };
  const otherwise = n.else;
  fn.if_(
    conds.join(' && '),
    then,
    otherwise
      ? () => fn.emit(`${out} = ${convert(fn, lowerExpr(m, fn, otherwise), otherwise.type, n.type)};`)
      : undefined,
  );
  return out ?? '0';
}

/** A union value without its null branch, as a value of the narrower union. */
function narrowUnion(m: Module, fn: Fn, v: string, from: UnionType, to: UnionType): string {
  const ts = m.types;
  const out = fn.local(ts.union(to).name);
  const cases = from.types
    .map((b, i) => {
      const j = to.types.findIndex((x) => typeToString(x) === typeToString(b));
      return j < 0 ? '' : `case ${i}: ${out} = ${ts.makeUnion(to, j, ts.branchOf(from, i, v))}; break;`;
    })
    .join(' ');
  fn.emit(`switch (${ts.tagOf(from, v)}) { ${cases} }`);
  return out;
}

export type { Arg, FcnArg, FcnType, PathStep };
