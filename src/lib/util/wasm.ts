/**
 * Building blocks for the Wasm forms of library functions (see WasmCall in registry.ts): loops over
 * arrays and maps, new containers, and comparison in Avro order, written once for every namespace.
 */
import { AvroType, RecordType, T, someType } from '../../types/avro.js';
import { WasmCall, WasmFold } from '../registry.js';
import { RT } from '../../backend/wasm/emit/names.js';

/** A three-way comparison in Avro order as an i32 expression (NaN above every number). */
export function wasmCompare(c: WasmCall, t: AvroType, x: string, y: string): string {
  switch (t.kind) {
    case 'int':
    case 'long':
    case 'enum':
      return `(${x} < ${y} ? -1 : ${x} > ${y} ? 1 : 0)`;
    case 'boolean':
      return `(<i32>${x} - <i32>${y})`;
    case 'float':
    case 'double':
      return `${RT.cmpF64}(<f64>${x}, <f64>${y})`;
    case 'string':
      return `${RT.compareStrings}(${x}, ${y})`;
    case 'null':
      return '0';
    case 'bytes':
    case 'fixed':
      return `${RT.bytesCompare}(${x}, ${y})`;
    default:
      return c.unsupported(`comparing ${t.kind} values is not lowered`);
  }
}

/** Emits `for` over an array; `body` gets pure expressions for the item and the index. */
export function eachItem(c: WasmCall, array: string, body: (item: string, index: string) => void): void {
  const i = c.temp('i32', '0');
  const at = c.args.indexOf(array);
  const t = at >= 0 ? c.argTypes?.[at] : undefined;
  // An argument is a value nothing changes during the loop: its length and items are read through
  // locals set once (a view of its data), not reloaded from the Array for each item (neither
  // binaryen nor V8 hoists loads out of the loop: they may trap).
  const argument = t?.kind === 'array';
  // (a view of another array's items, lower/shapes.ts rule 7: those items, the view never read)
  const view = c.viewOf?.(array);
  const n = view ? view.length : argument ? c.temp('i32', `${array}.length`) : `${array}.length`;
  const items = view
    ? view.items
    : argument
      ? c.temp(`StaticArray<${c.type(t.items)}>`, `${RT.itemsOf}(${array})`)
      : array;
  // Of a length known to be at most one clock charge (65,536 items), the whole loop is charged
  // before it, as the per-item test would at item 0, and its items test nothing (issue 18: Sonar).
  const known = c.knownLength?.(array);
  const once = known !== undefined && known <= 65536;
  if (once && known > 0) c.emit(c.clockAt('0', String(known)));
  c.block(`for (; ${i} < ${n}; ${i}++)`, () => {
    if (!once) c.emit(c.clockAt(i, `${n} - ${i}`));
    body(`unchecked(${items}[${i}])`, i);
  });
}

/**
 * Runs a reduction's fold over the items of its array argument (a fold form's plain `wasm` form;
 * for folds that need no `begin`).
 */
export function foldEach(c: WasmCall, fold: WasmFold): string {
  eachItem(c, c.args[0], (x, i) => fold.step(x, i));
  return fold.finish(c.args.slice(1));
}

/** Emits `for` over a map in insertion order; `body` gets pure expressions for key code and value. */
export function eachEntry(c: WasmCall, map: string, body: (key: string, value: string, index: string) => void): void {
  // PFA maps are values (nothing changes them during the loop): walk the entries in place, in the
  // arrays the map was made from when the lowering knows them (lower/shapes.ts rule 7).
  const e = c.entriesOf?.(map);
  const size = e ? e.size : `${map}.size`;
  const i = c.temp('i32', '0');
  c.block(`for (; ${i} < ${size}; ${i}++)`, () => {
    c.emit(c.clockAt(i, `${size} - ${i}`));
    const k = c.temp('i32', e ? `unchecked(${e.keys}[${i}])` : `${map}.keyAt(${i})`);
    body(k, e ? `unchecked(${e.store}[${i}])` : `${map}.valueAt(${i})`, i);
  });
}

/** A fresh empty array local for items of type t. */
export function newArray(c: WasmCall, items: AvroType): string {
  const T = `Array<${c.type(items)}>`;
  return c.temp(T, `new ${T}(0)`);
}

/** A fresh array local of `length` items of type t, to be filled by index (no growing). */
export function sizedArray(c: WasmCall, items: AvroType, length: string): string {
  // (not cleared first: every index is written before the array is read; see rawArray)
  const T = c.type(items);
  return c.temp(`Array<${T}>`, `${RT.rawArray}<${T}>(${length})`);
}

/**
 * The set key of one item of type t (an i32 dictionary code): the host makes it, as it makes the
 * keys of a whole array (WasmCall.setKeys), from a one-item array.
 */
export function setKeyOf(c: WasmCall, t: AvroType, item: string): string {
  const one = sizedArray(c, t, '1');
  c.emit(`${RT.setAt}(${one}, 0, ${item});`);
  return c.temp('i32', `unchecked(${c.setKeys(t, one)}[0])`);
}

/** A fresh empty map local for values of type t. */
export function newMap(c: WasmCall, values: AvroType, room = ''): string {
  const T = `CodeMap<${c.type(values)}>`;
  return c.temp(T, `new ${T}(${room})`);
}

/**
 * A new map with the keys of `map`, in its order, each with the value `value(key, item)` (emitted
 * in that order: map.map and friends). The values are stored by entry index in an array of their
 * own, which the map then takes as its store, with `map`'s keys copied in (they are distinct):
 * forms that know this (lower/shapes.ts rule 7) read the two arrays, and a map nothing else reads
 * is never made.
 */
export function sameKeysMap(
  c: WasmCall,
  map: string,
  values: AvroType,
  value: (key: string, item: string, index: string) => string,
): string {
  const e = c.entriesOf?.(map);
  const size = c.temp('i32', e ? e.size : `${map}.size`);
  const keys = c.temp('StaticArray<i32>', e ? e.keys : `${map}.keyStore()`);
  const V = c.type(values);
  // (room for 4 at least, as the map's constructor makes; every entry is stored before it is read)
  const store = c.temp(`StaticArray<${V}>`, `${RT.rawStatic}<${V}>(max(${size}, 4))`);
  eachEntry(c, map, (k, v, i) => c.emit(`unchecked((${store}[${i}] = ${value(k, v, i)}));`));
  const out = c.temp(
    `CodeMap<${V}>`,
    `new CodeMap<${V}>(${size}, ${store}).withKeys(changetype<usize>(${keys}), ${size})`,
  );
  c.madeWith?.(out, { size, keys, store });
  return out;
}

/** Calls a one-argument function on a value and keeps the result in a local of its type. */
export function applyTo(c: WasmCall, fcnIndex: number, args: string[]): string {
  const f = c.fcn(fcnIndex);
  const r = f.apply(args);
  return c.temp(c.type(f.ret), r);
}

/**
 * Structural equality as util/sameItem.ts (NaN equals NaN, 0 equals -0), emitted inline as
 * statements; returns a pure bool expression. Recursive records are not lowered.
 */
export function wasmEquals(c: WasmCall, t: AvroType, x: string, y: string): string {
  switch (t.kind) {
    case 'null':
      return 'true';
    case 'boolean':
    case 'int':
    case 'long':
    case 'string':
    case 'enum':
      return `(${x} == ${y})`;
    case 'float':
    case 'double':
      return `(${x} == ${y} || (${x} != ${x} && ${y} != ${y}))`;
    case 'bytes':
    case 'fixed':
      return `(${RT.bytesCompare}(${x}, ${y}) == 0)`;
    case 'array': {
      const r = c.temp('bool', `${x}.length == ${y}.length`);
      const i = c.temp('i32', '0');
      c.block(`for (; ${r} && ${i} < ${x}.length; ${i}++)`, () => {
        c.emit(c.clock());
        c.emit(`${r} = ${wasmEquals(c, t.items, `unchecked(${x}[${i}])`, `unchecked(${y}[${i}])`)};`);
      });
      return r;
    }
    case 'map': {
      const r = c.temp('bool', `${x}.size == ${y}.size`);
      const ks = c.temp('Array<i32>', `${x}.keys()`);
      const i = c.temp('i32', '0');
      c.block(`for (; ${r} && ${i} < ${ks}.length; ${i}++)`, () => {
        c.emit(c.clock());
        const k = c.temp('i32', `unchecked(${ks}[${i}])`);
        c.emit(`${r} = ${y}.has(${k});`);
        c.if_(r, () => c.emit(`${r} = ${wasmEquals(c, t.values, `${x}.get(${k})`, `${y}.get(${k})`)};`));
      });
      return r;
    }
    case 'record': {
      // A recursive record compares in a function of its own, which calls itself for the inner ones.
      if (recursive(t)) {
        const as = c.type(t);
        return c.helper('equals', t, [as, as], 'bool', (h, [a, b]) => recordEquals(h, t, a, b), [x, y]);
      }
      return recordEquals(c, t, x, y);
    }
    case 'union': {
      const r = c.temp('bool', `${c.tag(t, x)} == ${c.tag(t, y)}`);
      c.switch_(
        `if (${r}) switch (${c.tag(t, x)})`,
        t.types.flatMap((b, i) =>
          b.kind === 'null'
            ? []
            : [
                [
                  String(i),
                  () => {
                    c.emit(`${r} = ${wasmEquals(c, b, c.branch(t, x, i), c.branch(t, y, i))};`);
                  },
                ] as const,
              ],
        ),
      );
      return r;
    }
  }
}

/**
 * Three-way comparison in Avro order as values.ts comparatorFor (arrays lexicographic, maps by
 * their entries in key order, records field by field with their `order`, unions by branch then
 * value), emitted inline; returns a pure i32 expression whose sign is the order.
 */
export function wasmOrder(c: WasmCall, t: AvroType, x: string, y: string): string {
  switch (t.kind) {
    case 'array': {
      const r = c.temp('i32', '0');
      const n = c.temp('i32', `min(${x}.length, ${y}.length)`);
      const i = c.temp('i32', '0');
      c.block(`for (; ${r} == 0 && ${i} < ${n}; ${i}++)`, () => {
        c.emit(c.clock());
        c.emit(`${r} = ${wasmOrder(c, t.items, `unchecked(${x}[${i}])`, `unchecked(${y}[${i}])`)};`);
      });
      c.emit(`if (${r} == 0) ${r} = ${x}.length < ${y}.length ? -1 : ${x}.length > ${y}.length ? 1 : 0;`);
      return r;
    }
    case 'map':
      return mapOrder(c, t.values, x, y);
    case 'record': {
      if (recursive(t)) {
        const as = c.type(t);
        return c.helper('order', t, [as, as], 'i32', (h, [a, b]) => recordOrder(h, t, a, b), [x, y]);
      }
      return recordOrder(c, t, x, y);
    }
    case 'union': {
      const tx = c.temp('i32', c.tag(t, x)),
        ty = c.temp('i32', c.tag(t, y));
      const r = c.temp('i32', `${tx} < ${ty} ? -1 : ${tx} > ${ty} ? 1 : 0`);
      c.switch_(
        `if (${r} == 0) switch (${tx})`,
        t.types.flatMap((b, i) =>
          b.kind === 'null'
            ? []
            : [
                [
                  String(i),
                  () => {
                    c.emit(`${r} = ${wasmOrder(c, b, c.branch(t, x, i), c.branch(t, y, i))};`);
                  },
                ] as const,
              ],
        ),
      );
      return r;
    }
    default:
      return wasmCompare(c, t, x, y);
  }
}

/**
 * Maps as comparatorFor orders them: the entries of each sorted by key (compareStrings), then
 * key, value, key, value... as an array, then the shorter first. Keys are distinct, so any stable
 * sort gives the same order.
 */
function mapOrder(c: WasmCall, values: AvroType, x: string, y: string): string {
  const byKey = (m: string) =>
    stableSorted(c, T.string, c.temp('Array<i32>', `${m}.keys()`), (p, q) => `(${RT.compareStrings}(${p}, ${q}) < 0)`);
  const kx = byKey(x),
    ky = byKey(y);
  const r = c.temp('i32', '0');
  const n = c.temp('i32', `min(${kx}.length, ${ky}.length)`);
  const i = c.temp('i32', '0');
  c.block(`for (; ${r} == 0 && ${i} < ${n}; ${i}++)`, () => {
    c.emit(c.clock());
    const k = c.temp('i32', `unchecked(${kx}[${i}])`);
    const l = c.temp('i32', `unchecked(${ky}[${i}])`);
    c.emit(`${r} = ${RT.compareStrings}(${k}, ${l});`);
    c.if_(`${r} == 0`, () => c.emit(`${r} = ${wasmOrder(c, values, `${x}.get(${k})`, `${y}.get(${l})`)};`));
  });
  c.emit(`if (${r} == 0) ${r} = ${kx}.length < ${ky}.length ? -1 : ${kx}.length > ${ky}.length ? 1 : 0;`);
  return r;
}

/** Field by field, as valuesEqual (every field, whatever its `order`). */
function recordEquals(c: WasmCall, t: RecordType, x: string, y: string): string {
  const r = c.temp('bool', 'true');
  for (const f of t.fields) {
    c.if_(r, () => c.emit(`${r} = ${wasmEquals(c, f.type, c.field(t, x, f.name), c.field(t, y, f.name))};`));
  }
  return r;
}

/** Field by field in Avro order, as comparatorFor: `ignore` skipped, `descending` reversed. */
function recordOrder(c: WasmCall, t: RecordType, x: string, y: string): string {
  const r = c.temp('i32', '0');
  for (const f of t.fields) {
    if (f.order === 'ignore') continue;
    c.if_(`${r} == 0`, () => {
      const v = wasmOrder(c, f.type, c.field(t, x, f.name), c.field(t, y, f.name));
      c.emit(f.order === 'descending' ? `${r} = -(${v});` : `${r} = ${v};`);
    });
  }
  return r;
}

/** Does a record's type contain the record again (through fields, arrays, maps, unions)? */
function recursive(t: RecordType): boolean {
  const seen = new Set<AvroType>();
  const isT = (u: AvroType) => u === t || (u.kind === 'record' && u.name === t.name);
  return t.fields.some((f) => someType(f.type, isT, seen));
}

/**
 * A sorted copy of array `a` (items of type t), stable: a bottom-up merge sort in which the left
 * item goes first unless `less(right, left)`. Any stable sort gives the answer of the JS forms'
 * Array.prototype.sort when the order is a consistent one (Avro order always is), so this is for
 * comparisons that cannot fail or have effects; `less` emits statements, returns a bool.
 */
export function stableSorted(c: WasmCall, t: AvroType, a: string, less: (x: string, y: string) => string): string {
  const T = `Array<${c.type(t)}>`;
  const src = c.temp(T, `${a}.slice(0)`);
  const buf = c.temp(T, `${a}.slice(0)`);
  const n = c.temp('i32', `${a}.length`);
  const width = c.temp('i32', '1');
  const lo = c.temp('i32', '0'),
    mid = c.temp('i32', '0'),
    hi = c.temp('i32', '0');
  const i = c.temp('i32', '0'),
    j = c.temp('i32', '0'),
    k = c.temp('i32', '0');
  const left = c.temp('bool', 'false');
  const swap = c.temp(T, src);
  c.block(`for (; ${width} < ${n}; ${width} <<= 1)`, () => {
    c.block(`for (${lo} = 0; ${lo} < ${n}; ${lo} += ${width} << 1)`, () => {
      c.emit(
        `${mid} = min(${lo} + ${width}, ${n}); ${hi} = min(${mid} + ${width}, ${n}); ${i} = ${lo}; ${j} = ${mid};`,
      );
      c.block(`for (${k} = ${lo}; ${k} < ${hi}; ${k}++)`, () => {
        c.emit(c.clock());
        c.emit(`${left} = ${i} < ${mid};`);
        c.if_(`${left} && ${j} < ${hi}`, () =>
          c.emit(`${left} = !${less(`unchecked(${src}[${j}])`, `unchecked(${src}[${i}])`)};`),
        );
        c.emit(
          `if (${left}) { ${RT.setAt}(${buf}, ${k}, unchecked(${src}[${i}])); ${i}++; } else { ${RT.setAt}(${buf}, ${k}, unchecked(${src}[${j}])); ${j}++; }`,
        );
      });
    });
    c.emit(`${swap} = ${src}; ${src} = ${buf}; ${buf} = ${swap};`);
  });
  return src;
}

/**
 * For a value `y` of the union `u` a filterMap function returns (union<B, null>, flattened: B may
 * itself be a union of u's non-null branches), calls `each` with the value as a B when it is not
 * null: lower/convert.ts convertPresent, so a branch of u moves into B's branch of the same type,
 * as the JS form keeps the value's box (values.ts Tagged) where B holds two branches alike.
 */
export function eachNonNull(c: WasmCall, u: AvroType, B: AvroType, y: string, each: (b: string) => void): void {
  if (u.kind !== 'union') return void c.unsupported('internal: filterMap returns a union');
  const nullAt = u.types.findIndex((t) => t.kind === 'null');
  if (nullAt < 0) return void c.unsupported('internal: filterMap returns a union with null');
  c.if_(`${c.tag(u, y)} != ${nullAt}`, () => each(c.convertPresent(y, u, B)));
}

/**
 * Emits a loop of `index` (an i32 local) from its value up to `n` whose items call nothing for the
 * clock: the clock is charged before each run of at most 65,536 items, as `clockAt` would charge
 * it at the first item of that run, so the host is asked exactly as often. (With the clock's call
 * inside it, V8 optimised the loop worse: the k-means kernel's metric loop over five coordinates,
 * run five times a record, cost ~70 ns more per record than with no check at all, against ~15 ns
 * for this form; micro-bench, best of 25 rounds, two runs, loaded machine.) `n` is evaluated
 * once per run, so it must be pure.
 */
export function clockedLoop(c: WasmCall, index: string, n: string, body: () => void): void {
  const end = c.temp('i32', '0');
  c.block(`for (; ${index} < ${n}; )`, () => {
    c.emit(c.clockAt('0', `${n} - ${index}`));
    c.emit(`${end} = ${n} - ${index} > 65536 ? ${index} + 65536 : ${n};`);
    c.block(`for (; ${index} < ${end}; ${index}++)`, body);
  });
}
