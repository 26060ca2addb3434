/**
 * Resolving a library call against its signatures (spec sec. 3.7): match each argument type to
 * its parameter pattern, binding labels; a label met again is promoted to the narrower of the
 * two types that accepts both. Function parameters are matched after the value parameters, so
 * that `fcn(A) -> any B` knows A.
 */
import { AvroType, FcnType, NamedType, RecordType, accepts, arrayOf, mapOf, typeEquals, unionOf } from './avro.js';
import { Pattern, Signature } from '../lib/sig.js';

/** What the checker knows about one argument of a call. */
export type ArgInfo =
  | { readonly kind: 'value'; readonly type: AvroType }
  /** A fcndef or a reference to a user function: its type is fixed. */
  | { readonly kind: 'fcn'; readonly type: FcnType }
  /** A reference to a library function: resolved against the parameter types it will be given. */
  | { readonly kind: 'libref'; readonly resolve: (params: readonly AvroType[]) => FcnType | undefined };

export interface Resolution {
  readonly sig: number;
  readonly params: readonly (AvroType | FcnType)[];
  readonly ret: AvroType;
  readonly bindings: Readonly<Record<string, AvroType>>;
}

interface State {
  bindings: Record<string, AvroType>;
  of: Record<string, readonly AvroType[]>;
  deferred: (() => boolean)[];
}

/** Binds or promotes a label; false if the two types have no common accepting type. */
function bind(s: State, label: string, t: AvroType): boolean {
  const prev = s.bindings[label];
  let next: AvroType;
  if (prev === undefined) next = t;
  else if (accepts(prev, t)) next = prev;
  else if (accepts(t, prev)) next = t;
  else return false;
  const of = s.of[label];
  if (of && !of.some((o) => typeEquals(o, next))) return false;
  s.bindings[label] = next;
  return true;
}

function bound(p: Pattern, s: State): boolean {
  switch (p.p) {
    case 'type':
      return true;
    case 'any':
    case 'ref':
    case 'record':
    case 'enum':
    case 'fixed':
      return p.label in s.bindings;
    case 'array':
      return bound(p.items, s);
    case 'map':
      return bound(p.values, s);
    case 'union':
      return p.types.every((u) => bound(u, s));
    case 'fcn':
      return p.params.every((u) => bound(u, s)) && bound(p.ret, s);
  }
}

function match(p: Pattern, t: AvroType, s: State): boolean {
  switch (p.p) {
    case 'type':
      return accepts(p.type, t);
    case 'any':
      if (p.of && !(p.label in s.of)) s.of[p.label] = p.of;
      return bind(s, p.label, t);
    case 'ref':
      return p.label in s.bindings ? bind(s, p.label, t) : bind(s, p.label, t);
    case 'array':
      return t.kind === 'array' && match(p.items, t.items, s);
    case 'map':
      return t.kind === 'map' && match(p.values, t.values, s);
    case 'union': {
      const branches = t.kind === 'union' ? t.types : [t];
      const open = p.types.filter((u) => !bound(u, s));
      const closed = p.types.filter((u) => bound(u, s));
      const leftover: AvroType[] = [];
      for (const b of branches) {
        if (!closed.some((u) => accepts(resolve(u, s), b))) leftover.push(b);
      }
      if (leftover.length === 0) return true;
      if (open.length !== 1) {
        // Several open members: try to give each leftover branch to the first that takes it.
        return leftover.every((b) => open.some((u) => match(u, b, s)));
      }
      return match(open[0], unionOf(leftover), s);
    }
    case 'record': {
      if (t.kind !== 'record') return false;
      if (p.label in s.bindings) {
        if (!typeEquals(s.bindings[p.label], t)) return false;
      } else s.bindings[p.label] = t;
      for (const f of p.fields) {
        const field = t.fields.find((g) => g.name === f.name);
        if (!field || !match(f.type, field.type, s)) return false;
      }
      return true;
    }
    case 'enum': {
      if (t.kind !== 'enum') return false;
      if (!bindNamed(s, p.label, t)) return false;
      if (p.ofRecord) {
        const rec = p.ofRecord;
        s.deferred.push(() => {
          const r = s.bindings[rec];
          return (
            r !== undefined &&
            r.kind === 'record' &&
            r.fields.length === t.symbols.length &&
            r.fields.every((f, i) => f.name === t.symbols[i])
          );
        });
      }
      return true;
    }
    case 'fixed':
      return t.kind === 'fixed' && bindNamed(s, p.label, t);
    case 'fcn':
      return false;
  }
}

function bindNamed(s: State, label: string, t: NamedType): boolean {
  if (label in s.bindings) return typeEquals(s.bindings[label], t);
  s.bindings[label] = t;
  return true;
}

function resolve(p: Pattern, s: State): AvroType {
  switch (p.p) {
    case 'type':
      return p.type;
    case 'any':
    case 'ref':
    case 'record':
    case 'enum':
    case 'fixed': {
      const t = s.bindings[p.label];
      if (t === undefined) throw new Unbound(p.label);
      return t;
    }
    case 'array':
      return arrayOf(resolve(p.items, s));
    case 'map':
      return mapOf(resolve(p.values, s));
    case 'union':
      return unionOf(p.types.map((u) => resolve(u, s)));
    case 'fcn':
      throw new Error('internal: function pattern in a value position');
  }
}

class Unbound extends Error {
  constructor(readonly label: string) {
    super(`label ${label} is not bound`);
  }
}

function matchFcn(p: Extract<Pattern, { p: 'fcn' }>, arg: ArgInfo, s: State): FcnType | undefined {
  if (arg.kind === 'value') return undefined;
  if (arg.kind === 'libref') {
    if (!p.params.every((u) => bound(u, s))) return undefined;
    const params = p.params.map((u) => resolve(u, s));
    const ft = arg.resolve(params);
    if (!ft) return undefined;
    return match(p.ret, ft.ret, s) ? { kind: 'fcn', params, ret: resolve(p.ret, s) } : undefined;
  }
  const ft = arg.type;
  if (ft.params.length !== p.params.length) return undefined;
  for (let i = 0; i < ft.params.length; i++) {
    const u = p.params[i];
    if (bound(u, s)) {
      if (!accepts(ft.params[i], resolve(u, s))) return undefined;
    } else if (!match(u, ft.params[i], s)) return undefined;
  }
  if (!match(p.ret, ft.ret, s)) return undefined;
  return { kind: 'fcn', params: p.params.map((u) => resolve(u, s)), ret: resolve(p.ret, s) };
}

/** Tries one signature; undefined if it does not accept these arguments. */
export function matchSignature(sig: Signature, args: readonly ArgInfo[], index: number): Resolution | undefined {
  if (sig.params.length !== args.length) return undefined;
  const s: State = { bindings: {}, of: {}, deferred: [] };
  try {
    for (let i = 0; i < args.length; i++) {
      const p = sig.params[i].type;
      const a = args[i];
      if (p.p === 'fcn') continue;
      if (a.kind !== 'value' || !match(p, a.type, s)) return undefined;
    }
    const fcns: Record<number, FcnType> = {};
    for (let i = 0; i < args.length; i++) {
      const p = sig.params[i].type;
      if (p.p !== 'fcn') continue;
      const ft = matchFcn(p, args[i], s);
      if (!ft) return undefined;
      fcns[i] = ft;
    }
    if (!s.deferred.every((d) => d())) return undefined;
    const params = sig.params.map((p, i) => (p.type.p === 'fcn' ? fcns[i] : resolve(p.type, s)));
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a.kind === 'value' && !accepts(params[i] as AvroType, a.type)) return undefined;
    }
    return { sig: index, params, ret: resolve(sig.ret, s), bindings: { ...s.bindings } };
  } catch (e) {
    if (e instanceof Unbound) return undefined;
    throw e;
  }
}

export function resolveCall(sigs: readonly Signature[], args: readonly ArgInfo[]): Resolution | undefined {
  for (let i = 0; i < sigs.length; i++) {
    const r = matchSignature(sigs[i], args, i);
    if (r) return r;
  }
  return undefined;
}

export type { RecordType };
