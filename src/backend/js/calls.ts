/**
 * Library calls on the JS backend: a call compiled to a closure over the function's JS form, and
 * a function argument (fcndef, a named user or library function with some arguments filled, or
 * emit) compiled to a closure that yields a plain JS function in a frame.
 */
import { FcnArg, Node } from '../../ir/tree.js';
import { FcnType } from '../../types/avro.js';
import { Value } from '../../values.js';
import { CallSite, LibFunction, makeFail } from '../../lib/registry.js';
import { Resolution } from '../../types/match.js';
import type { JsCompiler } from './compile.js';
import { Compiled, JsState, withPath } from './state.js';
import { converter } from './convert.js';

/** The call site a library function's JS form is made for: its resolved types and the engine's generator. */
function callSite(fn: LibFunction, res: Resolution, rt: JsState): CallSite {
  return {
    params: res.params,
    ret: res.ret,
    bindings: res.bindings,
    sig: res.sig,
    engine: { random: () => rt.rng.random() },
    fail: makeFail(fn),
  };
}

export function compileCall(jc: JsCompiler, n: Extract<Node, { k: 'call' }>): Compiled {
  const impl = n.fn.js(callSite(n.fn, n.resolution, jc.rt));
  const path = n.path;
  const args: Compiled[] = n.args.map((a) => (a.k === 'value' ? jc.compile(a.node) : compileFcnArg(jc, a.fcn, a.to)));
  const run = (...xs: Value[]) => {
    try {
      return impl(...xs);
    } catch (e) {
      throw withPath(e, path);
    }
  };
  if (n.fn.lazy) {
    return (f) => run(...args.map((a) => () => a(f)));
  }
  switch (args.length) {
    case 0:
      return () => run();
    case 1: {
      const [a] = args;
      return (f) => run(a(f));
    }
    case 2: {
      const [a, b] = args;
      return (f) => run(a(f), b(f));
    }
    case 3: {
      const [a, b, c] = args;
      return (f) => run(a(f), b(f), c(f));
    }
    default:
      return (f) => run(...args.map((a) => a(f)));
  }
}

/** A function argument, as a closure that yields a plain JS function when evaluated in a frame. */
export function compileFcnArg(jc: JsCompiler, fa: FcnArg, to: FcnType): Compiled {
  const rt = jc.rt;
  switch (fa.k) {
    case 'fcndef': {
      const body = jc.compile(fa.body),
        slots = fa.slots;
      const convs = to.params.map((t, i) => converter(t, fa.type.params[i]));
      const ret = converter(fa.type.ret, to.ret);
      return (f) =>
        (...args: Value[]) => {
          for (let i = 0; i < slots.length; i++) f[slots[i]] = convs[i](args[i]);
          return ret(body(f));
        };
    }
    case 'userref': {
      const target = jc.fcns.get(fa.name)!.type;
      const fill = fa.fill.map((x) => (x ? jc.compile(x) : null));
      const open = fa.type.params.map((t, i) => converter(to.params[i], t));
      const ret = converter(target.ret, to.ret);
      const name = fa.name;
      return (f) => {
        const filled = fill.map((x) => (x ? x(f) : undefined));
        const g = rt.fcns.get(name)!;
        return (...args: Value[]) => {
          let j = 0;
          const all = filled.map((x, i) => (fill[i] ? x : open[j](args[j++])));
          return ret(g(...all));
        };
      };
    }
    case 'libref': {
      const res = fa.resolution;
      const impl = fa.fn.js(callSite(fa.fn, res, rt));
      const fill = fa.fill.map((x) => (x ? jc.compile(x) : null));
      const ret = converter(res.ret, to.ret);
      if (fill.every((x) => x === null))
        return () =>
          (...args: Value[]) =>
            ret(impl(...args));
      return (f) => {
        const filled = fill.map((x) => (x ? x(f) : undefined));
        return (...args: Value[]) => {
          let j = 0;
          return ret(impl(...filled.map((x, i) => (fill[i] ? x : args[j++]))));
        };
      };
    }
    case 'emitref':
      return () => (v: Value) => {
        rt.emit(v);
        return null;
      };
  }
}
