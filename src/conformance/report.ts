/**
 * Presents a conformance Report: a table by namespace for people, and JSON for tools. The table's
 * last line is always `N passed, N failed, N skipped`, which scripts may grep.
 */
import type { Counts, Failure, Report } from './run.js';

/** The namespace of a function: its name without the last dotted part; "(core)" for operators. */
export function namespaceOf(fcn: string): string {
  const dot = fcn.lastIndexOf('.');
  return dot <= 0 ? '(core)' : fcn.slice(0, dot);
}

/** Sums the per-function counts by namespace, "(core)" first, the others by name. */
export function byNamespace(report: Pick<Report, 'byFunction'>): [string, Counts][] {
  const table = new Map<string, Counts>();
  for (const [fcn, c] of Object.entries(report.byFunction)) {
    const ns = namespaceOf(fcn);
    const sum = table.get(ns) ?? { passed: 0, failed: 0, skipped: 0, strict: 0 };
    sum.passed += c.passed;
    sum.failed += c.failed;
    sum.skipped += c.skipped;
    sum.strict += c.strict;
    table.set(ns, sum);
  }
  return [...table].sort(([a], [b]) => (a === '(core)' ? -1 : b === '(core)' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The table: one row per namespace, a total row, then the summary line. Percentages are of the
 * trials that ran (passed + failed); strict is a share of those too.
 */
export function formatReport(report: Report): string {
  const header = ['namespace', 'passed', 'failed', 'skipped', 'strict', 'pass %', 'strict %'];
  const rows = byNamespace(report).map(([ns, c]) => row(ns, c));
  const rule = header.map(() => '');
  const total = row('total', report);
  const cells = [header, rule, ...rows, rule, total];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const lines = cells.map((r) =>
    r
      .map((cell, i) =>
        r === rule ? '-'.repeat(widths[i]) : i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]),
      )
      .join('  ')
      .trimEnd(),
  );
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}

export function summaryLine(c: Counts): string {
  return `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
}

function row(name: string, c: Counts): string[] {
  const ran = c.passed + c.failed;
  return [
    name,
    String(c.passed),
    String(c.failed),
    String(c.skipped),
    String(c.strict),
    percent(c.passed, ran),
    percent(c.strict, ran),
  ];
}

function percent(n: number, of: number): string {
  if (of === 0) return '-';
  const p = (100 * n) / of;
  // Never round a shortfall up to 100.0, nor a non-zero count down to 0.0.
  const shown = n < of && p > 99.9 ? 99.9 : n > 0 && p < 0.1 ? 0.1 : p;
  return shown.toFixed(1);
}

/** One failure, on a few lines, for the terminal. */
export function formatFailure(f: Failure): string {
  const lines = [`${f.function} #${f.engineIndex} (suite line ${f.line}), trial ${f.trialIndex}: ${f.reason}`];
  if (f.trialIndex >= 0) {
    lines.push(`  sample:   ${clip(toJson(f.sample))}`);
    lines.push(`  expected: ${clip(toJson(f.expected))}`);
    lines.push(`  actual:   ${clip(toJson(f.actual))}`);
  }
  return lines.join('\n');
}

/**
 * The report as JSON text, without the failures unless asked. Bigints are written as exact
 * integers, and values JSON cannot hold (undefined, NaN) as null, so the text is always valid.
 */
export function reportJson(report: Report, options: { failures?: boolean } = {}): string {
  const { failures, ...rest } = report;
  return toJson(options.failures ? { ...rest, failures } : rest, 1) + '\n';
}

/**
 * JSON text of a value: bigints as exact integers; undefined, functions, NaN and infinities as
 * null (as JSON.stringify writes them in arrays), so the text is always valid JSON. Object
 * properties that are undefined are left out, again as JSON.stringify does.
 */
export function toJson(x: unknown, indent = 0): string {
  const out = write(x, indent, '');
  return out === undefined ? 'null' : out;
}

function write(x: unknown, indent: number, pad: string): string | undefined {
  if (typeof x === 'bigint') return x.toString();
  if (typeof x === 'number') return Number.isFinite(x) ? JSON.stringify(x) : 'null';
  if (typeof x === 'string' || typeof x === 'boolean' || x === null) return JSON.stringify(x);
  if (typeof x !== 'object') return undefined;
  const inner = pad + ' '.repeat(indent);
  const open = indent > 0 ? '\n' + inner : '';
  const sep = indent > 0 ? ',\n' + inner : ',';
  const close = indent > 0 ? '\n' + pad : '';
  if (Array.isArray(x)) {
    if (x.length === 0) return '[]';
    return `[${open}${x.map((v) => write(v, indent, inner) ?? 'null').join(sep)}${close}]`;
  }
  const o = x as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(o)) {
    const v = write(o[k], indent, inner);
    if (v !== undefined) parts.push(`${JSON.stringify(k)}:${indent > 0 ? ' ' : ''}${v}`);
  }
  return parts.length === 0 ? '{}' : `{${open}${parts.join(sep)}${close}}`;
}

function clip(s: string): string {
  return s.length > 300 ? `${s.slice(0, 297)}...` : s;
}
