/**
 * Where model files come from: a folder (the Lambda bundle, or any path for `serve`) or an S3
 * bucket. Both answer `read(name)` with the object's bytes, or null when it does not exist, so
 * the loader treats the bundle and S3 alike.
 */
import { readFileSync } from 'node:fs';
import type { S3Client } from '@aws-sdk/client-s3';

export interface StoredObject {
  bytes: Uint8Array;
  /** S3 ETag (and version id when the bucket keeps versions); absent for files. */
  version?: string;
}

export interface ObjectStore {
  /** How the log names the object, e.g. `s3://bucket/key` or a file path. */
  describe(name: string): string;
  read(name: string): Promise<StoredObject | null>;
}

export const fileStore: ObjectStore = {
  describe: (name) => name,
  // Read synchronously: the files are local and read once, at init, where node:fs/promises and
  // the thread pool's round trips would only add to the cold start.
  async read(name) {
    try {
      return { bytes: readFileSync(name) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  },
};

export interface S3Options {
  /** A ready client (tests point one at s3rver); by default one is made from the environment. */
  client?: S3Client;
  /** Path-style addressing, for S3-compatible servers on loopback (PFA_S3_FORCE_PATH_STYLE=1). */
  forcePathStyle?: boolean;
}

/**
 * The AWS SDK is imported only when a model lives in S3: the nodejs22.x runtime provides it, the
 * bundle leaves it out, and a bundled-model function never pays for loading it.
 */
export async function s3Store(bucket: string, options: S3Options = {}): Promise<ObjectStore> {
  const sdk = await import('@aws-sdk/client-s3');
  const client = options.client ?? new sdk.S3Client({ forcePathStyle: options.forcePathStyle });
  return {
    describe: (key) => `s3://${bucket}/${key}`,
    async read(key) {
      try {
        const res = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
        const bytes = await res.Body!.transformToByteArray();
        const version = [res.ETag, res.VersionId].filter(Boolean).join(' ') || undefined;
        return { bytes, version };
      } catch (e) {
        const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404) return null;
        throw e;
      }
    },
  };
}
