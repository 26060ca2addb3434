/**
 * The layering ARCHITECTURE.md states, checked on the imports of every source file: the backends
 * see only the typed tree (never the reader or the checker), the library never reaches a backend's
 * host or a host, and the front-end-free host for compiled models (src/hosts/compiled) loads no
 * front end and no library JS forms. A file that breaks a rule fails here with its import.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import (static or dynamic) of a file, as a path under src/. */
function importsOf(file: string): string[] {
  // (an import written inside generated source, a template string, names no file here)
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  // Type-only imports are erased: they load nothing.
  const stat = [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/gm)];
  const bare = [...text.matchAll(/^import\s*['"](\.{1,2}\/[^'"]+)['"]/gm)];
  const dynamic = [...text.matchAll(/\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]/g)];
  const specs = [...stat, ...bare, ...dynamic].map((m) => m[1]);
  return specs.map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** Files under `from` (paths relative to src/) whose imports reach a path starting with one of `banned`. */
function violations(from: string, banned: string[]): string[] {
  const out: string[] = [];
  for (const file of sources(join(SRC, from))) {
    for (const target of importsOf(file)) {
      if (banned.some((b) => target === b || target.startsWith(`${b}/`)))
        out.push(`${relative(SRC, file)} imports ${target}`);
    }
  }
  return out;
}

/** Everything `entry` (a path under src/) loads, statically or dynamically, as paths under src/. */
function reach(entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const todo = [entry];
  while (todo.length) {
    for (const t of importsOf(join(SRC, todo.pop() as string))) {
      if (!seen.has(t)) {
        seen.add(t);
        todo.push(t);
      }
    }
  }
  return seen;
}

describe('layering', () => {
  it('the backends import neither the reader nor the checker', () => {
    expect(violations('backend', ['document/read.ts', 'check', 'build', 'hosts'])).toEqual([]);
  });

  it('the library imports no host', () => {
    expect(violations('lib', ['hosts', 'build', 'engine.ts'])).toEqual([]);
  });

  it('the host for compiled models loads no front end and no library, even indirectly', () => {
    const banned = ['document/read.ts', 'check', 'lib', 'backend/js', 'backend/wasm/lower', 'build', 'engine.ts'];
    // Allowed: code point helpers the codec shares with the s.* functions, and the functions whose
    // JS forms kernels may call on the host (backend/wasm/hostCalls.ts ON_HOST: the s, parse, bytes
    // and cast namespaces) with the registry they are defined through and the helpers they use;
    // hostCalls.ts loads them with import(), only for kernels with call sites.
    const allowed = new Set([
      'lib/util/codepoints.ts',
      'lib/s.ts',
      'lib/parse.ts',
      'lib/bytes.ts',
      'lib/cast.ts',
      'lib/registry.ts',
      'lib/sig.ts',
      'lib/util/decimal.ts',
      'lib/util/numeric.ts',
      'lib/util/textBytes.ts',
      'lib/util/avroBinary.ts',
      'lib/util/wasm.ts',
      // (time.* zone offsets: WasmHost.zoneOffset)
      'lib/util/timezone.ts',
      // (the regex compiler: the host compiles re.* patterns known only at run time)
      'lib/util/regexSyntax.ts',
      'lib/util/regexVm.ts',
      'lib/util/regexCache.ts',
      'lib/util/regexClasses.ts',
      'lib/util/regexClassTable.ts',
    ]);
    const loaded = [...reach('hosts/compiled/index.ts')].filter(
      (t) => !allowed.has(t) && banned.some((b) => t === b || t.startsWith(`${b}/`)),
    );
    expect(loaded).toEqual([]);
  });

  it('sees imports (a rule that cannot fail checks nothing)', () => {
    expect(violations('hosts/cli', ['engine.ts']).length).toBeGreaterThan(0);
  });
});
