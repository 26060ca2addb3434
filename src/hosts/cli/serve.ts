/**
 * `pfa-wasm serve MODEL`: the Lambda handler behind a local HTTP server (src/hosts/server/). MODEL is a
 * file or an s3:// URI; the environment variables of the handler (PFA_BACKEND, PFA_LOG_LEVEL,
 * PFA_MAX_BODY_BYTES, PFA_TIMEOUT_MS, PFA_S3_FORCE_PATH_STYLE, AWS_*) apply, and the options below win over them.
 * Unlike the Lambda bundle, serve has the compiler: a model without a module beside it is compiled
 * once and kept in the compile cache (src/build/cache.ts), so it runs on Wasm by default.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readConfig, ConfigError, type HandlerConfig } from '../lambda/config.js';
import { createHandler } from '../lambda/handler.js';
import { createPfaServer, listen } from '../server/server.js';
import { commandArgs, portOption } from './args.js';

const USAGE =
  'usage: pfa-wasm serve MODEL [--port 8080] [--host 127.0.0.1] [--backend js|wasm|auto] [--max-body-bytes N] [--timeout-ms N|none] [--log-level debug|info|warn|error] [--example ROWS.jsonl]';

export async function serveCommand(argv: string[]): Promise<number> {
  const parsed = commandArgs(
    'serve',
    USAGE,
    argv,
    ['port', 'host', 'backend', 'max-body-bytes', 'timeout-ms', 'log-level', 'example'],
    1,
  );
  if (typeof parsed === 'number') return parsed;
  const { positional, options } = parsed;
  const model = positional[0];
  const opt = (name: string) => options.get(name) as string | undefined;
  const port = portOption('serve', options, 8080);
  if (port === null) return 2;
  const host = opt('host') ?? '127.0.0.1';

  let config: HandlerConfig;
  try {
    config = readConfig({
      ...process.env,
      PFA_MODEL: model.startsWith('s3://') ? undefined : resolve(model),
      PFA_MODEL_S3_URI: model.startsWith('s3://') ? model : undefined,
      PFA_BACKEND: opt('backend') ?? process.env.PFA_BACKEND,
      PFA_MAX_BODY_BYTES: opt('max-body-bytes') ?? process.env.PFA_MAX_BODY_BYTES,
      PFA_TIMEOUT_MS: opt('timeout-ms') ?? process.env.PFA_TIMEOUT_MS,
      PFA_LOG_LEVEL: opt('log-level') ?? process.env.PFA_LOG_LEVEL,
    });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`pfa-wasm serve: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const forcePathStyle = /^(1|true)$/i.test(process.env.PFA_S3_FORCE_PATH_STYLE ?? '');
  const { compiledCached, forgetCached } = await import('../../build/cache.js');
  const compiler = { compiled: compiledCached, forget: forgetCached };
  const handler = createHandler({ config, s3: { forcePathStyle }, compiler });
  await handler.ready();
  const server = createPfaServer({ handler, maxBodyBytes: config.maxBodyBytes });
  const address = await listen(server, port, host);
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const running = handler.backend?.();
  console.error(`pfa-wasm serve: ${model} on ${url} (POST /score, GET /health, GET /openapi.json; Ctrl-C stops)`);
  if (running) console.error(`pfa-wasm serve: backend ${running.why}`);
  const example = opt('example');
  if (example) {
    const row =
      readFileSync(example, 'utf8')
        .split('\n')
        .find((l) => l.trim()) ?? '{}';
    console.log(`curl -s ${url}/score -H 'content-type: application/json' -d '${row.trim().replace(/'/g, `'\\''`)}'`);
  } else {
    console.log(`curl -s ${url}/score -H 'content-type: application/json' -d @record.json`);
  }

  await new Promise<void>((done) => {
    const stop = () => {
      server.close(() => done());
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
