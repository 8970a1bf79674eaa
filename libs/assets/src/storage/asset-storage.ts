import { Readable } from 'node:stream';

/** A stored file opened for reading. */
export interface StoredFile {
  body: Readable;
  byteLength: number;
  contentType: string;
}

/**
 * Where asset files live. Keys are slash-separated paths: `public/<hash>/<name>` (renditions anyone may fetch, named
 * by their content so they never change), `private/<asset id>/<name>` (certificate renditions), `originals/<asset id>`
 * and `uploads/<upload id>/<offset>` (chunks of an upload under way). Two drivers: the local disk and any
 * S3-compatible service.
 */
export interface AssetStorage {
  readonly driver: 'local' | 's3';
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The whole file, or null when there is none. */
  read(key: string): Promise<Buffer | null>;
  /** A stream of the file, or null when there is none. */
  open(key: string): Promise<StoredFile | null>;
  /** Deletes every file whose key starts with `prefix` (a folder: ends with '/'), or the one file `prefix` names. */
  deletePrefix(prefix: string): Promise<void>;
  /** Deletes the given files (missing ones are not an error). */
  deleteMany(keys: readonly string[]): Promise<void>;
  /** The keys under a folder (for the sweep and tests). */
  list(prefix: string): Promise<string[]>;
}

export const ASSET_STORAGE = Symbol('ASSET_STORAGE');

/** Keys must stay inside the store: no empty segments, no dot segments, a fixed alphabet. */
export function assertSafeKey(key: string): void {
  if (
    !/^[a-z0-9][a-z0-9._/-]*$/i.test(key) ||
    key.split('/').some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new Error(`Unsafe storage key: ${JSON.stringify(key)}`);
  }
}
