/**
 * `pfa-wasm score MODEL`: Avro-JSON lines in, Avro-JSON lines out, one output line per input
 * (emit engines: one per emitted value). A record that fails prints {"error", "code"} on its line
 * and scoring goes on. Streams: constant memory whatever the input size.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { PFAEngine } from '../engine.js';
import { PfaError } from '../errors/PfaError.js';
import { jsonText } from '../document/json.js';
import { parseArgs } from './args.js';
import { Progress } from './progress.js';

export async function scoreCommand(argv: string[]): Promise<number> {
  const { positional, options } = parseArgs(argv, ['input', 'output', 'backend'], ['help', 'quiet']);
  if (options.has('help') || positional.length !== 1) {
    console.error('usage: pfa-wasm score MODEL [--input FILE|-] [--output FILE|-] [--backend js|wasm|auto] [--quiet]');
    return options.has('help') ? 0 : 2;
  }
  const backend = (options.get('backend') ?? 'auto') as string;
  if (backend !== 'js' && backend !== 'wasm' && backend !== 'auto') {
    console.error(`pfa-wasm score: unknown backend "${backend}" (js, wasm or auto)`);
    return 2;
  }
  const text = readFileSync(positional[0], 'utf8');
  const { precompiledBeside } = await import('../backend/wasm/beside.js');
  const engine = await PFAEngine.create(text, {
    backend,
    precompiled: backend === 'js' ? undefined : precompiledBeside(positional[0], text),
    onBackend: options.has('quiet') ? undefined : (m) => console.error(`pfa-wasm score: ${m}`),
  });
  const inPath = (options.get('input') as string | undefined) ?? '-';
  const outPath = (options.get('output') as string | undefined) ?? '-';
  const input = inPath === '-' ? process.stdin : createReadStream(inPath);
  const output = outPath === '-' ? process.stdout : createWriteStream(outPath);
  const progress = new Progress(options.has('quiet') ? null : process.stderr);

  let buffer = '';
  const write = async (line: string) => {
    buffer += line + '\n';
    if (buffer.length > 65536) {
      const chunk = buffer;
      buffer = '';
      if (!output.write(chunk)) await once(output, 'drain');
    }
  };
  const failure = (e: unknown) => {
    if (e instanceof PfaError) return jsonText({ error: e.message, code: e.code ?? null });
    throw e;
  };

  let count = 0, failed = 0;
  const started = Date.now();
  engine.begin();
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    count++;
    try {
      const result = engine.action(engine.decodeText(line));
      if (engine.method === 'emit') for (const v of result as unknown[]) await write(engine.encodeText(v));
      else await write(engine.encodeText(result));
    } catch (e) {
      failed++;
      await write(failure(e));
    }
    progress.tick(count);
  }
  engine.end();
  if (buffer) output.write(buffer);
  if (output !== process.stdout) await new Promise<void>((r) => (output as NodeJS.WritableStream).end(r));
  progress.done();
  const secs = (Date.now() - started) / 1000;
  if (!options.has('quiet')) {
    console.error(`pfa-wasm score: ${count} records (${failed} failed) in ${secs.toFixed(2)} s, ${Math.round(count / Math.max(secs, 1e-3))} records/s`);
  }
  return 0;
}
