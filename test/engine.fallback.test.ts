/**
 * backend 'auto' keeps answering on the JS backend when the Wasm build itself fails (a defect of
 * the lowering), and says why; backend 'wasm' fails. The build is made to fail here by a mock.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../src/backend/wasm/load.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/backend/wasm/load.js')>();
  return {
    ...real,
    compileLowered: async () => {
      throw new Error('internal: the generated AssemblyScript did not compile: (mocked)\nERROR TS2322');
    },
  };
});

const { PFAEngine } = await import('../src/index.js');
const doc = { input: 'double', output: 'double', action: { '+': ['input', 1] } };

describe('a failing Wasm build', () => {
  it("falls back to JS under 'auto', saying why", async () => {
    const notes: string[] = [];
    const e = await PFAEngine.create(doc, { backend: 'auto', onBackend: (m) => notes.push(m) });
    expect(e.backend).toBe('js');
    expect(e.backendNote).toMatch(/Wasm build failed .*did not compile: \(mocked\)$/);
    expect(notes.join('\n')).toMatch(/^js: the Wasm build failed/);
    expect(e.action(1)).toBe(2);
  });

  it("fails under 'wasm'", async () => {
    await expect(PFAEngine.create(doc, { backend: 'wasm' })).rejects.toThrow(/mocked/);
  });
});
