import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import { PaymentsHttpModule } from '@ocop/payments';
import { OutboxRelayModule } from '@ocop/queue';
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
  PAYOS_TEST_KEYS,
  PayosStub,
  postCheckout,
  startPayosStub,
  TestApp,
} from '@ocop/testing';
import { OrderLifecycleService } from './application/order-lifecycle.service';
import { CheckoutResult } from './application/views';
import { OrdersHttpModule } from './orders-http.module';

interface HeldTransferBody {
  id: string;
  amountVnd: number;
  amountDueVnd: number;
  reason: string;
  holdsPayment: boolean;
  canReinstate: boolean;
  bankReference: string;
  payer: { name: string | null; accountNumber: string | null };
  buyer: { name: string; phone: string } | null;
  orders: { id: string; code: string; status: string }[];
}

describe('VietQR transfers held for review: admins refund or reinstate them (real PostgreSQL and Redis, payOS stub)', () => {
  let stub: PayosStub;
  let t: TestApp;
  let cityAdmin: MadeUser;
  let districtAdmin: MadeUser;
  let otherAdmin: MadeUser;
  let farmer: Farmer;
  let buyer: MadeUser;

  beforeAll(async () => {
    stub = await startPayosStub();
    t = await createTestApp({
      imports: [
        OrdersHttpModule,
        PaymentsHttpModule,
        LiveHttpModule,
        CatalogueHttpModule,
        IdentityHttpModule,
        OutboxRelayModule.forRoot(),
      ],
      config: { ...PAYOS_TEST_KEYS, PAYOS_API_URL: stub.url },
    });
    stub.setWebhookUrl(`${t.url}/api/payments/payos/webhook`);
    const tree = await makeBranchTree(t);
    cityAdmin = await makeAdmin(t, tree.city.id);
    districtAdmin = await makeAdmin(t, tree.districtA.id);
    otherAdmin = await makeAdmin(t, tree.districtB.id);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    buyer = await makeUser(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  async function vietqrCheckout(priceVnd: number, stock = 10) {
    const p = await makeActiveProduct(t, { farmer, admin: cityAdmin, stock, priceVnd });
    const res = await postCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id }], { paymentMethod: 'vietqr' }),
    );
    expect(res.status).toBe(201);
    const placed = res.body as CheckoutResult;
    return { product: p, vietqr: placed.vietqr!, order: placed.orders[0]! };
  }
  const deliver = async (body: unknown) => {
    const res = await t
      .http()
      .post('/api/payments/payos/webhook')
      .set('Content-Type', 'application/json')
      .send(body as object);
    expect(res.status).toBe(200);
    return res.body as { outcome: string };
  };
  const list = async (admin: MadeUser) => {
    const res = await t.http().get('/api/admin/transfers').set(authHeader(admin.accessToken));
    expect(res.status).toBe(200);
    return (res.body as { items: HeldTransferBody[] }).items;
  };
  const heldFor = async (admin: MadeUser, orderId: string) =>
    (await list(admin)).find((item) => item.orders.some((o) => o.id === orderId));
  const refund = (admin: MadeUser, id: string, body: object) =>
    t.http().post(`/api/admin/transfers/${id}/refund`).set(authHeader(admin.accessToken)).send(body);
  const reinstate = (admin: MadeUser, id: string, body: object = {}) =>
    t.http().post(`/api/admin/transfers/${id}/reinstate`).set(authHeader(admin.accessToken)).send(body);
  const one = async <T>(sql: string, params: unknown[]) => ((await t.db.query(sql, params)) as T[])[0] as T;
  const orderStatus = async (id: string) =>
    (await one<{ status: string }>(`SELECT status FROM orders WHERE id = $1`, [id])).status;
  const paymentStatus = async (id: string) =>
    (await one<{ status: string }>(`SELECT status FROM payments WHERE id = $1`, [id])).status;
  const stockOf = async (id: string) =>
    (await one<{ stock: number }>(`SELECT stock FROM products WHERE id = $1`, [id])).stock;
  const review = (id: string) =>
    one<{
      needs_review: boolean;
      decision: string | null;
      refund_amount_vnd: string | null;
      refund_bank_reference: string | null;
    }>(
      `SELECT needs_review, decision, refund_amount_vnd, refund_bank_reference FROM payos_events WHERE id = $1`,
      [id],
    );

  /** A transfer of the exact amount landing after the deadline; the sweep then expires the order and returns its stock. */
  async function lateTransfer(priceVnd: number, stock = 10) {
    const placed = await vietqrCheckout(priceVnd, stock);
    await t.db.query(`UPDATE orders SET expires_at = now() - interval '2 minutes' WHERE id = $1`, [
      placed.order.id,
    ]);
    await t.db.query(
      `UPDATE payments SET payos_link = jsonb_set(payos_link, '{expiresAt}', to_jsonb((now() - interval '2 minutes')::text)) WHERE id = $1`,
      [placed.vietqr.paymentId],
    );
    expect(
      await deliver(stub.webhookFor(placed.vietqr.orderCode, { reference: `FT-LATE-${priceVnd}` })),
    ).toMatchObject({
      outcome: 'held:after_expiry',
    });
    await t.app.get(OrderLifecycleService).sweep();
    expect(await orderStatus(placed.order.id)).toBe('expired');
    return placed;
  }

  it('a short transfer: listed with its facts in scope only, bad input refused, then refunded once; the order is cancelled and its stock returns', async () => {
    const { vietqr, order, product } = await vietqrCheckout(99_000);
    expect(await stockOf(product.id)).toBe(9);
    const short = vietqr.amountVnd - 1_000;
    expect(
      await deliver(stub.webhookFor(vietqr.orderCode, { amount: short, reference: 'FT-SHORT' })),
    ).toMatchObject({
      outcome: 'held:amount_mismatch',
    });

    const item = await heldFor(districtAdmin, order.id);
    expect(item).toMatchObject({
      amountVnd: short,
      amountDueVnd: vietqr.amountVnd,
      reason: 'amount_mismatch',
      holdsPayment: true,
      canReinstate: false,
      bankReference: 'FT-SHORT',
      payer: { name: 'NGUYEN VAN MO PHONG', accountNumber: '9704000000000018' },
      orders: [{ id: order.id, code: order.code, status: 'pending_payment' }],
    });
    expect(item!.buyer?.phone).toMatch(/^\+84/);
    const id = item!.id;

    // The admins over the order's producer are told in their inbox, once; the other subtree's admin is not.
    const told = async () =>
      (
        (await t.db.query(
          `SELECT user_id FROM notifications WHERE kind = 'transfer_held' AND dedupe_key = $1 ORDER BY user_id`,
          [`transfer:${item!.id}`],
        )) as { user_id: string }[]
      ).map((r) => r.user_id);
    for (let i = 0; i < 100 && (await told()).length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await told()).toEqual([cityAdmin.id, districtAdmin.id].sort());

    // Another subtree's admin neither sees it nor decides it; an unknown id is the same 404.
    expect(await heldFor(otherAdmin, order.id)).toBeUndefined();
    const foreign = await refund(otherAdmin, id, { bankReference: 'FT-BACK' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('HELD_TRANSFER_NOT_FOUND');
    expect(
      (await refund(districtAdmin, '00000000-0000-4000-8000-000000000000', { bankReference: 'FT-BACK' }))
        .status,
    ).toBe(404);
    expect((await refund(districtAdmin, 'not-a-uuid', { bankReference: 'FT-BACK' })).status).toBe(400);
    // A shopper is no admin.
    expect((await refund(buyer, id, { bankReference: 'FT-BACK' })).status).toBe(403);

    const above = await refund(districtAdmin, id, { bankReference: 'FT-BACK', amountVnd: short + 1 });
    expect(above.status).toBe(422);
    expect(above.body.code).toBe('REFUND_EXCEEDS_RECEIVED');
    for (const bankReference of ['', '   ', 'FT\u0000BACK', 'FT\nBACK', 'x'.repeat(101)]) {
      const bad = await refund(districtAdmin, id, { bankReference });
      expect(bad.status).toBe(400);
      // Control characters are refused by the app's text guard before validation.
      expect(['VALIDATION_FAILED', 'INVALID_TEXT']).toContain(bad.body.code);
    }
    expect((await refund(districtAdmin, id, {})).status).toBe(400);
    const unknownField = await refund(districtAdmin, id, { bankReference: 'FT-BACK', approve: true });
    expect(unknownField.status).toBe(400);
    expect((await reinstate(districtAdmin, id, { force: true })).status).toBe(400);
    const wrongAmount = await reinstate(districtAdmin, id);
    expect(wrongAmount.status).toBe(422);
    expect(wrongAmount.body.code).toBe('REINSTATE_AMOUNT_MISMATCH');
    // Nothing was written by any refusal.
    expect(await review(id)).toMatchObject({ needs_review: true, decision: null });
    expect(await paymentStatus(vietqr.paymentId)).toBe('held_for_review');

    const done = await refund(districtAdmin, id, { bankReference: '  FT-BACK-001  ' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      id,
      decision: 'refunded',
      refundAmountVnd: short,
      orders: [{ id: order.id, status: 'cancelled' }],
    });
    expect(await review(id)).toEqual({
      needs_review: false,
      decision: 'refunded',
      refund_amount_vnd: String(short),
      refund_bank_reference: 'FT-BACK-001',
    });
    expect(await paymentStatus(vietqr.paymentId)).toBe('refunded');
    expect(await orderStatus(order.id)).toBe('cancelled');
    expect(await stockOf(product.id)).toBe(10);
    const moves = (await t.db.query(
      `SELECT from_status, to_status, trigger FROM payment_transitions WHERE payment_id = $1 ORDER BY created_at`,
      [vietqr.paymentId],
    )) as unknown[];
    expect(moves).toEqual([
      { from_status: 'requires_payment', to_status: 'held_for_review', trigger: 'hold' },
      { from_status: 'held_for_review', to_status: 'refunded', trigger: 'return_transfer' },
    ]);
    // Never paid, so never announced as paid or refunded (the farmer's ledger hears nothing of it).
    const announced = (await t.db.query(
      `SELECT topic FROM outbox WHERE key = $1 AND topic IN ('payments.succeeded', 'payments.refunded')`,
      [vietqr.paymentId],
    )) as unknown[];
    expect(announced).toEqual([]);
    expect(await heldFor(districtAdmin, order.id)).toBeUndefined();
    // The payment link closes at payOS too (from the cancelled order's committed change): no more transfers into it.
    for (let i = 0; i < 100 && stub.links.get(vietqr.orderCode)?.status !== 'CANCELLED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(stub.links.get(vietqr.orderCode)?.status).toBe('CANCELLED');
    const again = await refund(districtAdmin, id, { bankReference: 'FT-BACK-001' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TRANSFER_ALREADY_DECIDED');
  }, 60_000);

  it('a late transfer of the exact amount is reinstated: the expired order is confirmed and takes its stock again', async () => {
    const { vietqr, order, product } = await lateTransfer(64_000);
    expect(await stockOf(product.id)).toBe(10);
    const item = await heldFor(cityAdmin, order.id);
    expect(item).toMatchObject({
      reason: 'after_expiry',
      canReinstate: true,
      orders: [{ status: 'expired' }],
    });

    const res = await reinstate(cityAdmin, item!.id, { amountVnd: vietqr.amountVnd });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      decision: 'reinstated',
      refundAmountVnd: null,
      orders: [{ status: 'confirmed' }],
    });
    expect(await orderStatus(order.id)).toBe('confirmed');
    expect(await stockOf(product.id)).toBe(9);
    expect(await paymentStatus(vietqr.paymentId)).toBe('succeeded');
    const changes = (await t.db.query(
      `SELECT from_status, to_status, event FROM order_status_changes WHERE order_id = $1 ORDER BY created_at`,
      [order.id],
    )) as { from_status: string | null; to_status: string; event: string }[];
    expect(changes.slice(-2)).toEqual([
      { from_status: 'pending_payment', to_status: 'expired', event: 'expire' },
      { from_status: 'expired', to_status: 'confirmed', event: 'reinstate' },
    ]);
    // Announced like any payment that succeeds, and the order's change goes out for the ledgers.
    const announced = (await t.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE topic = 'payments.succeeded' AND key = $1`,
      [vietqr.paymentId],
    )) as { n: number }[];
    expect(announced).toEqual([{ n: 1 }]);
    const statusChanged = (await t.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE topic = 'orders.status-changed' AND key = $1 AND payload->>'event' = 'reinstate'`,
      [order.id],
    )) as { n: number }[];
    expect(statusChanged).toEqual([{ n: 1 }]);
    // The late payment's relayed success finds the order confirmed already: it stays so.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await orderStatus(order.id)).toBe('confirmed');
  }, 60_000);

  it('a late transfer whose stock was sold meanwhile is not reinstated (409, nothing changes): it is refunded', async () => {
    const { vietqr, order, product } = await lateTransfer(58_000, 1);
    expect(await stockOf(product.id)).toBe(1);
    const other = await makeUser(t);
    const sold = await postCheckout(
      t,
      other.accessToken,
      checkoutBody([{ productId: product.id }], { paymentMethod: 'cod' }),
    );
    expect(sold.status).toBe(201);
    expect(await stockOf(product.id)).toBe(0);

    const item = await heldFor(districtAdmin, order.id);
    const gone = await reinstate(districtAdmin, item!.id);
    expect(gone.status).toBe(409);
    expect(gone.body.code).toBe('REINSTATE_STOCK_GONE');
    expect(await review(item!.id)).toMatchObject({ needs_review: true, decision: null });
    expect(await paymentStatus(vietqr.paymentId)).toBe('held_for_review');
    expect(await orderStatus(order.id)).toBe('expired');
    expect(await stockOf(product.id)).toBe(0);

    const back = await refund(districtAdmin, item!.id, { bankReference: 'FT-BACK-LATE' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ decision: 'refunded', refundAmountVnd: vietqr.amountVnd });
    expect(await orderStatus(order.id)).toBe('expired');
    expect(await paymentStatus(vietqr.paymentId)).toBe('refunded');
  }, 60_000);

  it('a second transfer on a paid order is extra money: only refunded, the order and its payment stay paid', async () => {
    const { vietqr, order } = await vietqrCheckout(45_000);
    expect(await deliver(stub.webhookFor(vietqr.orderCode, { reference: 'FT-FIRST' }))).toMatchObject({
      outcome: 'moved:succeeded',
    });
    expect(
      await deliver(stub.webhookFor(vietqr.orderCode, { reference: 'FT-TWICE', amount: 20_000 })),
    ).toMatchObject({
      outcome: 'held:already_paid',
    });
    const item = await heldFor(districtAdmin, order.id);
    expect(item).toMatchObject({
      reason: 'already_paid',
      holdsPayment: false,
      canReinstate: false,
      amountVnd: 20_000,
    });
    const no = await reinstate(districtAdmin, item!.id);
    expect(no.status).toBe(409);
    expect(no.body.code).toBe('TRANSFER_NOT_REINSTATABLE');
    const res = await refund(districtAdmin, item!.id, { bankReference: 'FT-EXTRA-BACK' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ decision: 'refunded', refundAmountVnd: 20_000 });
    expect(await paymentStatus(vietqr.paymentId)).toBe('succeeded');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await orderStatus(order.id)).toBe('confirmed');
  }, 60_000);

  it('two admins decide the same transfer at once: exactly one decision is recorded, the other gets 409', async () => {
    const { vietqr, order } = await lateTransfer(71_000);
    const item = await heldFor(cityAdmin, order.id);
    // Three requests in flight at once, each on its own connection to the same app.
    const post = (admin: MadeUser, path: string, body: object) =>
      t
        .http()
        .post(`/api/admin/transfers/${item!.id}/${path}`)
        .set(authHeader(admin.accessToken))
        .send(body)
        .then((r) => ({ status: r.status, body: r.body as { code?: string } }));
    const answers = await Promise.all([
      post(cityAdmin, 'refund', { bankReference: 'FT-RACE-CITY' }),
      post(districtAdmin, 'reinstate', {}),
      post(districtAdmin, 'refund', { bankReference: 'FT-RACE-DISTRICT' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    for (const lost of answers.filter((a) => a.status === 409))
      expect(lost.body.code).toBe('TRANSFER_ALREADY_DECIDED');
    const moves = (await t.db.query(
      `SELECT trigger FROM payment_transitions WHERE payment_id = $1 AND trigger IN ('reinstate', 'return_transfer')`,
      [vietqr.paymentId],
    )) as unknown[];
    expect(moves).toHaveLength(1);
    const decided = await review(item!.id);
    expect(decided.needs_review).toBe(false);
    expect(await orderStatus(order.id)).toBe(decided.decision === 'reinstated' ? 'confirmed' : 'expired');
  }, 60_000);
});
