/**
 * The compile cache: a model without a module beside it is compiled once (build.ts) and the module
 * and manifest are kept in a folder, so the next `serve`, `score` or `npm start` of the same
 * document starts without asc. An entry is named by the document's SHA-256, COMPILER_VERSION and the
 * start of ASSEMBLY_SHA256 (the kernel runtime's hash: while a version is being developed its runtime
 * changes under one name, and a module built on an older runtime would not instantiate);
 * PFAEngine.create decides whether the manifest fits (`forgetCached` drops an entry it refuses, so
 * the next start compiles it again).
 *
 * The folder is $PFA_WASM_CACHE, else $XDG_CACHE_HOME/pfa-wasm, else ~/.cache/pfa-wasm; deleting it
 * is always safe. Files are written to a temporary name and renamed, so a process starting at the
 * same time sees a whole entry or none; an entry that does not read back whole is compiled again
 * and overwritten.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { type Manifest, sha256 } from '../backend/wasm/artifact.js';
import { type Artifact, buildLowered, lowerDocument } from './index.js';
import { buildReport, engineMessages } from '../errors/runtime.js';
import type { Precompiled } from '../backend/wasm/load.js';
import { ASSEMBLY_SHA256, COMPILER_VERSION } from '../backend/wasm/version.js';
import { precompiledBeside } from '../backend/wasm/beside.js';

export function cacheDir(env: Record<string, string | undefined> = process.env): string {
  if (env.PFA_WASM_CACHE) return resolve(env.PFA_WASM_CACHE);
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'pfa-wasm');
}

/** What an entry is built with: the compiler's version and its runtime's hash. */
const ENTRY_VERSION = `${COMPILER_VERSION}-${ASSEMBLY_SHA256.slice(0, 12)}`;

/** The entry's module path (its manifest is the same path plus `.json`, as beside a model). */
export function cachePath(documentText: string, dir = cacheDir()): string {
  return join(dir, `${sha256(documentText)}-${ENTRY_VERSION}.wasm`);
}

export type Cached =
  | {
      ok: true;
      precompiled: Precompiled & { wasm: Uint8Array };
      file: string;
      /** asc's milliseconds, or null on a cache hit. */
      compiledMs: number | null;
      /** Where the module came from, in words, for the log. */
      origin: string;
    }
  /**
   * The document does not lower (`reason` at `path`), or, with `defect`, asc failed on what it
   * lowered to (`reason` is then the whole sentence, engineMessages.buildFailed).
   */
  | { ok: false; reason: string; path: string; defect?: true };

/** The cached module of this document, or null when there is none (or it is not whole). */
export async function readCached(documentText: string, dir = cacheDir()): Promise<Cached | null> {
  const file = cachePath(documentText, dir);
  let wasm: Uint8Array;
  let manifest: Manifest;
  try {
    [wasm, manifest] = await Promise.all([
      readFile(file).then((b) => new Uint8Array(b)),
      readFile(`${file}.json`, 'utf8').then((t) => JSON.parse(t) as Manifest),
    ]);
  } catch {
    return null;
  }
  const whole =
    manifest?.format === 'pfa-wasm-manifest' &&
    manifest.compilerVersion === COMPILER_VERSION &&
    manifest.sha256 === sha256(documentText) &&
    manifest.wasmBytes === wasm.length &&
    WebAssembly.validate(wasm as Uint8Array<ArrayBuffer>);
  return whole
    ? {
        ok: true,
        precompiled: { wasm, manifest, documentText },
        file,
        compiledMs: null,
        origin: `from the compile cache, ${file}`,
      }
    : null;
}

/**
 * The cached module of this document, compiling and storing it first when there is none. A
 * document that does not lower gives the reason (nothing is stored: checking it again is cheap).
 * A build that fails is a defect of the lowering: it is reported, not thrown, so that `auto`
 * hosts answer on JS as PFAEngine.create does; the document's own errors are still thrown.
 */
export async function compiledCached(documentText: string, dir = cacheDir()): Promise<Cached> {
  const hit = await readCached(documentText, dir);
  if (hit) return hit;
  const { typed, lowering } = lowerDocument(documentText);
  if (!lowering.ok) return lowering;
  let built: Artifact;
  try {
    built = await buildLowered(documentText, typed, lowering.lowered);
  } catch (e) {
    return { ok: false, reason: engineMessages.buildFailed.text(buildReport(e)), path: '', defect: true };
  }
  const file = cachePath(documentText, dir);
  await mkdir(dir, { recursive: true });
  // The module first: a manifest never names a module that is not there yet.
  await writeAtomically(file, built.wasm);
  await writeAtomically(`${file}.json`, JSON.stringify(built.manifest) + '\n');
  const origin = `compiled in ${built.millis} ms and kept in the compile cache, ${file}`;
  return {
    ok: true,
    precompiled: { wasm: built.wasm, manifest: built.manifest, documentText },
    file,
    compiledMs: built.millis,
    origin,
  };
}

/**
 * For the CLI: the module beside the model file when it was built from this text, else the compile cache's (compiled now if it is
 * not there yet); undefined when the document does not lower or does not build (PFAEngine.create
 * then says why, and under `auto` runs JS).
 * `say` is told where a module came from when it was not beside the model.
 */
export async function precompiledFor(
  modelPath: string,
  documentText: string,
  say?: (message: string) => void,
): Promise<Precompiled | undefined> {
  const beside = precompiledBeside(modelPath, documentText);
  // A module beside the model that was built from another text or version would be ignored by
  // PFAEngine.create and compiled again at every start: the cache's is used instead.
  if (beside && beside.manifest.sha256 === sha256(documentText) && beside.manifest.compilerVersion === COMPILER_VERSION)
    return beside;
  const c = await compiledCached(documentText);
  if (!c.ok) return undefined;
  say?.(`module ${c.origin}`);
  return c.precompiled;
}

/** Drops this document's entry (its module was built from a lowering that has changed since). */
export async function forgetCached(documentText: string, dir = cacheDir()): Promise<void> {
  const file = cachePath(documentText, dir);
  await Promise.all([rm(file, { force: true }), rm(`${file}.json`, { force: true })]);
}

async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
