import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
  parseS3Uri,
  readConfig,
} from '../../../src/hosts/lambda/config.js';

describe('readConfig', () => {
  it('PFA_MODEL resolves against LAMBDA_TASK_ROOT; defaults: auto, 1 MiB, 1000 ms, info', () => {
    expect(readConfig({ PFA_MODEL: 'models/m.pfa.json', LAMBDA_TASK_ROOT: '/var/task' })).toEqual({
      model: { kind: 'file', path: '/var/task/models/m.pfa.json' },
      backend: 'auto',
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      logLevel: 'info',
    });
  });
  it('PFA_MODEL_S3_URI, PFA_BACKEND, PFA_MAX_BODY_BYTES, PFA_TIMEOUT_MS, PFA_LOG_LEVEL', () => {
    expect(
      readConfig({
        PFA_MODEL_S3_URI: 's3://my-bucket/models/sonar.pfa.json',
        PFA_BACKEND: 'js',
        PFA_MAX_BODY_BYTES: '2048',
        PFA_TIMEOUT_MS: '250',
        PFA_LOG_LEVEL: 'WARN',
      }),
    ).toEqual({
      model: { kind: 's3', bucket: 'my-bucket', key: 'models/sonar.pfa.json' },
      backend: 'js',
      maxBodyBytes: 2048,
      timeoutMs: 250,
      logLevel: 'warn',
    });
    expect(readConfig({ PFA_MODEL: 'a', PFA_TIMEOUT_MS: 'None' }).timeoutMs).toBe(null);
  });
  it.each([
    [{}, /set PFA_MODEL \(a path in the bundle\) or PFA_MODEL_S3_URI/],
    [{ PFA_MODEL: 'a', PFA_MODEL_S3_URI: 's3://b/k' }, /not both/],
    [{ PFA_MODEL_S3_URI: 'https://b/k' }, /s3:\/\/bucket\/key/],
    [{ PFA_MODEL_S3_URI: 's3://bucket-only' }, /s3:\/\/bucket\/key/],
    [{ PFA_MODEL: 'a', PFA_BACKEND: 'gpu' }, /PFA_BACKEND must be one of js, wasm, auto/],
    [{ PFA_MODEL: 'a', PFA_MAX_BODY_BYTES: '0' }, /positive integer/],
    [{ PFA_MODEL: 'a', PFA_MAX_BODY_BYTES: '1e3x' }, /positive integer/],
    [{ PFA_MODEL: 'a', PFA_LOG_LEVEL: 'loud' }, /PFA_LOG_LEVEL/],
    [{ PFA_MODEL: 'a', PFA_TIMEOUT_MS: '0' }, /PFA_TIMEOUT_MS must be a positive integer or "none"/],
    [{ PFA_MODEL: 'a', PFA_TIMEOUT_MS: '1.5' }, /PFA_TIMEOUT_MS/],
  ])('rejects %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
  it('parseS3Uri keeps slashes in the key', () => {
    expect(parseS3Uri('s3://b/a/b/c.pfa.yaml')).toEqual({ bucket: 'b', key: 'a/b/c.pfa.yaml' });
  });
});
