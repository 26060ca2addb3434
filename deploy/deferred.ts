/**
 * What the HTTP handler's index.mjs leaves to chunks/deferred.mjs (issue 17): modules that its
 * cold path imports but that a request the kernel reads and scores (fastBody.ts, the commonest
 * request) never calls. In index.mjs each of them is a stub with the same exports: a function
 * calls the module's own in chunks/deferred.mjs, which the first such call loads, and a constant
 * is its value. The load is synchronous (Node 22 requires an ES module, and the chunk has no
 * top-level await), so no caller changes, the server's synchronous answers included: a cold start
 * that needs none of them just does not parse them (V8 preparses every function of a module it
 * loads), and one that does pays for them once, at the first call.
 *
 * The chunk is a build of its own, as the other chunks are (build-lambda.ts, `lazyApart`), with its
 * own copies of the modules it shares with index.mjs; what crosses between the two is plain data,
 * the wire's buffers and dictionary (duck-typed), and the error classes both must share for
 * `instanceof` (PfaError, HttpError: defined in index.mjs and published under a global symbol,
 * build-lambda.ts SHARED). The chunk reads those classes when it is evaluated, so index.mjs must
 * have published them before anything can load it: the loader every stub calls imports their
 * modules first (`LOADER`), and ES module order then runs the publication before any stub exists,
 * however early a stub is called (at a module's top level, or by the loader itself on a Node that
 * imports the chunk at init). A class cannot be stubbed (`new`, `instanceof`): a cold-path import of
 * one from a module listed here fails the build ("No matching export"), and such a class belongs
 * in a module apart (wireSlots.ts, fastpath/readable.ts).
 */
import type { Plugin } from 'esbuild';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The modules deferred, from the repository's root. */
export const DEFERRED = [
  // The value codecs: Avro-JSON and the wire (a request read and answered as text needs neither).
  'src/codec/avroJson.ts',
  'src/backend/wasm/wire.ts',
  'src/values.ts',
  // The JS text reader, for texts the kernel's reader declines.
  'src/backend/wasm/fastpath/reader.ts',
  // Texts that are staged (all but one record the kernel reads whole), the kernel reading them onto
  // the stage, and the key table of a map input (a record input has none).
  'src/backend/wasm/fastpath/staging.ts',
  'src/backend/wasm/fastpath/kernelStage.ts',
  'src/backend/wasm/fastpath/keyTable.ts',
  // JSON with exact longs: bodies and answers that hold longs, and messages that quote JSON.
  'src/document/json.ts',
  // Host paths a kernel may never take: columns in, and time zones (a library call's import).
  'src/backend/wasm/columns.ts',
  'src/lib/util/timezone.ts',
  // base64 in JS, where the platform has no decoder (hostManifest.ts): never in Node.
  'src/codec/base64.ts',
  // Bodies that are batches (the JS reader stages their records: this chunk is loaded then anyway),
  // and bodies the general path reads (HttpError is one class for both: build-lambda.ts SHARED).
  'src/hosts/lambda/fastBatch.ts',
  'src/hosts/lambda/bodyParse.ts',
  // The general path of a request (a body the fast path declines), and the answers to failures.
  'src/hosts/lambda/general.ts',
  'src/hosts/lambda/failures.ts',
  // A kernel's error sites, random numbers (the state is made at the first draw), a model in S3.
  'src/backend/wasm/siteError.ts',
  'src/xoshiro128.ts',
  'src/hosts/lambda/s3Store.ts',
  // The message catalogs: a bad body, schema or manifest, and a record the model fails on.
  'src/errors/messages.ts',
  'src/errors/runtime.ts',
  // What a kernel host runs besides scoring text (host.ts): values in and out, cells and pools,
  // strings the kernel makes or reads as text, its failures' errors, and random draws.
  'src/backend/wasm/hostValues.ts',
  'src/backend/wasm/hostCells.ts',
  'src/backend/wasm/hostStrings.ts',
  'src/backend/wasm/hostErrors.ts',
  'src/backend/wasm/hostRandom.ts',
];

/** The specifier of the chunk's entry, to `bundle` (build-lambda.ts). */
export const DEFERRED_ENTRY = 'deferred:entry';

/** Where index.mjs finds the chunk (both are at the zip's root and in chunks/, as the other chunks). */
const CHUNK = './chunks/deferred.mjs';

// The one loader every stub calls: required at its first call, from index.mjs's own URL.
// (process.getBuiltinModule: node:module is not imported, so a cold start that defers all does not load it.)
// A Node that cannot require an ES module (22 before 22.12, or --no-experimental-require-module)
// imports the chunk in the init phase instead, as if it were part of index.mjs. Either way the
// shared classes' modules come first (`publishing`): with them published only where the code
// first reached them, a body the chunk refused was answered 500 (the chunk's HttpError undefined).
const LOADER = (publishing: string) => `${publishing}let chunk;
if (!process.features.require_module) chunk = await import(${JSON.stringify(CHUNK)});
export function deferred() {
  return (chunk ??= process.getBuiltinModule('node:module').createRequire(import.meta.url)(${JSON.stringify(CHUNK)}));
}
`;

const ts = (path: string, resolveDir: string) => join(resolveDir, path).replace(/\.js$/, '.ts');

/**
 * The index build's side: imports of a DEFERRED module from `root`/src resolve to its stub.
 * `shared` (from the root, build-lambda.ts SHARED) are imported by the loader as a module of src
 * would import them, so the plugin that publishes their classes resolves them as it does there.
 */
export function deferOutOfIndex(root: string, shared: readonly string[]): Plugin {
  const index = new Map(DEFERRED.map((source, i) => [join(root, source), i]));
  const src = join(root, 'src');
  // (a path under src that is no file: the importer those plugins take for one of src's modules)
  const loader = join(src, 'deferred-loader.js');
  const publishing = shared
    .map((source) => `import ${JSON.stringify(`./${relative(src, join(root, source)).replace(/\.ts$/, '.js')}`)};\n`)
    .join('');
  return {
    name: 'defer-out-of-index',
    setup(b) {
      b.onResolve({ filter: /^\.{1,2}\// }, (args) => {
        if (!args.importer.startsWith(src)) return undefined;
        const i = index.get(ts(args.path, args.resolveDir));
        return i === undefined ? undefined : { path: String(i), namespace: 'deferred-stub' };
      });
      b.onResolve({ filter: /^deferred:loader$/ }, () => ({ path: loader, namespace: 'deferred-loader' }));
      b.onResolve({ filter: /^\.\/chunks\/deferred\.mjs$/ }, (args) =>
        args.namespace === 'deferred-loader' ? { path: CHUNK, external: true } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'deferred-loader' }, () => ({
        contents: LOADER(publishing),
        loader: 'js',
        resolveDir: src,
      }));
      b.onLoad({ filter: /.*/, namespace: 'deferred-stub' }, async (args) => ({
        contents: await stub(root, Number(args.path)),
        loader: 'js',
      }));
    },
  };
}

/** The chunk's side: its entry exports each DEFERRED module's namespace as p0, p1, ... */
export function deferredEntry(root: string): Plugin {
  return {
    name: 'deferred-entry',
    setup(b) {
      b.onResolve({ filter: /^deferred:entry$/ }, () => ({ path: 'entry', namespace: 'deferred-entry' }));
      b.onLoad({ filter: /.*/, namespace: 'deferred-entry' }, () => ({
        contents: DEFERRED.map((source, i) => `export * as p${i} from ${JSON.stringify(join(root, source))};`).join(
          '\n',
        ),
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}

/**
 * The stub of DEFERRED[i], from the module's exports as it evaluates here: a function (not a
 * class) forwards by name, so stack traces name it twice, in index.mjs and in the chunk; a
 * primitive constant is copied; an object (a message catalog) is a Proxy whose property reads
 * are the chunk's object's (reads only: `in`, keys and writes see an empty object). Anything else
 * is left out.
 */
async function stub(root: string, i: number): Promise<string> {
  const m = (await import(pathToFileURL(join(root, DEFERRED[i])).href)) as Record<string, unknown>;
  const lines = [`import { deferred } from 'deferred:loader';`];
  for (const [name, v] of Object.entries(m)) {
    if (typeof v === 'function') {
      if (/^class\b/.test(Function.prototype.toString.call(v))) continue;
      lines.push(`export function ${name}(...a) { return deferred().p${i}.${name}(...a); }`);
    } else if (typeof v === 'object' && v !== null) {
      lines.push(`export const ${name} = new Proxy({}, { get: (_, key) => deferred().p${i}.${name}[key] });`);
    } else if (
      typeof v === 'string' ||
      typeof v === 'boolean' ||
      (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0))
    ) {
      lines.push(`export const ${name} = ${JSON.stringify(v)};`);
    }
  }
  return lines.join('\n');
}
