/**
 * How Avro types are represented in the generated AssemblyScript (DESIGN.md decision 3):
 * double → f64, float → f32, int → i32, long → i64, boolean → bool, string → i32 (a code of the
 * string dictionary), enum → i32 (symbol index), array → Array<T>, map → CodeMap<T> (keys are
 * string codes, kept in insertion order: assembly/lib/util/codemap.ts), record → a generated class, union →
 * a generated class with a tag and one field per branch. Bytes and fixed are not lowered.
 */
import { AvroType, RecordType, UnionType, typeToString } from '../../types/avro.js';
import { Names, f64Literal } from './emit/names.js';

export class NotLowerable extends Error {
  constructor(readonly reason: string, readonly path: string) {
    super(reason);
  }
}

export interface RecordClass { readonly name: string; readonly type: RecordType; readonly fields: readonly string[] }
export interface UnionClass { readonly name: string; readonly type: UnionType; readonly fields: readonly (string | null)[] }

function unionKey(u: UnionType): string {
  return typeToString(u);
}

export class AsTypes {
  readonly records = new Map<string, RecordClass>();
  readonly unions = new Map<string, UnionClass>();

  constructor(private readonly names: Names) {}

  /** The AssemblyScript type of an Avro type; throws NotLowerable for what is not lowered. */
  as(t: AvroType, path = ''): string {
    switch (t.kind) {
      case 'double': return 'f64';
      case 'float': return 'f32';
      case 'int': case 'string': case 'enum': return 'i32';
      case 'long': return 'i64';
      case 'boolean': return 'bool';
      case 'null': return 'i32';
      case 'array': return `Array<${this.as(t.items, path)}>`;
      case 'map': return `CodeMap<${this.as(t.values, path)}>`;
      case 'record': return this.record(t, path).name;
      case 'union': return this.union(t, path).name;
      case 'bytes': case 'fixed':
        throw new NotLowerable(`${typeToString(t)} values are not lowered to Wasm`, path);
    }
  }

  /** The value a local of this type starts with (references: a null pointer, never read before set). */
  zero(t: AvroType): string {
    switch (t.kind) {
      case 'double': return '0.0';
      case 'float': return '<f32>0.0';
      case 'long': return '<i64>0';
      case 'boolean': return 'false';
      case 'int': case 'string': case 'enum': case 'null': return '0';
      default: return `changetype<${this.as(t)}>(0)`;
    }
  }

  isReference(t: AvroType): boolean {
    return t.kind === 'array' || t.kind === 'map' || t.kind === 'record' || t.kind === 'union';
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
      c = { name: this.names.mint('U'), type: t, fields: t.types.map((b) => (b.kind === 'null' ? null : this.names.mint('b'))) };
      this.unions.set(key, c);
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
      const body = r.fields.map((f) => `this.${f} = ${f};`).join(' ');
      out.push(`class ${r.name} {\n  ${r.type.fields.map((f, i) => `${r.fields[i]}: ${this.as(f.type)};`).join('\n  ')}\n  constructor(${params}) { ${body} }\n}`);
    }
    for (const u of this.unions.values()) {
      const fields = u.type.types.map((b, i) => (u.fields[i] ? `  ${u.fields[i]}: ${this.as(b)} = ${this.zero(b)};` : '')).filter(Boolean);
      out.push(`class ${u.name} {\n  tag: i32 = 0;\n${fields.join('\n')}\n}`);
      // One constructor function per branch: make a union value holding a branch value.
      u.type.types.forEach((b, i) => {
        const f = u.fields[i];
        out.push(f
          ? `function ${u.name}of${i}(v: ${this.as(b)}): ${u.name} { const u = new ${u.name}(); u.tag = ${i}; u.${f} = v; return u; }`
          : `function ${u.name}of${i}(): ${u.name} { const u = new ${u.name}(); u.tag = ${i}; return u; }`);
      });
    }
    return out.join('\n');
  }
}

export { f64Literal };
