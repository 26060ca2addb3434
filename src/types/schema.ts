/**
 * Reading Avro schemae out of a PFA document. Named types may be referenced before they are
 * defined (aurelius writes `"input": "Input"` and defines Input deep inside the action), so this
 * works in two passes: `collect` registers every named definition found in every schema of the
 * document, then `build` turns a schema into a type, building named types on first use.
 */
import { PfaError, pointer } from '../errors/PfaError.js';
import { schemaMessages as M } from '../errors/messages.js';
import { jsonText } from '../document/json.js';
import { decoderFor } from '../codec/avroJson.js';
import {
  AvroType,
  Field,
  NamedType,
  PRIMITIVES,
  RecordType,
  T,
  arrayOf,
  isNamed,
  mapOf,
  unionType,
  PrimitiveKind,
} from './avro.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Definition {
  json: Record<string, unknown>;
  namespace: string;
  path: string;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fullName(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

export class TypeNames {
  private readonly defs = new Map<string, Definition>();
  private readonly built = new Map<string, NamedType>();

  /** Registers every named type defined inside `json` (pass 1). */
  collect(json: unknown, path: string, namespace = ''): void {
    if (Array.isArray(json)) {
      json.forEach((u, i) => {
        this.collect(u, pointer(path, i), namespace);
      });
      return;
    }
    if (!isObject(json)) return;
    const type = json.type;
    if (type === 'record' || type === 'enum' || type === 'fixed') {
      const name = json.name;
      if (typeof name !== 'string') throw M.needsName.at(path, type);
      const ns = typeof json.namespace === 'string' ? json.namespace : namespace;
      const full = fullName(name, ns);
      for (const part of full.split('.')) {
        if (!NAME.test(part)) throw M.badName.at(pointer(path, 'name'), full);
      }
      // Avro: primitive type names may not be defined, in any namespace.
      const short = full.slice(full.lastIndexOf('.') + 1);
      if (PRIMITIVES.has(short)) throw M.primitiveName.at(pointer(path, 'name'), full);
      const prev = this.defs.get(full);
      if (prev && jsonText(stripAt(prev.json)) !== jsonText(stripAt(json))) {
        throw M.definedTwice.at(path, full, prev.path);
      }
      if (!prev)
        this.defs.set(full, { json, namespace: full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : '', path });
      if (type === 'record' && Array.isArray(json.fields)) {
        const inner = this.defs.get(full)!.namespace;
        json.fields.forEach((f, i) => {
          if (isObject(f)) this.collect(f.type, pointer(pointer(pointer(path, 'fields'), i), 'type'), inner);
        });
      }
    } else if (type === 'array') {
      this.collect(json.items, pointer(path, 'items'), namespace);
    } else if (type === 'map') {
      this.collect(json.values, pointer(path, 'values'), namespace);
    } else if (isObject(type) || Array.isArray(type)) {
      this.collect(type, pointer(path, 'type'), namespace);
    }
  }

  has(name: string): boolean {
    return this.defs.has(name) || this.built.has(name);
  }

  /** Returns the named type with this full name, if defined. */
  named(name: string): NamedType | undefined {
    if (this.built.has(name)) return this.built.get(name);
    const def = this.defs.get(name);
    return def ? this.outermost(() => this.buildNamed(name, def) as NamedType) : undefined;
  }

  /** Registers a type built elsewhere (the library's own record types). */
  register(t: NamedType): void {
    this.built.set(t.name, t);
  }

  /** Record fields with defaults, checked against their types once every type they use is built. */
  private pendingDefaults: { type: AvroType; value: unknown; path: string }[] = [];
  private depth = 0;

  /** Builds the type that `json` denotes (pass 2). */
  build(json: unknown, path: string, namespace = ''): AvroType {
    return this.outermost(() => this.buildInner(json, path, namespace));
  }

  /** Runs `f`; the outermost call checks the defaults met, once all the records they use are complete. */
  private outermost<R>(f: () => R): R {
    this.depth++;
    let done = false;
    try {
      const r = f();
      done = true;
      return r;
    } finally {
      // (after a schema error the pending defaults are dropped: that error is the one to report)
      if (--this.depth === 0) {
        if (done) this.checkDefaults();
        else this.pendingDefaults = [];
      }
    }
  }

  /** Avro: a field's default is a value of its type (given as Avro-JSON; a union's may be untagged). */
  private checkDefaults(): void {
    const pending = this.pendingDefaults;
    this.pendingDefaults = [];
    for (const d of pending) {
      try {
        decoderFor(d.type)(stripAt(d.value), d.path);
      } catch (e) {
        if (e instanceof PfaError && e.kind === 'input') throw M.defaultMismatch.at(e.inputPath ?? d.path, e.message);
        throw e;
      }
    }
  }

  private buildInner(json: unknown, path: string, namespace: string): AvroType {
    if (typeof json === 'string') return this.byName(json, path, namespace);
    if (Array.isArray(json)) {
      if (json.length === 0) throw M.emptyUnion.at(path);
      const types = json.map((u, i) => this.build(u, pointer(path, i), namespace));
      if (types.some((t) => t.kind === 'union')) throw M.unionInUnion.at(path);
      // Avro: one branch per type, named types told apart by full name (the JSON tag of a branch).
      const tags = types.map((t) => (isNamed(t) ? t.name : t.kind));
      const twice = tags.findIndex((t, i) => tags.indexOf(t) !== i);
      if (twice >= 0) throw M.unionBranchTwice.at(pointer(path, twice), tags[twice]);
      return unionType(types);
    }
    if (!isObject(json)) throw M.notASchema.at(path, json === undefined ? 'nothing' : jsonText(json));
    const type = json.type;
    switch (type) {
      case 'array':
        if (!('items' in json)) throw M.arrayNeedsItems.at(path);
        return arrayOf(this.build(json.items, pointer(path, 'items'), namespace));
      case 'map':
        if (!('values' in json)) throw M.mapNeedsValues.at(path);
        return mapOf(this.build(json.values, pointer(path, 'values'), namespace));
      case 'record':
      case 'enum':
      case 'fixed': {
        const ns = typeof json.namespace === 'string' ? json.namespace : namespace;
        const full = fullName(String(json.name), ns);
        if (!this.defs.has(full) && !this.built.has(full)) this.collect(json, path, namespace);
        return this.named(full)!;
      }
      default:
        if (typeof type === 'string' || isObject(type) || Array.isArray(type))
          return this.build(type, pointer(path, 'type'), namespace);
        throw M.unknownSchema.at(path, jsonText(json));
    }
  }

  private byName(name: string, path: string, namespace: string): AvroType {
    if (PRIMITIVES.has(name)) return T[name as PrimitiveKind];
    const candidates = name.includes('.') ? [name] : [fullName(name, namespace), name];
    for (const c of candidates) {
      const t = this.named(c);
      if (t) return t;
    }
    throw M.unknownTypeName.at(path, name);
  }

  private buildNamed(full: string, def: Definition): AvroType {
    const { json, path, namespace } = def;
    if (json.type === 'fixed') {
      const size = json.size;
      if (
        !(typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) &&
        !(typeof size === 'bigint' && size >= 0n && size <= BigInt(Number.MAX_SAFE_INTEGER))
      ) {
        throw M.fixedNeedsSize.at(pointer(path, 'size'));
      }
      const t = { kind: 'fixed', name: full, size: Number(size) } as const;
      this.built.set(full, t);
      return t;
    }
    if (json.type === 'enum') {
      const symbols = json.symbols;
      if (!Array.isArray(symbols) || !symbols.every((s) => typeof s === 'string' && NAME.test(s))) {
        throw M.enumNeedsSymbols.at(path);
      }
      if (new Set(symbols).size !== symbols.length) throw M.enumSymbolsRepeat.at(path);
      const t = { kind: 'enum', name: full, symbols: symbols as string[] } as const;
      this.built.set(full, t);
      return t;
    }
    const fieldsJson = json.fields;
    if (!Array.isArray(fieldsJson)) throw M.recordNeedsFields.at(path);
    const rec: RecordType = { kind: 'record', name: full, fields: [] };
    this.built.set(full, rec);
    const fields: Field[] = [];
    fieldsJson.forEach((f, i) => {
      const fpath = pointer(pointer(path, 'fields'), i);
      if (!isObject(f) || typeof f.name !== 'string' || !NAME.test(f.name)) throw M.fieldNeedsName.at(fpath);
      if (!('type' in f)) throw M.fieldNeedsType.at(fpath, f.name);
      if (fields.some((g) => g.name === f.name)) throw M.fieldTwice.at(fpath, f.name);
      const field: Field = { name: f.name, type: this.build(f.type, pointer(fpath, 'type'), namespace) };
      if ('default' in f) {
        (field as { default?: unknown }).default = f.default;
        this.pendingDefaults.push({ type: field.type, value: f.default, path: pointer(fpath, 'default') });
      }
      if (typeof f.order === 'string') (field as { order?: string }).order = f.order;
      fields.push(field);
    });
    rec.fields = fields;
    return rec;
  }
}

/** Removes PFA locator marks ("@" keys) from embedded JSON, recursively (spec sec. 2.3). */
export function stripAt(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(stripAt);
  if (isObject(json)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(json)) if (k !== '@') out[k] = stripAt(v);
    return out;
  }
  return json;
}
