/**
 * assembly/lib/util/fdlibm/ against src/lib/util/fdlibm/: the AS copy is generated from the
 * TypeScript one (scripts/fdlibm-as.ts) and must be current and give the same bits on the
 * arguments of ./v8.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAssembly } from '../../../helpers/asc.js';
import { asFiles } from '../../../../scripts/fdlibm-as.js';
import * as lib from '../../../../src/lib/util/fdlibm/index.js';
import { BINARY, COUNT, UNARY, argsFor, sameBits } from './args.js';

const DIR = new URL('../../../../assembly/lib/util/fdlibm/', import.meta.url);

const ENTRY = `import * as m from './lib/util/fdlibm/index';
${UNARY.map((n) => `export function ${n}(x: f64): f64 { return m.${n}(x); }`).join('\n')}
${BINARY.map((n) => `export function ${n}(a: f64, b: f64): f64 { return m.${n}(a, b); }`).join('\n')}`;

type Kernels = Record<string, (a: number, b?: number) => number>;

describe('assembly/lib/util/fdlibm', () => {
  it('is the current output of scripts/fdlibm-as.ts', () => {
    for (const { name, text } of asFiles()) expect(readFileSync(new URL(name, DIR), 'utf8'), name).toBe(text);
  });

  it('gives the TypeScript copy\'s bits', async () => {
    const files = readdirSync(DIR).map((n) => `lib/util/fdlibm/${n}`);
    const w = await buildAssembly<Kernels>(ENTRY, files);
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
});
