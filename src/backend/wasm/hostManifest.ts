/**
 * What the one host (host.ts) reads from a manifest, decoded once: the schemas built into types,
 * the dictionary the kernel starts with (its own strings, then those the loaded values added), and
 * the loaded values and fold tally as wire slots. Nothing here needs the front end.
 */
import { manifestMessages } from '../../errors/runtime.js';
import {
  AvroType,
  NamedType,
  PRIMITIVES,
  PrimitiveKind,
  RecordType,
  T,
  arrayOf,
  mapOf,
  unionType,
} from '../../types/avro.js';
import { base64Decode } from '../../codec/base64.js';
import type { ErrorSite } from './lower/module.js';
import type { RuntimeManifest } from './artifact.js';

/** The part of a manifest the host runs from: the kernel's dictionary and the runtime section. */
export interface HostManifest {
  dictionary: readonly string[];
  runtime: RuntimeManifest;
}

export interface HostPlan {
  name: string;
  method: 'map' | 'emit' | 'fold';
  input: AvroType;
  output: AvroType;
  /** Cells the document writes, by name: their `pfaCellOut` number and type. */
  cells: ReadonlyMap<string, { index: number; type: AvroType }>;
  /** Pools the document writes, by name: their `pfaCellOut` number and the map of their items' type. */
  pools: ReadonlyMap<string, { index: number; type: AvroType }>;
  /** The strings the kernel knows by code at load, in code order. */
  strings: readonly string[];
  sites: readonly ErrorSite[];
  /** Log sites: the types of their values, in wire order, and their namespaces. */
  logs: readonly { types: readonly AvroType[]; namespace: string | null }[];
  /** Cells and constants as wire slots, for `pfaLoad`. */
  loaded: Uint8Array;
  /** fold: the zero tally as wire slots, for `pfaSetTally`; else null. */
  tally: Uint8Array | null;
  timeouts: RuntimeManifest['timeouts'];
  randseed: bigint | null;
}

/*! @eager */
export function hostPlan(m: HostManifest): HostPlan {
  const r = m.runtime;
  const named = new Map<string, NamedType>();
  const schema = (json: unknown, path: string) => fromSchema(json, named, `/runtime${path}`);
  const input = schema(r.input, '/input');
  const output = schema(r.output, '/output');
  return {
    name: r.name,
    method: r.method,
    input,
    output,
    cells: new Map(r.cells.map((c, i) => [c.name, { index: i, type: schema(c.type, `/cells/${i}`) }])),
    pools: new Map(
      (r.pools ?? []).map((p, i) => [
        p.name,
        { index: r.cells.length + i, type: { kind: 'map', values: schema(p.type, `/pools/${i}`) } },
      ]),
    ),
    strings: [...m.dictionary, ...r.loadStrings],
    sites: r.sites,
    logs: (r.logs ?? []).map((l, i) => ({
      types: l.types.map((t, j) => schema(t, `/logs/${i}/${j}`)),
      namespace: l.namespace,
    })),
    loaded: blob(r.loaded),
    tally: r.tally === null ? null : blob(r.tally),
    timeouts: r.timeouts,
    randseed: r.randseed === null ? null : BigInt(r.randseed),
  };
}

/** Standard base64 with at most two `=` after it: what codec/base64.ts reads (no whitespace, no other alphabet). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type NativeBase64 = { fromBase64?: (s: string) => Uint8Array };
type NodeBuffer = { from(s: string, encoding: 'base64'): Uint8Array };

/**
 * codec/base64.ts's base64Decode, by the platform's decoder where there is one
 * (Uint8Array.fromBase64, Node's Buffer: native code, where the cold start would run that loop
 * over the loaded values). The text is checked first and given to them without its padding, as
 * they allow, drop or refuse some texts that base64Decode does not (whitespace, characters outside
 * the alphabet, a short padding).
 */
/*! @eager */
function base64Bytes(base64: string): Uint8Array | undefined {
  if (!BASE64.test(base64)) return undefined;
  let end = base64.length;
  while (end > 0 && base64.charCodeAt(end - 1) === 61 /* = */) end--;
  if (end % 4 === 1) return undefined;
  const bare = base64.slice(0, end);
  const fromBase64 = (Uint8Array as unknown as NativeBase64).fromBase64;
  if (fromBase64) return fromBase64(bare);
  const buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  return buffer ? buffer.from(bare, 'base64') : base64Decode(bare);
}

/*! @eager */
function blob(base64: string): Uint8Array {
  const b = base64Bytes(base64);
  if (!b || b.length % 8 !== 0) throw manifestMessages.malformedWire.error();
  return b;
}

/**
 * The type of a schema that toSchema (types/avro.ts) wrote, read back without the checks and the
 * two passes of types/schema.ts: a manifest's schemas come from the compiler of this very version
 * (`describes`), and every cold start paid for that reader (its code in the Lambda's index.mjs,
 * the JSON Pointer of every field, built in case of an error: 20 functions to compile and a third
 * of the allocation that set off a scavenge). toSchema writes full names, and each named type in
 * full at its first use in each schema; `named` carries them across the schemas of one manifest,
 * so that each name is one type, as TypeNames makes it. Anything else is a manifest this version
 * did not write (`path`: where in the manifest).
 */
/*! @eager */
export function fromSchema(json: unknown, named: Map<string, NamedType>, path: string): AvroType {
  if (typeof json === 'string') {
    const t = PRIMITIVES.has(json) ? T[json as PrimitiveKind] : named.get(json);
    if (t) return t;
  } else if (Array.isArray(json)) {
    return unionType(json.map((u, i) => fromSchema(u, named, `${path}/${i}`)));
  } else if (typeof json === 'object' && json !== null) {
    const s = json as { type?: unknown; name?: string; items?: unknown; values?: unknown; size?: number };
    if (s.type === 'array') return arrayOf(fromSchema(s.items, named, `${path}/items`));
    if (s.type === 'map') return mapOf(fromSchema(s.values, named, `${path}/values`));
    const known = typeof s.name === 'string' ? named.get(s.name) : undefined;
    if (known && known.kind === s.type) return known;
    if (!known && typeof s.name === 'string') {
      const name = s.name;
      if (s.type === 'fixed' && typeof s.size === 'number') return define(named, { kind: 'fixed', name, size: s.size });
      const symbols = (json as { symbols?: unknown }).symbols;
      if (s.type === 'enum' && Array.isArray(symbols))
        return define(named, { kind: 'enum', name, symbols: [...symbols] });
      const fields = (json as { fields?: unknown }).fields;
      if (s.type === 'record' && Array.isArray(fields)) {
        const rec = define<RecordType>(named, { kind: 'record', name, fields: [] });
        rec.fields = fields.map((f: { name: string; type: unknown }, i) => ({
          name: f.name,
          type: fromSchema(f.type, named, `${path}/fields/${i}/type`),
        }));
        return rec;
      }
    }
  }
  throw manifestMessages.malformedSchema.error(path);
}

/*! @eager */
function define<N extends NamedType>(named: Map<string, NamedType>, t: N): N {
  named.set(t.name, t);
  return t;
}
