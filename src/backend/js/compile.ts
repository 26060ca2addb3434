/**
 * The JS backend (DESIGN.md decision 2): the typed tree compiled to closures, one per node,
 * chosen at compile time. No eval, no `new Function`: safe under a browser's CSP. This is the
 * reference semantics that the Wasm backend is checked against.
 */
import { PfaError } from '../../errors/PfaError.js';
import { Node, UserFunction } from '../../ir/tree.js';
import { UnionType, accepts } from '../../types/avro.js';
import { Value, branchIndex, branchValue, isInstance, makeRecord } from '../../values.js';
import { Compiled, Frame, JsState, withPath } from './state.js';
import { converter } from './convert.js';
import { compileCall } from './calls.js';
import { compileAttr, compileCell, compilePool } from './storage.js';
import { packValues, unpackBytes } from './pack.js';

export class JsCompiler {
  constructor(
    readonly rt: JsState,
    readonly fcns: ReadonlyMap<string, UserFunction>,
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
        return compileCall(this, n);
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
        return compileAttr(this, n);
      case 'cell':
        return compileCell(this, n);
      case 'pool':
        return compilePool(this, n);
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
        const items = n.items.map((i) => ({ format: i.format, value: this.compile(i.value) })),
          path = n.path;
        return (f) => {
          const values = items.map((i) => ({ format: i.format, value: i.value(f) }));
          try {
            return packValues(values);
          } catch (e) {
            // (packing's own errors, not its items', which carry their own paths)
            throw withPath(e, path);
          }
        };
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
