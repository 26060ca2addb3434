/**
 * `serve` on its defaults has an action timeout (PFA_TIMEOUT_MS, --timeout-ms): a one-record body
 * is still scored on action's per-record path (the kernel reads it onto the input wire,
 * WasmHost.placeInput / runPlaced), and a record past the timeout gets the timeout error there, as
 * the JS backend answers it; the requests after it are scored as before.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { createHandler } from '../../../src/hosts/lambda/handler.js';
import { createPfaServer, listen } from '../../../src/hosts/server/server.js';
import { WasmHost } from '../../../src/backend/wasm/host.js';
import { captureLog, tempModels } from '../lambda/fixtures.js';

// Loops while input.n > 0: far past any timeout.
const DOC = {
  input: { type: 'record', name: 'In', fields: [{ name: 'n', type: 'int' }] },
  output: 'int',
  action: [{ let: { x: 0 } }, { while: { '>': ['input.n', 0] }, do: { set: { x: { '+': ['x', 0] } } } }, 'x'],
};
const MODEL = join(tempModels({ 'loop.pfa.json': JSON.stringify(DOC) }), 'loop.pfa.json');

const closers: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(closers.map((close) => close())));

/** A server of the model on `backend` with a 100 ms action timeout; POSTs a body, gives status and body. */
async function serve(backend: 'js' | 'wasm') {
  const handler = createHandler({
    config: { model: { kind: 'file', path: MODEL }, backend, maxBodyBytes: 4096, timeoutMs: 100, logLevel: 'warn' },
    log: captureLog().logger,
  });
  const server = createPfaServer({ handler, maxBodyBytes: 4096 });
  const { port } = await listen(server, 0, '127.0.0.1');
  closers.push(
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
  return async (body: string) => {
    const r = await fetch(`http://127.0.0.1:${port}/score`, { method: 'POST', body });
    return `${r.status} ${await r.text()}`;
  };
}

describe('serve with an action timeout', () => {
  it('a record past the timeout on the placed path gets the timeout error; later records score', async () => {
    const [js, wasm] = await Promise.all([serve('js'), serve('wasm')]);
    const timedOut = await js('{"n": 1}');
    expect(timedOut).toMatch(/^422 .*exceeded timeout of 100 milliseconds/);
    // The first request runs begin (and its record in a batch of one); the placed path after it.
    expect(await wasm('{"n": 0}')).toBe('200 0');
    const runPlaced = vi.spyOn(WasmHost.prototype, 'runPlaced');
    const batch = vi.spyOn(WasmHost.prototype, 'batch');
    try {
      expect(await wasm('{"n": 1}')).toBe(timedOut);
      expect(await wasm('{"n": 0}')).toBe('200 0');
      expect(await wasm('{"n": 7}')).toBe(timedOut);
      expect(runPlaced).toHaveBeenCalledTimes(3);
      expect(batch).not.toHaveBeenCalled();
    } finally {
      runPlaced.mockRestore();
      batch.mockRestore();
    }
  }, 60_000);
});
