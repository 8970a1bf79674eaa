// The webhooks benchmark's baseline: the least a webhook endpoint can do. A bare node:http server (forked by
// run.mjs) that checks the Stripe-Signature with the stripe library, stores the event once by its id in a table of
// its own (INSERT ... ON CONFLICT DO NOTHING through a pg pool of the api's default size) and answers. No
// framework, no validation pipe, no queue. Reports { type: 'listening', port } over IPC.
import http from 'node:http';
import { requireFromRoot } from '../../../scripts/lib/util.mjs';

const { Pool } = requireFromRoot('pg');
const Stripe = requireFromRoot('stripe');
const secret = process.env.BENCH_WEBHOOK_SECRET;
const tolerance = Number(process.env.BENCH_WEBHOOK_TOLERANCE ?? 300);
const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
const webhooks = new Stripe('sk_test_bench_baseline').webhooks;
await pool.query(
  `CREATE TABLE IF NOT EXISTS bench_baseline_events (id text PRIMARY KEY, type text NOT NULL, payload jsonb NOT NULL)`,
);

const answer = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    let event;
    try {
      event = webhooks.constructEvent(
        Buffer.concat(chunks),
        req.headers['stripe-signature'],
        secret,
        tolerance,
      );
    } catch (error) {
      return answer(res, 400, { code: /tolerance/i.test(error.message) ? 'STALE' : 'SIGNATURE_INVALID' });
    }
    try {
      const { rowCount } = await pool.query(
        `INSERT INTO bench_baseline_events (id, type, payload) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
        [event.id, event.type, JSON.stringify(event)],
      );
      answer(res, 200, { received: true, eventId: event.id, duplicate: rowCount === 0 });
    } catch (error) {
      answer(res, 500, { code: 'STORE_FAILED', message: error.message });
    }
  });
});
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: server.address().port }));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
