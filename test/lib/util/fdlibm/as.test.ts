/**
 * assembly/lib/util/fdlibm/ against src/lib/util/fdlibm/: the AS copy is generated from the
 * TypeScript one (scripts/fdlibm-as.ts) and must be current and give the same bits on the
 * arguments of ./v8.test.ts. One build serves all checks (asc dominates the time): it uses
 * `--use Math=FdlibmMath` (math.ts, the asconfig change the kernels need), so the entry also
 * shows that `Math.*` and `**` then reach the port, with no host import but abort, and that the
 * exact operations keep ECMAScript's semantics.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asFiles } from '../../../../scripts/fdlibm-as.js';
import * as lib from '../../../../src/lib/util/fdlibm/index.js';
import { BINARY, COUNT, UNARY, argsFor, sameBits } from './args.js';

const ROOT = new URL('../../../../', import.meta.url);
const DIR = new URL('assembly/lib/util/fdlibm/', ROOT);

const ENTRY = `import * as m from './lib/util/fdlibm/index';
import './lib/util/fdlibm/math';
${UNARY.map((n) => `export function ${n}(x: f64): f64 { return m.${n}(x); }`).join('\n')}
${BINARY.map((n) => `export function ${n}(a: f64, b: f64): f64 { return m.${n}(a, b); }`).join('\n')}
export function mathExp(x: f64): f64 { return Math.exp(x); }
export function mathSin(x: f64): f64 { return Math.sin(x); }
export function mathHypot(x: f64, y: f64): f64 { return Math.hypot(x, y); }
export function power(x: f64, y: f64): f64 { return x ** y; }
export function round(x: f64): f64 { return Math.round(x); }
export function sign(x: f64): f64 { return Math.sign(x); }
export function min(a: f64, b: f64): f64 { return Math.min(a, b); }
export function pi(): f64 { return Math.PI; }`;

type Kernels = Record<string, (a?: number, b?: number) => number>;

/** Compiled with the project's release options as test/helpers/asc.ts does, keeping the module to read its imports. */
async function build(): Promise<{ imports: string[]; w: Kernels }> {
  const { default: asc } = await import('assemblyscript/asc');
  const config = JSON.parse(readFileSync(new URL('asconfig.json', ROOT), 'utf8'));
  const sources: Record<string, string> = { 'entry.ts': ENTRY };
  for (const n of readdirSync(DIR)) sources[`lib/util/fdlibm/${n}`] = readFileSync(new URL(n, DIR), 'utf8');
  const r = await asc.compileString(sources, {
    ...config.options,
    ...config.targets.release,
    use: ['Math=FdlibmMath'],
  } as never);
  if (r.error || !r.binary) throw new Error(r.stderr.toString());
  const module = new WebAssembly.Module(r.binary as Uint8Array<ArrayBuffer>);
  const instance = new WebAssembly.Instance(module, {
    env: {
      abort: () => {
        throw new Error('abort');
      },
    },
  });
  return {
    imports: WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`),
    w: instance.exports as unknown as Kernels,
  };
}

describe('assembly/lib/util/fdlibm', () => {
  const built = build();

  it('is the current output of scripts/fdlibm-as.ts', () => {
    for (const { name, text } of asFiles()) expect(readFileSync(new URL(name, DIR), 'utf8'), name).toBe(text);
  });

  it("gives the TypeScript copy's bits", async () => {
    const { w } = await built;
    const differ: string[] = [];
    for (const name of [...UNARY, ...BINARY]) {
      const ts = (lib as unknown as Kernels)[name];
      const [xs, ys] = argsFor(name, COUNT);
      for (let i = 0; i < xs.length; i++) {
        if (!sameBits(ts(xs[i], ys[i]), w[name](xs[i], ys[i]))) differ.push(`${name}(${xs[i]}, ${ys[i]})`);
      }
    }
    expect(differ.slice(0, 10)).toEqual([]);
  });

  it("is the kernels' Math under --use Math=FdlibmMath, importing nothing", async () => {
    const { imports, w } = await built;
    expect(imports).toEqual(['env.abort']);
    const differ: string[] = [];
    for (const [name, f, g] of [
      ['exp', w.mathExp, lib.exp],
      ['sin', w.mathSin, lib.sin],
    ] as const) {
      for (const x of argsFor(name, 5000)[0]) if (!sameBits(f(x), g(x))) differ.push(`Math.${name}(${x})`);
    }
    for (const [name, f, g] of [
      ['pow', w.power, lib.pow],
      ['hypot', w.mathHypot, lib.hypot],
    ] as const) {
      const [xs, ys] = argsFor(name, 5000);
      xs.forEach((x, i) => {
        if (!sameBits(f(x, ys[i]), g(x, ys[i]))) differ.push(`${name}(${x}, ${ys[i]})`);
      });
    }
    expect(differ.slice(0, 5)).toEqual([]);
    // V8's pow differs from the port on some of these, so the equality above shows where ** goes
    const [px, py] = argsFor('pow', 5000);
    expect(px.some((x, i) => !sameBits(Math.pow(x, py[i]), lib.pow(x, py[i])))).toBe(true);
    for (const x of [0.5, -0.5, 1.5, -1.5, 2.5, -0.3, 0.49999999999999994, 2 ** 52 + 1, -0, NaN]) {
      expect(sameBits(w.round(x), Math.round(x)), `round(${x})`).toBe(true);
      expect(sameBits(w.sign(x), Math.sign(x)), `sign(${x})`).toBe(true);
    }
    expect(sameBits(w.min(0, -0), -0) && Number.isNaN(w.min(NaN, 1)) && w.pi() === Math.PI).toBe(true);
  });
});
