/** Writes small suites in the layout of pfa-tests-0.8.1.json.gz, for the conformance tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Frame lines around one test per line, each but the last followed by a comma. */
export function suiteText(tests: string[], eol = '\n'): string {
  const body = tests.map((t, i) => `     ${t}${i < tests.length - 1 ? ',' : ''}`);
  return ['{"pfa-version": "0.8.1",', ' "pfa-tests": [', ...body, ' ]}'].join(eol) + eol;
}

/** A temporary folder; `write` puts a suite in it (gzipped unless told), `remove` deletes it. */
export function suiteFolder(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name: string, text: string, gzip = true): string {
      const path = join(dir, name);
      writeFileSync(path, gzip ? gzipSync(Buffer.from(text, 'utf8')) : text);
      return path;
    },
    remove(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
