import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { IdentityHttpModule, SMS_PROVIDER, SmsProvider } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import { PaymentsHttpModule } from '@ocop/payments';
import {
  authHeader,
  checkoutBody,
  createTestApp,
  deliveryAddress,
  Farmer,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeUser,
  placeCheckout,
  postCheckout,
  TestApp,
} from '@ocop/testing';
import { OrdersHttpModule } from './orders-http.module';

const MODULES = [
  OrdersHttpModule,
  PaymentsHttpModule,
  LiveHttpModule,
  CatalogueHttpModule,
  IdentityHttpModule,
];

describe('cash on delivery guard-rails: the open-value cap, refusals, the buyer record, a confirmed phone', () => {
  let t: TestApp;
  let admin: MadeUser;
  let farmer: Farmer;
  let otherFarmer: Farmer;

  beforeAll(async () => {
    t = await createTestApp({
      imports: MODULES,
      config: {
        COD_MAX_OPEN_VND: 500_000,
        COD_MAX_REFUSALS: 2,
        COD_SUSPENSION_DAYS: 30,
        DATABASE_POOL_SIZE: 30,
      },
    });
    const tree = await makeBranchTree(t);
    admin = await makeAdmin(t, tree.city.id);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    otherFarmer = await makeFarmer(t, { branchId: tree.communeB1.id });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const product = (priceVnd = 150_000, stock = 50): Promise<ProductView> =>
    makeActiveProduct(t, { farmer, admin, stock, priceVnd });
  const farmerPost = (owner: Farmer, orderId: string, action: string, body: object = {}) =>
    t.http().post(`/api/farmer/orders/${orderId}/${action}`).set(authHeader(owner.accessToken)).send(body);
  const count = async (sql: string, params: unknown[]) =>
    Number(((await t.db.query(sql, params)) as { n: string }[])[0]?.n);
  const ordersOf = (buyer: MadeUser) =>
    count(`SELECT count(*) AS n FROM orders WHERE buyer_user_id = $1`, [buyer.id]);
  const stockOf = async (id: string) =>
    ((await t.db.query(`SELECT stock FROM products WHERE id = $1`, [id])) as { stock: number }[])[0]?.stock;
  /** A COD order of `buyer`, shipped and then refused at the door (or delivered with the cash). */
  const shipAndEnd = async (buyer: MadeUser, p: ProductView, end: 'refuse' | 'deliver') => {
    const placed = await placeCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }]));
    const order = placed.orders[0] as { id: string; totalVnd: number };
    expect((await farmerPost(farmer, order.id, 'ship')).status).toBe(200);
    const res =
      end === 'refuse'
        ? await farmerPost(farmer, order.id, 'refuse')
        : await farmerPost(farmer, order.id, 'deliver', { cashCollectedVnd: order.totalVnd });
    expect(res.status).toBe(200);
    return order;
  };

  it('refuses a COD checkout that takes the open COD value over the cap, writes nothing, and frees room on delivery', async () => {
    const buyer = await makeUser(t);
    const p = await product(150_000);
    const first = await placeCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id, quantity: 3 }]));
    expect(first.orders[0]?.totalVnd).toBe(450_000);
    const stockBefore = await stockOf(p.id);
    const paymentsBefore = await count(`SELECT count(*) AS n FROM payments`, []);

    const over = await postCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }]));
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({
      code: 'COD_LIMIT_EXCEEDED',
      details: { capVnd: 500_000, openVnd: 450_000, orderVnd: 150_000 },
    });
    expect(await ordersOf(buyer)).toBe(1);
    expect(await stockOf(p.id)).toBe(stockBefore);
    expect(await count(`SELECT count(*) AS n FROM payments`, [])).toBe(paymentsBefore);

    // Another buyer is not touched by this buyer's open orders.
    const other = await makeUser(t);
    await placeCheckout(t, other.accessToken, checkoutBody([{ productId: p.id }]));

    // Once the first parcel is delivered (cash collected), it is no longer open: the buyer may order again.
    const orderId = first.orders[0]?.id as string;
    expect((await farmerPost(farmer, orderId, 'ship')).status).toBe(200);
    expect((await farmerPost(farmer, orderId, 'deliver', { cashCollectedVnd: 450_000 })).status).toBe(200);
    await placeCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }]));
    expect(await ordersOf(buyer)).toBe(2);
  });

  it('lets only one of two racing COD checkouts through when both together pass the cap', async () => {
    const buyer = await makeUser(t);
    const p = await product(300_000);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        postCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }])),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409))
      expect((a.body as { code: string }).code).toBe('COD_LIMIT_EXCEEDED');
    expect(await ordersOf(buyer)).toBe(1);
  });

  it('suspends COD after the configured number of refusals, for the configured period, then starts afresh', async () => {
    const buyer = await makeUser(t);
    const p = await product(100_000);
    await shipAndEnd(buyer, p, 'refuse');
    // One refusal: still allowed.
    const second = await shipAndEnd(buyer, p, 'refuse');
    expect(
      ((await t.db.query(`SELECT status FROM orders WHERE id = $1`, [second.id])) as { status: string }[])[0]
        ?.status,
    ).toBe('cancelled');
    // The COD payment of a refused parcel is canceled: no cash will come.
    expect(
      (
        (await t.db.query(
          `SELECT p.status FROM payments p JOIN orders o ON o.payment_id = p.id WHERE o.id = $1`,
          [second.id],
        )) as { status: string }[]
      )[0]?.status,
    ).toBe('canceled');

    const refused = await postCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }]));
    expect(refused.status).toBe(403);
    const body = refused.body as { code: string; details: { until: string; refusals: number } };
    expect(body.code).toBe('COD_SUSPENDED');
    expect(body.details.refusals).toBe(2);
    const until = new Date(body.details.until).getTime();
    expect(until - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    expect(until - Date.now()).toBeLessThanOrEqual(30 * 86_400_000);
    expect(await ordersOf(buyer)).toBe(2);

    // The period passes (the refusals are moved 31 days back): COD again, with a fresh count.
    await t.db.query(
      `UPDATE order_status_changes c SET created_at = c.created_at - interval '31 days'
         FROM orders o WHERE o.id = c.order_id AND o.buyer_user_id = $1`,
      [buyer.id],
    );
    await placeCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }]));
    // One more refusal does not suspend again: the count started afresh after the suspension.
    await shipAndEnd(buyer, p, 'refuse');
    await placeCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }]));
  });

  it("shows the farmer of an order its buyer's delivery record, and nobody else", async () => {
    const buyer = await makeUser(t);
    const p = await product(50_000);
    await shipAndEnd(buyer, p, 'deliver');
    await shipAndEnd(buyer, p, 'deliver');
    await shipAndEnd(buyer, p, 'refuse');
    const open = await placeCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }]));
    const orderId = open.orders[0]?.id as string;

    const record = await t
      .http()
      .get(`/api/farmer/orders/${orderId}/buyer-record`)
      .set(authHeader(farmer.accessToken));
    expect(record.status).toBe(200);
    expect(record.body).toEqual({ delivered: 2, refused: 1, codSuspendedUntil: null });

    // Another farmer, the buyer and a stranger get 404 / 403, never the record.
    const other = await t
      .http()
      .get(`/api/farmer/orders/${orderId}/buyer-record`)
      .set(authHeader(otherFarmer.accessToken));
    expect(other.status).toBe(404);
    const asBuyer = await t
      .http()
      .get(`/api/farmer/orders/${orderId}/buyer-record`)
      .set(authHeader(buyer.accessToken));
    expect(asBuyer.status).toBe(403);

    // Only a shipped COD order can be refused; a confirmed one cannot (409), and not by another farmer (404).
    expect((await farmerPost(farmer, orderId, 'refuse')).status).toBe(409);
    expect((await farmerPost(otherFarmer, orderId, 'refuse')).status).toBe(404);
  });
});

describe('cash on delivery to a confirmed phone only, confirmed by a one-time code', () => {
  let t: TestApp;
  let admin: MadeUser;
  let farmer: Farmer;
  const sent: { phone: string; text: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      imports: MODULES,
      config: {
        COD_REQUIRE_CONFIRMED_PHONE: true,
        PHONE_OTP_MAX_ATTEMPTS: 3,
        PHONE_OTP_MAX_PER_HOUR: 3,
        PHONE_OTP_MIN_INTERVAL_SECONDS: 60,
      },
    });
    // The demo's provider writes each message to the log; the test reads what it was handed, and lets it write.
    const sms = t.app.get<SmsProvider>(SMS_PROVIDER, { strict: false });
    const send = sms.send.bind(sms);
    jest.spyOn(sms, 'send').mockImplementation(async (phone, text) => {
      sent.push({ phone, text });
      await send(phone, text);
    });
    const tree = await makeBranchTree(t);
    admin = await makeAdmin(t, tree.city.id);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  let phoneSeq = 0;
  /** A phone number of its own per test: the rate limit counts per phone. */
  const freshPhone = () =>
    `09${String(Date.now() % 10_000_000).padStart(7, '0')}${(phoneSeq++ % 10).toString()}`;
  const sendCode = (user: MadeUser, phone: string) =>
    t.http().post('/api/me/phones/code').set(authHeader(user.accessToken)).send({ phone });
  const confirm = (user: MadeUser, phone: string, code: string) =>
    t.http().post('/api/me/phones/confirm').set(authHeader(user.accessToken)).send({ phone, code });
  /** The code the SMS provider was handed for this phone (the last one sent). */
  const codeFromSms = (phone: string): string => {
    const e164 = `+84${phone.slice(1)}`;
    const message = [...sent].reverse().find((m) => m.phone === e164);
    const match = message ? /(\d{6})/.exec(message.text) : null;
    if (!match) throw new Error(`no code sent to ${phone}`);
    return match[1] as string;
  };
  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('refuses COD to an unconfirmed phone, confirms it with the code sent, then takes the order', async () => {
    const buyer = await makeUser(t);
    const p = await makeActiveProduct(t, { farmer, admin, stock: 10, priceVnd: 120_000 });
    const phone = freshPhone();
    const body = checkoutBody([{ productId: p.id }], { address: deliveryAddress({ phone }) });

    const refused = await postCheckout(t, buyer.accessToken, body);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'PHONE_NOT_CONFIRMED',
      details: { phone: `+84${phone.slice(1)}` },
    });
    expect(await ordersCount(buyer)).toBe(0);

    const sent = await sendCode(buyer, phone);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ phone: `+84${phone.slice(1)}`, resendAfterSeconds: 60 });
    const code = codeFromSms(phone);
    // Stored only as a keyed hash.
    const stored = (await t.db.query(`SELECT code_hash FROM phone_otp_challenges WHERE user_id = $1`, [
      buyer.id,
    ])) as { code_hash: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.code_hash).not.toContain(code);

    const wrong = await confirm(buyer, phone, wrongCode(code));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'OTP_INVALID', details: { attemptsLeft: 2 } });

    // Someone else cannot use this buyer's code.
    const stranger = await makeUser(t);
    expect((await confirm(stranger, phone, code)).body).toMatchObject({ code: 'OTP_NOT_REQUESTED' });

    const ok = await confirm(buyer, phone, code);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ phone: `+84${phone.slice(1)}` });
    // A code works once.
    expect((await confirm(buyer, phone, code)).body).toMatchObject({ code: 'OTP_NOT_REQUESTED' });
    const listed = await t.http().get('/api/me/phones').set(authHeader(buyer.accessToken));
    expect(listed.body).toEqual([expect.objectContaining({ phone: `+84${phone.slice(1)}` })]);

    await placeCheckout(t, buyer.accessToken, body);
    // Another, unconfirmed number is still refused.
    const otherPhone = await postCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id }], { address: deliveryAddress({ phone: freshPhone() }) }),
    );
    expect(otherPhone.body).toMatchObject({ code: 'PHONE_NOT_CONFIRMED' });
  });

  it('refuses an expired code', async () => {
    const buyer = await makeUser(t);
    const phone = freshPhone();
    expect((await sendCode(buyer, phone)).status).toBe(201);
    const code = codeFromSms(phone);
    await t.db.query(
      `UPDATE phone_otp_challenges SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [buyer.id],
    );
    const expired = await confirm(buyer, phone, code);
    expect(expired.status).toBe(409);
    expect(expired.body).toMatchObject({ code: 'OTP_EXPIRED' });
    expect(await confirmedCount(buyer)).toBe(0);
  });

  it('kills a code after too many wrong tries, even when they race, and the right code then fails', async () => {
    const buyer = await makeUser(t);
    const phone = freshPhone();
    expect((await sendCode(buyer, phone)).status).toBe(201);
    const code = codeFromSms(phone);
    const tries = await Promise.all(Array.from({ length: 5 }, () => confirm(buyer, phone, wrongCode(code))));
    const codes = tries.map((r) => (r.body as { code: string }).code).sort();
    expect(codes.filter((c) => c === 'OTP_INVALID')).toHaveLength(3);
    expect(codes.filter((c) => c === 'OTP_TOO_MANY_ATTEMPTS')).toHaveLength(2);
    const late = await confirm(buyer, phone, code);
    expect(late.status).toBe(429);
    expect(late.body).toMatchObject({ code: 'OTP_TOO_MANY_ATTEMPTS' });
    expect(await confirmedCount(buyer)).toBe(0);
  });

  it('rate-limits codes: not twice within the interval, and at most the hourly count per phone', async () => {
    const buyer = await makeUser(t);
    const phone = freshPhone();
    expect((await sendCode(buyer, phone)).status).toBe(201);
    const again = await sendCode(buyer, phone);
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({ code: 'OTP_RATE_LIMITED' });
    expect(
      (again.body as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds,
    ).toBeGreaterThan(0);

    // Past the interval (earlier codes moved back two minutes each), the hourly cap of 3 still holds, for any account.
    for (let i = 0; i < 2; i++) {
      await t.db.query(
        `UPDATE phone_otp_challenges SET created_at = created_at - interval '2 minutes' WHERE phone = $1`,
        [`+84${phone.slice(1)}`],
      );
      expect((await sendCode(buyer, phone)).status).toBe(201);
    }
    await t.db.query(
      `UPDATE phone_otp_challenges SET created_at = created_at - interval '2 minutes' WHERE phone = $1`,
      [`+84${phone.slice(1)}`],
    );
    const other = await makeUser(t);
    const capped = await sendCode(other, phone);
    expect(capped.status).toBe(429);
    expect(capped.body).toMatchObject({ code: 'OTP_RATE_LIMITED' });
    // Racing requests for a new phone send one code, not several.
    const racePhone = freshPhone();
    const racers = await Promise.all(Array.from({ length: 4 }, () => sendCode(buyer, racePhone)));
    // The buyer account has sent 3 codes this hour already: every racer is refused, and none slipped through.
    expect(racers.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    const fresh = await makeUser(t);
    const racePhone2 = freshPhone();
    const racers2 = await Promise.all(Array.from({ length: 4 }, () => sendCode(fresh, racePhone2)));
    expect(racers2.map((r) => r.status).sort()).toEqual([201, 429, 429, 429]);
  });

  it('refuses a malformed phone or code at the edge', async () => {
    const buyer = await makeUser(t);
    expect((await sendCode(buyer, '12345')).status).toBe(400);
    expect((await confirm(buyer, freshPhone(), 'abc')).status).toBe(400);
  });

  async function ordersCount(buyer: MadeUser): Promise<number> {
    const rows = (await t.db.query(`SELECT count(*) AS n FROM orders WHERE buyer_user_id = $1`, [
      buyer.id,
    ])) as { n: string }[];
    return Number(rows[0]?.n);
  }
  async function confirmedCount(buyer: MadeUser): Promise<number> {
    const rows = (await t.db.query(`SELECT count(*) AS n FROM phone_confirmations WHERE user_id = $1`, [
      buyer.id,
    ])) as { n: string }[];
    return Number(rows[0]?.n);
  }
});
