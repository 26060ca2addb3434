/**
 * Paths into arrays, maps and records: "attr", "cell" and "pool" (with "to", their copy-with-change
 * forms) and the dotted shortcut "input.x.0". Each form has its own pair of spec error codes for a
 * missing array index and a missing map key (2000-2011, errors/codes.ts PATH_CODES); the node keeps the first of its pair.
 */
import { AvroType, FcnType, T, typeToString } from '../types/avro.js';
import { FcnArg, Node, PathStep } from '../ir/tree.js';
import { Scope } from './scope.js';
import { JsonValue } from '../document/json.js';
import { pointer } from '../errors/PfaError.js';
import { checkMessages as M } from '../errors/checkMessages.js';
import { PATH_CODES } from '../errors/codes.js';
import { CheckContext, expect, isObject, keysOf, requireString } from './context.js';
import { checkExpr } from './expr.js';
import { checkFcnArg, isFcnArgJson } from './calls.js';

function walk(
  start: AvroType,
  pathJson: JsonValue | undefined,
  path: string,
  scope: Scope,
  ctx: CheckContext,
): { steps: PathStep[]; type: AvroType } {
  if (!Array.isArray(pathJson) || pathJson.length === 0) throw M.pathShape.at(path);
  const sealed = scope.child({ sealedAbove: true, sealedWithin: true });
  let t = start;
  const steps: PathStep[] = [];
  pathJson.forEach((p, i) => {
    const at = pointer(path, i);
    if (t.kind === 'record') {
      const name =
        Array.isArray(p) && p.length === 1 && typeof p[0] === 'string'
          ? p[0]
          : isObject(p) && keysOf(p).length === 1 && typeof p.string === 'string'
            ? p.string
            : undefined;
      if (name === undefined) throw M.pathFieldShape.at(at);
      const f = t.fields.find((g) => g.name === name);
      if (!f) throw M.noSuchField.at(at, t.name, name);
      steps.push({ kind: 'field', name });
      t = f.type;
    } else if (t.kind === 'array') {
      steps.push({ kind: 'index', expr: expect(checkExpr(p, at, sealed, ctx), T.int, 'array index') });
      t = t.items;
    } else if (t.kind === 'map') {
      steps.push({ kind: 'key', expr: expect(checkExpr(p, at, sealed, ctx), T.string, 'map key') });
      t = t.values;
    } else {
      throw M.cannotIndex.at(at, typeToString(t));
    }
  });
  return { steps, type: t };
}

/** The "to" of attr, cell and pool: a value of type X or a function from X to X. */
function checkTo(json: JsonValue, type: AvroType, path: string, scope: Scope, ctx: CheckContext): Node | FcnArg {
  if (isFcnArgJson(json)) {
    const expected: FcnType = { kind: 'fcn', params: [type], ret: type };
    return checkFcnArg(json, path, scope, ctx, expected);
  }
  return expect(checkExpr(json, path, scope.child({ sealedAbove: true, sealedWithin: true }), ctx), type, '"to"');
}

export function checkAttr(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const target = checkExpr(o.attr, pointer(path, 'attr'), scope.child({ sealedAbove: true, sealedWithin: true }), ctx);
  const { steps, type } = walk(target.type, o.path, pointer(path, 'path'), scope, ctx);
  if ('to' in o) {
    const to = checkTo(o.to, type, pointer(path, 'to'), scope, ctx);
    return { k: 'attr', type: target.type, path, target, steps, to, code: PATH_CODES.attrTo };
  }
  return { k: 'attr', type, path, target, steps, to: null, code: PATH_CODES.attr };
}

export function checkDotted(text: string, path: string, scope: Scope): Node {
  const [head, ...rest] = text.split('.');
  const sym = scope.lookup(head);
  if (!sym) throw M.unknownSymbolInPath.at(path, head, text);
  const target: Node = { k: 'symbol', type: sym.type, path, slot: sym.slot, name: head };
  let t = sym.type;
  const steps: PathStep[] = [];
  for (const seg of rest) {
    if (t.kind === 'record') {
      const f = t.fields.find((g) => g.name === seg);
      if (!f) throw M.noSuchFieldInPath.at(path, t.name, seg, text);
      steps.push({ kind: 'field', name: seg });
      t = f.type;
    } else if (t.kind === 'array') {
      if (!/^-?\d+$/.test(seg)) throw M.notAnIndexInPath.at(path, seg, text);
      steps.push({ kind: 'index', expr: { k: 'literal', type: T.int, path, value: Number(seg) } });
      t = t.items;
    } else if (t.kind === 'map') {
      steps.push({ kind: 'key', expr: { k: 'literal', type: T.string, path, value: seg } });
      t = t.values;
    } else {
      throw M.cannotIndexInPath.at(path, typeToString(t), text);
    }
  }
  return { k: 'attr', type: t, path, target, steps, to: null, code: PATH_CODES.attr };
}

export function checkCell(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const name = requireString(o.cell, '"cell"', pointer(path, 'cell'));
  const cell = ctx.cells.get(name);
  if (!cell) throw M.unknownCell.at(pointer(path, 'cell'), name);
  const { steps, type } =
    'path' in o ? walk(cell.type, o.path, pointer(path, 'path'), scope, ctx) : { steps: [], type: cell.type };
  if ('to' in o) {
    cell.written = true;
    const to = checkTo(o.to, type, pointer(path, 'to'), scope, ctx);
    return { k: 'cell', type: cell.type, path, name, steps, to, code: PATH_CODES.cellTo };
  }
  return { k: 'cell', type, path, name, steps, to: null, code: PATH_CODES.cell };
}

export function checkPool(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const name = requireString(o.pool, '"pool"', pointer(path, 'pool'));
  const pool = ctx.pools.get(name);
  if (!pool) throw M.unknownPool.at(pointer(path, 'pool'), name);
  if ('del' in o) {
    if (keysOf(o).some((k) => k !== 'pool' && k !== 'del')) throw M.poolDelAlone.at(path);
    pool.written = true;
    const key = expect(
      checkExpr(o.del, pointer(path, 'del'), scope.child({ sealedAbove: true, sealedWithin: true }), ctx),
      T.string,
      'pool item name',
    );
    return { k: 'pooldel', type: T.null, path, name, key };
  }
  // A pool is a map from item names to values of the pool's type: its path starts with the item name.
  const asMap: AvroType = { kind: 'map', values: pool.type };
  const { steps, type } = walk(asMap, o.path, pointer(path, 'path'), scope, ctx);
  if ('to' in o) {
    pool.written = true;
    if (!('init' in o)) throw M.poolToNeedsInit.at(path);
    const to = checkTo(o.to, type, pointer(path, 'to'), scope, ctx);
    const init = expect(
      checkExpr(o.init, pointer(path, 'init'), scope.child({ sealedAbove: true, sealedWithin: true }), ctx),
      pool.type,
      '"init"',
    );
    return { k: 'pool', type: pool.type, path, name, steps, to, init, code: PATH_CODES.poolTo };
  }
  if ('init' in o) throw M.initWithoutTo.at(pointer(path, 'init'));
  return { k: 'pool', type, path, name, steps, to: null, init: null, code: PATH_CODES.pool };
}
