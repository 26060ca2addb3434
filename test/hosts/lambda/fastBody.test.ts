/**
 * The handler's fast body path (Wasm engines read bodies with the generated reader): every
 * response is the JS backend's (general path) response, status, body and error alike, and the
 * bodies the reader should read are read by it (so the comparison is not with the general path).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHandler, HttpResponse } from '../../../src/hosts/lambda/handler.js';
import { fastBody } from '../../../src/hosts/lambda/fastBody.js';
import { HttpError } from '../../../src/hosts/lambda/errors.js';
import { PFAEngine } from '../../../src/engine.js';
import { SONAR_MODEL, SONAR_ROWS, captureLog, tempModels, v2Event } from './fixtures.js';

function handlers(path: string) {
  const make = (backend: 'js' | 'wasm') => {
    const log = captureLog();
    const handler = createHandler({
      config: { model: { kind: 'file', path }, backend, maxBodyBytes: 1 << 22, timeoutMs: null, logLevel: 'debug' },
      log: log.logger,
    });
    return async (body: string) => {
      const r = (await handler(v2Event({ body }), { awsRequestId: 'req' })) as HttpResponse;
      return `${r.statusCode} ${r.headers['content-type']} ${r.body}`;
    };
  };
  return { js: make('js'), wasm: make('wasm') };
}

function modelFile(doc: object): string {
  return join(tempModels({ 'model.pfa.json': JSON.stringify(doc) }), 'model.pfa.json');
}

/** Sends the bodies in order to a JS and a Wasm handler of the model; the answers must agree. */
async function agree(path: string, bodies: string[], fast: string[]) {
  const { js, wasm } = handlers(path);
  for (const body of bodies) expect(await wasm(body), body.slice(0, 120)).toBe(await js(body));
  // The bodies that should take the fast path do.
  const text = readFileSync(path, 'utf8');
  const engine = await PFAEngine.create(text, { backend: 'wasm' });
  const read = fastBody(engine, { text })!;
  expect(read).not.toBeNull();
  const taken = (body: string) => {
    try {
      return read(body, captureLog().logger) !== null;
    } catch (e) {
      return e instanceof HttpError && e.status === 422;
    }
  };
  for (const body of fast) expect(taken(body), body.slice(0, 120)).toBe(true);
}

const rows = SONAR_ROWS.slice(0, 5);

describe('fast bodies answer as the general path does', () => {
  it('the Sonar model: one record, arrays, {"records": [...]}, and every failing shape', async () => {
    const fast = [
      rows[0],
      `[${rows.join(',')}]`,
      ` {"records" : [${rows.slice(0, 3).join(', ')}]} `,
      rows[1].replace(/^\{("V1": [^,]+), ("V2": [^,]+),/, '{$2, $1,'),
    ];
    const bodies = [
      ...fast,
      '[]',
      '{"records": []}',
      `{"records": [${rows[0]}], "x": 1}`,
      `{"x": 1, "records": [${rows[0]}]}`,
      `[${rows[0]},]`,
      `[${rows[0]}`,
      rows[0].replace('"V3"', '"W3"'),
      `[${rows[0]}, ${rows[1].replace(/"V7": [^,]+,/, '')}]`,
      `{"records": [${rows[0]}, ${rows[1].replace('"V9": ', '"V9": "x", "z": ')}]}`,
      rows[0].replace(/"V2": [^,]+/, '"V2": -0'),
      rows[0] + 'x',
      '{',
      'null',
      '1',
      '"text"',
      `{"records": {}}`,
      `{"records": [${rows[0]}]`,
    ];
    await agree(SONAR_MODEL, bodies, fast);
  }, 120_000);

  it('a model failing on some records: 422 names the record; state stops at the failing record', async () => {
    const failing = (withCell: boolean) =>
      modelFile({
        input: 'double',
        output: 'double',
        ...(withCell ? { cells: { n: { type: 'double', init: 0 } } } : {}),
        action: [
          ...(withCell ? [{ cell: 'n', to: { params: [{ x: 'double' }], ret: 'double', do: { '+': ['x', 1] } } }] : []),
          { if: { '<': ['input', 0] }, then: { error: 'negative input' } },
          withCell ? { '+': ['input', { cell: 'n' }] } : 'input',
        ],
      });
    const bodies = ['[1, -1, 2]', '5', '{"records": [3, 4, -2, 7]}', '-1', '[2, 3]', '7'];
    await agree(failing(false), bodies, bodies);
    await agree(failing(true), bodies, bodies);
  }, 120_000);

  it('emit engines: a list of emitted values per record', async () => {
    const path = modelFile({
      input: 'double',
      output: 'double',
      method: 'emit',
      action: [{ if: { '>': ['input', 0] }, then: [{ emit: ['input'] }, { emit: [{ '*': ['input', 2] }] }] }],
    });
    const bodies = ['1.5', '-1', '[1, -1, 2]', '{"records": [-3]}'];
    await agree(path, bodies, bodies);
  }, 120_000);

  it('longs, strings, unions and maps', async () => {
    const path = modelFile({
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'l', type: 'long' },
          { name: 's', type: 'string' },
          { name: 'u', type: ['null', 'double'] },
          { name: 'm', type: { type: 'map', values: 'int' } },
        ],
      },
      output: 'In',
      action: 'input',
    });
    const one = '{"l": 9223372036854775807, "s": "\\u00e9\\n", "u": {"double": 1e-400}, "m": {"b": 1, "a": 2}}';
    const fast = [one, `[${one}, ${one.replace('"b"', '"c"')}]`];
    const bodies = [
      ...fast,
      one.replace('"b"', '"10"'),
      one.replace('9223372036854775807', '9223372036854775808'),
      one.replace('{"double": 1e-400}', '2.5'),
    ];
    await agree(path, bodies, fast);
  }, 120_000);
});
