/** The `pfa-wasm` command: one subcommand per module under cli/. */
import { PfaError } from '../../errors/PfaError.js';

const USAGE = `usage: pfa-wasm <command> [options]

commands:
  check MODEL                       read and type-check a PFA document; print a summary or the errors
  score MODEL [--input FILE|-] [--output FILE|-] [--format jsonl|avro] [--backend js|wasm|auto]
        [--batch N] [--workers N|auto] [--quiet]
                                    score Avro-JSON lines or an Avro container file; one output line
                                    per input (emit: per value)
  compile MODEL [-o OUT.wasm] [--explain]
                                    build the Wasm kernel and its manifest (OUT.wasm.json)
  conformance [--backend js] [--suite FILE] [--filter PREFIX] [--json FILE]
                                    run the PFA conformance suite
  demo-score                        score a few Sonar rows with the bundled demo model
  demo [--port 8080]                serve the browser demo (npm run build:browser) on 127.0.0.1
  serve MODEL [--port 8080] [--host 127.0.0.1]
                                    answer HTTP with the Lambda handler: POST /score, GET /health, GET /openapi.json
  openapi MODEL [--server URL]      the OpenAPI 3.1 document of a model's scoring API
  bench MODEL --input FILE [--json] time the JS and Wasm backends on a model (per record, per request,
                                    batch, compile, size, cold start); a table, or JSON

Run 'pfa-wasm <command> --help' for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return (await import('./check.js')).checkCommand(rest);
      case 'score':
        return await (await import('./score.js')).scoreCommand(rest);
      case 'compile':
        return await (await import('./compile.js')).compileCommand(rest);
      case 'conformance':
        return await (await import('./conformance.js')).conformanceCommand(rest);
      case 'demo-score':
        return await (await import('./demo.js')).demoScoreCommand(rest);
      case 'demo':
        return await (await import('./demoServe.js')).demoCommand(rest);
      case 'serve':
        return await (await import('./serve.js')).serveCommand(rest);
      case 'openapi':
        return await (await import('./openapi.js')).openapiCommand(rest);
      case 'bench':
        return await (await import('./bench/command.js')).benchCommand(rest);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        console.error(`pfa-wasm: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof PfaError) {
      console.error(`pfa-wasm: ${e.describe()}`);
      return 1;
    }
    // A file that cannot be read or written: Node's message names the file and the reason; the
    // stack trace would only bury it.
    if (isSystemError(e)) {
      console.error(`pfa-wasm: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/** An error from the operating system (a file not found, no permission), as Node raises them. */
function isSystemError(e: unknown): e is Error & { code: string; syscall: string } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && 'syscall' in e;
}
