/**
 * The short-circuit operators: their second argument is not a value (the checker passes it as a
 * thunk, `lazy` in the registry), so they are lowered here, not through a Wasm form.
 */
import { UnionType } from '../../../types/avro.js';
import { Node } from '../../../ir/tree.js';
import { NotLowerable } from '../types.js';
import { Fn } from './fn.js';
import { convert } from './convert.js';
import type { Module } from './module.js';
import { lowerExpr } from './expr.js';

type CallNode = Extract<Node, { k: 'call' }>;

/** &&, ||, &&& and ||| evaluate their second argument only when the first leaves the answer open. */
export function lowerLazy(m: Module, fn: Fn, n: CallNode): string {
  const arg = (i: number) => (n.args[i] as Extract<CallNode['args'][number], { k: 'value' }>).node;
  const name = n.fn.name;
  if (name === '&&' || name === '||') {
    const out = fn.temp('bool', lowerExpr(m, fn, arg(0)));
    fn.if_(name === '&&' ? out : `!${out}`, () => fn.emit(`${out} = ${lowerExpr(m, fn, arg(1))};`));
    return out;
  }
  if (name === '&&&' || name === '|||') {
    // Values are union<boolean, null>: tag 0 boolean (field holds it), tag 1 null.
    const u = n.type as UnionType;
    const ts = m.types;
    const uc = ts.union(u, n.path);
    const nullTag = u.types.findIndex((t) => t.kind === 'null');
    const boolTag = 1 - nullTag;
    const decisive = name === '&&&' ? 'false' : 'true';
    const out = fn.local(uc.name);
    const is = (v: string, b: string) => `${ts.tagOf(u, v)} == ${boolTag} && ${ts.branchOf(u, boolTag, v)} == ${b}`;
    // (an argument may be a boolean, Avro's one-branch ["boolean"], or the union in another order)
    const x = convert(fn, lowerExpr(m, fn, arg(0)), arg(0).type, u);
    fn.block(`if (${is(x, decisive)}) { ${out} = ${x}; } else`, () => {
      const y = convert(fn, lowerExpr(m, fn, arg(1)), arg(1).type, u);
      fn.emit(`if (${is(y, decisive)}) { ${out} = ${y}; }`);
      fn.emit(`else if (${ts.tagOf(u, x)} == ${boolTag} && ${ts.tagOf(u, y)} == ${boolTag}) { ${out} = ${x}; }`);
      fn.emit(`else { ${out} = ${ts.makeUnion(u, nullTag)}; }`);
    });
    return out;
  }
  throw new NotLowerable(`${name} has no Wasm form yet`, n.path);
}
