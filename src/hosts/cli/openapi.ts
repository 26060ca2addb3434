/** `pfa-wasm openapi MODEL`: the OpenAPI 3.1 document of a model's scoring API (src/openapi/). */
import { readFileSync, writeFileSync } from 'node:fs';
import { PFAEngine } from '../../engine.js';
import { openApiDocument } from '../../openapi/document.js';
import { commandArgs } from './args.js';

const USAGE = 'usage: pfa-wasm openapi MODEL [--server URL] [--output FILE]';

export async function openapiCommand(argv: string[]): Promise<number> {
  const parsed = commandArgs('openapi', USAGE, argv, ['server', 'output'], 1);
  if (typeof parsed === 'number') return parsed;
  const { positional, options } = parsed;
  const engine = await PFAEngine.create(readFileSync(positional[0], 'utf8'));
  const server = options.get('server') as string | undefined;
  const text = JSON.stringify(openApiDocument(engine, { servers: server ? [server] : [] }), null, 2) + '\n';
  const output = options.get('output') as string | undefined;
  if (output && output !== '-') writeFileSync(output, text);
  else process.stdout.write(text);
  return 0;
}
