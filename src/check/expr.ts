/**
 * Type-checking expressions (spec sec. 5): turns the JSON of one expression into a typed node.
 * Each special form is recognised by its keys; a one-key object that is no special form is a
 * function call (checked in calls.ts); a string is a symbol or a dotted path.
 */
import { AvroType, T, accepts, arrayOf, typeToString, unionOf } from '../types/avro.js';
import { Node } from '../ir/tree.js';
import { Scope } from './scope.js';
import { JsonValue } from '../document/json.js';
import { PfaError, pointer } from '../errors/PfaError.js';
import { checkMessages as M } from '../errors/checkMessages.js';
import {
  CheckContext,
  bottoms,
  coerce,
  expect,
  isBottom,
  isObject,
  joinTypes,
  keysOf,
  requireBoolean,
  requireString,
} from './context.js';
import { checkCall, checkCallEnum } from './calls.js';
import { checkAttr, checkCell, checkDotted, checkPool } from './paths.js';
import { checkLiteral, literalForm } from './literals.js';
import { checkNew } from './new.js';
import { checkPack, checkUnpack } from './pack.js';

const INT_MIN = -2147483648n,
  INT_MAX = 2147483647n;
const LONG_MIN = -(2n ** 63n),
  LONG_MAX = 2n ** 63n - 1n;

/** Checks one expression. */
export function checkExpr(json: JsonValue, path: string, scope: Scope, ctx: CheckContext): Node {
  if (json === null) return { k: 'literal', type: T.null, path, value: null };
  if (typeof json === 'boolean') return { k: 'literal', type: T.boolean, path, value: json };
  if (typeof json === 'bigint') {
    if (json >= INT_MIN && json <= INT_MAX) return { k: 'literal', type: T.int, path, value: Number(json) };
    if (json >= LONG_MIN && json <= LONG_MAX) return { k: 'literal', type: T.long, path, value: json };
    throw M.integerTooLarge.at(path, String(json));
  }
  if (typeof json === 'number') return { k: 'literal', type: T.double, path, value: json };
  if (typeof json === 'string') return checkSymbol(json, path, scope);
  if (Array.isArray(json)) {
    if (json.length === 1 && typeof json[0] === 'string') return { k: 'literal', type: T.string, path, value: json[0] };
    throw M.arrayNotExpression.at(path);
  }
  return checkForm(json, path, scope, ctx);
}

/** A block: one expression or an array of them; its value is the last one's. */
export function checkBlock(json: JsonValue, path: string, scope: Scope, ctx: CheckContext): Node {
  const exprs = Array.isArray(json) ? json : [json];
  if (exprs.length === 0) throw M.emptyBlock.at(path);
  const body = exprs.map((e, i) => checkExpr(e, Array.isArray(json) ? pointer(path, i) : path, scope, ctx));
  if (body.length === 1) return body[0];
  const last = body[body.length - 1];
  const node: Node = { k: 'do', type: last.type, path, body };
  if (isBottom(last)) bottoms.add(node);
  return node;
}

function checkSymbol(name: string, path: string, scope: Scope): Node {
  if (name.includes('.')) return checkDotted(name, path, scope);
  const sym = scope.lookup(name);
  if (!sym) throw M.unknownSymbol.at(path, name);
  return { k: 'symbol', type: sym.type, path, slot: sym.slot, name };
}

function checkForm(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const keys = keysOf(o);
  const has = (k: string) => keys.includes(k);
  const at = (k: string) => pointer(path, k);
  const only = (...allowed: string[]) => {
    const extra = keys.find((k) => !allowed.includes(k));
    if (extra) throw M.unexpectedKey.at(at(extra), extra);
  };
  const lit = literalForm(keys);
  if (lit) return checkLiteral(o, lit, path, ctx);
  if (has('new')) {
    only('new', 'type');
    return checkNew(o, path, scope, ctx);
  }
  if (has('do') && has('until')) {
    only('do', 'until');
    const body = checkBlock(o.do, at('do'), scope.child(), ctx);
    const cond = expect(
      checkExpr(o.until, at('until'), scope.child({ sealedAbove: true, sealedWithin: true }), ctx),
      T.boolean,
      '"until" condition',
    );
    return { k: 'until', type: T.null, path, body, cond };
  }
  if (has('while') && !has('for')) {
    only('while', 'do');
    const cond = expect(
      checkExpr(o.while, at('while'), scope.child({ sealedAbove: true, sealedWithin: true }), ctx),
      T.boolean,
      '"while" condition',
    );
    const body = checkBlock(o.do ?? null, at('do'), scope.child(), ctx);
    return { k: 'while', type: T.null, path, cond, body };
  }
  if (has('do') && keys.length === 1) {
    const body = checkBlock(o.do, at('do'), scope.child(), ctx);
    if (body.k === 'do') return { ...body, path };
    const node: Node = { k: 'do', type: body.type, path, body: [body] };
    if (isBottom(body)) bottoms.add(node);
    return node;
  }
  if (has('let') || has('set')) return checkLetSet(o, has('let') ? 'let' : 'set', path, scope, ctx);
  if (has('attr')) {
    only('attr', 'path', 'to');
    return checkAttr(o, path, scope, ctx);
  }
  if (has('cell')) {
    only('cell', 'path', 'to');
    return checkCell(o, path, scope, ctx);
  }
  if (has('pool')) {
    only('pool', 'path', 'to', 'init', 'del');
    return checkPool(o, path, scope, ctx);
  }
  if (has('if')) {
    only('if', 'then', 'else');
    return checkIf(o, path, scope, ctx);
  }
  if (has('cond')) {
    only('cond', 'else');
    return checkCond(o, path, scope, ctx);
  }
  if (has('for')) {
    only('for', 'while', 'step', 'do');
    return checkFor(o, path, scope, ctx);
  }
  if (has('foreach')) {
    only('foreach', 'in', 'do', 'seq');
    return checkForeach(o, path, scope, ctx);
  }
  if (has('forkey')) {
    only('forkey', 'forval', 'in', 'do');
    return checkForkeyForval(o, path, scope, ctx);
  }
  if (has('cast')) {
    only('cast', 'cases', 'partial');
    return checkCast(o, path, scope, ctx);
  }
  if (has('upcast')) {
    only('upcast', 'as');
    const to = ctx.names.build(o.as, at('as'));
    const value = checkExpr(o.upcast, at('upcast'), scope.child({ sealedAbove: true, sealedWithin: true }), ctx);
    expect(value, to, '"upcast"');
    return { k: 'convert', type: to, path, value };
  }
  if (has('ifnotnull')) {
    only('ifnotnull', 'then', 'else');
    return checkIfNotNull(o, path, scope, ctx);
  }
  if (has('doc')) {
    only('doc');
    requireString(o.doc, '"doc"', at('doc'));
    return { k: 'literal', type: T.null, path, value: null };
  }
  if (has('error')) {
    only('error', 'code');
    const message = requireString(o.error, '"error" message', at('error'));
    let code: number | undefined;
    if (has('code')) {
      if (typeof o.code !== 'bigint' || o.code >= 0n) throw M.userErrorCode.at(at('code'));
      code = Number(o.code);
    }
    const node: Node = { k: 'error', type: T.null, path, message, code };
    bottoms.add(node);
    return node;
  }
  if (has('try')) {
    only('try', 'filter');
    const value = checkBlock(o.try, at('try'), scope.child({ sealedAbove: false }), ctx);
    let filter: (string | number)[] | null = null;
    if (has('filter')) {
      if (!Array.isArray(o.filter) || !o.filter.every((f) => typeof f === 'string' || typeof f === 'bigint')) {
        throw M.badFilter.at(at('filter'));
      }
      filter = o.filter.map((f) => (typeof f === 'bigint' ? Number(f) : (f as string)));
    }
    return { k: 'try', type: unionOf([value.type, T.null]), path, value, filter };
  }
  if (has('log')) {
    only('log', 'namespace');
    const exprs = Array.isArray(o.log) ? o.log : [o.log];
    const values = exprs.map((e, i) =>
      checkExpr(
        e,
        Array.isArray(o.log) ? pointer(at('log'), i) : at('log'),
        scope.child({ sealedAbove: true, sealedWithin: true }),
        ctx,
      ),
    );
    const namespace = has('namespace') ? requireString(o.namespace, '"namespace"', at('namespace')) : null;
    return { k: 'log', type: T.null, path, values, namespace };
  }
  if (has('call') && has('args')) {
    only('call', 'args');
    return checkCallEnum(o, path, scope, ctx);
  }
  if (has('pack')) {
    only('pack');
    return checkPack(o, path, scope, ctx);
  }
  if (has('unpack')) {
    only('unpack', 'format', 'then', 'else');
    return checkUnpack(o, path, scope, ctx);
  }
  if (has('fcn') || has('params')) throw M.fcnNotArgument.at(path);
  if (keys.length !== 1) throw M.notAForm.at(path, keys.join(', '));
  return checkCall(keys[0], o[keys[0]], path, scope, ctx);
}

function checkLetSet(
  o: { [k: string]: JsonValue },
  form: 'let' | 'set',
  path: string,
  scope: Scope,
  ctx: CheckContext,
): Node {
  const keys = keysOf(o);
  if (keys.length !== 1) throw M.unexpectedKeysBeside.at(path, form);
  const bindings = o[form];
  const at = pointer(path, form);
  if (!isObject(bindings) || keysOf(bindings).length === 0) throw M.bindingsShape.at(at, form);
  const names = keysOf(bindings);
  const inner = scope.child({ sealedAbove: form === 'let', sealedWithin: true });
  const values = names.map((n) => checkExpr(bindings[n], pointer(at, n), inner, ctx));
  if (form === 'let') {
    const slots = names.map((n, i) => {
      const v = values[i];
      if (isBottom(v)) throw M.neverAssigned.at(pointer(at, n), n);
      return scope.declare(n, v.type, pointer(at, n));
    });
    return { k: 'let', type: T.null, path, slots, values };
  }
  const slots: number[] = [];
  const coerced = names.map((n, i) => {
    const sym = scope.assignable(n, pointer(at, n));
    slots.push(sym.slot);
    return expect(values[i], sym.type, `"set" of "${n}"`);
  });
  return { k: 'set', type: T.null, path, slots, values: coerced };
}

function checkIf(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const cond = expect(
    checkExpr(o.if, pointer(path, 'if'), scope.child({ sealedAbove: true, sealedWithin: true }), ctx),
    T.boolean,
    '"if" condition',
  );
  if (!('then' in o)) throw M.needsThen.at(path, 'if');
  const then = checkBlock(o.then, pointer(path, 'then'), scope.child(), ctx);
  if (!('else' in o)) return { k: 'if', type: T.null, path, cond, then, else: null };
  const els = checkBlock(o.else, pointer(path, 'else'), scope.child(), ctx);
  const type = joinTypes([then, els], path);
  const node: Node = { k: 'if', type, path, cond, then: coerce(then, type), else: coerce(els, type) };
  if (isBottom(then) && isBottom(els)) bottoms.add(node);
  return node;
}

function checkCond(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const at = pointer(path, 'cond');
  if (!Array.isArray(o.cond) || o.cond.length === 0) throw M.condShape.at(at);
  const clauses = o.cond.map((c, i) => {
    const cp = pointer(at, i);
    if (!isObject(c) || !('if' in c) || !('then' in c) || keysOf(c).some((k) => k !== 'if' && k !== 'then')) {
      throw M.condClauseShape.at(cp);
    }
    const cond = expect(
      checkExpr(c.if, pointer(cp, 'if'), scope.child({ sealedAbove: true, sealedWithin: true }), ctx),
      T.boolean,
      '"cond" condition',
    );
    return { cond, then: checkBlock(c.then, pointer(cp, 'then'), scope.child(), ctx) };
  });
  if (!('else' in o)) return { k: 'cond', type: T.null, path, clauses, else: null };
  const els = checkBlock(o.else, pointer(path, 'else'), scope.child(), ctx);
  const type = joinTypes([...clauses.map((c) => c.then), els], path);
  const node: Node = {
    k: 'cond',
    type,
    path,
    clauses: clauses.map((c) => ({ cond: c.cond, then: coerce(c.then, type) })),
    else: coerce(els, type),
  };
  if (clauses.every((c) => isBottom(c.then)) && isBottom(els)) bottoms.add(node);
  return node;
}

function checkFor(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const loop = scope.child();
  const init = checkLetSet({ let: o.for }, 'let', pointer(path, 'for'), loop, ctx);
  if (!('while' in o) || !('step' in o) || !('do' in o)) throw M.forNeeds.at(path);
  const cond = expect(
    checkExpr(o.while, pointer(path, 'while'), loop.child({ sealedAbove: true, sealedWithin: true }), ctx),
    T.boolean,
    '"for" condition',
  );
  const step = checkLetSet({ set: o.step }, 'set', pointer(path, 'step'), loop, ctx);
  const body = checkBlock(o.do, pointer(path, 'do'), loop.child(), ctx);
  return { k: 'for', type: T.null, path, init, cond, step, body };
}

function checkForeach(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const name = requireString(o.foreach, '"foreach"', pointer(path, 'foreach'));
  const array = checkExpr(o.in, pointer(path, 'in'), scope.child({ sealedAbove: true, sealedWithin: true }), ctx);
  if (array.type.kind !== 'array') throw M.foreachNotArray.at(pointer(path, 'in'), typeToString(array.type));
  const seq = 'seq' in o ? requireBoolean(o.seq, '"seq"', pointer(path, 'seq')) : true;
  const loop = scope.child({ sealedAbove: !seq });
  const slot = loop.declare(name, array.type.items, pointer(path, 'foreach'));
  const body = checkBlock(o.do, pointer(path, 'do'), loop, ctx);
  return { k: 'foreach', type: T.null, path, slot, array, body };
}

function checkForkeyForval(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const key = requireString(o.forkey, '"forkey"', pointer(path, 'forkey'));
  const val = requireString(o.forval, '"forval"', pointer(path, 'forval'));
  const map = checkExpr(o.in, pointer(path, 'in'), scope.child({ sealedAbove: true, sealedWithin: true }), ctx);
  if (map.type.kind !== 'map') throw M.forkeyNotMap.at(pointer(path, 'in'), typeToString(map.type));
  const loop = scope.child();
  const keySlot = loop.declare(key, T.string, pointer(path, 'forkey'));
  const valueSlot = loop.declare(val, map.type.values, pointer(path, 'forval'));
  const body = checkBlock(o.do, pointer(path, 'do'), loop, ctx);
  return { k: 'forkeyval', type: T.null, path, keySlot, valueSlot, map, body };
}

function checkCast(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const value = checkExpr(o.cast, pointer(path, 'cast'), scope.child({ sealedAbove: true, sealedWithin: true }), ctx);
  const partial = 'partial' in o ? requireBoolean(o.partial, '"partial"', pointer(path, 'partial')) : false;
  const at = pointer(path, 'cases');
  if (!Array.isArray(o.cases) || o.cases.length === 0) throw M.casesShape.at(at);
  const cases = o.cases.map((c, i) => {
    const cp = pointer(at, i);
    if (!isObject(c)) throw M.caseShape.at(cp);
    const type = ctx.names.build(c.as, pointer(cp, 'as'));
    if (!accepts(value.type, type))
      throw M.caseNeverMatches.at(pointer(cp, 'as'), typeToString(type), typeToString(value.type));
    const inner = scope.child();
    const slot = inner.declare(requireString(c.named, '"named"', pointer(cp, 'named')), type, pointer(cp, 'named'));
    return { type, slot, body: checkBlock(c.do, pointer(cp, 'do'), inner, ctx) };
  });
  if (!partial) {
    const branches = value.type.kind === 'union' ? value.type.types : [value.type];
    const missing = branches.find((b) => !cases.some((c) => accepts(c.type, b)));
    if (missing) throw M.castNotCovered.at(at, typeToString(missing));
    const type = joinTypes(
      cases.map((c) => c.body),
      path,
    );
    const node: Node = {
      k: 'cast',
      type,
      path,
      value,
      partial,
      cases: cases.map((c) => ({ ...c, body: coerce(c.body, type) })),
    };
    if (cases.every((c) => isBottom(c.body))) bottoms.add(node);
    return node;
  }
  return { k: 'cast', type: T.null, path, value, partial, cases };
}

function checkIfNotNull(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const at = pointer(path, 'ifnotnull');
  if (!isObject(o.ifnotnull) || keysOf(o.ifnotnull).length === 0) throw M.bindingsShape.at(at, 'ifnotnull');
  const bindings = o.ifnotnull;
  const names = keysOf(bindings);
  const sealed = scope.child({ sealedAbove: true, sealedWithin: true });
  const values = names.map((n) => checkExpr(bindings[n], pointer(at, n), sealed, ctx));
  const inner = scope.child();
  const slots = names.map((n, i) => {
    const t = values[i].type;
    if (t.kind !== 'union' || !t.types.some((b) => b.kind === 'null')) {
      throw M.ifnotnullNeedsUnion.at(pointer(at, n), n, typeToString(t));
    }
    // (Avro's one-branch ["null"] is a union with null, but leaves "n" no type when not null)
    if (t.types.length === 1) throw M.ifnotnullNeedsOther.at(pointer(at, n), n, typeToString(t));
    return inner.declare(n, unionOf(t.types.filter((b) => b.kind !== 'null')), pointer(at, n));
  });
  if (!('then' in o)) throw M.needsThen.at(path, 'ifnotnull');
  const then = checkBlock(o.then, pointer(path, 'then'), inner, ctx);
  if (!('else' in o)) return { k: 'ifnotnull', type: T.null, path, slots, values, then, else: null };
  const els = checkBlock(o.else, pointer(path, 'else'), scope.child(), ctx);
  const type = joinTypes([then, els], path);
  return { k: 'ifnotnull', type, path, slots, values, then: coerce(then, type), else: coerce(els, type) };
}

export function arrayType(items: AvroType): AvroType {
  return arrayOf(items);
}

export { PfaError };
