// The bare baseline of `npm run bench -- vietqr-webhooks`: a node:http server that checks a payOS webhook's signature
// with the same SDK (@payos/node's webhooks.verify, the checksum key) and stores it once in PostgreSQL, and nothing
// else (no framework, no payment, no rules). What the product's route adds is measured against it.
import http from 'node:http';
import { requireFromRoot } from '../../../scripts/lib/util.mjs';

const { Pool } = requireFromRoot('pg');
const { PayOS } = requireFromRoot('@payos/node');
const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
const payos = new PayOS({
  clientId: 'bench-baseline',
  apiKey: 'bench-baseline',
  checksumKey: process.env.BENCH_CHECKSUM_KEY,
  logLevel: 'off',
});
await pool.query(
  `CREATE TABLE IF NOT EXISTS bench_baseline_payos (signature text PRIMARY KEY, order_code bigint NOT NULL, payload jsonb NOT NULL)`,
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
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      await payos.webhooks.verify(body);
    } catch {
      return answer(res, 400, { code: 'SIGNATURE_INVALID' });
    }
    try {
      const { rowCount } = await pool.query(
        `INSERT INTO bench_baseline_payos (signature, order_code, payload) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [body.signature, body.data.orderCode, JSON.stringify(body)],
      );
      answer(res, 200, { received: true, duplicate: rowCount === 0 });
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
