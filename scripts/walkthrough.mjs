#!/usr/bin/env node
// `npm run walkthrough`: the commerce core, end to end, against the running demo (`npm run demo` in another
// terminal). Each step is a real call to the api a newcomer could make with curl or the OpenAPI page:
//
//   1. the streamer of the seeded live session (Bát Tràng) starts a flash deal on a lineup product;
//   2. two shoppers buy it with cash on delivery, at the deal price;
//   3. the farmer ships and delivers one of the orders with the cash collected (settled GMV);
//   4. the farmer's sales and the district's branch roll-up change at once: the script prints them before and
//      after, and the `dashboard:totals` pushes the farmer's and the admin's dashboards received over socket.io.
//
//   npm run walkthrough -- [--url http://localhost:3000]
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';

const PASSWORD = 'OcopLive@2025';
const HOST = 'streamer.battrang@ocop.example';
const FARMER = 'farmer01@ocop.example';
const ADMIN = 'admin.gialam@ocop.example';
const SHOPPERS = ['shopper1@ocop.example', 'shopper2@ocop.example'];

const urlArg = process.argv.indexOf('--url');
const API = urlArg > 0 ? process.argv[urlArg + 1] : `http://localhost:${process.env.PORT || 3000}`;

const vnd = (n) => `${new Intl.NumberFormat('vi-VN').format(n)} đ`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(method, path, { token, body, headers = {} } = {}) {
  const res = await fetch(`${API}/api${path}`, {
    method,
    headers: {
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    throw new Error(`${method} ${path} -> ${res.status} ${data?.code ?? ''} ${data?.message ?? text}`);
  }
  return data;
}

async function signIn(identifier) {
  const session = await call('POST', '/auth/sign-in', { body: { identifier, password: PASSWORD } });
  return { token: session.accessToken, user: session.user };
}

function dashboard(token, payload, label, seen) {
  return new Promise((resolve, reject) => {
    const socket = io(API, { auth: { token }, transports: ['websocket'] });
    socket.on('connect_error', reject);
    socket.on('dashboard:totals', (totals) => seen.push({ label, at: Date.now(), totals }));
    socket.on('connect', () =>
      socket.emit('dashboard:join', payload, (ack) =>
        ack?.ok ? resolve(socket) : reject(new Error(`${label}: ${ack?.code} ${ack?.message}`)),
      ),
    );
  });
}

function step(text) {
  console.log(`\n▶ ${text}`);
}

async function main() {
  const health = await fetch(`${API}/health`).catch(() => null);
  if (!health?.ok) {
    console.error(`No api at ${API}: start the demo first (npm run demo), or pass --url.`);
    process.exit(2);
  }

  const host = await signIn(HOST);
  const farmer = await signIn(FARMER);
  const admin = await signIn(ADMIN);
  const shoppers = await Promise.all(SHOPPERS.map(signIn));

  const live = await call('GET', '/sessions?status=live');
  const session = (live.items ?? live).find((s) => s.hostUserId === host.user.id) ?? (live.items ?? live)[0];
  if (!session) throw new Error('No live session: the demo seed takes one on air; run `npm run demo` again');
  const detail = await call('GET', `/sessions/${session.id}`);
  const lineup = detail.lineupProducts ?? [];
  const farmerProducer = await call('GET', '/producers/me', { token: farmer.token }).catch(() => null);
  let card = null;
  for (const c of lineup) {
    const product = await call('GET', `/products/${c.productId}`);
    if (c.sellable && c.stock >= 5 && product.producerId === farmerProducer?.id) {
      card = c;
      break;
    }
  }
  if (!card) throw new Error(`No product of ${FARMER} with stock in the live session's lineup`);
  const adminBranch = await call('GET', '/admin/branch-totals', { token: admin.token });
  const branchId = adminBranch.branchId;

  const seen = [];
  const sockets = await Promise.all([
    dashboard(farmer.token, { scope: 'farmer' }, 'farmer dashboard', seen),
    dashboard(admin.token, { scope: 'branch', branchId }, 'admin dashboard', seen),
  ]);

  const figures = async () => {
    const [sales, totals] = await Promise.all([
      call('GET', '/farmer/sales?groupBy=product', { token: farmer.token }),
      call('GET', `/admin/branch-totals?branchId=${branchId}`, { token: admin.token }),
    ]);
    return { sales: sales.total, branch: totals.branches[0] };
  };
  const before = await figures();

  step(`${host.user.displayName} starts a flash deal on "${card.name}" in "${session.title}"`);
  // A deal still running on this product from an earlier walkthrough is ended first (one deal per product).
  const running = (await call('GET', `/sessions/${session.id}/deals`)).filter(
    (d) => d.productId === card.productId && d.state !== 'ended',
  );
  for (const d of running) {
    await call('POST', `/sessions/${session.id}/deals/${d.id}/end`, { token: host.token });
  }
  const priceVnd = Math.max(1_000, Math.floor((card.priceVnd * 0.8) / 1_000) * 1_000);
  const deal = await call('POST', `/sessions/${session.id}/deals`, {
    token: host.token,
    body: { productId: card.productId, priceVnd, quantity: 4, perBuyerLimit: 2, durationSeconds: 300 },
  });
  console.log(
    `  deal ${deal.id}: ${deal.quantity} units at ${vnd(deal.priceVnd)} (list ${vnd(deal.listPriceVnd)}), ends ${deal.endsAt}`,
  );

  step('Two shoppers buy it with cash on delivery');
  const orders = [];
  for (const [i, shopper] of shoppers.entries()) {
    const result = await call('POST', '/checkouts', {
      token: shopper.token,
      headers: { 'Idempotency-Key': randomUUID() },
      body: {
        lines: [{ productId: card.productId, quantity: 1, dealId: deal.id }],
        sessionId: session.id,
        paymentMethod: 'cod',
        address: {
          recipientName: shopper.user.displayName,
          phone: `086800000${i + 1}`,
          province: 'ha-noi',
          commune: 'xã Bát Tràng',
          street: `Số ${10 + i} đường Giang Cao`,
        },
      },
    });
    const order = result.orders[0];
    orders.push(order);
    console.log(`  ${shopper.user.displayName}: order ${order.id} ${order.status}, ${vnd(order.totalVnd)}`);
  }

  step('The farmer ships the first order and delivers it with the cash collected');
  {
    await call('POST', `/farmer/orders/${orders[0].id}/ship`, { token: farmer.token });
    const delivered = await call('POST', `/farmer/orders/${orders[0].id}/deliver`, {
      token: farmer.token,
      body: { cashCollectedVnd: orders[0].totalVnd },
    });
    console.log(`  order ${delivered.id}: ${delivered.status}`);
  }

  // The worker relays the orders' outbox events to attribution, which writes the ledger and the roll-ups.
  await sleep(2_000);
  const after = await figures();

  step("The farmer's sales and the branch roll-up, before -> after");
  const row = (label, a, b) =>
    console.log(`  ${label.padEnd(34)} ${String(a).padStart(14)} -> ${String(b).padStart(14)}`);
  row('farmer: orders', before.sales.orders, after.sales.orders);
  row('farmer: placed GMV', vnd(before.sales.placedGmvVnd), vnd(after.sales.placedGmvVnd));
  row('farmer: settled GMV', vnd(before.sales.settledGmvVnd), vnd(after.sales.settledGmvVnd));
  row(`${before.branch.name}: orders`, before.branch.subtree.orders, after.branch.subtree.orders);
  row(
    `${before.branch.name}: placed GMV`,
    vnd(before.branch.subtree.placedGmvVnd),
    vnd(after.branch.subtree.placedGmvVnd),
  );
  row(
    `${before.branch.name}: settled GMV`,
    vnd(before.branch.subtree.settledGmvVnd),
    vnd(after.branch.subtree.settledGmvVnd),
  );

  step(`The session summary, as its host sees it (GET /api/sessions/${session.id}/summary)`);
  const summary = await call('GET', `/sessions/${session.id}/summary`, { token: host.token });
  console.log(
    `  placed ${vnd(summary.placedGmvVnd)}, settled ${vnd(summary.settledGmvVnd)}, ${summary.orders} orders, ` +
      `${summary.uniqueBuyers} buyers / ${summary.uniqueViewers} viewers (conversion ${summary.conversion ?? '-'}), ` +
      `peak ${summary.peakViewers} viewers`,
  );

  step('Dashboard pushes received over socket.io');
  for (const s of seen) console.log(`  ${s.label}: ${JSON.stringify(s.totals.today)}`);
  if (seen.length === 0) console.log('  (none yet: is the worker running?)');

  for (const socket of sockets) socket.disconnect();
}

main().catch((error) => {
  console.error(`walkthrough failed: ${error.message}`);
  process.exit(1);
});
