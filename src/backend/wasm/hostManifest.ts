/**
 * What the one host (host.ts) reads from a manifest, decoded once: the schemas built into types,
 * the dictionary the kernel starts with (its own strings, then those the loaded values added), and
 * the loaded values and fold tally as wire slots. Nothing here needs the front end.
 */
import { manifestMessages } from '../../errors/runtime.js';
import { AvroType } from '../../types/avro.js';
import { TypeNames } from '../../types/schema.js';
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
  const names = new TypeNames();
  const input = names.build(r.input, '/input');
  const output = names.build(r.output, '/output');
  return {
    name: r.name,
    method: r.method,
    input,
    output,
    cells: new Map(r.cells.map((c, i) => [c.name, { index: i, type: names.build(c.type, `/cells/${i}`) }])),
    pools: new Map(
      (r.pools ?? []).map((p, i) => [
        p.name,
        { index: r.cells.length + i, type: { kind: 'map', values: names.build(p.type, `/pools/${i}`) } },
      ]),
    ),
    strings: [...m.dictionary, ...r.loadStrings],
    sites: r.sites,
    logs: (r.logs ?? []).map((l, i) => ({
      types: l.types.map((t, j) => names.build(t, `/logs/${i}/${j}`)),
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
