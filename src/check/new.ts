/** The "new" special form (spec sec. 5.5): arrays, maps and records built from expressions. */
import { typeToString } from '../types/avro.js';
import { Node } from '../ir/tree.js';
import { Scope } from './scope.js';
import { JsonValue } from '../document/json.js';
import { pointer } from '../errors/PfaError.js';
import { checkMessages as M } from '../errors/checkMessages.js';
import { CheckContext, expect, isObject, keysOf } from './context.js';
import { checkExpr } from './expr.js';

export function checkNew(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const type = ctx.names.build(o.type, pointer(path, 'type'));
  const at = pointer(path, 'new');
  const sealed = scope.child({ sealedAbove: true, sealedWithin: true });
  if (type.kind === 'array') {
    if (!Array.isArray(o.new)) throw M.newArrayShape.at(at);
    const items = o.new.map((e, i) => expect(checkExpr(e, pointer(at, i), sealed, ctx), type.items, 'array item'));
    return { k: 'newarray', type, path, items };
  }
  if (!isObject(o.new)) throw M.newObjectShape.at(at);
  const obj = o.new;
  const keys = keysOf(obj);
  if (type.kind === 'map') {
    const values = keys.map((k) =>
      expect(checkExpr(obj[k], pointer(at, k), sealed, ctx), type.values, `map value "${k}"`),
    );
    return { k: 'newmap', type, path, keys, values };
  }
  if (type.kind === 'record') {
    for (const k of keys)
      if (!type.fields.some((f) => f.name === k)) throw M.noSuchField.at(pointer(at, k), type.name, k);
    const missing = type.fields.find((f) => !keys.includes(f.name));
    if (missing) throw M.newMissingField.at(at, type.name, missing.name);
    const fields = type.fields.map((f) => f.name);
    const values = type.fields.map((f) =>
      expect(checkExpr(obj[f.name], pointer(at, f.name), sealed, ctx), f.type, `field "${f.name}"`),
    );
    return { k: 'newrecord', type, path, fields, values };
  }
  throw M.newWrongType.at(pointer(path, 'type'), typeToString(type));
}
