import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, makePhoto, makeUser, MadeUser, TestApp } from '@ocop/testing';
import { IdentityHttpModule } from '@ocop/identity';
import { send, until } from '../e2e/support/http';
import { ensureBuilt, Replica, startReplica } from '../e2e/support/replicas';
import { startWorker, WorkerProcess } from '../e2e/support/workers';

// The path of an upload through the built apps, as production runs them: the api takes the chunks and completes the
// upload (asset + outbox row in one transaction); the worker's relay delivers the outbox row, which queues the
// processing job; the worker makes the renditions; the api serves them at /files.

jest.setTimeout(90_000);

describe('an upload processed by the real worker', () => {
  let dir: string;
  let api: Replica;
  let worker: WorkerProcess;
  let users: TestApp;
  let farmer: MadeUser;

  beforeAll(async () => {
    ensureBuilt();
    dir = await mkdtemp(path.join(tmpdir(), 'ocop-assets-e2e-'));
    const env = {
      DATABASE_URL: process.env['DATABASE_URL'],
      REDIS_URL: process.env['REDIS_URL'],
      QUEUE_PREFIX: process.env['QUEUE_PREFIX'],
      JWT_ACCESS_SECRET: process.env['JWT_ACCESS_SECRET'],
      ASSETS_DIR: dir,
      LOG_LEVEL: 'warn',
    };
    // Users are made in process (same database); the api and worker are the built apps.
    users = await createTestApp({ imports: [IdentityHttpModule] });
    farmer = await makeUser(users, { roles: ['farmer'] });
    [api, worker] = await Promise.all([startReplica('assets', env), startWorker('assets', env)]);
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop(), users?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('chunks in, renditions out: the worker processes the completed upload and the api serves it', async () => {
    const photo = await makePhoto({ width: 2000, height: 1500, gps: true });
    const created = await send<{ id: string; chunkBytes: number }>(api.url, 'POST', '/api/uploads', {
      token: farmer.accessToken,
      body: { purpose: 'product-photo', fileName: 'IMG_0420.JPG', byteLength: photo.length },
    });
    expect(created.status).toBe(201);
    const { id, chunkBytes } = created.body;
    for (let offset = 0; offset < photo.length; offset += chunkBytes) {
      const res = await fetch(`${api.url}/api/uploads/${id}/chunks?offset=${offset}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${farmer.accessToken}`,
          'content-type': 'application/octet-stream',
        },
        body: photo.subarray(offset, offset + chunkBytes),
      });
      expect(res.status).toBe(200);
    }
    const done = await send<{ id: string; status: string }>(api.url, 'POST', `/api/uploads/${id}/complete`, {
      token: farmer.accessToken,
    });
    expect(done).toMatchObject({ status: 202, body: { status: 'processing' } });

    let asset: { status: string; image: { src: string; width: number } | null } | undefined;
    await until(
      'the worker to process the upload',
      async () => {
        const res = await send<typeof asset>(api.url, 'GET', `/api/assets/${done.body.id}`, {
          token: farmer.accessToken,
        });
        asset = res.body;
        return asset?.status !== 'processing';
      },
      60_000,
      () => `${JSON.stringify(asset)}\n${worker.output()}`,
      100,
    );
    expect(asset).toMatchObject({ status: 'ready', image: { width: 2000 } });
    const file = await fetch(`${api.url}${asset?.image?.src}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
