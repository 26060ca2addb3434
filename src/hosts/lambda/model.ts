/**
 * Loading a model: the PFA document and, when they sit beside it, the Wasm module compiled from
 * it and that module's manifest (issue 5: `sonar.pfa.json` → `sonar.wasm` + `sonar.wasm.json`).
 * The module is used only when the manifest's `sha256` is the SHA-256 of the document's bytes,
 * so a document updated without recompiling never runs with a stale module: a mismatch is
 * logged and the module ignored.
 */
import { ObjectStore } from './store.js';
import { Logger } from './log.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultWasmPath } from '../../backend/wasm/modulePath.js';

/** The part of the manifest (src/backend/wasm/artifact.ts) checked here; the engine checks the rest. */
export interface WasmManifest {
  sha256: string;
  [key: string]: unknown;
}

export interface WasmArtifact {
  module: Uint8Array;
  manifest: WasmManifest;
  source: string;
}

export interface ModelFiles {
  source: string;
  /**
   * The document's text, decoded at its first read: the manifest path never reads it for a model
   * without gaps in its timeouts and one-record bodies, and the 15 KB string of the Sonar model was
   * a part of the young-generation allocation that made every cold start pay for a scavenge.
   */
  readonly text: string;
  /**
   * Whether the document's text contains `ascii` (ASCII only), read from its bytes so that the text
   * stays undecoded; files made otherwise (tests) are searched as text.
   */
  mentions?(ascii: string): boolean;
  /** Hex SHA-256 of the document's bytes. */
  sha256: string;
  version?: string;
  wasm?: WasmArtifact;
}

export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/** The names of a model's Wasm module and manifest, as `pfa-wasm compile` writes them. */
/*! @eager */
export function wasmNamesFor(model: string): { module: string; manifest: string } {
  const module = defaultWasmPath(model);
  return { module, manifest: `${module}.json` };
}

/**
 * What deploy/build-lambda.ts records of the model it bundles, through esbuild's `define` (absent
 * when this runs from source, and for a document over BUNDLED_COPY_LIMIT): where the zip holds a
 * copy of the document's bytes, relative to the task root, and their SHA-256.
 */
declare const PFA_BUNDLED_MODEL: BundledModel | undefined;

export interface BundledModel {
  /** The copy's path inside the zip (BUNDLED_COPY_PATH). */
  copy: string;
  sha256: string;
}

/**
 * The largest document the zip holds a copy of: a larger document's SHA-256 costs little beside
 * loading and evaluating the rest of its model.
 */
export const BUNDLED_COPY_LIMIT = 256 * 1024;

/**
 * The copy's path in the zip. A file rather than a string in index.mjs (as it was): every cold
 * start parsed the string, about 1M instructions for the Sonar model's 27 KiB of base64, where
 * reading the file is native and costs next to nothing.
 */
export const BUNDLED_COPY_PATH = 'chunks/bundled-model.bytes';

/**
 * Hex SHA-256 of the document's bytes. For the document the bundle was built with (byte for byte
 * the copy the zip holds) that is the SHA-256 recorded at build time, so the cold start does not
 * load node:crypto, about 5 ms of CPU for the Sonar model, as much as the rest of its load;
 * comparing the bytes is native and exact. A JS checksum was tried instead of the copy and cost
 * as much CPU as node:crypto, mostly compiling its loop. Any other document (an S3 model, one
 * changed after the build, a large one) is hashed, and so is every document when the copy cannot
 * be read.
 */
/*! @eager */
export async function documentSha256(bytes: Uint8Array): Promise<string> {
  const bundled = typeof PFA_BUNDLED_MODEL === 'undefined' ? undefined : PFA_BUNDLED_MODEL;
  if (bundled && bundledCopy(bundled)?.equals(bytes)) return bundled.sha256;
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
}

/** The zip's copy of the bundled document (the task root is LAMBDA_TASK_ROOT), or null. */
/*! @eager */
function bundledCopy(bundled: BundledModel): Buffer | null {
  try {
    return readFileSync(join(process.env.LAMBDA_TASK_ROOT ?? '.', bundled.copy));
  } catch {
    return null;
  }
}

/** Reads the document and looks for its Wasm artifacts (all three reads at once: S3 latency adds up). */
/*! @eager */
export async function loadModelFiles(store: ObjectStore, name: string, log: Logger): Promise<ModelFiles> {
  const names = wasmNamesFor(name);
  const optional = (n: string) =>
    store.read(n).catch((e) => {
      log.log('warn', 'could not read an optional Wasm artifact; using the model without it', {
        object: store.describe(n),
        error: String(e),
      });
      return null;
    });
  const [doc, manifestObj, moduleObj] = await Promise.all([
    store.read(name).catch((e) => {
      throw new ModelLoadError(`cannot read the model ${store.describe(name)}: ${String(e)}`);
    }),
    optional(names.manifest),
    optional(names.module),
  ]);
  if (!doc) throw new ModelLoadError(`the model ${store.describe(name)} does not exist`);
  const sha256 = await documentSha256(doc.bytes);
  let text: string | undefined;
  const files: ModelFiles = {
    source: store.describe(name),
    get text() {
      return (text ??= new TextDecoder().decode(doc.bytes));
    },
    // (in UTF-8 an ASCII string's bytes appear in a text's bytes only where the string does)
    mentions: (ascii) => Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset, doc.bytes.byteLength).includes(ascii),
    sha256,
    version: doc.version,
  };
  if (!manifestObj && !moduleObj) return files;
  if (!manifestObj || !moduleObj) {
    const missing = store.describe(manifestObj ? names.module : names.manifest);
    log.log('warn', 'Wasm artifact ignored: its module or manifest is missing', { missing });
    return files;
  }
  let manifest: WasmManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestObj.bytes));
  } catch (e) {
    log.log('warn', 'Wasm artifact ignored: the manifest is not JSON', {
      manifest: store.describe(names.manifest),
      error: String(e),
    });
    return files;
  }
  if (manifest?.sha256 !== sha256) {
    log.log('warn', "Wasm artifact ignored: the manifest's sha256 does not match the document (recompile the model)", {
      manifest: store.describe(names.manifest),
      expected: sha256,
      found: manifest?.sha256 ?? null,
    });
    return files;
  }
  files.wasm = { module: moduleObj.bytes, manifest, source: store.describe(names.module) };
  return files;
}
