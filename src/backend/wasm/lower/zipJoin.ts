/**
 * `map.join(a.zipmap(ks, vs, fcn(k, v) map.add({}, k, v)))`: the map of ks's keys to vs's values
 * (AlpineNow's `zipDoubleMap`, given the constant `dependentValues`). Fused (lower/fuse.ts,
 * fcnArgs.ts), it sets every pair into a map per record: a lookup of the key, an append. When ks
 * is a constant array of strings, the map those sets make has keys known at load time: ks's
 * distinct keys in order, and item i lands in one entry whatever the values (a key given again
 * keeps its first place and takes the later value, as the sets replayed in order do). So the keys
 * and each item's entry are laid out at load time (LoadTime.joinedKeys) and a call copies the keys
 * and stores each value at its item's entry: no key is looked up per record.
 *
 * Answers and errors are the fused form's: the same length check of a.zipmap first (its error and
 * path), the clock charged as a loop over ks charges it, and the values stored as they come, so a
 * key's last value wins. Only the exact shape above, with no conversion anywhere (every type the
 * same), takes this path; anything else is lowered as before.
 */
import { typeEquals } from '../../../types/avro.js';
import type { Node } from '../../../ir/tree.js';
import { RT } from '../emit/names.js';
import type { Fn } from './fn.js';
import type { Module } from './module.js';
import { lowerExpr } from './expr.js';
import { lowerCallWith } from './calls.js';

type CallNode = Extract<Node, { k: 'call' }>;

/** The map the join makes, when `n` is such a join of a constant array's keys; else null (nothing lowered). */
export function lowerZipJoin(m: Module, fn: Fn, n: CallNode): string | null {
  const zip = zipOfConstantKeys(m, fn, n);
  if (!zip) return null;
  const t = n.type;
  if (t.kind !== 'map') return null;
  const mapAs = m.types.as(t);
  const valueAs = m.types.as(t.values);
  return lowerCallWith(m, fn, zip.node, (c) => {
    const [ks, vs] = c.args;
    const joined = m.joinedKeys(zip.keys);
    c.emit(`if (${vs}.length != ${ks}.length) ${c.fail('misalignedArrays')}`);
    const out = c.temp(mapAs, `new ${mapAs}(${joined.size}).withKeysOf(${joined.keys}, ${joined.size})`);
    const store = c.temp(`StaticArray<${valueAs}>`, `${out}.valueStore()`);
    const items = c.temp(`StaticArray<${valueAs}>`, `${RT.itemsOf}(${vs})`);
    const count = c.temp('i32', `${ks}.length`);
    const i = c.temp('i32', '0');
    c.block(`for (; ${i} < ${count}; ${i}++)`, () => {
      c.emit(c.clockAt(i, `${count} - ${i}`));
      c.emit(`${RT.setAt}(${store}, unchecked(${joined.positions}[${i}]), unchecked(${items}[${i}]));`);
    });
    return out;
  });
}

/**
 * The a.zipmap call and the constant holding its keys, when `n` is map.join of a.zipmap(ks, vs,
 * fcn(k, v) map.add(E, k, v)) with E an empty map and ks a constant (an unwritten cell, or a
 * symbol bound to one); else null. Reading ks here writes no statement (a symbol or a cell).
 */
function zipOfConstantKeys(m: Module, fn: Fn, n: CallNode): { node: CallNode; keys: string } | null {
  const arg = n.args[0];
  if (n.fn.name !== 'map.join' || n.args.length !== 1 || arg.k !== 'value') return null;
  const zip = arg.node;
  if (zip.k !== 'call' || zip.fn.name !== 'a.zipmap' || zip.args.length !== 3) return null;
  const [ka, va, fa] = zip.args;
  if (ka.k !== 'value' || va.k !== 'value' || fa.k !== 'fcn' || fa.fcn.k !== 'fcndef') return null;
  const f = fa.fcn;
  const body = f.body.k === 'do' && f.body.body.length === 1 ? f.body.body[0] : f.body;
  if (body.k !== 'call' || body.fn.name !== 'map.add' || body.resolution.sig !== 0) return null;
  const [base, key, value] = body.args;
  const isParam = (a: (typeof body.args)[number], i: number) =>
    a.k === 'value' && a.node.k === 'symbol' && a.node.slot === f.slots[i] && typeEquals(a.node.type, a.to);
  if (!isParam(key, 0) || !isParam(value, 1) || base.k !== 'value' || !isEmptyMap(base.node)) return null;
  // (no conversion anywhere: the values go from vs's items into the joined map as they are)
  const kt = ka.node.type,
    vt = va.node.type;
  if (kt.kind !== 'array' || kt.items.kind !== 'string' || vt.kind !== 'array') return null;
  const types = [vt.items, f.type.params[1], fa.to.params[1], body.type, f.type.ret, fa.to.ret, n.type];
  const valueTypes = types.map((x) => (x.kind === 'map' ? x.values : x));
  if (!valueTypes.every((x) => typeEquals(x, vt.items))) return null;
  if (!typeEquals(ka.node.type, ka.to) || !typeEquals(va.node.type, va.to) || !typeEquals(zip.type, arg.to))
    return null;
  if (!typeEquals(f.type.params[0], fa.to.params[0])) return null;
  const keysNode = ka.node;
  if (keysNode.k !== 'symbol' && !(keysNode.k === 'cell' && !keysNode.to && keysNode.steps.length === 0)) return null;
  const local = lowerExpr(m, fn, keysNode);
  const keys = fn.boundName(local) ?? local;
  return m.isConstant(keys) ? { node: zip, keys } : null;
}

/** A map with no entries, known when the kernel is built: `{}` as a literal or a `new`. */
function isEmptyMap(n: Node): boolean {
  if (n.type.kind !== 'map') return false;
  if (n.k === 'newmap') return n.keys.length === 0;
  return n.k === 'literal' && n.value instanceof Map && n.value.size === 0;
}
