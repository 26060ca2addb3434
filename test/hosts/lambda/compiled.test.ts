/**
 * The handler's cold-start path (compiled.ts): a module whose manifest was written for the
 * document runs from the manifest, without the checked document, and answers as PFAEngine does;
 * anything the manifest cannot settle alone goes to PFAEngine (null here).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startFromManifest } from '../../../src/hosts/lambda/compiled.js';
import { ModelFiles, WasmManifest } from '../../../src/hosts/lambda/model.js';
import { sha256 as sha256Hex } from '../../../src/backend/wasm/artifact.js';
import { PFAEngine } from '../../../src/engine.js';
import { compileArtifact } from '../../helpers/wasmArtifact.js';

// The document's own -1 for begin, none for action and end: a default timeout would fill the
// gaps, and only the checked document tells its -1 from a gap.
const DOC = JSON.stringify({
  name: 'doubler',
  input: 'double',
  output: 'double',
  options: { 'timeout.begin': -1 },
  action: { '*': ['input', 2] },
});

let files: ModelFiles;

beforeAll(async () => {
  const artifact = await compileArtifact(DOC);
  const bytes = new TextEncoder().encode(DOC);
  files = {
    source: 'doubler',
    text: DOC,
    sha256: sha256Hex(bytes),
    wasm: { module: artifact.wasm, manifest: artifact.manifest as unknown as WasmManifest, source: 'doubler.wasm' },
  };
}, 60_000);

describe('startFromManifest', () => {
  it('runs the module from its manifest, with answers equal to PFAEngine', async () => {
    const started = await startFromManifest(files, null);
    expect(started).not.toBeNull();
    const { engine } = started!;
    expect(engine.typed).toBeNull();
    expect([engine.name, engine.method, engine.backend]).toEqual(['doubler', 'map', 'wasm']);
    const js = PFAEngine.fromJson(DOC);
    for (const x of [1.5, -0, 1e308, Number.NaN]) {
      expect(engine.encode(engine.action(engine.decode(x)))).toEqual(js.encode(js.action(js.decode(x))));
    }
    expect(engine.textPath()!.score(['4'])).toEqual(['8']);
  });

  it('leaves a default timeout it cannot place to PFAEngine', async () => {
    expect(await startFromManifest(files, 1000)).toBeNull();
  });

  it('leaves a document the manifest was not written for to PFAEngine', async () => {
    const text = DOC.replace('2]', '3]');
    expect(
      await startFromManifest({ ...files, text, sha256: sha256Hex(new TextEncoder().encode(text)) }, null),
    ).toBeNull();
  });
});
