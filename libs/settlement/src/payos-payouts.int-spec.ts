import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { OrdersHttpModule } from '@ocop/orders';
import { PaymentsHttpModule } from '@ocop/payments';
import {
  authHeader,
  checkoutBody,
  createTestApp,
  Farmer,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeUser,
  PAYOS_PAYOUT_TEST_KEYS,
  PayosStub,
  outboxRelay,
  placeCheckout,
  startPayosStub,
  TestApp,
} from '@ocop/testing';
import { PayosPayoutsService } from './application/payos-payouts.service';
import { SettlementService } from './application/settlement.service';
import { SettlementHttpModule } from './settlement-http.module';
import { SettlementJobsModule } from './settlement-jobs.module';

const until = async (condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const ACCOUNT = { bankBin: '970436', accountNumber: '0011001234567', accountName: 'Nguyễn Thị Hoà' };

describe('settlement: payouts through payOS (the payout channel of the stub, through the real SDK and worker)', () => {
  let payos: PayosStub;
  let t: TestApp;
  let cityAdmin: MadeUser;
  let adminA: MadeUser;
  let adminB: MadeUser;
  let farmerA: Farmer;
  let farmerB: Farmer;
  let buyer: MadeUser;
  let communeA1: string;
  let relayAll: () => Promise<void>;

  beforeAll(async () => {
    payos = await startPayosStub();
    t = await createTestApp({
      imports: [
        SettlementHttpModule,
        SettlementJobsModule,
        OrdersHttpModule,
        PaymentsHttpModule,
        CatalogueHttpModule,
        IdentityHttpModule,
      ],
      config: { ...PAYOS_PAYOUT_TEST_KEYS, PAYOS_API_URL: payos.url, PAYOS_PAYOUT_POLL_SECONDS: 1 },
    });
    ({ relayAll } = await outboxRelay(t));
    const tree = await makeBranchTree(t);
    cityAdmin = await makeAdmin(t, tree.city.id);
    adminA = await makeAdmin(t, tree.districtA.id);
    adminB = await makeAdmin(t, tree.districtB.id);
    farmerA = await makeFarmer(t, { branchId: tree.communeA1.id });
    farmerB = await makeFarmer(t, { branchId: tree.communeB1.id });
    buyer = await makeUser(t);
    communeA1 = tree.communeA1.id;
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await payos?.close();
  });

  /** Gives the farmer a balance: a COD order of `priceVnd`, shipped and delivered with the cash. */
  const fund = async (owner: Farmer, priceVnd: number): Promise<number> => {
    const p = await makeActiveProduct(t, { farmer: owner, admin: cityAdmin, stock: 50, priceVnd });
    const placed = await placeCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }]));
    const order = placed.orders[0] as { id: string; totalVnd: number };
    for (const [action, body] of [
      ['ship', {}],
      ['deliver', { cashCollectedVnd: order.totalVnd }],
    ] as const) {
      const res = await t
        .http()
        .post(`/api/farmer/orders/${order.id}/${action}`)
        .set(authHeader(owner.accessToken))
        .send(body);
      expect(res.status).toBe(200);
    }
    await relayAll();
    return balanceOf(owner);
  };
  const ledger = async (owner: Farmer) =>
    (await t.http().get('/api/farmer/settlement').set(authHeader(owner.accessToken))).body as {
      balance: {
        balanceVnd: number;
        salesVnd: number;
        refundsVnd: number;
        feesVnd: number;
        payoutsVnd: number;
      };
      entries: {
        items: { id: string; kind: string; amountVnd: number; payos: { status: string } | null }[];
      };
      payoutAccount: { bankBin: string; accountNumber: string; accountName: string } | null;
    };
  const balanceOf = async (owner: Farmer) => (await ledger(owner)).balance.balanceVnd;
  const saveAccount = (owner: MadeUser, body: object) =>
    t.http().put('/api/farmer/settlement/payout-account').set(authHeader(owner.accessToken)).send(body);
  const payOut = (admin: MadeUser, owner: Farmer, amountVnd: number) =>
    t
      .http()
      .post(`/api/admin/settlement/producers/${owner.producer.id}/payos-payouts`)
      .set(authHeader(admin.accessToken))
      .send({ amountVnd });
  const statusOf = async (entryId: string) =>
    (
      (await t.db.query(`SELECT status FROM settlement_payos_payouts WHERE entry_id = $1`, [entryId])) as {
        status: string;
      }[]
    )[0]?.status;
  const stubPayoutsFor = (entryId: string) =>
    [...payos.payouts.values()].filter((p) => p.referenceId === entryId);
  const expectInvariant = async (owner: Farmer) => {
    const audit = await t.app.get(SettlementService).audit(owner.producer.id);
    expect(audit.balanceVnd).toBe(audit.entriesVnd);
    const b = (await ledger(owner)).balance;
    expect(b.balanceVnd).toBe(b.salesVnd - b.refundsVnd - b.feesVnd - b.payoutsVnd);
  };

  it('the farmer sets their payout account, strictly checked; the name is kept as the bank holds it', async () => {
    for (const bad of [
      { ...ACCOUNT, bankBin: '123456' },
      { ...ACCOUNT, bankBin: '97043' },
      { ...ACCOUNT, accountNumber: '12345' },
      { ...ACCOUNT, accountNumber: '0011-00123' },
      { ...ACCOUNT, accountNumber: '12345678901234567890' },
      { ...ACCOUNT, accountName: 'NGUYEN VAN A 2' },
      { ...ACCOUNT, accountName: 'NGUYEN\u200bTHI HOA' },
      { ...ACCOUNT, accountName: 'NGUYEN\u0007 THI' },
      { ...ACCOUNT, extra: 'x' },
      { bankBin: ACCOUNT.bankBin, accountNumber: ACCOUNT.accountNumber },
    ]) {
      const res = await saveAccount(farmerA, bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    expect((await ledger(farmerA)).payoutAccount).toBeNull();
    // Only a farmer has one.
    expect((await saveAccount(buyer, ACCOUNT)).status).toBe(403);

    const saved = await saveAccount(farmerA, ACCOUNT);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      bankBin: '970436',
      accountNumber: '0011001234567',
      accountName: 'NGUYEN THI HOA',
    });
    expect((await ledger(farmerA)).payoutAccount).toMatchObject({ accountName: 'NGUYEN THI HOA' });
    expect((await saveAccount(farmerB, { ...ACCOUNT, accountName: 'tran van binh' })).body.accountName).toBe(
      'TRAN VAN BINH',
    );

    // The admin in scope sees it with the ledger; another subtree's admin does not see the producer at all.
    const seen = await t
      .http()
      .get(`/api/admin/settlement/producers/${farmerA.producer.id}`)
      .set(authHeader(adminA.accessToken));
    expect(seen.body.payoutAccount).toMatchObject({ bankBin: '970436', accountName: 'NGUYEN THI HOA' });
    expect(
      (
        await t
          .http()
          .get(`/api/admin/settlement/producers/${farmerA.producer.id}`)
          .set(authHeader(adminB.accessToken))
      ).status,
    ).toBe(404);
    const banks = await t
      .http()
      .get('/api/farmer/settlement/payout-banks')
      .set(authHeader(farmerA.accessToken));
    expect(banks.body).toEqual(expect.arrayContaining([{ bin: '970436', code: 'VCB', name: 'Vietcombank' }]));
  });

  it('pays a producer: pending at once (held against the balance), then paid with the bank reference once payOS succeeds', async () => {
    const before = await fund(farmerA, 400_000);
    const res = await payOut(adminA, farmerA, 150_000);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      amountVnd: 150_000,
      toBin: '970436',
      toAccountNumber: '0011001234567',
      toAccountName: 'NGUYEN THI HOA',
    });
    const entryId = res.body.entryId as string;
    expect(await balanceOf(farmerA)).toBe(before - 150_000);
    const [made] = stubPayoutsFor(entryId);
    expect(made?.transactions[0]).toMatchObject({ amount: 150_000, toBin: '970436', state: 'PROCESSING' });

    // The worker follows it (queued by the outbox message): payOS's bank pays, the ledger confirms.
    await relayAll();
    payos.settlePayout(entryId, 'SUCCEEDED', { reference: 'FT26341PAYOUT01' });
    await until(async () => (await statusOf(entryId)) === 'paid');
    const after = await ledger(farmerA);
    expect(after.balance.balanceVnd).toBe(before - 150_000);
    const entry = after.entries.items.find((e) => e.id === entryId);
    expect(entry).toMatchObject({
      kind: 'payout',
      amountVnd: -150_000,
      payos: { status: 'paid', bankReference: 'FT26341PAYOUT01', errorCode: null },
    });
    expect(stubPayoutsFor(entryId)).toHaveLength(1);
    await expectInvariant(farmerA);
  });

  it('a payout payOS cannot make is reversed: the balance is whole again, the entries stay', async () => {
    const before = await fund(farmerA, 200_000);
    const res = await payOut(adminA, farmerA, before);
    expect(res.status).toBe(201);
    const entryId = res.body.entryId as string;
    expect(await balanceOf(farmerA)).toBe(0);
    await relayAll();
    payos.settlePayout(entryId, 'FAILED', { errorCode: '214' });
    await until(async () => (await statusOf(entryId)) === 'failed');
    const after = await ledger(farmerA);
    expect(after.balance.balanceVnd).toBe(before);
    const kinds = after.entries.items.slice(0, 2).map((e) => [e.kind, e.amountVnd]);
    expect(kinds).toEqual([
      ['payout_reversal', before],
      ['payout', -before],
    ]);
    expect(after.entries.items.find((e) => e.id === entryId)?.payos).toMatchObject({
      status: 'failed',
      errorCode: '214',
    });
    await expectInvariant(farmerA);
  });

  it("payOS's refusal reverses at once and answers PAYOUT_REFUSED", async () => {
    const before = await balanceOf(farmerA);
    payos.refusePayouts({ status: 400, code: '214', desc: 'Tài khoản thụ hưởng không hợp lệ' });
    try {
      const res = await payOut(adminA, farmerA, 1_000);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'PAYOUT_REFUSED', details: { payosCode: '214' } });
      expect(await statusOf(res.body.details.entryId as string)).toBe('failed');
    } finally {
      payos.refusePayouts(null);
    }
    expect(await balanceOf(farmerA)).toBe(before);
    await expectInvariant(farmerA);
  });

  it('two payouts racing for the balance never pay more than it; above it: PAYOUT_EXCEEDS_BALANCE', async () => {
    const balance = await fund(farmerB, 300_000);
    expect((await payOut(adminB, farmerB, balance + 1)).body.code).toBe('PAYOUT_EXCEEDS_BALANCE');
    const half = Math.floor(balance / 2) + 1;
    const answers = await Promise.all([1, 2, 3].map(() => payOut(adminB, farmerB, half)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422]);
    expect(answers.filter((a) => a.status === 422).map((a) => a.body.code)).toEqual([
      'PAYOUT_EXCEEDS_BALANCE',
      'PAYOUT_EXCEEDS_BALANCE',
    ]);
    expect(await balanceOf(farmerB)).toBe(balance - half);
    await relayAll();
    const paid = answers.find((a) => a.status === 201)?.body.entryId as string;
    payos.settlePayout(paid, 'SUCCEEDED');
    await until(async () => (await statusOf(paid)) === 'paid');
    await expectInvariant(farmerB);
  });

  it('a crash after the payout is committed, before payOS is asked: the worker makes it, once', async () => {
    const balance = await balanceOf(farmerB);
    const service = t.app.get(PayosPayoutsService);
    // What the api committed before it died: the entry and the outbox message, nothing at payOS.
    const opened = await service.open(adminB.id, farmerB.producer.id, 10_000);
    expect(stubPayoutsFor(opened.entryId)).toHaveLength(0);
    expect(await balanceOf(farmerB)).toBe(balance - 10_000);

    await relayAll();
    await until(async () => stubPayoutsFor(opened.entryId).length > 0);
    // A late second ask (the api coming back, a retried job) makes no second payout: the idempotency key holds.
    await service.submit(opened.entryId);
    await service.track(opened.entryId);
    payos.settlePayout(opened.entryId, 'SUCCEEDED');
    await until(async () => (await statusOf(opened.entryId)) === 'paid');
    expect(stubPayoutsFor(opened.entryId)).toHaveLength(1);
    expect(await balanceOf(farmerB)).toBe(balance - 10_000);
    await expectInvariant(farmerB);
  });

  it('only an admin in scope pays; a producer without an account cannot be paid', async () => {
    expect((await payOut(adminB, farmerA, 1)).status).toBe(404);
    expect((await payOut(cityAdmin, farmerA, 0)).status).toBe(400);
    const res = await t
      .http()
      .post(`/api/admin/settlement/producers/${farmerA.producer.id}/payos-payouts`)
      .set(authHeader(farmerA.accessToken))
      .send({ amountVnd: 1 });
    expect(res.status).toBe(403);
    const noAccount = await makeFarmer(t, { branchId: communeA1 });
    const answer = await payOut(cityAdmin, noAccount, 1);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('PAYOUT_ACCOUNT_MISSING');
    const config = await t.http().get('/api/client-config');
    expect(config.body.payosPayouts).toBe(true);
  });
});

describe('settlement: payouts through payOS switched off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [SettlementHttpModule, PaymentsHttpModule, CatalogueHttpModule, IdentityHttpModule],
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers PAYOUTS_DISABLED (503, as disabled payment methods do), and the client config says so', async () => {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    const res = await t
      .http()
      .post(`/api/admin/settlement/producers/${farmer.producer.id}/payos-payouts`)
      .set(authHeader(admin.accessToken))
      .send({ amountVnd: 1 });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('PAYOUTS_DISABLED');
    expect((await t.http().get('/api/client-config')).body.payosPayouts).toBe(false);
  });
});
