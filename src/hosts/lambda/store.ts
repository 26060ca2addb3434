/**
 * Where model files come from: a folder (the Lambda bundle, or any path for `serve`) or an S3
 * bucket. Both answer `read(name)` with the object's bytes, or null when it does not exist, so
 * the loader treats the bundle and S3 alike. The S3 store is s3Store.ts's (the Lambda handler's
 * cold path leaves it to a chunk when the model is in the bundle: issue 17, deploy/deferred.ts).
 */
import { readFileSync } from 'node:fs';

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

export { type S3Options, s3Store } from './s3Store.js';
