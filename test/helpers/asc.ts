/**
 * Builds a test entry over hand-written AssemblyScript files of assembly/ with the project's asc
 * options (asconfig.json, release target) and instantiates it with an abort that throws. Those
 * options make `Math` the fdlibm port (`--use Math=FdlibmMath`), as in the kernels, so its files
 * are always compiled in and the entry imports its Math namespace: the module imports no math.
 */
import { readFile, readdir } from 'node:fs/promises';

const ROOT = new URL('../../', import.meta.url);
const FDLIBM = 'lib/util/fdlibm/';

/** `files`: paths under assembly/ (as the entry imports them, e.g. 'lib/util/codemap.ts'). */
export async function buildAssembly<E>(
  entry: string,
  files: readonly string[],
  options: Record<string, unknown> = {},
): Promise<E> {
  const { default: asc } = await import('assemblyscript/asc');
  const config = JSON.parse(await readFile(new URL('asconfig.json', ROOT), 'utf8'));
  const sources: Record<string, string> = { 'entry.ts': `import './${FDLIBM}math';\n${entry}` };
  const fdlibm = (await readdir(new URL(`assembly/${FDLIBM}`, ROOT))).map((n) => FDLIBM + n);
  for (const f of [...files, ...fdlibm]) sources[f] = await readFile(new URL(`assembly/${f}`, ROOT), 'utf8');
  const r = await asc.compileString(sources, { ...config.options, ...config.targets.release, ...options } as never);
  if (r.error || !r.binary) throw new Error(r.stderr.toString());
  const { instance } = await WebAssembly.instantiate(
    r.binary as Uint8Array<ArrayBuffer>,
    {
      env: {
        abort: () => {
          throw new Error('abort');
        },
      },
    } as WebAssembly.Imports,
  );
  return instance.exports as unknown as E;
}
