/**
 * The host's half of library calls run on the host (lower/hostCall.ts; ARCHITECTURE.md "Library
 * calls run on the host"): each call site is an error site with a `call`; its JS form is made once,
 * from the registry, as the JS backend makes it, and run on the arguments read from the kernel's call
 * slots. String arguments are dictionary codes, string results are interned; bytes are read from the
 * kernel's memory, and values of other types cross on the wire (wire.ts). An error the JS form raises
 * is kept here until the host raises it: the kernel fails at the call's site with 1 + its index, and
 * slots 1-3 say what a `try`'s filter needs (whether it is catchable, its code, its message's code).
 */
import { PfaError } from '../../errors/PfaError.js';
import { CallSite, JsImpl, LibFunction, makeFail } from '../../lib/registry.js';
import { AvroType, T } from '../../types/avro.js';
import { TypeNames } from '../../types/schema.js';
import type { HostCallSpec, HostHelper, HostKind } from './lower/hostCall.js';
import type { ErrorSite } from './lower/module.js';
import { StringDict, WireDecoder, WireReader, WireWriter, wireDecoder, wireEncoder } from './wire.js';
import parseLib from '../../lib/parse.js';
import castLib from '../../lib/cast.js';
import { setKey } from '../../lib/util/avroBinary.js';
import { RegexSyntaxError } from '../../lib/util/regexSyntax.js';
import { PatternCache } from '../../lib/util/regexCache.js';
import { encodeProgram } from '../../lib/util/regexVm.js';

const TYPES: Partial<Record<HostKind, AvroType>> = {
  string: T.string,
  int: T.int,
  boolean: T.boolean,
  long: T.long,
  float: T.float,
  double: T.double,
  bytes: T.bytes,
  intOrNull: { kind: 'union', types: [T.int, T.null] } as AvroType,
  strings: { kind: 'array', items: T.string } as AvroType,
};

/** The types of a call's parameters, result and labels: from its schemas where it has them, else by kind. */
function typesOf(spec: HostCallSpec, path: string) {
  const t = spec.types;
  if (!t) {
    const byKind = (k: HostKind) => TYPES[k] ?? fail(k);
    return { params: spec.args.map(byKind), ret: byKind(spec.ret), bindings: {} };
  }
  // (one TypeNames per schema: each holds its named types' definitions in full)
  const build = (json: unknown, at: string) => new TypeNames().build(json, at);
  return {
    params: t.params.map((p, i) => build(p, `${path}/params/${i}`)),
    ret: build(t.ret, `${path}/ret`),
    bindings: Object.fromEntries(Object.entries(t.bindings).map(([k, b]) => [k, build(b, `${path}/${k}`)])),
  };
}

function fail(k: HostKind): never {
  throw new Error(`internal: a host call's ${k} needs its schema`);
}

/** The host's own functions (lower/hostCall.ts HostHelper), given the call's parameter types and site. */
function helper(name: HostHelper, params: readonly AvroType[], site: ErrorSite): JsImpl {
  switch (name) {
    case 'setKeys': {
      const items = (params[0] as { items: AvroType }).items;
      return (a: unknown[]) => a.map((x) => setKey(items, x));
    }
    case 'regexProgram': {
      // (the JS form's compile step: lib/re.ts, with its error for a bad pattern; remembered per
      // site, since an arena kernel asks at every call and a bytes pattern is never kept in it)
      const programs = new PatternCache(encodeProgram);
      return (pattern: string | Uint8Array) => {
        try {
          return programs.get(pattern);
        } catch (e) {
          if (!(e instanceof RegexSyntaxError)) throw e;
          throw new PfaError('runtime', `bad pattern: ${e.message}`, { code: site.code, fcn: site.fcn });
        }
      };
    }
  }
}

/** A call site's JS form, and how its wire values are read and written. */
interface Prepared {
  impl: JsImpl;
  decoders: (WireDecoder | null)[];
  encode: ((v: unknown, w: WireWriter) => void) | null;
}

/**
 * The functions whose Wasm form may run on the host (`onHost`, `WasmCall.onHost`): the namespaces
 * that have such functions. Only these
 * are loaded by the browser runtime (src/hosts/compiled), which does not carry the whole library. A
 * function that uses `onHost` is added here (test/backend/wasm/strings.test.ts checks it).
 */
export const ON_HOST: ReadonlyMap<string, LibFunction> = new Map(
  [parseLib, castLib].flatMap((ns) => ns.functions).map((f) => [f.name, f]),
);

/** What a filter reads in a slot that has no code (lower/forms.ts catcherSource). */
const NONE = -1;

/** null crosses as 2^32 (lower/hostCall.ts). */
const NULL_INT = 1n << 32n;

export class HostCalls {
  private readonly prepared = new Map<number, Prepared>();
  private readonly errors: unknown[] = [];
  /** The last result the kernel copies in (a string array's codes, wire slots), until it takes it. */
  private pending: Uint8Array = new Uint8Array(0);
  private readonly out = new WireWriter();
  private readonly reader: WireReader;
  private buffer: ArrayBuffer | null = null;
  private i32 = new Int32Array(0);
  private i64 = new BigInt64Array(0);
  private f64 = new Float64Array(0);

  constructor(
    private readonly sites: readonly ErrorSite[],
    private readonly dict: StringDict,
    private readonly random: () => number,
  ) {
    this.reader = new WireReader(new ArrayBuffer(8), 0, dict);
  }

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
    const p = this.prepare(site, s);
    this.view(memory);
    let slot = ptr / 8;
    let wire = false;
    const args = spec.args.map((k, i) => {
      if (k === 'value') {
        // (the wire values follow one another from the address in the first one's slot)
        if (!wire) this.reader.at(memory, this.i32[2 * slot]);
        wire = true;
        slot++;
        return p.decoders[i]!(this.reader);
      }
      const v = this.read(k, slot);
      slot += k === 'strings' || k === 'bytes' ? 2 : 1;
      return v;
    });
    let r: unknown;
    try {
      r = p.impl(...args);
    } catch (e) {
      if (e instanceof PfaError && e.path === undefined && s.path) e.path = s.path;
      this.errors.push(e);
      this.caught(ptr / 8, e);
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
      case 'strings': {
        const codes = Int32Array.from(r as string[], (x) => this.dict.code(x));
        this.pending = new Uint8Array(codes.buffer);
        this.i32[2 * out] = codes.length;
        break;
      }
      default:
        this.out.reset();
        p.encode!(r, this.out);
        this.pending = this.out.bytes();
        this.i32[2 * out] = this.pending.length;
    }
    return 0;
  }

  /**
   * What a `try`'s filter reads of a failed call (lower/forms.ts catcherSource): slot 1 whether the
   * JS backend's try could catch it at all, slot 2 its code (-1: none), slot 3 its message's code.
   */
  private caught(slot: number, e: unknown): void {
    const catchable = e instanceof PfaError && (e.kind === 'runtime' || e.kind === 'user');
    this.i32[2 * (slot + 1)] = catchable ? 1 : 0;
    this.i32[2 * (slot + 2)] = catchable ? (e.code ?? NONE) : NONE;
    this.i32[2 * (slot + 3)] = catchable ? this.dict.code(e.message) : NONE;
  }

  /** The value of kind `k` in slot `i` (`strings` and `bytes` take two: the items' address, the count). */
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
      case 'bytes': {
        // (a copy: the JS form may keep it, and the kernel's memory moves on)
        const data = this.i32[2 * i],
          n = this.i32[2 * i + 2];
        return new Uint8Array(this.buffer!, data, n).slice();
      }
      case 'value':
        throw new Error('internal: a wire value is not read from its slot');
    }
  }

  /** Copies the last result (array codes or wire slots) to `ptr`, in a buffer made for it. */
  take(memory: ArrayBuffer, ptr: number): void {
    new Uint8Array(memory, ptr, this.pending.length).set(this.pending);
    this.pending = new Uint8Array(0);
  }

  private view(memory: ArrayBuffer): void {
    if (memory === this.buffer) return;
    this.buffer = memory;
    this.i32 = new Int32Array(memory);
    this.i64 = new BigInt64Array(memory);
    this.f64 = new Float64Array(memory);
  }

  private prepare(site: number, s: ErrorSite): Prepared {
    let p = this.prepared.get(site);
    if (p === undefined) {
      const spec = s.call!;
      const types = typesOf(spec, `/sites/${site}/call`);
      const encode = wireEncoder(types.ret, this.dict);
      const decoders = spec.args.map((k, i) => (k === 'value' ? wireDecoder(types.params[i]) : null));
      if (spec.helper) {
        p = { impl: helper(spec.helper, types.params, s), decoders, encode };
        this.prepared.set(site, p);
        return p;
      }
      const lib: LibFunction | undefined = ON_HOST.get(s.fcn ?? '');
      if (!lib) throw new Error(`internal: no library function ${s.fcn} for a host call`);
      const cs: CallSite = {
        params: types.params,
        ret: types.ret,
        bindings: types.bindings,
        sig: spec.sig,
        engine: { random: this.random },
        fail: makeFail(lib),
      };
      p = { impl: lib.js(cs), decoders, encode };
      this.prepared.set(site, p);
    }
    return p;
  }
}
