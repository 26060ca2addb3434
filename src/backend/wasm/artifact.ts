/**
 * Compiled artifacts (DESIGN.md decision 5): `MODEL.wasm` and its manifest `MODEL.wasm.json`
 * beside the model. The manifest ties the module to one document (SHA-256 of its text) and one
 * version of the lowering (SHA-256 of the generated source), so a stale module is never used.
 */
import { createHash } from 'node:crypto';
import { COMPILER_VERSION } from './version.js';
import type { ErrorSite, LoweredModule } from './lower/module.js';
import type { TypedEngine } from '../../ir/tree.js';
import { toSchema } from '../../types/avro.js';
import { base64Encode } from '../../codec/base64.js';
import { StringDict, WireWriter, wireEncoder } from './wire.js';

export interface Manifest {
  format: 'pfa-wasm-manifest';
  compilerVersion: string;
  /** SHA-256 of the PFA document's text, as read from its file. */
  sha256: string;
  /** SHA-256 of the generated AssemblyScript: the host recomputes the lowering and compares. */
  sourceSha256: string;
  wasmBytes: number;
  /** The strings the kernel knows by code at start (the rest are added as inputs arrive). */
  dictionary: readonly string[];
  errorSites: number;
  compiledAt: string;
  /**
   * What a runtime without the front end (src/hosts/compiled/) needs to drive the kernel; present when
   * `makeManifest` was given the typed engine (every `pfa-wasm compile` since the browser runtime).
   */
  runtime?: RuntimeManifest;
}

/** The engine as the kernel sees it: types as Avro schemas, values already on the wire. */
export interface RuntimeManifest {
  name: string;
  method: 'map' | 'emit' | 'fold';
  input: unknown;
  output: unknown;
  /** Error site k (the kernel returns k + 1) and what it means; site 0 is the timeout. */
  sites: readonly ErrorSite[];
  /** Log site k (the kernel's log hook call names it): its values' schemas, in order, and its namespace. */
  logs?: readonly { types: readonly unknown[]; namespace: string | null }[];
  /** Strings that encoding `loaded` and `tally` added after `dictionary` (their codes follow on). */
  loadStrings: readonly string[];
  /** Cells and constants in load order, as wire slots (base64), for `pfaLoad`. */
  loaded: string;
  /** fold: the zero tally as wire slots (base64), for `pfaSetTally`; else null. */
  tally: string | null;
  /** Cells the document writes, in `pfaCellOut` order, with their schemas (snapshots). */
  cells: readonly { name: string; type: unknown }[];
  /** Pools the document writes, numbered on from the cells in `pfaCellOut`, with their item schemas. */
  pools?: readonly { name: string; type: unknown }[];
  entries: readonly string[];
  /** From `options`: milliseconds, -1 for none. */
  timeouts: { begin: number; action: number; end: number };
  /** The document's randseed as decimal text (the engine's generator is seeded with it plus the instance), or null. */
  randseed: string | null;
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

export function makeManifest(
  documentText: string,
  lowered: LoweredModule,
  wasm: Uint8Array,
  typed?: TypedEngine,
): Manifest {
  const m: Manifest = {
    format: 'pfa-wasm-manifest',
    compilerVersion: COMPILER_VERSION,
    sha256: sha256(documentText),
    sourceSha256: sha256(lowered.source),
    wasmBytes: wasm.length,
    dictionary: lowered.strings,
    errorSites: lowered.sites.length,
    compiledAt: new Date().toISOString(),
  };
  if (typed) m.runtime = runtimeManifest(lowered, typed);
  return m;
}

/**
 * What the host (host.ts) runs the kernel from: loaded values encoded with the dictionary the
 * kernel starts from, error sites, schemas, timeouts. `pfa-wasm compile` writes it into the
 * manifest; the Node engine builds it in memory (load.ts startWasm).
 */
export function runtimeManifest(lowered: LoweredModule, typed: TypedEngine): RuntimeManifest {
  const dict = new StringDict();
  for (const s of lowered.strings) dict.code(s);
  const wire = (write: (w: WireWriter) => void) => {
    const w = new WireWriter();
    write(w);
    return base64Encode(w.bytes());
  };
  const loaded = wire((w) => {
    for (const l of lowered.loaded) wireEncoder(l.type, dict)(l.value, w);
  });
  const tally = typed.method === 'fold' ? wire((w) => wireEncoder(typed.output, dict)(typed.zero, w)) : null;
  const cells = [...lowered.cellGlobals]
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map(([name]) => ({ name, type: toSchema(typed.cells.get(name)!.type) }));
  const pools = [...lowered.poolGlobals]
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map(([name]) => ({ name, type: toSchema(typed.pools.get(name)!.type) }));
  return {
    name: typed.name,
    method: typed.method,
    input: toSchema(typed.input),
    output: toSchema(typed.output),
    sites: lowered.sites.map((s) => ({ ...s })),
    logs: lowered.logs.map((l) => ({ types: l.types.map((t) => toSchema(t)), namespace: l.namespace })),
    loadStrings: dict.strings.slice(lowered.strings.length),
    loaded,
    tally,
    cells,
    pools,
    entries: lowered.entries,
    timeouts: timeoutsOf(typed),
    randseed: typed.randseed === null ? null : String(typed.randseed),
  };
}

/** Milliseconds begin, action and end may run, from the document's `options` (and PFAEngine's `timeout`); -1 for none. */
export function timeoutsOf(typed: TypedEngine): RuntimeManifest['timeouts'] {
  const o = typed.options;
  const t = (k: string) => Number(o[`timeout.${k}`] ?? o.timeout ?? -1);
  return { begin: t('begin'), action: t('action'), end: t('end') };
}

/** Why a manifest does not fit this document and lowering, or null if it does. */
export function manifestMismatch(m: Manifest, documentText: string, lowered: LoweredModule): string | null {
  if (m.format !== 'pfa-wasm-manifest') return 'not a pfa-wasm manifest';
  if (m.compilerVersion !== COMPILER_VERSION) return `built by ${m.compilerVersion}, this is ${COMPILER_VERSION}`;
  if (m.sha256 !== sha256(documentText)) return 'the document changed since the module was compiled (SHA-256 differs)';
  if (m.sourceSha256 !== sha256(lowered.source)) return 'the lowering changed since the module was compiled';
  return null;
}

export { defaultWasmPath } from './modulePath.js';
