/**
 * The host's half of library calls run on the host (lower/hostCall.ts; ARCHITECTURE.md "Strings in
 * kernels"): each call site is an error site with a `call`; its JS form is made once, from the
 * registry, as the JS backend makes it, and run on the arguments read from the kernel's call slots.
 * String arguments are dictionary codes, string results are interned. An error the JS form raises
 * is kept here until the host raises it: the kernel fails at the call's site with 1 + its index.
 */
import { PfaError } from '../../errors/PfaError.js';
import stringLib from '../../lib/s.js';
import parseLib from '../../lib/parse.js';
import { CallSite, JsImpl, LibFunction, makeFail } from '../../lib/registry.js';
import { AvroType, T } from '../../types/avro.js';
import type { HostKind } from './lower/hostCall.js';
import type { ErrorSite } from './lower/module.js';
import type { StringDict } from './wire.js';

const TYPES: Record<Exclude<HostKind, 'intOrNull' | 'strings'>, AvroType> = {
  string: T.string,
  int: T.int,
  boolean: T.boolean,
  long: T.long,
  float: T.float,
  double: T.double,
};

function typeOf(k: HostKind): AvroType {
  if (k === 'intOrNull') return { kind: 'union', types: [T.int, T.null] } as AvroType;
  if (k === 'strings') return { kind: 'array', items: T.string } as AvroType;
  return TYPES[k];
}

/**
 * The functions whose Wasm form may run on the host (`onHost`): only these namespaces, so the
 * browser runtime (src/hosts/compiled) does not carry the whole library (76 KB minified with these,
 * 342 KB with all, 62 KB before). A namespace that uses `onHost` is added here
 * (test/backend/wasm/strings.test.ts checks it).
 */
export const ON_HOST: ReadonlyMap<string, LibFunction> = new Map(
  [...stringLib.functions, ...parseLib.functions].map((f) => [f.name, f]),
);

/** null crosses as 2^32 (lower/hostCall.ts). */
const NULL_INT = 1n << 32n;

export class HostCalls {
  private readonly impls = new Map<number, JsImpl>();
  private readonly errors: unknown[] = [];
  /** The items of the last array result, until the kernel takes them (assembly/runtime.ts hostResultI32s). */
  private items: number[] = [];
  private buffer: ArrayBuffer | null = null;
  private i32 = new Int32Array(0);
  private i64 = new BigInt64Array(0);
  private f64 = new Float64Array(0);

  constructor(
    private readonly sites: readonly ErrorSite[],
    private readonly dict: StringDict,
    private readonly random: () => number,
  ) {}

  /** Forgets the errors of earlier calls (the host raised them already). */
  reset(): void {
    // (setting an array's length is a call into V8's runtime, about 40 ns: the host resets per record)
    if (this.errors.length !== 0) this.errors.length = 0;
  }

  /** The error kept for a failure with detail `i`. */
  error(i: number): unknown {
    return this.errors[i];
  }

  /** Runs the call of site `site` with the slots at `ptr`: 0, or 1 + the index of the error it raised. */
  call(memory: ArrayBuffer, site: number, ptr: number): number {
    const s = this.sites[site];
    const spec = s.call!;
    this.view(memory);
    let slot = ptr / 8;
    const args = spec.args.map((k) => {
      const v = this.read(k, slot);
      slot += k === 'strings' ? 2 : 1;
      return v;
    });
    let r: unknown;
    try {
      r = this.impl(site, s)(...args);
    } catch (e) {
      if (e instanceof PfaError && e.path === undefined && s.path) e.path = s.path;
      this.errors.push(e);
      return this.errors.length;
    }
    // (the views are still good: JS forms never touch the kernel's memory)
    const out = ptr / 8;
    switch (spec.ret) {
      case 'string':
        this.i32[2 * out] = this.dict.code(r as string);
        break;
      case 'int':
        this.i32[2 * out] = r as number;
        break;
      case 'boolean':
        this.i32[2 * out] = r ? 1 : 0;
        break;
      case 'long':
        this.i64[out] = r as bigint;
        break;
      case 'float':
      case 'double':
        this.f64[out] = r as number;
        break;
      case 'strings':
        this.items = (r as string[]).map((x) => this.dict.code(x));
        this.i32[2 * out] = this.items.length;
        break;
      case 'intOrNull':
        throw new Error('internal: a union result does not cross from the host');
    }
    return 0;
  }

  /** The value of kind `k` in slot `i` (a `strings` value takes two: its items' address, its count). */
  private read(k: HostKind, i: number): unknown {
    switch (k) {
      case 'string':
        return this.dict.strings[this.i32[2 * i]];
      case 'int':
        return this.i32[2 * i];
      case 'boolean':
        return this.i32[2 * i] !== 0;
      case 'long':
        return this.i64[i];
      case 'float':
      case 'double':
        return this.f64[i];
      case 'intOrNull': {
        const v = this.i64[i];
        return v === NULL_INT ? null : Number(v);
      }
      case 'strings': {
        const data = this.i32[2 * i] / 4,
          n = this.i32[2 * i + 2];
        return Array.from(this.i32.subarray(data, data + n), (c) => this.dict.strings[c]);
      }
    }
  }

  /** Copies the last array result's items to `ptr` (an Array<i32>'s data, made for them). */
  take(memory: ArrayBuffer, ptr: number): void {
    this.view(memory);
    this.i32.set(this.items, ptr / 4);
    this.items = [];
  }

  private view(memory: ArrayBuffer): void {
    if (memory === this.buffer) return;
    this.buffer = memory;
    this.i32 = new Int32Array(memory);
    this.i64 = new BigInt64Array(memory);
    this.f64 = new Float64Array(memory);
  }

  private impl(site: number, s: ErrorSite): JsImpl {
    let f = this.impls.get(site);
    if (f === undefined) {
      const lib = ON_HOST.get(s.fcn ?? '');
      const spec = s.call!;
      if (!lib) throw new Error(`internal: no library function ${s.fcn} for a host call`);
      const cs: CallSite = {
        params: spec.args.map(typeOf),
        ret: typeOf(spec.ret),
        bindings: {},
        sig: spec.sig,
        engine: { random: this.random },
        fail: makeFail(lib),
      };
      f = lib.js(cs);
      this.impls.set(site, f);
    }
    return f;
  }
}
