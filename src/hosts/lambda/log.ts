/**
 * Structured log lines: one JSON object per line on stdout, which CloudWatch stores as is (the
 * Lambda runtime prefixes console.log text with a timestamp and request id; a raw JSON line keeps
 * Logs Insights queries such as `filter status >= 500` simple).
 */
import { writeSync } from 'node:fs';
import { LogLevel } from './config.js';

export type LogFields = Record<string, unknown>;

export interface Logger {
  readonly level: LogLevel;
  enabled(level: LogLevel): boolean;
  log(level: LogLevel, msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger writing to `write` (stdout by default) at `level` and above. */
/*! @eager */
export function jsonLogger(level: LogLevel, write: (line: string) => void = writeStdout): Logger {
  const min = RANK[level];
  return {
    level,
    enabled: (l) => RANK[l] >= min,
    log(l, msg, fields) {
      if (RANK[l] < min) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: l, msg, ...fields }, bigintSafe) + '\n');
    },
  };
}

let direct = true;

/**
 * A line to stdout with a plain write(2) on fd 1: the first use of process.stdout builds a stream
 * over the pipe the Lambda runtime gives (loading net and stream), several milliseconds of the
 * cold start for the first log line. Should fd 1 refuse (EAGAIN: a non-blocking pipe that is
 * full), the rest of the line and every later line go through process.stdout, which queues, so
 * the lines stay whole and in order.
 */
/*! @eager */
function writeStdout(line: string): void {
  if (direct) {
    const bytes = Buffer.from(line);
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(1, bytes, done);
      return;
    } catch {
      direct = false;
      process.stdout.write(bytes.subarray(done));
      return;
    }
  }
  process.stdout.write(line);
}

/*! @eager */
function bigintSafe(_key: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}

/** An Error as log fields: message, name, and the stack for defects. */
export function errorFields(e: unknown): LogFields {
  if (e instanceof Error) return { error: e.message, errorName: e.name, stack: e.stack };
  return { error: String(e) };
}
