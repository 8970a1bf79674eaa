import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppConfig } from '@ocop/config';

interface S3rverInstance {
  run(): Promise<{ port: number; address: string }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** The settings that point the S3 storage driver at this server. */
  config: Partial<AppConfig>;
  close: () => Promise<void>;
}

/**
 * An S3-compatible server on loopback (s3rver, from npm) with one empty bucket, its files in a temporary folder;
 * the real AWS SDK client talks to it with path-style addressing and s3rver's fixed test credentials.
 */
export async function startLocalS3(bucket = 'ocop-test-assets'): Promise<LocalS3> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- s3rver ships no types
  const S3rver = require('s3rver') as S3rverClass;
  const directory = await mkdtemp(path.join(tmpdir(), 'ocop-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    config: {
      ASSETS_STORAGE: 's3',
      ASSETS_S3_BUCKET: bucket,
      ASSETS_S3_ENDPOINT: endpoint,
      ASSETS_S3_REGION: 'us-east-1',
      ASSETS_S3_FORCE_PATH_STYLE: true,
      ASSETS_S3_ACCESS_KEY_ID: 'S3RVER',
      ASSETS_S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
