import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultSuitePath, parseArgs } from '../../../src/hosts/cli/conformance.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('conformance options', () => {
  it('finds the suite kept in the repository', () => {
    expect(existsSync(join(repoRoot, 'package.json'))).toBe(true);
    expect(defaultSuitePath()).toBe(
      resolve(repoRoot, 'test', 'reference', 'pfa', 'conformance', 'pfa-tests-0.8.1.json.gz'),
    );
    expect(existsSync(defaultSuitePath())).toBe(true);
  });

  it('parses the options', () => {
    expect(parseArgs([])).toEqual({
      backend: 'js',
      suite: defaultSuitePath(),
      filters: [],
      failures: false,
      show: 5,
      hangS: 120,
    });
    expect(
      parseArgs([
        '--backend',
        'wasm',
        '--suite',
        '/t/x.json.gz',
        '--filter',
        'm.',
        '--filter',
        '+',
        '--json',
        'r.json',
        '--failures',
        '--show',
        '0',
        '--hang-s',
        '30',
      ]),
    ).toEqual({
      backend: 'wasm',
      suite: '/t/x.json.gz',
      filters: ['m.', '+'],
      json: 'r.json',
      failures: true,
      show: 0,
      hangS: 30,
    });
  });

  it.each([
    [['--backend', 'jvm']],
    [['--filter']],
    [['--show', '-1']],
    [['--hang-s', '1.5']],
    [['--show', '']],
    [['--verbose']],
  ])('rejects %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow();
  });
});
