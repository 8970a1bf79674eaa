import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { OrderRefundsService, OrdersHttpModule } from '@ocop/orders';
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
  PAYOS_TEST_KEYS,
  PayosStub,
  PayosStubPayer,
  outboxRelay,
  placeCheckout,
  startPayosStub,
  TestApp,
} from '@ocop/testing';
import { RefundPayoutsService } from './application/refund-payouts.service';
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

interface RefundPayoutBody {
  id: string;
  orderId: string;
  amountVnd: number;
  status: string;
  toBin: string;
  toAccountNumber: string;
  bankReference: string | null;
}

describe('settlement: refunds of VietQR orders through payOS payouts (the stub, the real SDK and worker)', () => {
  let payos: PayosStub;
  let t: TestApp;
  let cityAdmin: MadeUser;
  let adminA: MadeUser;
  let adminB: MadeUser;
  let farmerA: Farmer;
  let farmerB: Farmer;
  let buyer: MadeUser;
  let product: ProductView;
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
      config: {
        ...PAYOS_TEST_KEYS,
        ...PAYOS_PAYOUT_TEST_KEYS,
        PAYOS_API_URL: payos.url,
        PAYOS_PAYOUT_POLL_SECONDS: 1,
      },
    });
    ({ relayAll } = await outboxRelay(t));
    const tree = await makeBranchTree(t);
    cityAdmin = await makeAdmin(t, tree.city.id);
    adminA = await makeAdmin(t, tree.districtA.id);
    adminB = await makeAdmin(t, tree.districtB.id);
    farmerA = await makeFarmer(t, { branchId: tree.communeA1.id });
    farmerB = await makeFarmer(t, { branchId: tree.communeB1.id });
    buyer = await makeUser(t);
    product = await makeActiveProduct(t, {
      farmer: farmerA,
      admin: cityAdmin,
      stock: 100,
      priceVnd: 185_000,
    });
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await payos?.close();
  });

  const statusOf = async (orderId: string) =>
    ((await t.db.query(`SELECT status FROM orders WHERE id = $1`, [orderId])) as { status: string }[])[0]
      ?.status;
  const payoutStatus = async (id: string) =>
    (
      (await t.db.query(`SELECT status FROM settlement_refund_payouts WHERE id = $1`, [id])) as {
        status: string;
      }[]
    )[0]?.status;
  /** The payouts the stub made for these refund payouts (payOS's reference id is the refund payout's id). */
  const stubPayoutsFor = (ids: readonly string[]) =>
    [...payos.payouts.values()].filter((p) => ids.includes(p.referenceId));

  /**
   * A VietQR order paid through payOS's signed webhook (from `payer`'s account, the stub's buyer unless told; null:
   * the bank sent none), then cancelled by the buyer before shipping: refund due.
   */
  const refundDueOrder = async (payer?: PayosStubPayer | null): Promise<{ id: string; totalVnd: number }> => {
    const placed = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: product.id }], { paymentMethod: 'vietqr' }),
    );
    const order = placed.orders[0] as { id: string; totalVnd: number };
    const paid = await t
      .http()
      .post('/api/payments/payos/webhook')
      .set('Content-Type', 'application/json')
      .send(payos.webhookFor(placed.vietqr!.orderCode, payer === undefined ? {} : { payer }) as object);
    expect(paid.body).toMatchObject({ outcome: 'moved:succeeded' });
    await relayAll();
    expect(await statusOf(order.id)).toBe('confirmed');
    const cancel = await t.http().post(`/api/orders/${order.id}/cancel`).set(authHeader(buyer.accessToken));
    expect(cancel.status).toBe(200);
    await relayAll();
    expect(await statusOf(order.id)).toBe('refund_due');
    return order;
  };

  const ask = (who: MadeUser, as: 'farmer' | 'admin', orderId: string, body: object = {}) =>
    t.http().post(`/api/${as}/orders/${orderId}/payos-refunds`).set(authHeader(who.accessToken)).send(body);
  const list = (who: MadeUser, as: 'farmer' | 'admin', orderId: string) =>
    t.http().get(`/api/${as}/orders/${orderId}/payos-refunds`).set(authHeader(who.accessToken));
  const ledger = async (owner: Farmer) =>
    (await t.http().get('/api/farmer/settlement').set(authHeader(owner.accessToken))).body as {
      balance: {
        balanceVnd: number;
        salesVnd: number;
        refundsVnd: number;
        feesVnd: number;
        payoutsVnd: number;
      };
    };
  /** The order's status changes as the outbox tells them to attribution and the ledger (orders.status-changed). */
  const announcedChanges = async (orderId: string) =>
    (
      (await t.db.query(
        `SELECT payload->>'from' AS "from", payload->>'to' AS "to", payload->>'event' AS event FROM outbox
          WHERE topic = 'orders.status-changed' AND payload->>'orderId' = $1 ORDER BY created_at, id`,
        [orderId],
      )) as { from: string; to: string; event: string }[]
    ).map((c) => `${c.from}>${c.to}:${c.event}`);

  it('sends a refund due back to the account the transfer came from; once payOS pays, the order is refunded with its reference', async () => {
    const start = (await ledger(farmerA)).balance;
    const order = await refundDueOrder();
    expect((await list(farmerA, 'farmer', order.id)).body).toEqual([]);

    // The amount is what the order was paid, never an input.
    const more = await ask(farmerA, 'farmer', order.id, { amountVnd: order.totalVnd + 1 });
    expect(more.status).toBe(400);

    const res = await ask(farmerA, 'farmer', order.id);
    expect(res.status).toBe(201);
    const payout = res.body as RefundPayoutBody;
    expect(payout).toMatchObject({
      orderId: order.id,
      amountVnd: order.totalVnd,
      status: 'pending',
      toBin: '970415',
      toAccountNumber: '9704000000000018',
      toAccountName: 'NGUYEN VAN MO PHONG',
      bankReference: null,
    });
    const [made] = stubPayoutsFor([payout.id]);
    expect(made?.transactions[0]).toMatchObject({
      amount: order.totalVnd,
      toBin: '970415',
      toAccountNumber: '9704000000000018',
      state: 'PROCESSING',
    });
    // Asked again while pending: the same payout, nothing new at payOS.
    const again = await ask(cityAdmin, 'admin', order.id);
    expect(again.body.id).toBe(payout.id);
    expect(stubPayoutsFor([payout.id])).toHaveLength(1);
    expect(await statusOf(order.id)).toBe('refund_due');

    // The worker follows it; payOS's bank pays; the refund reserved when the payout opened is recorded as paid by
    // payOS (the same path as a refund recorded by hand).
    await relayAll();
    payos.settlePayout(payout.id, 'SUCCEEDED', { reference: 'FT26341REFUND01' });
    await until(async () => (await statusOf(order.id)) === 'refunded');
    await until(async () => (await payoutStatus(payout.id)) === 'paid');
    const recorded = (await t.db.query(
      `SELECT provider, bank_reference, amount_vnd::int AS amount, status, recorded_by FROM payment_refunds
        WHERE reference = $1`,
      [order.id],
    )) as { provider: string; bank_reference: string; amount: number; status: string; recorded_by: string }[];
    expect(recorded).toEqual([
      {
        provider: 'payos',
        bank_reference: 'FT26341REFUND01',
        amount: order.totalVnd,
        status: 'succeeded',
        recorded_by: farmerA.id,
      },
    ]);
    const shown = await list(adminA, 'admin', order.id);
    expect(shown.body).toEqual([
      expect.objectContaining({ id: payout.id, status: 'paid', bankReference: 'FT26341REFUND01' }),
    ]);
    // Paid: asking again answers it; a refund by hand with another reference is refused.
    expect((await ask(farmerA, 'farmer', order.id)).body).toMatchObject({ id: payout.id, status: 'paid' });
    const byHand = await t
      .http()
      .post(`/api/farmer/orders/${order.id}/refund`)
      .set(authHeader(farmerA.accessToken))
      .send({ bankReference: 'FT-OTHER' });
    expect(byHand.body.code).toBe('REFUND_ALREADY_RECORDED');

    // The ledger: the sale, its fee, the refund (as for a refund by hand); attribution and the ledger hear the
    // refund once, as the same status change a refund by hand makes.
    await relayAll();
    const after = (await ledger(farmerA)).balance;
    expect(after.refundsVnd - start.refundsVnd).toBe(order.totalVnd);
    expect(after.balanceVnd).toBe(after.salesVnd - after.refundsVnd - after.feesVnd - after.payoutsVnd);
    const audit = await t.app.get(SettlementService).audit(farmerA.producer.id);
    expect(audit.balanceVnd).toBe(audit.entriesVnd);
    expect((await announcedChanges(order.id)).slice(-2)).toEqual([
      'confirmed>refund_due:cancel',
      'refund_due>refunded:refund',
    ]);
  });

  it('a failed payout leaves the order refund due; a second one (by an admin in scope) refunds it', async () => {
    const order = await refundDueOrder();
    const first = (await ask(adminA, 'admin', order.id)).body as RefundPayoutBody;
    expect(first.status).toBe('pending');
    await relayAll();
    payos.settlePayout(first.id, 'FAILED', { errorCode: '214', errorMessage: 'Tài khoản không hợp lệ' });
    await until(async () => (await payoutStatus(first.id)) === 'failed');
    expect(await statusOf(order.id)).toBe('refund_due');
    expect((await list(farmerA, 'farmer', order.id)).body).toEqual([
      expect.objectContaining({ id: first.id, status: 'failed', errorCode: '214' }),
    ]);

    const second = (await ask(adminA, 'admin', order.id)).body as RefundPayoutBody;
    expect(second).toMatchObject({ status: 'pending', amountVnd: order.totalVnd });
    expect(second.id).not.toBe(first.id);
    await relayAll();
    payos.settlePayout(second.id, 'SUCCEEDED', { reference: 'FT26341REFUND02' });
    await until(async () => (await statusOf(order.id)) === 'refunded');
    expect(stubPayoutsFor([first.id, second.id])).toHaveLength(2);
    const bank = (await t.db.query(`SELECT bank_reference FROM payment_refunds WHERE reference = $1`, [
      order.id,
    ])) as { bank_reference: string }[];
    expect(bank).toEqual([{ bank_reference: 'FT26341REFUND02' }]);
  });

  it('requests racing for one order make exactly one payout at payOS', async () => {
    const order = await refundDueOrder();
    const answers = await Promise.all(
      [farmerA, cityAdmin, adminA, farmerA, cityAdmin, adminA].map((who, i) =>
        ask(who, i % 3 === 0 ? 'farmer' : 'admin', order.id),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const ids = new Set(answers.map((a) => (a.body as RefundPayoutBody).id));
    expect(ids.size).toBe(1);
    const rows = (await t.db.query(`SELECT id FROM settlement_refund_payouts WHERE order_id = $1`, [
      order.id,
    ])) as { id: string }[];
    expect(rows).toHaveLength(1);
    expect(stubPayoutsFor([...ids])).toHaveLength(1);
    await relayAll();
    payos.settlePayout([...ids][0] as string, 'SUCCEEDED');
    await until(async () => (await statusOf(order.id)) === 'refunded');
  });

  it("payOS's refusal answers PAYOUT_REFUSED and leaves the order refund due; a crash before payOS was asked: the worker makes it, once", async () => {
    const order = await refundDueOrder();
    payos.refusePayouts({ status: 400, code: '214', desc: 'Tài khoản thụ hưởng không hợp lệ' });
    try {
      const res = await ask(farmerA, 'farmer', order.id);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'PAYOUT_REFUSED', details: { payosCode: '214' } });
      expect(await payoutStatus(res.body.details.payoutId as string)).toBe('failed');
    } finally {
      payos.refusePayouts(null);
    }
    expect(await statusOf(order.id)).toBe('refund_due');

    // What the api committed before it died: the payout row and the outbox message, nothing at payOS.
    const service = t.app.get(RefundPayoutsService);
    const target = await t.app.get(OrderRefundsService).targetForFarmer(farmerA.id, order.id);
    const opened = await service.open(target, farmerA.id);
    expect(stubPayoutsFor([opened.id])).toHaveLength(0);
    await relayAll();
    await until(async () => stubPayoutsFor([opened.id]).length > 0);
    await service.submit(opened.id);
    payos.settlePayout(opened.id, 'SUCCEEDED', { reference: 'FT26341REFUND03' });
    await until(async () => (await statusOf(order.id)) === 'refunded');
    expect(stubPayoutsFor([opened.id])).toHaveLength(1);
  });

  it('a refund by hand while payOS is paying it is refused (REFUND_IN_PROGRESS); once the payout failed it is recorded, and no payout follows it', async () => {
    const order = await refundDueOrder();
    const sent = (await ask(farmerA, 'farmer', order.id)).body as RefundPayoutBody;
    const byHand = () =>
      t
        .http()
        .post(`/api/farmer/orders/${order.id}/refund`)
        .set(authHeader(farmerA.accessToken))
        .send({ bankReference: 'FT-BY-HAND-2' });
    const refused = await byHand();
    expect([refused.status, refused.body.code]).toEqual([409, 'REFUND_IN_PROGRESS']);
    expect(await statusOf(order.id)).toBe('refund_due');

    await relayAll();
    payos.settlePayout(sent.id, 'FAILED', { errorCode: '214', errorMessage: 'Tài khoản không hợp lệ' });
    await until(async () => (await payoutStatus(sent.id)) === 'failed');
    const recorded = await byHand();
    expect([recorded.status, recorded.body.status]).toEqual([200, 'refunded']);
    const again = await ask(farmerA, 'farmer', order.id);
    expect(again.status).toBe(409);
    const refunds = (await t.db.query(
      `SELECT provider, status, bank_reference FROM payment_refunds WHERE reference = $1`,
      [order.id],
    )) as { provider: string; status: string; bank_reference: string }[];
    expect(refunds).toEqual([{ provider: 'manual', status: 'succeeded', bank_reference: 'FT-BY-HAND-2' }]);
    expect(stubPayoutsFor([sent.id])).toHaveLength(1);
  });

  it("the payer's account unknown: REFUND_ACCOUNT_UNKNOWN, and the refund by hand stays possible", async () => {
    const order = await refundDueOrder(null);
    const res = await ask(farmerA, 'farmer', order.id);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('REFUND_ACCOUNT_UNKNOWN');
    const partial = await refundDueOrder({ bankId: 'VTB' });
    expect((await ask(farmerA, 'farmer', partial.id)).body.code).toBe('REFUND_ACCOUNT_UNKNOWN');
    const byHand = await t
      .http()
      .post(`/api/farmer/orders/${order.id}/refund`)
      .set(authHeader(farmerA.accessToken))
      .send({ bankReference: 'FT-BY-HAND-1' });
    expect(byHand.status).toBe(200);
    expect(byHand.body.status).toBe('refunded');
  });

  it('only the farmer of the order or an admin in scope; only a VietQR order that is refund due', async () => {
    const order = await refundDueOrder();
    expect((await ask(adminB, 'admin', order.id)).status).toBe(404);
    expect((await ask(farmerB, 'farmer', order.id)).status).toBe(404);
    expect((await list(adminB, 'admin', order.id)).status).toBe(404);
    expect((await ask(buyer, 'farmer', order.id)).status).toBe(403);
    expect((await ask(farmerA, 'farmer', 'not-a-uuid')).status).toBe(400);

    const cod = await placeCheckout(t, buyer.accessToken, checkoutBody([{ productId: product.id }]));
    const codAnswer = await ask(farmerA, 'farmer', (cod.orders[0] as { id: string }).id);
    expect(codAnswer.status).toBe(422);
    expect(codAnswer.body.code).toBe('REFUND_PAYOUT_UNSUPPORTED');

    const placed = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: product.id }], { paymentMethod: 'vietqr' }),
    );
    await t
      .http()
      .post('/api/payments/payos/webhook')
      .set('Content-Type', 'application/json')
      .send(payos.webhookFor(placed.vietqr!.orderCode) as object);
    await relayAll();
    const notDue = await ask(farmerA, 'farmer', (placed.orders[0] as { id: string }).id);
    expect(notDue.status).toBe(409);
    expect(notDue.body.code).toBe('REFUND_NOT_DUE');
    expect((await ask(adminA, 'admin', order.id)).status).toBe(201);
    await relayAll();
  });
});

describe('settlement: refunds through payOS switched off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [SettlementHttpModule, IdentityHttpModule] });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers PAYOUTS_DISABLED (503)', async () => {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const res = await t
      .http()
      .post('/api/admin/orders/6f1c1f9e-8d7a-4b59-9a7e-0d4f3c2b1a00/payos-refunds')
      .set(authHeader(admin.accessToken))
      .send({});
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('PAYOUTS_DISABLED');
  });
});
