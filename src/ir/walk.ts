/**
 * The direct children of a typed-tree node, in evaluation order: for analyses that must see every
 * expression of a routine (inline function bodies and path steps included), such as the Wasm
 * lowering's fusion plan. The switch is exhaustive: a new node kind fails to compile here.
 */
import { FcnArg, Node, PathStep, isNode } from './tree.js';

export function children(n: Node): Node[] {
  switch (n.k) {
    case 'literal':
    case 'symbol':
    case 'error':
      return [];
    case 'let':
    case 'set':
      return [...n.values];
    case 'call':
      return n.args.flatMap((a) => (a.k === 'value' ? [a.node] : fcnArgChildren(a.fcn)));
    case 'ucall':
      return [...n.args];
    case 'newarray':
      return [...n.items];
    case 'callenum':
      return [n.which, ...n.args];
    case 'emit':
    case 'convert':
      return [n.value];
    case 'do':
      return [...n.body];
    case 'if':
      return [n.cond, n.then, ...(n.else ? [n.else] : [])];
    case 'cond':
      return [...n.clauses.flatMap((c) => [c.cond, c.then]), ...(n.else ? [n.else] : [])];
    case 'while':
      return [n.cond, n.body];
    case 'until':
      return [n.body, n.cond];
    case 'for':
      return [n.init, n.cond, n.step, n.body];
    case 'foreach':
      return [n.array, n.body];
    case 'forkeyval':
      return [n.map, n.body];
    case 'newmap':
    case 'newrecord':
      return [...n.values];
    case 'attr':
      return [n.target, ...stepChildren(n.steps), ...toChildren(n.to)];
    case 'cell':
      return [...stepChildren(n.steps), ...toChildren(n.to)];
    case 'pool':
      return [...stepChildren(n.steps), ...toChildren(n.to), ...(n.init ? [n.init] : [])];
    case 'pooldel':
      return [n.key];
    case 'cast':
      return [n.value, ...n.cases.map((c) => c.body)];
    case 'ifnotnull':
      return [...n.values, n.then, ...(n.else ? [n.else] : [])];
    case 'try':
      return [n.value];
    case 'log':
      return [...n.values];
    case 'pack':
      return n.items.map((i) => i.value);
    case 'unpack':
      return [n.bytes, n.then, ...(n.else ? [n.else] : [])];
  }
}

/** Calls `visit` on `root` and every node below it, parents first. */
export function eachNode(root: Node, visit: (n: Node) => void): void {
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    visit(n);
    const below = children(n);
    for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]);
  }
}

function fcnArgChildren(f: FcnArg): Node[] {
  switch (f.k) {
    case 'fcndef':
      return [f.body];
    case 'userref':
    case 'libref':
      return f.fill.filter((x): x is Node => x !== null);
    case 'emitref':
      return [];
  }
}

function stepChildren(steps: readonly PathStep[]): Node[] {
  return steps.flatMap((s) => (s.kind === 'field' ? [] : [s.expr]));
}

function toChildren(to: Node | FcnArg | null): Node[] {
  if (to === null) return [];
  return isNode(to) ? [to] : fcnArgChildren(to);
}
