#!/usr/bin/env node
// Prints, for the library functions whose names start with a prefix, their signatures in the
// registry's compact notation (src/lib/sig.ts) and their error codes, read from the spec's
// libfcns.json. Usage: node scripts/sigs.mjs m.link [--spec PATH]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const specAt = args.indexOf('--spec');
const spec =
  specAt >= 0
    ? args[specAt + 1]
    : join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'reference', 'pfa', 'spec', 'libfcns.json');
const prefix = args.find((a, i) => !a.startsWith('--') && (specAt < 0 || i !== specAt + 1)) ?? '';
const pat = (x) => {
  if (typeof x === 'string') return x;
  if ('any' in x) return x.of ? `any ${x.any} of {${x.of.join(', ')}}` : `any ${x.any}`;
  if ('ref' in x) return x.ref;
  if ('array' in x) return `array<${pat(x.array)}>`;
  if ('map' in x) return `map<${pat(x.map)}>`;
  if ('union' in x) return `union<${x.union.map(pat).join(', ')}>`;
  if ('record' in x)
    return x.fields.length
      ? `record ${x.record} {${x.fields.map((f) => `${f.name}: ${pat(f.type)}`).join(', ')}}`
      : `record ${x.record}`;
  if ('enum' in x) return x.ofRecord ? `enum ${x.enum} of fields of ${x.ofRecord}` : `enum ${x.enum}`;
  if ('fixed' in x) return `fixed ${x.fixed}`;
  if ('function' in x) return `fcn(${x.function.params.map(pat).join(', ')}) -> ${pat(x.function.ret)}`;
  throw new Error(JSON.stringify(x));
};
const { functions } = JSON.parse(readFileSync(spec, 'utf8'));
for (const f of functions) {
  const ns = f.name.includes('.') && /^[a-z]/.test(f.name) ? f.name.slice(0, f.name.lastIndexOf('.')) : '';
  if (prefix === '' ? ns !== '' : ns !== prefix) continue;
  console.log(`${f.name}${f.nondeterministic ? `  [nondeterministic: ${f.nondeterministic}]` : ''}`);
  f.sigs.forEach((s, i) => {
    console.log(
      `  sig ${i}: ${`(${s.params.map((p) => `${p.name}: ${pat(p.type)}`).join(', ')}) -> ${pat(s.ret)}`}${s.deprecation ? `  [deprecated ${s.deprecation}]` : ''}`,
    );
  });
  for (const e of f.errors) console.log(`  error ${e.code}: ${e.text}`);
}
