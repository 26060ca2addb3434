/**
 * The handler's configuration, read once per container from the environment (DESIGN.md "The
 * Lambda handler"). Every value is checked here, so a misconfigured function says what is wrong
 * in its first log line instead of failing somewhere later.
 */
import { isAbsolute, resolve } from 'node:path';
import { Backend } from '../../engine.js';

export type ModelSource = { kind: 'file'; path: string } | { kind: 's3'; bucket: string; key: string };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface HandlerConfig {
  model: ModelSource;
  backend: Backend;
  /** Largest request body accepted, in bytes after base64 decoding; larger bodies get 413. */
  maxBodyBytes: number;
  /** Milliseconds each begin/action/end may run when the document sets no timeout; null for none. */
  timeoutMs: number | null;
  logLevel: LogLevel;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** A model with a loop that never ends answers 422 after this long instead of holding the container. */
export const DEFAULT_TIMEOUT_MS = 1000;
const BACKENDS: readonly Backend[] = ['js', 'wasm', 'auto'];
const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `s3://bucket/key/with/slashes` → bucket and key; anything else is a ConfigError. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!m) throw new ConfigError(`PFA_MODEL_S3_URI must look like s3://bucket/key, found "${uri}"`);
  return { bucket: m[1], key: m[2] };
}

/**
 * Reads PFA_MODEL (a path in the bundle, relative to LAMBDA_TASK_ROOT) or PFA_MODEL_S3_URI,
 * PFA_BACKEND (js | wasm | auto, default auto), PFA_MAX_BODY_BYTES, PFA_TIMEOUT_MS (milliseconds or
 * "none"; used when the document's options set no timeout) and PFA_LOG_LEVEL.
 */
/*! @eager */
export function readConfig(env: Record<string, string | undefined>): HandlerConfig {
  const file = env.PFA_MODEL?.trim();
  const s3 = env.PFA_MODEL_S3_URI?.trim();
  if (file && s3) throw new ConfigError('set PFA_MODEL or PFA_MODEL_S3_URI, not both');
  if (!file && !s3) throw new ConfigError('set PFA_MODEL (a path in the bundle) or PFA_MODEL_S3_URI (s3://bucket/key)');
  const root = env.LAMBDA_TASK_ROOT || process.cwd();
  const model: ModelSource = file
    ? { kind: 'file', path: isAbsolute(file) ? file : resolve(root, file) }
    : { kind: 's3', ...parseS3Uri(s3!) };

  const backend = (env.PFA_BACKEND?.trim() || 'auto') as Backend;
  if (!BACKENDS.includes(backend))
    throw new ConfigError(`PFA_BACKEND must be one of ${BACKENDS.join(', ')}, found "${backend}"`);

  const limitText = env.PFA_MAX_BODY_BYTES?.trim();
  const maxBodyBytes = limitText ? Number(limitText) : DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new ConfigError(`PFA_MAX_BODY_BYTES must be a positive integer, found "${limitText}"`);
  }

  const timeoutText = env.PFA_TIMEOUT_MS?.trim();
  const timeoutMs = !timeoutText ? DEFAULT_TIMEOUT_MS : /^none$/i.test(timeoutText) ? null : Number(timeoutText);
  if (timeoutMs !== null && (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0)) {
    throw new ConfigError(`PFA_TIMEOUT_MS must be a positive integer or "none", found "${timeoutText}"`);
  }

  const logLevel = (env.PFA_LOG_LEVEL?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LEVELS.includes(logLevel))
    throw new ConfigError(`PFA_LOG_LEVEL must be one of ${LEVELS.join(', ')}, found "${logLevel}"`);
  return { model, backend, maxBodyBytes, timeoutMs, logLevel };
}
