/** `pfa-wasm check MODEL`: read and type-check; print a summary, or the errors (exit 1). */
import { readFileSync } from 'node:fs';
import { PfaError } from '../../errors/PfaError.js';
import { readDocument } from '../../document/read.js';
import { checkDocument } from '../../check/document.js';
import { toSchema, typeToString } from '../../types/avro.js';
import { parseArgs } from './args.js';

export function checkCommand(argv: string[]): number {
  const { positional, options } = parseArgs(argv, [], ['json', 'help']);
  if (options.has('help') || positional.length !== 1) {
    console.error('usage: pfa-wasm check MODEL [--json]');
    return options.has('help') ? 0 : 2;
  }
  const file = positional[0];
  try {
    const typed = checkDocument(readDocument(readFileSync(file, 'utf8')));
    const summary = {
      name: typed.name,
      method: typed.method,
      input: toSchema(typed.input),
      output: toSchema(typed.output),
      cells: [...typed.cells.values()].map((c) => ({ name: c.name, type: typeToString(c.type), written: c.written })),
      pools: [...typed.pools.values()].map((p) => ({ name: p.name, type: typeToString(p.type), written: p.written })),
      userFunctions: [...typed.fcns.keys()].map((n) => `u.${n}`),
      libraryFunctions: [...typed.used].filter((n) => !n.startsWith('u.')).sort(),
    };
    if (options.has('json')) console.log(JSON.stringify(summary, null, 2));
    else {
      console.log(`${file}: OK`);
      console.log(`  name:     ${summary.name}`);
      console.log(`  method:   ${summary.method}`);
      console.log(`  input:    ${typeToString(typed.input)}`);
      console.log(`  output:   ${typeToString(typed.output)}`);
      for (const c of summary.cells)
        console.log(`  cell      ${c.name}: ${c.type}${c.written ? ' (written)' : ' (constant)'}`);
      for (const p of summary.pools) console.log(`  pool      ${p.name}: ${p.type}${p.written ? ' (written)' : ''}`);
      if (summary.userFunctions.length) console.log(`  user functions:    ${summary.userFunctions.join(', ')}`);
      console.log(`  library functions: ${summary.libraryFunctions.join(', ') || '(none)'}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof PfaError) {
      console.error(`${file}: ${e.describe()}`);
      return 1;
    }
    throw e;
  }
}
