/**
 * A precompiled module (`pfa-wasm compile`) run straight from its manifest, without the front end
 * or the lowering: the cold-start path of the Lambda handler, `serve` and PFAEngine.create.
 * Nothing here imports the reader, the checker or the lowering, so a bundle that reaches the
 * kernel only through this file stays small.
 */
import type { Manifest, RuntimeManifest } from './artifact.js';
import { COMPILER_VERSION } from './version.js';
import { HostOptions, WasmHost } from './host.js';

export interface Precompiled {
  /** The module's bytes, the module, or its compilation under way. */
  wasm: Uint8Array | WebAssembly.Module | Promise<WebAssembly.Module>;
  manifest: Manifest;
  documentText: string;
}

/**
 * The host of a precompiled module when its manifest was written for this very document
 * (`documentSha256`, the hex SHA-256 of its text: the caller hashes it, so that this file needs no
 * node:crypto) by this kernel version and carries the runtime section, which describes its module
 * exactly (as the browser runtime trusts it); null otherwise. `timeouts` are this engine's (the
 * document's, or a default the caller applies).
 */
/*! @eager */
export async function manifestHost(
  pre: Precompiled,
  documentSha256: string,
  timeouts: RuntimeManifest['timeouts'],
  options: HostOptions,
): Promise<WasmHost | null> {
  const m = pre.manifest;
  if (!describes(m, documentSha256)) return null;
  // (not awaited here: the host builds its types while the module compiles)
  const module = pre.wasm instanceof Uint8Array ? WebAssembly.compile(pre.wasm as Uint8Array<ArrayBuffer>) : pre.wasm;
  return WasmHost.create(module, { dictionary: m.dictionary, runtime: { ...m.runtime, timeouts } }, options);
}

/** Whether a manifest was written for the document of this hash by this kernel version, with its runtime section. */
/*! @eager */
export function describes(
  m: Manifest | undefined,
  documentSha256: string,
): m is Manifest & { runtime: RuntimeManifest } {
  return (
    m?.format === 'pfa-wasm-manifest' &&
    !!m.runtime &&
    m.compilerVersion === COMPILER_VERSION &&
    m.sha256 === documentSha256
  );
}
