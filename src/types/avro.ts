/**
 * Avro types as PFA uses them (spec sec. 3.1). Types are plain immutable objects; named types
 * (record, enum, fixed) are identified by their full name, so two references to one definition
 * are the same object.
 */
export type PrimitiveKind = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'string' | 'bytes';

export interface PrimitiveType {
  readonly kind: PrimitiveKind;
}
export interface FixedType {
  readonly kind: 'fixed';
  readonly name: string;
  readonly size: number;
}
export interface EnumType {
  readonly kind: 'enum';
  readonly name: string;
  readonly symbols: readonly string[];
}
export interface ArrayType {
  readonly kind: 'array';
  readonly items: AvroType;
}
export interface MapType {
  readonly kind: 'map';
  readonly values: AvroType;
}
export interface Field {
  readonly name: string;
  readonly type: AvroType;
  readonly default?: unknown;
  readonly order?: string;
}
/** `fields` is filled once after creation, so that recursive records can refer to themselves. */
export interface RecordType {
  readonly kind: 'record';
  readonly name: string;
  fields: readonly Field[];
}
export interface UnionType {
  readonly kind: 'union';
  readonly types: readonly AvroType[];
}

export type NamedType = FixedType | EnumType | RecordType;
export type AvroType = PrimitiveType | NamedType | ArrayType | MapType | UnionType;

/** Not an Avro type: the type of a function argument (fcndef or fcnref) to a library function. */
export interface FcnType {
  readonly kind: 'fcn';
  readonly params: readonly AvroType[];
  readonly ret: AvroType;
}

export const T = {
  null: { kind: 'null' } as PrimitiveType,
  boolean: { kind: 'boolean' } as PrimitiveType,
  int: { kind: 'int' } as PrimitiveType,
  long: { kind: 'long' } as PrimitiveType,
  float: { kind: 'float' } as PrimitiveType,
  double: { kind: 'double' } as PrimitiveType,
  string: { kind: 'string' } as PrimitiveType,
  bytes: { kind: 'bytes' } as PrimitiveType,
} as const;

export const PRIMITIVES: ReadonlySet<string> = new Set(Object.keys(T));

export function primitive(kind: PrimitiveKind): PrimitiveType {
  return T[kind];
}

export function arrayOf(items: AvroType): ArrayType {
  return { kind: 'array', items };
}

export function mapOf(values: AvroType): MapType {
  return { kind: 'map', values };
}

/** A union, flattened, without duplicates; a union of one type is that type. */
export function unionOf(types: readonly AvroType[]): AvroType {
  const out: AvroType[] = [];
  for (const t of types) {
    for (const u of t.kind === 'union' ? t.types : [t]) {
      if (!out.some((o) => typeEquals(o, u))) out.push(u);
    }
  }
  return out.length === 1 ? out[0] : { kind: 'union', types: out };
}

/**
 * A union as a schema writes it: its branches in order, even a single one. Avro's `["double"]` is a
 * union, not a double: its values are tagged in JSON (`{"double": 2.45}`, aurelius's tree nodes), so
 * the type must remember it. Computed types (`unionOf`) still collapse a union of one type.
 */
export function unionType(types: readonly AvroType[]): UnionType {
  return { kind: 'union', types: [...types] };
}

export function isNumeric(t: AvroType): boolean {
  return t.kind === 'int' || t.kind === 'long' || t.kind === 'float' || t.kind === 'double';
}

const SCALAR_KINDS: ReadonlySet<string> = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'string',
  'enum',
]);

/**
 * A union whose every branch is a scalar (null, boolean, int, long, float, double, string, enum),
 * such as aurelius's union<null, string, double>: kernels hold these as v128 values, not objects
 * (backend/wasm/types.ts), and maps of them cross the Wasm boundary as arrays (backend/wasm/wire.ts).
 */
export function isScalarUnion(t: AvroType): t is UnionType {
  return t.kind === 'union' && t.types.every((b) => SCALAR_KINDS.has(b.kind));
}

export function isNamed(t: AvroType): t is NamedType {
  return t.kind === 'record' || t.kind === 'enum' || t.kind === 'fixed';
}

/**
 * Whether `t` or a type inside it (array items, map values, union branches, record fields) passes
 * `test`. Each type is looked at once (`seen`), so the walk ends on a recursive type.
 */
export function someType(t: AvroType, test: (u: AvroType) => boolean, seen: Set<AvroType> = new Set()): boolean {
  if (seen.has(t)) return false;
  seen.add(t);
  if (test(t)) return true;
  switch (t.kind) {
    case 'array':
      return someType(t.items, test, seen);
    case 'map':
      return someType(t.values, test, seen);
    case 'union':
      return t.types.some((b) => someType(b, test, seen));
    case 'record':
      return t.fields.some((f) => someType(f.type, test, seen));
    default:
      return false;
  }
}

export function typeEquals(a: AvroType, b: AvroType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'record':
    case 'enum':
    case 'fixed':
      return a.name === (b as NamedType).name;
    case 'array':
      return typeEquals(a.items, (b as ArrayType).items);
    case 'map':
      return typeEquals(a.values, (b as MapType).values);
    case 'union': {
      const bt = (b as UnionType).types;
      return a.types.length === bt.length && a.types.every((t) => bt.some((u) => typeEquals(t, u)));
    }
    default:
      return true;
  }
}

const NUMERIC_RANK: Record<string, number> = { int: 0, long: 1, float: 2, double: 3 };

/** The spec's "accepts" relation (sec. 3.4): may a value of `observed` type go where `expected` is? */
export function accepts(expected: AvroType, observed: AvroType): boolean {
  if (expected === observed) return true;
  if (observed.kind === 'union' && expected.kind !== 'union') {
    return observed.types.every((t) => accepts(expected, t));
  }
  switch (expected.kind) {
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return observed.kind in NUMERIC_RANK && NUMERIC_RANK[observed.kind] <= NUMERIC_RANK[expected.kind];
    case 'null':
    case 'boolean':
    case 'string':
    case 'bytes':
      return observed.kind === expected.kind;
    case 'fixed':
      return observed.kind === 'fixed' && observed.name === expected.name && observed.size === expected.size;
    case 'enum':
      return (
        observed.kind === 'enum' &&
        observed.name === expected.name &&
        observed.symbols.every((s) => expected.symbols.includes(s))
      );
    case 'record':
      return observed.kind === 'record' && observed.name === expected.name;
    case 'array':
      return observed.kind === 'array' && accepts(expected.items, observed.items);
    case 'map':
      return observed.kind === 'map' && accepts(expected.values, observed.values);
    case 'union':
      if (observed.kind === 'union') return observed.types.every((o) => expected.types.some((e) => accepts(e, o)));
      return expected.types.some((e) => accepts(e, observed));
  }
}

/**
 * The narrowest supertype of a collection of types (spec sec. 3.5, rules 1-15), or undefined
 * where the spec makes it a type error (distinct enums or fixed types).
 */
export function narrowest(types: readonly AvroType[]): AvroType | undefined {
  if (types.length === 0) return undefined;
  const flat: AvroType[] = [];
  for (const t of types) for (const u of t.kind === 'union' ? t.types : [t]) flat.push(u);
  const first = flat[0];
  if (flat.every((t) => t.kind === first.kind)) {
    switch (first.kind) {
      case 'array': {
        const items = narrowest(flat.map((t) => (t as ArrayType).items));
        return items && arrayOf(items);
      }
      case 'map': {
        const values = narrowest(flat.map((t) => (t as MapType).values));
        return values && mapOf(values);
      }
      case 'fixed':
      case 'enum':
        return flat.every((t) => typeEquals(t, first)) ? first : undefined;
      case 'record':
        if (flat.every((t) => typeEquals(t, first))) return first;
        break;
      default:
        if (types.length === 1 || flat.every((t) => typeEquals(t, first))) return first;
    }
  }
  if (flat.every(isNumeric)) {
    const rank = Math.max(...flat.map((t) => NUMERIC_RANK[t.kind]));
    return [T.int, T.long, T.float, T.double][rank];
  }
  // Rule 14: a union, combining the members that combine by the rules above.
  const groups: AvroType[] = [];
  for (const t of flat) {
    if (t.kind === 'fixed' || t.kind === 'enum') {
      if (groups.some((g) => g.kind === t.kind && !typeEquals(g, t))) return undefined;
    }
    const i = groups.findIndex((g) => sameGroup(g, t));
    if (i < 0) groups.push(t);
    else {
      const merged = narrowest([groups[i], t]);
      if (!merged) return undefined;
      groups[i] = merged;
    }
  }
  return unionOf(groups);
}

function sameGroup(a: AvroType, b: AvroType): boolean {
  if (isNumeric(a) && isNumeric(b)) return true;
  if (a.kind === 'record' || b.kind === 'record')
    return a.kind === 'record' && b.kind === 'record' && a.name === b.name;
  return a.kind === b.kind;
}

/** Avro-JSON schema of a type; each named type is written in full once, then by name. */
export function toSchema(t: AvroType, seen: Set<string> = new Set()): unknown {
  switch (t.kind) {
    case 'array':
      return { type: 'array', items: toSchema(t.items, seen) };
    case 'map':
      return { type: 'map', values: toSchema(t.values, seen) };
    case 'union':
      return t.types.map((u) => toSchema(u, seen));
    case 'fixed':
    case 'enum':
    case 'record': {
      if (seen.has(t.name)) return t.name;
      seen.add(t.name);
      if (t.kind === 'fixed') return { type: 'fixed', name: t.name, size: t.size };
      if (t.kind === 'enum') return { type: 'enum', name: t.name, symbols: [...t.symbols] };
      return {
        type: 'record',
        name: t.name,
        fields: t.fields.map((f) => ({ name: f.name, type: toSchema(f.type, seen) })),
      };
    }
    default:
      return t.kind;
  }
}

/** A short human-readable rendering for error messages. */
export function typeToString(t: AvroType | FcnType): string {
  switch (t.kind) {
    case 'array':
      return `array<${typeToString(t.items)}>`;
    case 'map':
      return `map<${typeToString(t.values)}>`;
    case 'union':
      return `union<${t.types.map(typeToString).join(', ')}>`;
    case 'fcn':
      return `fcn(${t.params.map(typeToString).join(', ')}) -> ${typeToString(t.ret)}`;
    case 'record':
    case 'enum':
    case 'fixed':
      return `${t.kind} ${t.name}`;
    default:
      return t.kind;
  }
}
