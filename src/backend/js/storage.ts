/**
 * attr, cell and pool on the JS backend: a read walks the path (paths.ts); an update (`to`) applies
 * a value or a function to the leaf and copies every container along the path, so values stay
 * immutable and a pool's new key gets its `init` first.
 */
import { FcnArg, Node } from '../../ir/tree.js';
import { AvroType } from '../../types/avro.js';
import { Value } from '../../values.js';
import type { JsCompiler } from './compile.js';
import { Compiled } from './state.js';
import { compileFcnArg } from './calls.js';
import { compileSteps, evalKeys, getPath, setPath } from './paths.js';

export function compileAttr(jc: JsCompiler, n: Extract<Node, { k: 'attr' }>): Compiled {
  const target = jc.compile(n.target);
  const steps = compileSteps(n.steps, (x) => jc.compile(x));
  const code = n.code;
  if (!n.to) return (f) => getPath(target(f), steps, evalKeys(steps, f), code);
  const leafType = leafOf(n);
  const to = toFunction(jc, n.to, leafType);
  return (f) => {
    const root = target(f);
    const keys = evalKeys(steps, f);
    const update = to(f) as (v: Value) => Value;
    return setPath(root, steps, keys, 0, code, update);
  };
}

export function compileCell(jc: JsCompiler, n: Extract<Node, { k: 'cell' }>): Compiled {
  const rt = jc.rt,
    name = n.name,
    code = n.code;
  const steps = compileSteps(n.steps, (x) => jc.compile(x));
  if (!n.to) {
    if (steps.length === 0) return () => rt.cells.get(name);
    return (f) => getPath(rt.cells.get(name), steps, evalKeys(steps, f), code);
  }
  const to = toFunction(jc, n.to, n.steps.length === 0 ? n.type : leafTypeOfCell(n));
  return (f) => {
    const keys = evalKeys(steps, f);
    const update = to(f) as (v: Value) => Value;
    const next = setPath(rt.cells.get(name), steps, keys, 0, code, update);
    rt.cells.set(name, next);
    return next;
  };
}

export function compilePool(jc: JsCompiler, n: Extract<Node, { k: 'pool' }>): Compiled {
  const rt = jc.rt,
    name = n.name,
    code = n.code;
  const steps = compileSteps(n.steps, (x) => jc.compile(x));
  if (!n.to) return (f) => getPath(rt.pools.get(name), steps, evalKeys(steps, f), code);
  const to = toFunction(jc, n.to, leafTypeOfPool(n));
  const init = jc.compile(n.init!);
  return (f) => {
    const keys = evalKeys(steps, f);
    let pool = rt.pools.get(name)!;
    const item = keys[0] as string;
    if (!pool.has(item)) {
      pool = new Map(pool);
      pool.set(item, init(f));
    }
    const update = to(f) as (v: Value) => Value;
    const next = setPath(pool, steps, keys, 0, code, update) as Map<string, Value>;
    rt.pools.set(name, next);
    return next.get(item);
  };
}

function toFunction(jc: JsCompiler, to: Node | FcnArg, type: AvroType): Compiled {
  if ('k' in to && (to.k === 'fcndef' || to.k === 'userref' || to.k === 'libref' || to.k === 'emitref')) {
    return compileFcnArg(jc, to as FcnArg, { kind: 'fcn', params: [type], ret: type });
  }
  const v = jc.compile(to as Node);
  return (f) => {
    const x = v(f);
    return () => x;
  };
}

function walkType(t: AvroType, steps: Extract<Node, { k: 'attr' }>['steps']): AvroType {
  for (const s of steps) {
    if (s.kind === 'field' && t.kind === 'record') t = t.fields.find((g) => g.name === s.name)!.type;
    else if (s.kind === 'index' && t.kind === 'array') t = t.items;
    else if (s.kind === 'key' && t.kind === 'map') t = t.values;
  }
  return t;
}

function leafOf(n: Extract<Node, { k: 'attr' }>): AvroType {
  return walkType(n.target.type, n.steps);
}

function leafTypeOfCell(n: Extract<Node, { k: 'cell' }>): AvroType {
  return walkType(n.type, n.steps);
}

function leafTypeOfPool(n: Extract<Node, { k: 'pool' }>): AvroType {
  return walkType({ kind: 'map', values: n.type }, n.steps);
}
