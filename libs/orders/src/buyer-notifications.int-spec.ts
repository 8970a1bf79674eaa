import { CatalogueHttpModule } from '@ocop/catalogue';
import { OutboxSubscribers } from '@ocop/db';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import {
  authHeader,
  checkoutBody,
  connectSocket,
  createTestApp,
  Farmer,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeUser,
  nextSocketEvent,
  placeCheckout,
  TestApp,
} from '@ocop/testing';
import { OrdersHttpModule } from './orders-http.module';

describe("the buyer's inbox hears of their orders' status changes", () => {
  let t: TestApp;
  let admin: MadeUser;
  let farmer: Farmer;
  let buyer: MadeUser;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [OrdersHttpModule, LiveHttpModule, CatalogueHttpModule, IdentityHttpModule],
      websockets: true,
    });
    const tree = await makeBranchTree(t);
    admin = await makeAdmin(t, tree.city.id);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    buyer = await makeUser(t);
  }, 60_000);
  afterAll(() => t?.close());

  /** Delivers every `orders.status-changed` row of the order to its subscribers, as the worker's relay does. */
  const relay = async (orderId: string) => {
    const rows = (await t.db.query(
      `SELECT id, key, payload, created_at FROM outbox WHERE topic = 'orders.status-changed' AND key = $1 ORDER BY created_at, id`,
      [orderId],
    )) as { id: string; key: string; payload: never; created_at: Date }[];
    for (const row of rows) {
      for (const s of t.app.get(OutboxSubscribers).of('orders.status-changed')) {
        await s.handle({
          id: row.id,
          topic: 'orders.status-changed',
          key: row.key,
          payload: row.payload,
          createdAt: row.created_at,
        });
      }
    }
  };
  const inbox = async (user: MadeUser) =>
    (await t.http().get('/api/me/notifications?pageSize=50').set(authHeader(user.accessToken))).body as {
      items: { kind: string; orderId: string | null; orderStatus: string | null; title: string }[];
      unread: number;
    };

  it('one notification per change made by the farmer, once per message however often delivered; none for the buyer’s own', async () => {
    const p = await makeActiveProduct(t, { farmer, admin, stock: 10, priceVnd: 100_000 });
    const placed = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id, quantity: 1 }]),
    );
    const orderId = placed.orders[0]!.id;
    const socket = await connectSocket(t, buyer.accessToken);
    const heard = nextSocketEvent<{ kind: string; orderId: string; orderStatus: string }>(
      socket,
      'notification',
    );

    const ship = await t
      .http()
      .post(`/api/farmer/orders/${orderId}/ship`)
      .set(authHeader(farmer.accessToken))
      .send({});
    expect(ship.status).toBe(200);
    expect(
      t.app
        .get(OutboxSubscribers)
        .of('orders.status-changed')
        .map((s) => s.name),
    ).toContain('orders.notify-buyer');
    await relay(orderId);
    await relay(orderId); // at least once: delivered again
    expect(await heard).toMatchObject({ kind: 'order_status', orderId, orderStatus: 'shipped' });

    let box = await inbox(buyer);
    const mine = box.items.filter((i) => i.orderId === orderId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'order_status', orderStatus: 'shipped' });
    expect(mine[0]!.title).toContain(orderId.slice(0, 8).toUpperCase());

    // A second order the buyer cancels themselves: nothing to tell them.
    const second = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id, quantity: 1 }]),
    );
    const secondId = second.orders[0]!.id;
    const cancel = await t
      .http()
      .post(`/api/orders/${secondId}/cancel`)
      .set(authHeader(buyer.accessToken))
      .send({ reason: 'Đặt nhầm' });
    expect(cancel.status).toBe(200);
    await relay(secondId);
    box = await inbox(buyer);
    expect(box.items.filter((i) => i.orderId === secondId)).toEqual([]);

    // Delivered: a second item for the first order.
    const delivered = await t
      .http()
      .post(`/api/farmer/orders/${orderId}/deliver`)
      .set(authHeader(farmer.accessToken))
      .send({ cashCollectedVnd: 100_000 });
    expect(delivered.status).toBe(200);
    await relay(orderId);
    box = await inbox(buyer);
    expect(
      box.items
        .filter((i) => i.orderId === orderId)
        .map((i) => i.orderStatus)
        .sort(),
    ).toEqual(['delivered', 'shipped']);
    expect(box.unread).toBe(2);

    // Nobody else hears of it.
    const stranger = await makeUser(t);
    expect((await inbox(stranger)).items).toEqual([]);
  });
});
