/**
 * Helpers the parts of the `map` namespace share: walking, filtering and overlaying entries, in JS
 * and as Wasm statements. Results are new maps in the insertion order a dictionary would keep.
 */
import { WasmCall } from '../registry.js';
import { eachEntry, newMap } from '../util/wasm.js';
import type { AvroType } from '../../types/avro.js';

export type M = ReadonlyMap<string, unknown>;

/**
 * Wasm: a bool local, true when `test` holds for some entry (in insertion order, stopping at the
 * first, as the JS loops do). With `valueType`, the value is read into a local first.
 */
export function anyEntry(c: WasmCall, m: string, test: (k: string, v: string) => string, valueType?: AvroType): string {
  const r = c.temp('bool', 'false');
  eachEntry(c, m, (k, v) => {
    const x = valueType ? c.temp(c.type(valueType), v) : v;
    c.emit(`if (${test(k, x)}) { ${r} = true; break; }`);
  });
  return r;
}

/** Wasm: a new map of the entries of `m` that pass `keep` (a bool expression), in order. */
export function filterEntriesWasm(
  c: WasmCall,
  m: string,
  values: AvroType,
  keep: (k: string, v: string) => string,
): string {
  const out = newMap(c, values);
  eachEntry(c, m, (k, v) => {
    const x = c.temp(c.type(values), v);
    c.emit(`if (${keep(k, x)}) ${out}.set(${k}, ${x});`);
  });
  return out;
}

/** Wasm: overlays the maps from left to right into a new map (later values replace earlier ones). */
export function overlayWasm(c: WasmCall, maps: readonly string[], values: AvroType): string {
  const out = newMap(c, values);
  for (const m of maps) eachEntry(c, m, (k, v) => c.emit(`${out}.set(${k}, ${v});`));
  return out;
}

/** The entries of `m` that pass `keep`, as a new map in the same order. */
export function filterEntries(m: M, keep: (k: string, v: unknown) => boolean): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of m) if (keep(k, v)) out.set(k, v);
  return out;
}

/** Overlays the maps from left to right: later values replace earlier ones. */
export function overlay(maps: readonly M[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const m of maps) for (const [k, v] of m) out.set(k, v);
  return out;
}
