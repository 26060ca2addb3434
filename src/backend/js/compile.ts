/**
 * The JS backend (DESIGN.md decision 2): the typed tree compiled to closures, one per node,
 * chosen at compile time. No eval, no `new Function`: safe under a browser's CSP. This is the
 * reference semantics that the Wasm backend is checked against.
 */
import { PfaError } from '../../errors/PfaError.js';
import { FcnArg, Node, UserFunction } from '../../ir/tree.js';
import { AvroType, FcnType, UnionType, accepts } from '../../types/avro.js';
import { Value, branchIndex, branchValue, isInstance, makeRecord } from '../../values.js';
import { CallSite, makeFail } from '../../lib/registry.js';
import { Compiled, Frame, JsState, withPath } from './state.js';
import { converter } from './convert.js';
import { compileSteps, evalKeys, getPath, setPath } from './paths.js';
import { packValues, unpackBytes } from './pack.js';

export class JsCompiler {
  constructor(
    private readonly rt: JsState,
    private readonly fcns: ReadonlyMap<string, UserFunction>,
  ) {}

  /** Compiles a user function into a callable; calls check the clock (deep recursion, long loops). */
  userFunction(fn: UserFunction): (...args: Value[]) => Value {
    const body = this.compile(fn.body);
    const { paramSlots, frameSize } = fn;
    const rt = this.rt;
    return (...args: Value[]) => {
      rt.checkClock();
      const f: Frame = new Array(frameSize);
      for (let i = 0; i < paramSlots.length; i++) f[paramSlots[i]] = args[i];
      return body(f);
    };
  }

  compile(n: Node): Compiled {
    const rt = this.rt;
    switch (n.k) {
      case 'literal': {
        const v = n.value;
        return () => v;
      }
      case 'symbol': {
        const s = n.slot;
        return (f) => f[s];
      }
      case 'let':
      case 'set': {
        const slots = n.slots;
        const values = n.values.map((v) => this.compile(v));
        if (slots.length === 1) {
          const s = slots[0],
            v = values[0];
          return (f) => {
            f[s] = v(f);
            return null;
          };
        }
        return (f) => {
          const vs = values.map((v) => v(f)); // all right-hand sides see the old values
          for (let i = 0; i < slots.length; i++) f[slots[i]] = vs[i];
          return null;
        };
      }
      case 'call':
        return this.call(n);
      case 'ucall': {
        const args = n.args.map((a) => this.compile(a));
        const name = n.name;
        let target: ((...a: Value[]) => Value) | undefined;
        return (f) => {
          target ??= rt.fcns.get(name)!;
          return target(...args.map((a) => a(f)));
        };
      }
      case 'callenum': {
        const which = this.compile(n.which);
        const args = n.args.map((a) => this.compile(a));
        const argTypes = n.args.map((a) => a.type);
        const convs = new Map(
          n.names.map((name) => {
            const ft = this.fcns.get(name)!.type;
            return [
              name,
              { params: ft.params.map((t, i) => converter(argTypes[i], t)), ret: converter(ft.ret, n.type) },
            ];
          }),
        );
        return (f) => {
          const name = which(f) as string;
          const c = convs.get(name)!;
          const out = rt.fcns.get(name)!(...args.map((a, i) => c.params[i](a(f))));
          return c.ret(out);
        };
      }
      case 'emit': {
        const v = this.compile(n.value);
        return (f) => {
          rt.emit(v(f));
          return null;
        };
      }
      case 'convert': {
        const v = this.compile(n.value);
        const c = converter(n.value.type, n.type);
        return (f) => c(v(f));
      }
      case 'do': {
        const body = n.body.map((b) => this.compile(b));
        if (body.length === 1) return body[0];
        const last = body.length - 1;
        return (f) => {
          for (let i = 0; i < last; i++) body[i](f);
          return body[last](f);
        };
      }
      case 'if': {
        const c = this.compile(n.cond),
          t = this.compile(n.then);
        if (!n.else)
          return (f) => {
            if (c(f)) t(f);
            return null;
          };
        const e = this.compile(n.else);
        return (f) => (c(f) ? t(f) : e(f));
      }
      case 'cond': {
        const clauses = n.clauses.map((cl) => ({ c: this.compile(cl.cond), t: this.compile(cl.then) }));
        const e = n.else ? this.compile(n.else) : null;
        const value = e !== null;
        return (f) => {
          for (const cl of clauses)
            if (cl.c(f)) {
              const r = cl.t(f);
              return value ? r : null;
            }
          return e ? e(f) : null;
        };
      }
      case 'while': {
        const c = this.compile(n.cond),
          b = this.compile(n.body);
        return (f) => {
          while (c(f)) {
            rt.checkClock();
            b(f);
          }
          return null;
        };
      }
      case 'until': {
        const c = this.compile(n.cond),
          b = this.compile(n.body);
        return (f) => {
          do {
            rt.checkClock();
            b(f);
          } while (!c(f));
          return null;
        };
      }
      case 'for': {
        const init = this.compile(n.init),
          c = this.compile(n.cond),
          step = this.compile(n.step),
          b = this.compile(n.body);
        return (f) => {
          for (init(f); c(f); step(f)) {
            rt.checkClock();
            b(f);
          }
          return null;
        };
      }
      case 'foreach': {
        const arr = this.compile(n.array),
          b = this.compile(n.body),
          s = n.slot;
        return (f) => {
          const a = arr(f) as Value[];
          for (let i = 0; i < a.length; i++) {
            rt.checkClock();
            f[s] = a[i];
            b(f);
          }
          return null;
        };
      }
      case 'forkeyval': {
        const m = this.compile(n.map),
          b = this.compile(n.body),
          ks = n.keySlot,
          vs = n.valueSlot;
        return (f) => {
          for (const [k, v] of m(f) as Map<string, Value>) {
            rt.checkClock();
            f[ks] = k;
            f[vs] = v;
            b(f);
          }
          return null;
        };
      }
      case 'newarray': {
        const items = n.items.map((i) => this.compile(i));
        return (f) => items.map((i) => i(f));
      }
      case 'newmap': {
        const keys = n.keys,
          values = n.values.map((v) => this.compile(v));
        return (f) => {
          const m = new Map<string, Value>();
          for (let i = 0; i < keys.length; i++) m.set(keys[i], values[i](f));
          return m;
        };
      }
      case 'newrecord': {
        const fields = n.fields,
          values = n.values.map((v) => this.compile(v));
        return (f) => {
          const r = makeRecord();
          for (let i = 0; i < fields.length; i++) r[fields[i]] = values[i](f);
          return r;
        };
      }
      case 'attr':
        return this.attr(n);
      case 'cell':
        return this.cell(n);
      case 'pool':
        return this.pool(n);
      case 'pooldel': {
        const key = this.compile(n.key),
          name = n.name;
        return (f) => {
          const p = rt.pools.get(name)!;
          const k = key(f) as string;
          if (p.has(k)) {
            const q = new Map(p);
            q.delete(k);
            rt.pools.set(name, q);
          }
          return null;
        };
      }
      case 'cast':
        return this.cast(n);
      case 'ifnotnull': {
        const values = n.values.map((v) => this.compile(v)),
          slots = n.slots;
        const t = this.compile(n.then),
          e = n.else ? this.compile(n.else) : null;
        return (f) => {
          const vs = values.map((v) => v(f));
          if (vs.some((v) => v === null)) return e ? e(f) : null;
          for (let i = 0; i < slots.length; i++) f[slots[i]] = vs[i];
          const r = t(f);
          return e ? r : null;
        };
      }
      case 'error': {
        const { message, code, path } = n;
        return () => {
          throw new PfaError('user', message, { code, path });
        };
      }
      case 'try': {
        const v = this.compile(n.value),
          filter = n.filter;
        return (f) => {
          try {
            return v(f);
          } catch (e) {
            if (!(e instanceof PfaError) || (e.kind !== 'runtime' && e.kind !== 'user')) throw e;
            if (filter && !filter.some((x) => x === e.message || x === e.code)) throw e;
            return null;
          }
        };
      }
      case 'log': {
        const values = n.values.map((v) => this.compile(v)),
          ns = n.namespace;
        return (f) => {
          rt.log(
            values.map((v) => v(f)),
            ns,
          );
          return null;
        };
      }
      case 'pack': {
        const items = n.items.map((i) => ({ format: i.format, value: this.compile(i.value) }));
        return (f) => packValues(items.map((i) => ({ format: i.format, value: i.value(f) })));
      }
      case 'unpack': {
        const bytes = this.compile(n.bytes),
          slots = n.slots,
          formats = n.formats;
        const t = this.compile(n.then),
          e = n.else ? this.compile(n.else) : null;
        return (f) => {
          const vs = unpackBytes(bytes(f) as Uint8Array, formats);
          if (vs === undefined) return e ? e(f) : null;
          for (let i = 0; i < slots.length; i++) f[slots[i]] = vs[i];
          const r = t(f);
          return e ? r : null;
        };
      }
    }
  }

  private call(n: Extract<Node, { k: 'call' }>): Compiled {
    const fn = n.fn;
    const res = n.resolution;
    const site: CallSite = {
      params: res.params,
      ret: res.ret,
      bindings: res.bindings,
      sig: res.sig,
      engine: { random: () => this.rt.rng.random() },
      fail: makeFail(fn),
    };
    const impl = fn.js(site);
    const path = n.path;
    const args: Compiled[] = n.args.map((a) => (a.k === 'value' ? this.compile(a.node) : this.fcnArg(a.fcn, a.to)));
    const run = (...xs: Value[]) => {
      try {
        return impl(...xs);
      } catch (e) {
        throw withPath(e, path);
      }
    };
    if (fn.lazy) {
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
  private fcnArg(fa: FcnArg, to: FcnType): Compiled {
    const rt = this.rt;
    switch (fa.k) {
      case 'fcndef': {
        const body = this.compile(fa.body),
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
        const target = this.fcns.get(fa.name)!.type;
        const fill = fa.fill.map((x) => (x ? this.compile(x) : null));
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
        const site: CallSite = {
          params: res.params,
          ret: res.ret,
          bindings: res.bindings,
          sig: res.sig,
          engine: { random: () => rt.rng.random() },
          fail: makeFail(fa.fn),
        };
        const impl = fa.fn.js(site);
        const fill = fa.fill.map((x) => (x ? this.compile(x) : null));
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

  private toFunction(to: Node | FcnArg, type: AvroType): Compiled {
    if ('k' in to && (to.k === 'fcndef' || to.k === 'userref' || to.k === 'libref' || to.k === 'emitref')) {
      return this.fcnArg(to as FcnArg, { kind: 'fcn', params: [type], ret: type });
    }
    const v = this.compile(to as Node);
    return (f) => {
      const x = v(f);
      return () => x;
    };
  }

  private attr(n: Extract<Node, { k: 'attr' }>): Compiled {
    const target = this.compile(n.target);
    const steps = compileSteps(n.steps, (x) => this.compile(x));
    const code = n.code;
    if (!n.to) return (f) => getPath(target(f), steps, evalKeys(steps, f), code);
    const leafType = leafOf(n);
    const to = this.toFunction(n.to, leafType);
    return (f) => {
      const root = target(f);
      const keys = evalKeys(steps, f);
      const update = to(f) as (v: Value) => Value;
      return setPath(root, steps, keys, 0, code, update);
    };
  }

  private cell(n: Extract<Node, { k: 'cell' }>): Compiled {
    const rt = this.rt,
      name = n.name,
      code = n.code;
    const steps = compileSteps(n.steps, (x) => this.compile(x));
    if (!n.to) {
      if (steps.length === 0) return () => rt.cells.get(name);
      return (f) => getPath(rt.cells.get(name), steps, evalKeys(steps, f), code);
    }
    const to = this.toFunction(n.to, n.steps.length === 0 ? n.type : leafTypeOfCell(n));
    return (f) => {
      const keys = evalKeys(steps, f);
      const update = to(f) as (v: Value) => Value;
      const next = setPath(rt.cells.get(name), steps, keys, 0, code, update);
      rt.cells.set(name, next);
      return next;
    };
  }

  private pool(n: Extract<Node, { k: 'pool' }>): Compiled {
    const rt = this.rt,
      name = n.name,
      code = n.code;
    const steps = compileSteps(n.steps, (x) => this.compile(x));
    if (!n.to) return (f) => getPath(rt.pools.get(name), steps, evalKeys(steps, f), code);
    const to = this.toFunction(n.to, leafTypeOfPool(n));
    const init = this.compile(n.init!);
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

  private cast(n: Extract<Node, { k: 'cast' }>): Compiled {
    const value = this.compile(n.value);
    const vt = n.value.type;
    const cases = n.cases.map((c) => ({ slot: c.slot, body: this.compile(c.body), type: c.type }));
    const partial = n.partial;
    if (vt.kind === 'union') {
      // Each branch of the union goes to the first case that accepts it, decided at compile time.
      const u: UnionType = vt;
      const route = u.types.map((b) => {
        const i = cases.findIndex((c) => accepts(c.type, b));
        return i < 0 ? null : { c: cases[i], conv: converter(b, cases[i].type) };
      });
      return (f) => {
        const v = value(f);
        const r = route[branchIndex(v, u)];
        if (!r) return null;
        f[r.c.slot] = r.conv(branchValue(v));
        const out = r.c.body(f);
        return partial ? null : out;
      };
    }
    return (f) => {
      const v = value(f);
      for (const c of cases) {
        if (isInstance(v, c.type)) {
          f[c.slot] = converter(vt, c.type)(v);
          const out = c.body(f);
          return partial ? null : out;
        }
      }
      return null;
    };
  }
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
