/** `pfa-wasm openapi MODEL`: the OpenAPI 3.1 document of a model's scoring API (src/openapi/). */
import { readFileSync, writeFileSync } from 'node:fs';
import { PFAEngine } from '../../engine.js';
import { openApiDocument } from '../../openapi/document.js';
import { type ParsedArgs, parseArgs, UsageError } from './args.js';

const USAGE = 'usage: pfa-wasm openapi MODEL [--server URL] [--output FILE]';

export async function openapiCommand(argv: string[]): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv, ['server', 'output'], ['help']);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`pfa-wasm openapi: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const { positional, options } = parsed;
  if (options.has('help') || positional.length !== 1) {
    console.error(USAGE);
    return options.has('help') ? 0 : 2;
  }
  const engine = await PFAEngine.create(readFileSync(positional[0], 'utf8'));
  const server = options.get('server') as string | undefined;
  const text = JSON.stringify(openApiDocument(engine, { servers: server ? [server] : [] }), null, 2) + '\n';
  const output = options.get('output') as string | undefined;
  if (output && output !== '-') writeFileSync(output, text);
  else process.stdout.write(text);
  return 0;
}
