import { execFile } from 'node:child_process';
import { FreshDatabase, freshDatabase } from '../e2e/support/databases';
import { ensureBuilt, ROOT } from '../e2e/support/replicas';
import { openShop, Shop } from '../e2e/support/shop-data';

// The operator's command, as production runs it: the built cli (`npm run reconcile` runs the same file after a
// build) against a database of this test's own, with a stock column written around its ledger.

jest.setTimeout(120_000);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function reconcile(databaseUrl: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', './scripts/register-paths.cjs', 'dist/apps/cli/src/main.js', 'reconcile', ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          QUEUE_PREFIX: `${process.env['QUEUE_PREFIX']}-reconcile-cli`,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          LOG_PRETTY: 'false',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('cli reconcile', () => {
  let db: FreshDatabase;
  let shop: Shop;

  beforeAll(async () => {
    ensureBuilt();
    db = await freshDatabase('reconcile_cli');
    shop = await openShop(db.url, {
      products: [{ stock: 40, priceVnd: 55_000, name: 'Bưởi Diễn' }],
      shoppers: 1,
    });
  }, 60_000);
  afterAll(() => db?.drop());

  it('reports a broken invariant (--check exits 2), repairs it, and finds nothing the second time', async () => {
    const productId = (shop.products[0] as Shop['products'][number]).id;
    const clean = await reconcile(db.url, '--check');
    expect({ code: clean.code, stderr: clean.stderr }).toEqual({ code: 0, stderr: '' });
    expect(clean.stdout).toMatch(/ms: every invariant holds\n/);

    await db.sql.query(`UPDATE products SET stock = stock + 5 WHERE id = $1`, [productId]);
    const checked = await reconcile(db.url, '--check', '--all');
    expect(checked.code).toBe(2);
    expect(checked.stdout).toMatch(
      /^stock-equals-ledger +1 found, 0 repaired \(e\.g\. product .+: stock 45, ledger 40\)$/m,
    );
    expect(checked.stdout).toMatch(/^all time, \d+ ms: 1 broken \(checked only, nothing repaired\)$/m);
    expect((await db.sql.query(`SELECT stock FROM products WHERE id = $1`, [productId])).rows).toEqual([
      { stock: 45 },
    ]);

    const repaired = await reconcile(db.url);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toMatch(/1 broken, all repaired\n/);
    expect(repaired.stdout).toContain('{"found":1,"repaired":1,"outboxOwed":0}');
    expect((await db.sql.query(`SELECT stock FROM products WHERE id = $1`, [productId])).rows).toEqual([
      { stock: 40 },
    ]);

    const again = await reconcile(db.url, '--check', '--days', '30');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/every invariant holds\n/);

    const wrong = await reconcile(db.url, '--days', 'many');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('usage: cli reconcile [--check] [--days N | --all]');
  });
});
