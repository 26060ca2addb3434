/** The ZIP writer, read back by an independent reader (Python's zipfile). */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, zip } from '../../deploy/zip.js';

const READ = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None
    print(json.dumps([{"name": i.filename, "mode": i.external_attr >> 16, "method": i.compress_type,
                       "date": list(i.date_time), "data": z.read(i).decode("latin-1")} for i in z.infolist()]))
`;

function readBack(archive: Buffer): { name: string; mode: number; method: number; date: number[]; data: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'pfa-zip-'));
  writeFileSync(join(dir, 'a.zip'), archive);
  writeFileSync(join(dir, 'read.py'), READ);
  return JSON.parse(execFileSync('python3', [join(dir, 'read.py'), join(dir, 'a.zip')], { encoding: 'utf8' }));
}

describe('zip', () => {
  it('crc32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('entries read back with their bytes, modes, and deflate or store as fits', () => {
    const text = 'scoring '.repeat(1000);
    const random = Uint8Array.from({ length: 300 }, (_, i) => (i * 2654435761) >>> 24);
    const entries = readBack(
      zip([
        { name: 'index.mjs', data: Buffer.from(text) },
        { name: 'model/ü.bin', data: random, mode: 0o755 },
        { name: 'empty', data: new Uint8Array() },
      ]),
    );
    expect(entries.map((e) => e.name)).toEqual(['index.mjs', 'model/ü.bin', 'empty']);
    expect(entries[0]).toMatchObject({ data: text, method: 8, mode: 0o100644, date: [1980, 1, 1, 0, 0, 0] });
    expect(entries[1]).toMatchObject({ data: Buffer.from(random).toString('latin1'), method: 0, mode: 0o100755 });
    expect(entries[2].data).toBe('');
  });

  it('the same inputs give the same bytes', () => {
    const make = () => zip([{ name: 'a', data: Buffer.from('abc') }]);
    expect(make().equals(make())).toBe(true);
  });

  it('rejects duplicate and escaping names', () => {
    expect(() =>
      zip([
        { name: 'a', data: new Uint8Array() },
        { name: 'a', data: new Uint8Array() },
      ]),
    ).toThrow(/duplicate/);
    for (const name of ['/etc/passwd', '../x', 'a/../../x', 'a\\b', ''])
      expect(() => zip([{ name, data: new Uint8Array() }])).toThrow(/bad ZIP entry name/);
  });
});
