import { getQueueToken } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { IdentityHttpModule } from '@ocop/identity';
import { addDays, addMonths, FixedClock, vnToday } from '@ocop/kernel';
import {
  authHeader,
  createTestApp,
  Farmer,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeProduct,
  MadeUser,
  submitProduct,
  TestApp,
} from '@ocop/testing';
import { CatalogueHttpModule } from './catalogue-http.module';
import { CatalogueJobsModule } from './catalogue-jobs.module';

const DAY = 86_400_000;

describe('certificate expiry warnings (catalogue/certificate-expiry-scan)', () => {
  const clock = new FixedClock(new Date());
  const realNow = clock.now();
  let t: TestApp;
  let queue: Queue;
  let farmer: Farmer;
  let admin: MadeUser;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [CatalogueHttpModule, IdentityHttpModule, CatalogueJobsModule],
      clock,
    });
    queue = t.app.get<Queue>(getQueueToken('catalogue'));
    const tree = await makeBranchTree(t);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    admin = await makeAdmin(t, tree.districtA.id);
  });
  afterEach(() => clock.set(realNow));
  afterAll(() => t.close());

  /** A signing date whose 36-month certificate expires about `days` days after today. */
  const signedToExpireIn = (days: number) => addDays(addMonths(vnToday(clock.now()), -36), days);

  async function runScan(data: { asOf?: string } = {}): Promise<unknown> {
    const job = await queue.add('certificate-expiry-scan', data);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const current = await Job.fromId(queue, job.id as string);
      const state = await current?.getState();
      if (state === 'completed') return current?.returnvalue;
      if (state === 'failed') throw new Error(`scan failed: ${current?.failedReason}`);
      if (Date.now() > deadline) throw new Error(`scan did not finish (state ${state})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const notificationsOf = async (productId: string) =>
    (await t.db.query(
      `SELECT kind, certificate_expires_on::text AS expires_on FROM producer_notifications WHERE product_id = $1`,
      [productId],
    )) as { kind: string; expires_on: string }[];

  it('the worker schedules the scan daily at the configured time in Vietnam', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: 'certificate-expiry-scan-daily',
          pattern: '0 6 * * *',
          tz: 'Asia/Ho_Chi_Minh',
        }),
      ]),
    );
  });

  it('a product expiring in 10 days is warned once even when the job runs twice; one expiring in 90 days is not', async () => {
    const soon = await makeActiveProduct(t, {
      farmer,
      admin,
      certificate: { signedOn: signedToExpireIn(10) },
    });
    const later = await makeActiveProduct(t, {
      farmer,
      admin,
      certificate: { signedOn: signedToExpireIn(90) },
    });
    expect(soon.certificateState).toBe('expiring_soon');
    expect(later.certificateState).toBe('valid');

    await runScan();
    await runScan();
    expect(await notificationsOf(soon.id)).toEqual([
      { kind: 'certificate_expiring', expires_on: soon.certificate.expiresOn },
    ]);
    expect(await notificationsOf(later.id)).toEqual([]);

    const res = await t
      .http()
      .get('/api/producers/me/notifications?pageSize=100')
      .set(authHeader(farmer.accessToken))
      .expect(200);
    const mine = res.body.items.filter((n: { productId: string }) => n.productId === soon.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'certificate_expiring', readAt: null });
    expect(mine[0].messageVi).toContain('hết hạn');
    expect(mine[0].messageEn).toContain('expires on');
  });

  it('two scans at the same moment still warn once', async () => {
    const soon = await makeActiveProduct(t, {
      farmer,
      admin,
      certificate: { signedOn: signedToExpireIn(5) },
    });
    await Promise.all([runScan(), runScan(), runScan()]);
    expect(await notificationsOf(soon.id)).toHaveLength(1);
  });

  it('a new certificate resets the warning', async () => {
    const product = await makeActiveProduct(t, {
      farmer,
      admin,
      certificate: { signedOn: signedToExpireIn(10) },
    });
    await runScan();
    const renewed = await t
      .http()
      .patch(`/api/products/${product.id}`)
      .set(authHeader(farmer.accessToken))
      .send({ certificate: { signedOn: signedToExpireIn(20), decisionNumber: '99/QĐ-UBND' } })
      .expect(200);
    expect(renewed.body.status).toBe('pending_verification');
    await t
      .http()
      .post(`/api/admin/products/${product.id}/verify`)
      .set(authHeader(admin.accessToken))
      .expect(200);
    await runScan();
    await runScan();
    const kinds = await notificationsOf(product.id);
    expect(kinds.map((k) => k.expires_on).sort()).toEqual(
      [product.certificate.expiresOn, renewed.body.certificate.expiresOn].sort(),
    );
  });

  it('the payload asOf scans as of that day; an expired certificate is warned once as expired', async () => {
    const product = await makeActiveProduct(t, {
      farmer,
      admin,
      certificate: { signedOn: signedToExpireIn(60) },
    });
    await runScan({ asOf: addDays(product.certificate.expiresOn, -20) });
    await runScan({ asOf: addDays(product.certificate.expiresOn, 1) });
    await runScan({ asOf: addDays(product.certificate.expiresOn, 2) });
    expect((await notificationsOf(product.id)).map((n) => n.kind).sort()).toEqual([
      'certificate_expired',
      'certificate_expiring',
    ]);
  });

  it('once a certificate has expired the product leaves browse and cannot be verified (422)', async () => {
    const active = await makeActiveProduct(t, {
      farmer,
      admin,
      certificate: { signedOn: signedToExpireIn(3) },
    });
    const pending = await makeProduct(t, farmer, { certificate: { signedOn: signedToExpireIn(3) } });
    await submitProduct(t, farmer, pending.id);
    await t.http().get(`/api/products/${active.id}`).expect(200);

    clock.set(new Date(realNow.getTime() + 10 * DAY));
    await t.http().get(`/api/products/${active.id}`).expect(404);
    const browse = await t
      .http()
      .get(`/api/products?producerId=${farmer.producer.id}&pageSize=100`)
      .expect(200);
    expect(browse.body.items.map((p: { id: string }) => p.id)).not.toContain(active.id);
    const mine = await t
      .http()
      .get('/api/producers/me/products?pageSize=100')
      .set(authHeader(farmer.accessToken))
      .expect(200);
    expect(mine.body.items.find((p: { id: string }) => p.id === active.id)).toMatchObject({
      status: 'active',
      sellable: false,
      certificateState: 'expired',
    });
    const verify = await t
      .http()
      .post(`/api/admin/products/${pending.id}/verify`)
      .set(authHeader(admin.accessToken))
      .expect(422);
    expect(verify.body.code).toBe('CERTIFICATE_EXPIRED');
  });
});
