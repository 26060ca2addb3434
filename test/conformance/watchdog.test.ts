import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWatchdog } from '../../src/conformance/watchdog.js';

const dir = mkdtempSync(join(tmpdir(), 'pfa-watchdog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spin = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
};
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startWatchdog', () => {
  it('names a trial that blocks the thread past the limit', async () => {
    const reportTo = join(dir, 'hang.txt');
    const dog = startWatchdog({ limitMs: 150, reportTo });
    dog.test('m.slow #2 (suite line 9)');
    await settle(100); // let the worker start and receive the label
    dog.enter(7);
    spin(700); // the main thread is blocked, as by an engine in a loop
    dog.leave();
    await dog.stop();
    expect(readFileSync(reportTo, 'utf8')).toBe(
      'conformance: m.slow #2 (suite line 9), trial 7 has run for more than 150 ms; stopping\n',
    );
  });

  it('stays quiet while trials finish in time', async () => {
    const reportTo = join(dir, 'quiet.txt');
    const dog = startWatchdog({ limitMs: 300, reportTo });
    dog.test('m.fast #0 (suite line 3)');
    for (let i = 0; i < 5; i++) {
      dog.enter(i);
      spin(50);
      dog.leave();
    }
    await settle(400); // idle time between trials does not count
    await dog.stop();
    expect(existsSync(reportTo)).toBe(false);
  });
});
