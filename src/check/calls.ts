/**
 * Function calls (spec sec. 5.3): library functions resolved against their signatures, user
 * functions ("u.name"), "emit", and the function arguments a library function may take: inline
 * definitions (fcndef) and references (fcnref, with "fill" for partial application).
 */
import { AvroType, FcnType, T, typeToString, narrowest } from '../types/avro.js';
import { Arg, FcnArg, Node } from '../ir/tree.js';
import { Scope } from './scope.js';
import { JsonValue } from '../document/json.js';
import { pointer } from '../errors/PfaError.js';
import { checkMessages as M } from '../errors/checkMessages.js';
import { library } from '../lib/index.js';
import { LibFunction } from '../lib/registry.js';
import { ArgInfo, Resolution, matchSignature, resolveCall } from '../types/match.js';
import { CheckContext, coerce, expect, isObject, keysOf, requireString } from './context.js';
import { checkBlock, checkExpr } from './expr.js';

export function isFcnArgJson(json: JsonValue): boolean {
  if (!isObject(json)) return false;
  const keys = keysOf(json);
  return (
    (keys.includes('fcn') && keys.every((k) => k === 'fcn' || k === 'fill')) ||
    (keys.includes('params') && keys.includes('ret') && keys.includes('do'))
  );
}

function argsOf(json: JsonValue): { list: JsonValue[]; single: boolean } {
  return Array.isArray(json) ? { list: json, single: false } : { list: [json], single: true };
}

/** A fcndef: its declared type is known before its body is checked. */
function fcndefType(
  o: { [k: string]: JsonValue },
  path: string,
  ctx: CheckContext,
): { names: string[]; type: FcnType } {
  if (!Array.isArray(o.params)) throw M.paramsShape.at(pointer(path, 'params'));
  const names: string[] = [];
  const params = o.params.map((p, i) => {
    const at = pointer(pointer(path, 'params'), i);
    if (!isObject(p) || keysOf(p).length !== 1) throw M.paramShape.at(at);
    const n = keysOf(p)[0];
    names.push(n);
    return ctx.names.build(p[n], pointer(at, n));
  });
  return { names, type: { kind: 'fcn', params, ret: ctx.names.build(o.ret, pointer(path, 'ret')) } };
}

function checkFcndef(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): FcnArg {
  const { names, type } = fcndefType(o, path, ctx);
  const inner = scope.child({ sealedAbove: true });
  const slots = names.map((n, i) => inner.declare(n, type.params[i], pointer(pointer(path, 'params'), i)));
  const body = expect(checkBlock(o.do, pointer(path, 'do'), inner, ctx), type.ret, 'function result');
  return { k: 'fcndef', type, slots, body, frameSize: 0 };
}

interface Pending {
  info: ArgInfo;
  finish: (to: FcnType) => FcnArg;
}

/** Prepares a function argument: what the signature matcher may know, and how to finish it. */
function pendingFcnArg(json: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Pending {
  if ('params' in json) {
    const { type } = fcndefType(json, path, ctx);
    return { info: { kind: 'fcn', type }, finish: () => checkFcndef(json, path, scope, ctx) };
  }
  const name = requireString(json.fcn, '"fcn"', pointer(path, 'fcn'));
  const fillJson = 'fill' in json ? json.fill : undefined;
  if (fillJson !== undefined && !isObject(fillJson)) throw M.fillShape.at(pointer(path, 'fill'));
  const sealed = scope.child({ sealedAbove: true, sealedWithin: true });
  const fills = new Map<string, Node>();
  for (const k of fillJson ? keysOf(fillJson) : [])
    fills.set(k, checkExpr(fillJson![k], pointer(pointer(path, 'fill'), k), sealed, ctx));
  if (name.startsWith('u.')) {
    const ft = ctx.fcnTypes.get(name.slice(2));
    if (!ft) throw M.unknownUserFunction.at(pointer(path, 'fcn'), name);
    ctx.used.add(name);
    const paramNames = ctx.fcnParamNames.get(name.slice(2)) ?? [];
    for (const k of fills.keys())
      if (!paramNames.includes(k)) throw M.noParameterToFill.at(pointer(path, 'fill'), name, k);
    const fill = ft.params.map((t, i) =>
      fills.has(paramNames[i]) ? expect(fills.get(paramNames[i])!, t, `fill "${paramNames[i]}"`) : null,
    );
    const type: FcnType = { kind: 'fcn', params: ft.params.filter((_t, i) => fill[i] === null), ret: ft.ret };
    return { info: { kind: 'fcn', type }, finish: () => ({ k: 'userref', type, name: name.slice(2), fill }) };
  }
  const fn = library.get(name);
  if (!fn) throw M.unknownFunction.at(pointer(path, 'fcn'), name);
  ctx.used.add(name);
  let chosen: { res: Resolution; fill: (Node | null)[]; type: FcnType } | undefined;
  const resolve = (params: readonly AvroType[]): FcnType | undefined => {
    for (let s = 0; s < fn.signatures.length; s++) {
      const sig = fn.signatures[s];
      if (sig.params.length !== params.length + fills.size) continue;
      if (![...fills.keys()].every((k) => sig.params.some((p) => p.name === k))) continue;
      let next = 0;
      const infos: ArgInfo[] = sig.params.map((p) =>
        fills.has(p.name) ? { kind: 'value', type: fills.get(p.name)!.type } : { kind: 'value', type: params[next++] },
      );
      const res = matchSignature(sig, infos, s);
      if (res) {
        const fill = sig.params.map((p, i) =>
          fills.has(p.name) ? coerce(fills.get(p.name)!, res.params[i] as AvroType) : null,
        );
        const type: FcnType = {
          kind: 'fcn',
          params: res.params.filter((_t, i) => fill[i] === null) as AvroType[],
          ret: res.ret,
        };
        chosen = { res, fill, type };
        return type;
      }
    }
    return undefined;
  };
  return {
    info: { kind: 'libref', resolve },
    finish: () => ({ k: 'libref', type: chosen!.type, fn, resolution: chosen!.res, fill: chosen!.fill }),
  };
}

/** A function argument checked against an already-known function type (the "to" of attr/cell/pool). */
export function checkFcnArg(json: JsonValue, path: string, scope: Scope, ctx: CheckContext, expected: FcnType): FcnArg {
  const p = pendingFcnArg(json as { [k: string]: JsonValue }, path, scope, ctx);
  let type: FcnType | undefined;
  if (p.info.kind === 'libref') type = p.info.resolve(expected.params);
  else if (p.info.kind === 'fcn') type = p.info.type;
  const ok =
    type &&
    type.params.length === expected.params.length &&
    type.params.every((t, i) => accepts(t, expected.params[i])) &&
    accepts(expected.ret, type.ret);
  if (!ok) throw M.badFunctionArgument.at(path, typeToString(expected), type ? typeToString(type) : '');
  return p.finish(expected);
}

import { accepts } from '../types/avro.js';

export function checkCall(name: string, argsJson: JsonValue, path: string, scope: Scope, ctx: CheckContext): Node {
  const { list, single } = argsOf(argsJson);
  const at = (i: number) => (single ? pointer(path, name) : pointer(pointer(path, name), i));
  const sealed = () => scope.child({ sealedAbove: true, sealedWithin: true });

  if (name === 'emit') {
    if (ctx.method !== 'emit') throw M.emitOutsideEmit.at(path);
    if (list.length !== 1) throw M.emitArity.at(path);
    const value = expect(checkExpr(list[0], at(0), sealed(), ctx), ctx.output, '"emit" argument');
    return { k: 'emit', type: T.null, path, value };
  }
  if (name.startsWith('u.')) {
    const ft = ctx.fcnTypes.get(name.slice(2));
    if (!ft) throw M.unknownUserFunction.at(path, name);
    ctx.used.add(name);
    if (list.length !== ft.params.length) throw M.userArity.at(path, name, ft.params.length, list.length);
    const args = list.map((a, i) =>
      expect(checkExpr(a, at(i), sealed(), ctx), ft.params[i], `argument ${i + 1} of "${name}"`),
    );
    return { k: 'ucall', type: ft.ret, path, name: name.slice(2), args };
  }
  const fn = library.get(name);
  if (!fn) throw M.unknownFunction.at(path, name);
  ctx.used.add(name);
  const pending: (Pending | Node)[] = list.map((a, i) =>
    isFcnArgJson(a)
      ? pendingFcnArg(a as { [k: string]: JsonValue }, at(i), scope, ctx)
      : checkExpr(a, at(i), sealed(), ctx),
  );
  const infos: ArgInfo[] = pending.map((p) => ('info' in p ? p.info : { kind: 'value', type: p.type }));
  const res = resolveCall(fn.signatures, infos);
  if (!res) throw noMatch(fn, infos, path);
  const args: Arg[] = pending.map((p, i) => {
    const to = res.params[i];
    if ('info' in p) return { k: 'fcn', fcn: p.finish(to as FcnType), to: to as FcnType };
    return { k: 'value', node: coerce(p, to as AvroType), to: to as AvroType };
  });
  return { k: 'call', type: res.ret, path, fn, resolution: res, args };
}

function noMatch(fn: LibFunction, infos: ArgInfo[], path: string) {
  const given = infos
    .map((a) => (a.kind === 'value' || a.kind === 'fcn' ? typeToString(a.type) : 'function reference'))
    .join(', ');
  const sigs = fn.signatures.map((s) => `  ${fn.name}${s.text}`).join('\n');
  return M.noSignature.at(path, fn.name, given, sigs);
}

/** {"call": ENUM-EXPRESSION, "args": [...]}: calls the user function named by an enum symbol. */
export function checkCallEnum(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const sealed = () => scope.child({ sealedAbove: true, sealedWithin: true });
  const which = checkExpr(o.call, pointer(path, 'call'), sealed(), ctx);
  if (which.type.kind !== 'enum') throw M.callNeedsEnum.at(pointer(path, 'call'), typeToString(which.type));
  if (!Array.isArray(o.args)) throw M.argsShape.at(pointer(path, 'args'));
  const args = o.args.map((a, i) => checkExpr(a, pointer(pointer(path, 'args'), i), sealed(), ctx));
  const names = [...which.type.symbols];
  const rets: AvroType[] = [];
  for (const n of names) {
    const ft = ctx.fcnTypes.get(n);
    if (!ft) throw M.enumNamesNoFunction.at(pointer(path, 'call'), n);
    ctx.used.add(`u.${n}`);
    if (ft.params.length !== args.length || !ft.params.every((t, i) => accepts(t, args[i].type))) {
      throw M.userRejectsArguments.at(pointer(path, 'args'), n);
    }
    rets.push(ft.ret);
  }
  const type = narrowest(rets);
  if (!type) throw M.enumReturnsDiffer.at(path);
  // Arguments are converted per function at run time (backend), since parameter types may differ.
  return { k: 'callenum', type, path, which, names, args };
}
