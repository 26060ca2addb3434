/**
 * The table of runtime helpers (emit/names.ts RT) against the assembly sources: every name that
 * generated code may call must be exported by assembly/runtime.ts (directly, or re-exported from
 * the assembly/lib file that defines it), so a misspelt helper fails here, in milliseconds, and
 * not in an asc compile of the one model that reaches it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RT, RT_EXPORTED, RT_IMPORTED } from '../../../../src/backend/wasm/emit/names.js';

const ASSEMBLY = fileURLToPath(new URL('../../../../assembly/', import.meta.url));

/** Names a module declares with `export function|let|const|var|class NAME` (after an `@inline` decorator too). */
function declared(source: string): Set<string> {
  return new Set(
    [...source.matchAll(/^(?:@\w+\s+)?export\s+(?:function|let|const|var|class)\s+([A-Za-z_]\w*)/gm)].map((m) => m[1]),
  );
}

/** Everything assembly/runtime.ts exports, each re-export checked against the file it names. */
function runtimeExports(): { names: Set<string>; missing: string[] } {
  const file = join(ASSEMBLY, 'runtime.ts');
  const source = readFileSync(file, 'utf8');
  const names = declared(source);
  const missing: string[] = [];
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}\s*from\s*'([^']+)'/gm)) {
    const target = declared(readFileSync(join(dirname(file), `${m[2]}.ts`), 'utf8'));
    for (const name of m[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (target.has(name)) names.add(name);
      else missing.push(`${name} (re-exported from ${m[2]}, which does not export it)`);
    }
  }
  return { names, missing };
}

describe('emit/names RT: the runtime helpers generated code calls', () => {
  const { names, missing } = runtimeExports();

  it('reads the runtime: every re-export names a function the target file exports', () => {
    expect(missing).toEqual([]);
    expect(names.size).toBeGreaterThan(60);
  });

  it('every entry of the table is an export of assembly/runtime.ts', () => {
    const entries = Object.keys(RT);
    expect(entries.filter((n) => !names.has(n))).toEqual([]);
    expect(RT_EXPORTED.filter((n) => !names.has(n))).toEqual([]);
  });

  it('spells imported helpers bare and the others through the rt namespace', () => {
    for (const [key, spelling] of Object.entries(RT)) {
      expect(spelling).toBe((RT_IMPORTED as readonly string[]).includes(key) ? key : `rt.${key}`);
    }
  });

  it('the test itself would catch a misspelt entry', () => {
    expect(names.has('setAt')).toBe(true);
    expect(names.has('setAtt')).toBe(false);
  });
});
