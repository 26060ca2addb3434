/**
 * How Avro types are represented in the generated AssemblyScript (DESIGN.md decision 3):
 * double → f64, float → f32, int → i32, long → i64, boolean → bool, string → i32 (a code of the
 * string dictionary), enum → i32 (symbol index), array → Array<T>, map → CodeMap<T> (keys are
 * string codes, kept in insertion order: assembly/lib/util/codemap.ts), record → a generated class.
 * A union whose branches are all scalars (null, boolean, int, long, float, double, string, enum:
 * aurelius's union<null, string, double> map values) is a v128 value, named by a type alias: the tag in
 * bytes 0-3, the branch's value in bytes 8-15 (f64 for float and double, i64 for long, i32 for the
 * rest), so making one allocates nothing and a map of them stores its values inline. Any other union
 * is a generated class with a tag and one field per branch. Bytes and fixed values are Uint8Arrays
 * (assembly/lib/bytes.ts), a fixed one of its type's size.
 */
import { AvroType, RecordType, UnionType, isScalarUnion, typeToString } from '../../types/avro.js';
import { Names, f64Literal } from './emit/names.js';
import { Lines } from './emit/code.js';

export class NotLowerable extends Error {
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(reason);
  }
}

export interface RecordClass {
  readonly name: string;
  readonly type: RecordType;
  readonly fields: readonly string[];
}
export interface UnionClass {
  readonly name: string;
  readonly type: UnionType;
  readonly fields: readonly (string | null)[];
  /** A v128 value (every branch a scalar), not a class instance. */
  readonly vector: boolean;
}

/** The v128 lane that holds a scalar union's branch value of kind `k`: [shape, lane]. */
function vectorLane(k: AvroType['kind']): [string, number] {
  switch (k) {
    case 'double':
    case 'float':
      return ['f64x2', 1];
    case 'long':
      return ['i64x2', 1];
    default:
      return ['i32x4', 2];
  }
}

function unionKey(u: UnionType): string {
  return typeToString(u);
}

export class AsTypes {
  readonly records = new Map<string, RecordClass>();
  readonly unions = new Map<string, UnionClass>();
  private readonly vectorNames = new Set<string>();

  constructor(private readonly names: Names) {}

  /** The AssemblyScript type of an Avro type; throws NotLowerable for what is not lowered. */
  as(t: AvroType, path = ''): string {
    switch (t.kind) {
      case 'double':
        return 'f64';
      case 'float':
        return 'f32';
      case 'int':
      case 'string':
      case 'enum':
        return 'i32';
      case 'long':
        return 'i64';
      case 'boolean':
        return 'bool';
      case 'null':
        return 'i32';
      case 'array':
        return `Array<${this.as(t.items, path)}>`;
      case 'map':
        return `CodeMap<${this.as(t.values, path)}>`;
      case 'record':
        return this.record(t, path).name;
      case 'union':
        return this.union(t, path).name;
      case 'bytes':
      case 'fixed':
        return 'Uint8Array';
    }
  }

  /** The value a local of this type starts with (references: a null pointer, never read before set). */
  zero(t: AvroType): string {
    return this.zeroOfAs(this.as(t));
  }

  /** Whether any union met so far is a v128 value (the module then needs Wasm SIMD). */
  hasVectors(): boolean {
    return this.vectorNames.size > 0;
  }

  /** The zero of an AS type name (references: a null pointer that is always assigned before use). */
  zeroOfAs(asType: string): string {
    switch (asType) {
      case 'f64':
        return '0.0';
      case 'f32':
        return '<f32>0.0';
      case 'i64':
        return '<i64>0';
      case 'bool':
        return 'false';
      case 'i32':
      case 'usize':
        return '0';
      default:
        return this.vectorNames.has(asType) ? VECTOR_ZERO : `changetype<${asType}>(0)`;
    }
  }

  isReference(t: AvroType): boolean {
    return (
      t.kind === 'array' ||
      t.kind === 'map' ||
      t.kind === 'record' ||
      t.kind === 'bytes' ||
      t.kind === 'fixed' ||
      (t.kind === 'union' && !isScalarUnion(t))
    );
  }

  /** The tag (branch index) of union value `v` of type `t` (`path`: where, should the union not lower). */
  tagOf(t: UnionType, v: string, path = ''): string {
    return this.union(t, path).vector ? `i32x4.extract_lane(${v}, 0)` : `${v}.tag`;
  }

  /** The value held in branch `i` of union value `v` (read it only when its tag is i). */
  branchOf(t: UnionType, i: number, v: string, path = ''): string {
    const c = this.union(t, path);
    if (!c.vector) return `${v}.${c.fields[i]}`;
    const b = t.types[i];
    const [shape, lane] = vectorLane(b.kind);
    const x = `${shape}.extract_lane(${v}, ${lane})`;
    return b.kind === 'float' ? `<f32>${x}` : b.kind === 'boolean' ? `(${x} != 0)` : x;
  }

  /** A union value of type `t` holding `value` in branch `i` (no value for a null branch). */
  makeUnion(t: UnionType, i: number, value?: string, path = ''): string {
    return `${this.union(t, path).name}of${i}(${value ?? ''})`;
  }

  record(t: RecordType, path = ''): RecordClass {
    let c = this.records.get(t.name);
    if (!c) {
      c = { name: this.names.mint('R'), type: t, fields: t.fields.map(() => this.names.mint('f')) };
      this.records.set(t.name, c);
      for (const f of t.fields) this.as(f.type, path); // declare field types (recursion ends at the map entry above)
    }
    return c;
  }

  union(t: UnionType, path = ''): UnionClass {
    const key = unionKey(t);
    let c = this.unions.get(key);
    if (!c) {
      const vector = isScalarUnion(t);
      c = {
        name: this.names.mint('U'),
        type: t,
        fields: t.types.map((b) => (b.kind === 'null' || vector ? null : this.names.mint('b'))),
        vector,
      };
      this.unions.set(key, c);
      if (vector) this.vectorNames.add(c.name);
      for (const b of t.types) this.as(b, path);
    }
    return c;
  }

  /** Index of the branch of `u` that holds values of `t` exactly, or -1. */
  branch(u: UnionType, t: AvroType): number {
    return u.types.findIndex((b) => typeToString(b) === typeToString(t));
  }

  /** Class declarations for every record and union met so far. */
  declarations(): string {
    const out: string[] = [];
    for (const r of this.records.values()) {
      const params = r.type.fields.map((f, i) => `${r.fields[i]}: ${this.as(f.type)}`).join(', ');
      const body = r.fields.map((f) => `o.${f} = ${f};`).join(' ');
      // The constructor makes its object (rt.objectNew: an arena module's bump allocation, no call
      // into asc's allocator) and sets every field, so asc asks the class to be final; the fields'
      // initializers only satisfy its checker and never run.
      out.push(
        `// @ts-ignore: decorator\n@final\n${classSource(r.name, [
          ...r.type.fields.map((f, i) => `${r.fields[i]}: ${this.as(f.type)} = ${this.zero(f.type)};`),
          `constructor(${params}) { const o = rt.objectNew<${r.name}>(); ${body} return o; }`,
        ])}`,
      );
    }
    for (const u of this.unions.values()) {
      if (u.vector) {
        out.push(`type ${u.name} = v128;`);
        // (inlined: making a value is a lane replace of a constant)
        u.type.types.forEach((b, i) => {
          const tag = `i64x2(${i}, 0)`;
          if (b.kind === 'null') {
            out.push(`// @ts-ignore: decorator\n@inline function ${u.name}of${i}(): ${u.name} { return ${tag}; }`);
            return;
          }
          const [shape, lane] = vectorLane(b.kind);
          const v = b.kind === 'float' ? '<f64>v' : b.kind === 'boolean' ? '<i32>v' : 'v';
          out.push(
            `// @ts-ignore: decorator\n@inline function ${u.name}of${i}(v: ${this.as(b)}): ${u.name} { return ${shape}.replace_lane(${tag}, ${lane}, ${v}); }`,
          );
        });
        continue;
      }
      const fields = u.type.types.map((b, i) =>
        u.fields[i] ? `${u.fields[i]}: ${this.as(b)} = ${this.zero(b)};` : '',
      );
      out.push(classSource(u.name, ['tag: i32 = 0;', ...fields]));
      // One constructor function per branch: make a union value holding a branch value.
      u.type.types.forEach((b, i) => {
        const f = u.fields[i];
        out.push(
          f
            ? `function ${u.name}of${i}(v: ${this.as(b)}): ${u.name} { const u = new ${u.name}(); u.tag = ${i}; u.${f} = v; return u; }`
            : `function ${u.name}of${i}(): ${u.name} { const u = new ${u.name}(); u.tag = ${i}; return u; }`,
        );
      });
    }
    return out.join('\n');
  }
}

/** A class declaration with these members, one a line. */
function classSource(name: string, members: readonly string[]): string {
  const c = new Lines('  ');
  c.block(`class ${name}`, () => {
    for (const m of members) c.emit(m);
  });
  return c.text();
}

/** The zero of a scalar union: tag 0, value bits 0. */
const VECTOR_ZERO = 'i64x2(0, 0)';

export { f64Literal };
