/**
 * Model files in an S3 bucket (store.ts ObjectStore). Apart from store.ts because a function whose
 * model is in its bundle never reads S3: the Lambda handler's cold path leaves this file to a
 * chunk (issue 17, deploy/deferred.ts).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectStore } from './store.js';

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
