/**
 * The command line's answer to files it cannot read or write: one line naming the file and the
 * reason, exit code 1, no stack trace (before, Node's uncaught error and its stack).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/hosts/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'pfa-cli-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    err.push(a.join(' '));
  });
  try {
    return { code: await main(argv), err: err.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

describe('pfa-wasm and files it cannot use', () => {
  it('says which model file is missing', async () => {
    const missing = join(dir, 'no-such-model.pfa.json');
    const { code, err } = await run(['check', missing]);
    expect(code).toBe(1);
    expect(err).toBe(`pfa-wasm: ENOENT: no such file or directory, open '${missing}'`);
  });

  it('says where compile could not write the module, and how to write it elsewhere', async () => {
    const model = join(dir, 'tiny.pfa.json');
    writeFileSync(model, JSON.stringify({ input: 'double', output: 'double', action: [{ '+': ['input', 1] }] }));
    const out = join(dir, 'no-such-folder', 'tiny.wasm');
    const { code, err } = await run(['compile', model, '-o', out]);
    expect(code).toBe(1);
    expect(err).toContain(`pfa-wasm: cannot write ${out}: ENOENT`);
    expect(err).toContain('-o OUT.wasm writes elsewhere');
  }, 120_000);
});
