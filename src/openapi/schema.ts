/**
 * Avro types → JSON Schema (2020-12, the dialect of OpenAPI 3.1), describing Avro-JSON as the
 * engine reads and writes it: records are objects with their fields required unless they have a
 * default; unions other than null are tagged, {"branch": value}; bytes and fixed are base64
 * strings; int and long are integers with their ranges; float and double are numbers or the
 * strings the codec uses for NaN and infinities. Named types become components, referenced by
 * `$ref`, so recursive records are finite.
 */
import { AvroType, NamedType } from '../types/avro.js';
import { unionTag } from '../codec/avroJson.js';

export type JsonSchema = Record<string, unknown>;

/** The strings the codec reads for non-finite floats (it writes the first three). */
const NON_FINITE = ['nan', 'inf', '-inf', 'NaN', 'Infinity', '-Infinity'];

export class SchemaBuilder {
  /**
   * Components: named types by full name, and the shared `double` / `float` schemas (no Avro
   * named type can take those names: Avro reserves the primitive names).
   */
  readonly components: Record<string, JsonSchema> = {};

  constructor(private readonly refBase = '#/components/schemas/') {}

  schema(t: AvroType): JsonSchema {
    switch (t.kind) {
      case 'null':
        return { type: 'null' };
      case 'boolean':
        return { type: 'boolean' };
      case 'int':
        return { type: 'integer', format: 'int32', minimum: -2147483648, maximum: 2147483647 };
      // No bounds: 2^63 - 1 has no exact double, and JSON.stringify would print a bound off by one.
      case 'long':
        return { type: 'integer', format: 'int64' };
      case 'float':
      case 'double':
        return this.shared(t.kind);
      case 'string':
        return { type: 'string' };
      case 'bytes':
        return { type: 'string', contentEncoding: 'base64' };
      case 'array':
        return { type: 'array', items: this.schema(t.items) };
      case 'map':
        return { type: 'object', additionalProperties: this.schema(t.values) };
      case 'union':
        return { oneOf: t.types.map((b) => this.branch(b)) };
      case 'fixed':
      case 'enum':
      case 'record':
        return this.named(t);
    }
  }

  private branch(b: AvroType): JsonSchema {
    if (b.kind === 'null') return { type: 'null' };
    const tag = unionTag(b);
    return { type: 'object', properties: { [tag]: this.schema(b) }, required: [tag], additionalProperties: false };
  }

  private shared(kind: 'float' | 'double'): JsonSchema {
    this.components[kind] ??= {
      description: `an Avro ${kind}: a JSON number, or one of the strings for NaN and the infinities`,
      oneOf: [{ type: 'number' }, { type: 'string', enum: NON_FINITE }],
    };
    return { $ref: this.refBase + kind };
  }

  private named(t: NamedType): JsonSchema {
    const ref = { $ref: this.refBase + t.name };
    if (t.name in this.components) return ref;
    // Registered before the fields are built, so a record that contains itself refers to itself.
    const target: JsonSchema = {};
    this.components[t.name] = target;
    if (t.kind === 'enum') Object.assign(target, { type: 'string', enum: [...t.symbols] });
    else if (t.kind === 'fixed') {
      const chars = 4 * Math.ceil(t.size / 3);
      Object.assign(target, {
        type: 'string',
        contentEncoding: 'base64',
        minLength: chars,
        maxLength: chars,
        description: `fixed ${t.name}: ${t.size} bytes as base64`,
      });
    } else {
      const properties: Record<string, JsonSchema> = {};
      for (const f of t.fields) properties[f.name] = this.schema(f.type);
      Object.assign(target, {
        type: 'object',
        title: t.name,
        properties,
        required: t.fields.filter((f) => !('default' in f)).map((f) => f.name),
        additionalProperties: false,
      });
    }
    return ref;
  }
}
