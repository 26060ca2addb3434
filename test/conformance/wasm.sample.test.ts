/**
 * The conformance suite on the Wasm backend, sampled so that every function is in it: the first
 * test of each function the suite names (the whole run, `pfa-wasm conformance --backend wasm`,
 * takes too long for CI's budget). Every sampled engine must lower and compile, and every trial
 * must give exactly the JS backend's answer (doubles bit for bit, errors by code).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runWasmConformance } from '../../src/conformance/wasm.js';
import { REFERENCE } from '../helpers/reference.js';

const suite = join(REFERENCE, 'pfa/conformance/pfa-tests-0.8.1.json.gz');

describe('conformance sample on the Wasm backend', () => {
  it("lowers and compiles each function's first test and agrees with the JS backend on every trial", async () => {
    const sampled = new Set<string>();
    const firstOfEach = (fcn: string) => !sampled.has(fcn) && sampled.add(fcn) !== undefined;
    const report = await runWasmConformance({ suite, select: firstOfEach });
    console.log(
      `wasm sample: ${sampled.size} functions, ${report.compiled} of ${report.tests} tests compiled, ` +
        `${report.agree} of ${report.trials} trials agree`,
    );
    expect(report.notLowered).toEqual({});
    expect(report.compileErrors).toEqual([]);
    expect(report.disagreements).toEqual([]);
    // One test per function the suite tests (the JS conformance run counts them the same way).
    expect(sampled.size).toBeGreaterThan(400);
    expect(report.tests).toBe(sampled.size);
    expect(report.compiled).toBe(report.tests);
    expect(report.agree).toBe(report.trials);
  }, 1_200_000);
});
