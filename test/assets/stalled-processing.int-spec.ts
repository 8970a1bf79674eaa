// Integration tier: a processing job that Redis lost (restarted without its data, failed over, evicted) does not
// leave the photo `processing` for ever: the sweep's watch queues it again and the real BullMQ worker processes it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AssetsHttpModule, AssetsJobsModule, StalledProcessingWatch } from '@ocop/assets';
import { IdentityHttpModule } from '@ocop/identity';
import { createTestApp, makePhoto, makeUser, TestApp, uploadFile } from '@ocop/testing';

describe('a processing job lost by Redis', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ocop-assets-stalled-'));
    // No outbox relay in this app: a completed upload's processing job is never queued, as if Redis had lost it.
    t = await createTestApp({
      imports: [AssetsHttpModule, AssetsJobsModule, IdentityHttpModule],
      config: { ASSETS_DIR: dir },
    });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const statusOf = async (id: string): Promise<string | undefined> =>
    ((await t.db.query(`SELECT status FROM assets WHERE id = $1`, [id])) as { status: string }[])[0]?.status;

  it('is queued again by the watch a few minutes after the upload completed, and the worker processes it', async () => {
    const farmer = await makeUser(t, { roles: ['farmer'] });
    const photo = await makePhoto({ width: 1200, height: 900 });
    const { asset: fresh } = await uploadFile(t, farmer.accessToken, 'product-photo', photo, 'moi.jpg');
    const { asset: stalled } = await uploadFile(t, farmer.accessToken, 'product-photo', photo, 'cu.jpg');
    const queue = t.app.get<Queue>(getQueueToken('assets'));
    expect(await queue.getJob(`process-${stalled.id}`)).toBeUndefined();
    expect(await statusOf(stalled.id)).toBe('processing');

    // Only the upload completed long enough ago is queued again; the fresh one may still have its job on the way.
    // (Uploads left processing by earlier spec files of this Jest worker's database are made recent, out of the way.)
    await t.db.query(
      `UPDATE assets SET created_at = now() + interval '1 hour'
       WHERE status = 'processing' AND id NOT IN ($1, $2)`,
      [stalled.id, fresh.id],
    );
    await t.db.query(`UPDATE assets SET created_at = now() - interval '4 minutes' WHERE id = $1`, [
      stalled.id,
    ]);
    const watch = t.app.get(StalledProcessingWatch);
    expect(await watch.requeue()).toBe(1);

    const deadline = Date.now() + 30_000;
    while ((await statusOf(stalled.id)) !== 'ready' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await statusOf(stalled.id)).toBe('ready');
    expect(await statusOf(fresh.id)).toBe('processing');

    // A second look finds nothing left to queue for it; a repeat while its job is held adds no second job.
    expect(await watch.requeue()).toBe(0);
  });
});
