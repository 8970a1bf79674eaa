// A baseline of the branch-totals benchmark: a bare node:http server (no framework, no authentication, no
// validation, no logging) that answers every request by running the api's branch-totals statement with fixed
// parameters on a pg pool and writing the rows as JSON. Against it, the benchmark tells what HTTP itself costs
// from what the api's framework path (Nest, Express, the auth guard, validation, logging) adds. Forked by run.mjs,
// which sends the database URL and the statement and gets the port back over IPC.
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { Pool } = createRequire(path.join(ROOT, 'package.json'))('pg');

process.once('message', ({ databaseUrl, statement }) => {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const server = http.createServer((req, res) => {
    pool.query(statement.sql, statement.params).then(
      (result) => {
        const body = JSON.stringify({ branches: result.rows });
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      },
      (error) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ type: 'listening', port: server.address().port }));
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
});
