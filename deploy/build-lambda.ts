/**
 * `npm run build:lambda [-- --model FILE | --no-model] [--allow-js] [--out FILE]`: bundles the Lambda
 * handlers with esbuild into ES modules, `index.mjs` (HTTP, src/hosts/lambda/index.ts) and `batch.mjs`
 * (batch scoring of S3 objects, src/hosts/lambda/batch/index.ts), the first with what it loads
 * only when it needs it in chunks/ (a model with a matching module never loads PFAEngine and the
 * front end; bench/cold-start.ts measures the cold start), and writes them with the model, its Wasm module
 * and the module's manifest into deploy/dist/lambda.zip. The module is the one
 * beside the model when its manifest matches the document, else it is compiled here (through the
 * compile cache, src/build/cache.ts): the function runs on Wasm by default. A model that does
 * not lower stops the build with the reason, unless `--allow-js` bundles it for the JS backend. The
 * AWS SDK stays out (the nodejs22.x runtime provides it); the compiler (assemblyscript, binaryen)
 * must not get in, and the build fails if it does.
 */
import { build, Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_COPY_LIMIT, BUNDLED_COPY_PATH, type BundledModel, wasmNamesFor } from '../src/hosts/lambda/model.js';
import { type Manifest, manifestMismatch } from '../src/backend/wasm/artifact.js';
import { lowerDocument } from '../src/build/index.js';
import { compiledCached, forgetCached } from '../src/build/cache.js';
import { zip, ZipEntry } from './zip.js';
import { DEFERRED_ENTRY, deferOutOfIndex, deferredEntry } from './deferred.js';
import { eagerFunctions } from './eager.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FORBIDDEN = /node_modules\/(assemblyscript|binaryen|@assemblyscript)\//;

/**
 * The Wasm backend loads the AssemblyScript compiler from one module, backend/wasm/compile.ts,
 * only when no usable precompiled module is given. In the bundle that module is replaced by one
 * that says so: a function uses the .wasm deployed beside its model, or the JS backend.
 */
const withoutCompiler: Plugin = {
  name: 'without-wasm-compiler',
  setup(b) {
    b.onResolve({ filter: /^\.\/compile\.js$/ }, (args) =>
      /backend[\\/]wasm[\\/]load\.ts$/.test(args.importer)
        ? { path: 'wasm-compiler', namespace: 'without-compiler' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'without-compiler' }, () => ({
      loader: 'js',
      contents:
        "export async function compileSource() { throw new Error('the Lambda bundle has no Wasm compiler: deploy MODEL.wasm and MODEL.wasm.json (pfa-wasm compile) beside the model, or use PFA_BACKEND=auto or js'); }",
    }));
  },
};

/**
 * PFAEngine and the Wasm backend's loader import their parts with import() (the CLI and the
 * browser load only what a document needs). In the Lambda bundle PFAEngine is itself loaded with
 * import(), only when the manifest path cannot run the model, so those imports are made static
 * here: each import() is an entry point to esbuild, and each entry that shares modules with the
 * cold path splits it into more chunks, that is more files for every cold start to load.
 */
const LAZY_INSIDE = /src[\\/](engine|backend[\\/]wasm[\\/]load)\.ts$/;
const staticInsideEngine: Plugin = {
  name: 'static-inside-engine',
  setup(b) {
    b.onLoad({ filter: LAZY_INSIDE }, (args) => {
      const imports: string[] = [];
      const contents = readFileSync(args.path, 'utf8').replace(
        /\bimport\((['"])(\.{1,2}\/[^'"]+)\1\)/g,
        (_, q, path) => {
          imports.push(`import * as __lazy${imports.length} from ${q}${path}${q};`);
          return `Promise.resolve(__lazy${imports.length - 1})`;
        },
      );
      return { contents: `${imports.join('\n')}\n${contents}`, loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

export interface LambdaBuild {
  zipPath: string;
  zipBytes: number;
  bundleBytes: number;
  /** Paths inside the zip. */
  entries: string[];
  /** PFA_MODEL for the function, when a model is bundled. */
  modelPath: string | null;
  /** The backend the bundled model runs on, and why (null without a model). */
  backend: { backend: 'wasm' | 'js'; why: string } | null;
}

export interface LambdaBuildOptions {
  /** The model to bundle (default: the demo model); null for none (a model in S3). */
  model?: string | null;
  out?: string;
  /** Bundle a model that does not lower, for the JS backend, instead of failing. */
  allowJs?: boolean;
}

export async function buildLambda(options: LambdaBuildOptions = {}): Promise<LambdaBuild> {
  const model = options.model === undefined ? join(ROOT, 'models/sonar-naive-bayes.pfa.json') : options.model;
  const out = options.out ?? join(ROOT, 'deploy/dist/lambda.zip');
  let modelPath: string | null = null;
  let backend: LambdaBuild['backend'] = null;
  let bundled: BundledModel | null = null;
  const modelEntries: ZipEntry[] = [];
  if (model) {
    if (!existsSync(model)) throw new Error(`no model at ${model}`);
    modelPath = `model/${basename(model)}`;
    const bytes = readFileSync(model);
    modelEntries.push({ name: modelPath, data: bytes });
    const found = await moduleFor(model, new TextDecoder().decode(bytes), options.allowJs ?? false);
    backend = { backend: found.module ? 'wasm' : 'js', why: found.why };
    if (found.module) {
      // The names the handler looks for (src/hosts/lambda/model.ts), whatever the module was called here.
      const wasm = wasmNamesFor(modelPath);
      modelEntries.push({ name: wasm.module, data: found.module }, { name: wasm.manifest, data: found.manifest });
    }
    // What lets the handler know these bytes again without hashing them (documentSha256).
    if (bytes.length <= BUNDLED_COPY_LIMIT) {
      bundled = { copy: BUNDLED_COPY_PATH, sha256: createHash('sha256').update(bytes).digest('hex') };
      modelEntries.push({ name: BUNDLED_COPY_PATH, data: bytes });
    }
  }
  // Two handlers, two builds: the HTTP handler (index.handler) and the batch handler
  // (batch.handler, deploy/batch.yaml), so neither loads the other's code. The HTTP handler's
  // cold path is index.mjs alone; what it loads with import() only when it needs
  // it (the front end and the JS backend, for a model without a matching Wasm module; the library
  // calls run on the host) is a build of its own in chunks/ (see `lazyApart`), and so is what its
  // cold path imports but a request on the kernel's fast path never calls (chunks/deferred.mjs,
  // deferred.ts). The zip carries every chunk.
  const outputs = [
    ...(await bundle({ index: 'src/hosts/lambda/index.ts' }, false, bundled, [
      lazyApart('./chunks/'),
      deferOutOfIndex(ROOT, Object.keys(SHARED)),
    ])),
    ...(await bundle(LAZY, true, bundled, [lazyApart('./')])),
    ...(await bundle({ 'chunks/deferred': DEFERRED_ENTRY }, false, bundled, [lazyApart('./'), deferredEntry(ROOT)])),
    ...(await bundle({ batch: 'src/hosts/lambda/batch/index.ts' }, false, bundled, [])),
  ];
  const index = outputs.find((f) => f.name === 'index.mjs')!.data;
  // The handlers first, then the chunks in name order (the zip's listing stays stable).
  const entries: ZipEntry[] = ['index.mjs', 'batch.mjs']
    .map((name) => outputs.find((f) => f.name === name)!)
    .concat(outputs.filter((f) => f.name.startsWith('chunks/')).sort((x, y) => (x.name < y.name ? -1 : 1)))
    .concat(modelEntries);
  const archive = zip(entries);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, archive);
  return {
    zipPath: out,
    zipBytes: archive.length,
    bundleBytes: index.length,
    entries: entries.map((e) => e.name),
    modelPath,
    backend,
  };
}

// CommonJS packages bundled into an ES module may call require() for Node builtins, through
// esbuild's __require, which needs a `require` in scope. Only the files that hold it get one, and
// it is process.getBuiltinModule (Node 22.3 and 20.16 on) rather than createRequire: node:module
// would be one more of Node's modules to load in the cold start. The bundle leaves out only
// builtins and the AWS SDK (imported, not required), so builtins are all it can be asked for.
const REQUIRE = new TextEncoder().encode(
  'const require = (id) => { const m = process.getBuiltinModule(id); if (m === undefined) throw new Error("Cannot find module \'" + id + "\'"); return m; };\n',
);

/**
 * `import { readFileSync } from 'node:fs'` in an ES module evaluates every export of the builtin,
 * getters included, which loads fs/promises, fs/dir, readline and more (seen in
 * process.moduleLoadList): the project's own imports of node:fs and node:path take the module
 * from process.getBuiltinModule instead. Each importer gets the names its import statement lists
 * (read from its source), since esbuild keeps every property read at module scope, used or not:
 * all of node:fs's plain (non-getter) properties cost about 100 reads and a large literal to parse
 * in every cold start. An importer that takes the default or the namespace gets them all.
 */
const BUILTINS = ['fs', 'path'];
const builtinsWithoutFacade: Plugin = {
  name: 'builtins-without-facade',
  setup(b) {
    b.onResolve({ filter: /^node:(fs|path)$/ }, (args) =>
      args.importer.includes(`${ROOT}/src/`)
        ? { path: args.path, namespace: 'builtin', suffix: `?${namedImports(args.importer, args.path) ?? '*'}` }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, async (args) => {
      const id = args.path.slice('node:'.length);
      if (!BUILTINS.includes(id)) return undefined;
      const asked = args.suffix?.slice(1);
      const m = (await import(args.path)).default as Record<string, unknown>;
      const names =
        asked && asked !== '*'
          ? asked.split(',')
          : Object.keys(m).filter(
              (k) => /^[A-Za-z_$][\w$]*$/.test(k) && 'value' in Object.getOwnPropertyDescriptor(m, k)!,
            );
      return {
        loader: 'js',
        contents: `const m = process.getBuiltinModule('${args.path}');\nexport const { ${names.join(', ')} } = m;\nexport default m;\n`,
      };
    });
  },
};

/**
 * The names `file` imports from `builtin` when every import of it is `import { a, b } from ...`
 * (sorted, comma-separated), else null (a default or namespace import, or none found).
 */
function namedImports(file: string, builtin: string): string | null {
  const code = readFileSync(file, 'utf8');
  const names = new Set<string>();
  const quoted = `['"]${builtin}['"]`;
  for (const m of code.matchAll(new RegExp(`import\\s+([^;]*?)\\s+from\\s*${quoted}`, 'g'))) {
    const clause = /^\{([^}]*)\}$/.exec(m[1].trim());
    if (!clause) return null;
    for (const spec of clause[1].split(',')) {
      const name = spec.trim().split(/\s+as\s+/)[0];
      if (name) names.add(name);
    }
  }
  return names.size ? [...names].sort().join(',') : null;
}

function withRequire(code: Uint8Array): Uint8Array {
  if (!new TextDecoder().decode(code).includes('__require')) return code;
  const out = new Uint8Array(REQUIRE.length + code.length);
  out.set(REQUIRE);
  out.set(code, REQUIRE.length);
  return out;
}

/**
 * What the HTTP handler loads with import() only when it needs it, built apart from index.mjs:
 * esbuild's splitting puts a whole file in the chunk of every entry that reaches it, so a file
 * that both index.mjs and PFAEngine use brought the parts only PFAEngine calls (most of
 * types/avro.ts and values.ts) into a shared chunk that every cold start loaded: 143 KiB in three
 * files, against 130 KiB in one file built alone (issue 17). The two builds have their own copies
 * of the modules both use, which is safe because what crosses between them is plain data and
 * duck-typed objects (PFAEngine, the host calls), with one exception: errors, which the handler
 * tells apart with `instanceof PfaError` and `instanceof HttpError` (SHARED). So the chunks take
 * those classes from index.mjs: index.mjs holds them and puts them in the global symbol registry
 * before its own code runs, and the chunks (loaded by it, after that) read them there. A module of
 * its own that both imported was one more file for every cold start to load, about 0.6M
 * instructions.
 */
const LAZY = {
  'chunks/backend': 'src/hosts/lambda/backend.ts',
  'chunks/engine': 'src/engine.ts',
  'chunks/hostCalls': 'src/backend/wasm/hostCalls.ts',
  'chunks/openapi': 'src/openapi/document.ts',
};
/** The classes index.mjs and the chunks share, by module; each is published as `Symbol.for("pfa-wasm.NAME")`. */
const SHARED: Record<string, string> = {
  'src/errors/PfaError.ts': 'PfaError',
  'src/hosts/lambda/errors.ts': 'HttpError',
};

/**
 * Resolves a SHARED module to one whose class is the one index.mjs publishes (`dir` './chunks/':
 * index.mjs itself, which publishes it), and an import() of a LAZY file to its chunk; `dir` is
 * chunks/ from the importing output.
 */
function lazyApart(dir: string): Plugin {
  const lazy = new Map(
    Object.entries(LAZY).map(([name, source]) => [join(ROOT, source), name.slice('chunks/'.length)]),
  );
  const ts = (path: string, resolveDir: string) => join(resolveDir, path).replace(/\.js$/, '.ts');
  return {
    name: 'lazy-apart',
    setup(b) {
      b.onResolve({ filter: /^\.{1,2}\// }, (args) => {
        if (!args.importer.startsWith(join(ROOT, 'src'))) return undefined;
        const source = ts(args.path, args.resolveDir);
        const shared = relative(ROOT, source);
        if (SHARED[shared]) return { path: shared, namespace: dir === './chunks/' ? 'publish' : 'read' };
        const chunk = args.kind === 'dynamic-import' && dir === './chunks/' ? lazy.get(source) : undefined;
        return chunk ? { path: `${dir}${chunk}.mjs`, external: true } : undefined;
      });
      // (the module's other exports, plain functions, are each build's own)
      const shared = (path: string) => {
        const name = SHARED[path];
        return {
          real: JSON.stringify(join(ROOT, path)),
          name,
          key: `Symbol.for(${JSON.stringify(`pfa-wasm.${name}`)})`,
        };
      };
      b.onLoad({ filter: /.*/, namespace: 'publish' }, (args) => {
        const { real, name, key } = shared(args.path);
        return {
          contents: `import { ${name} } from ${real};\nglobalThis[${key}] = ${name};\nexport * from ${real};\n`,
          loader: 'js',
          resolveDir: ROOT,
        };
      });
      b.onLoad({ filter: /.*/, namespace: 'read' }, (args) => {
        const { real, name, key } = shared(args.path);
        return {
          contents: `export * from ${real};\nexport const ${name} = globalThis[${key}];\n`,
          loader: 'js',
          resolveDir: ROOT,
        };
      });
    },
  };
}

/**
 * ES modules (`NAME.mjs` for each entry NAME), and with `splitting` the chunks they share
 * (`chunks/`); `bundled` is what they learn of the model in the zip (PFA_BUNDLED_MODEL).
 */
async function bundle(
  entries: Record<string, string>,
  splitting: boolean,
  bundled: BundledModel | null,
  plugins: Plugin[],
): Promise<ZipEntry[]> {
  const result = await build({
    entryPoints: Object.fromEntries(
      Object.entries(entries).map(([name, source]) => [name, source === DEFERRED_ENTRY ? source : join(ROOT, source)]),
    ),
    outdir: 'out',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    target: 'node22',
    format: 'esm',
    write: false,
    metafile: true,
    // Identifiers are kept so that stack traces in the log stay readable.
    minifySyntax: true,
    minifyWhitespace: true,
    // Kept in place so that the compile hints' markers reach eagerFunctions (eager.ts), which removes them.
    legalComments: 'inline',
    external: ['@aws-sdk/*'],
    plugins: [...plugins, withoutCompiler, staticInsideEngine, builtinsWithoutFacade],
    define: { PFA_BUNDLED_MODEL: bundled ? JSON.stringify(bundled) : 'undefined' },
    logLevel: 'warning',
  });
  const bad = Object.keys(result.metafile.inputs).filter((p) => FORBIDDEN.test(p));
  if (bad.length)
    throw new Error(`the Lambda bundle must not contain the compiler, but it pulls in:\n  ${bad.join('\n  ')}`);
  return result.outputFiles.map((f) => {
    const name = relative(join(process.cwd(), 'out'), f.path).split('\\').join('/');
    const code = eagerFunctions(f.text, name, name === 'index.mjs');
    return { name, data: withRequire(code === f.text ? f.contents : new TextEncoder().encode(code)) };
  });
}

type ModuleFound = { module: Uint8Array; manifest: Uint8Array; why: string } | { module: null; why: string };

/** The model's module and manifest: the ones beside it if they match, else compiled (or why not). */
async function moduleFor(model: string, text: string, allowJs: boolean): Promise<ModuleFound> {
  const { lowering } = lowerDocument(text);
  if (!lowering.ok) {
    const why = `not lowered to Wasm: ${lowering.path || '/'}: ${lowering.reason}`;
    if (allowJs) return { module: null, why: `--allow-js: the JS backend runs it (${why})` };
    throw new Error(`${model} is ${why}. Bundle it for the JS backend on purpose with --allow-js.`);
  }
  const beside = wasmNamesFor(model);
  if (existsSync(beside.module) && existsSync(beside.manifest)) {
    const manifest = readFileSync(beside.manifest);
    let mismatch: string | null;
    try {
      mismatch = manifestMismatch(JSON.parse(manifest.toString('utf8')) as Manifest, text, lowering.lowered);
    } catch (e) {
      mismatch = `the manifest is not JSON (${(e as Error).message})`;
    }
    if (!mismatch)
      return { module: readFileSync(beside.module), manifest, why: `the module beside the model, ${beside.module}` };
    console.warn(`build:lambda: ${beside.module} is not used: ${mismatch}; compiling the model`);
  }
  let c = await compiledCached(text);
  // A cache entry from an older lowering of the same document and compiler version is rebuilt.
  if (c.ok && manifestMismatch(c.precompiled.manifest, text, lowering.lowered)) {
    await forgetCached(text);
    c = await compiledCached(text);
  }
  if (!c.ok) throw new Error(`${model} is not lowered to Wasm: ${c.path || '/'}: ${c.reason}`);
  return {
    module: c.precompiled.wasm,
    manifest: new TextEncoder().encode(JSON.stringify(c.precompiled.manifest, null, 1) + '\n'),
    why: `the module ${c.origin}`,
  };
}

async function main(argv: string[]): Promise<void> {
  let model: string | null | undefined;
  let out: string | undefined;
  let allowJs = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--model') model = resolve(argv[++i]);
    else if (argv[i] === '--no-model') model = null;
    else if (argv[i] === '--out') out = resolve(argv[++i]);
    else if (argv[i] === '--allow-js') allowJs = true;
    else throw new Error(`unknown option ${argv[i]} (use --model FILE, --no-model, --allow-js, --out FILE)`);
  }
  const b = await buildLambda({ model, out, allowJs });
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(
    `${relative(process.cwd(), b.zipPath)}: ${kib(b.zipBytes)} (${b.zipBytes} bytes; index.mjs ${kib(b.bundleBytes)} before compression)`,
  );
  for (const e of b.entries) console.log(`  ${e}`);
  console.log(
    b.modelPath
      ? `handlers index.handler and batch.handler, PFA_MODEL=${b.modelPath}`
      : 'handlers index.handler and batch.handler, no model inside: set PFA_MODEL_S3_URI',
  );
  if (b.backend) console.log(`backend ${b.backend.backend}: ${b.backend.why}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`build:lambda: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
