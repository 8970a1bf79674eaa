import path from 'node:path';
import jsQR from 'jsqr';
import type { Browser } from 'playwright-core';
import { Client } from 'pg';
import { launchChromium } from '../../support/chromium';
import { ARTIFACTS } from './support/artifacts';
import { describeScan, scanPage } from './support/axe';
import { Actor, settle, signIn, SMALL_PHONE, waitForPath } from './support/browser';
import { Demo, startDemo } from './support/demo';

// A shopper on a 390x844 phone buys with a VietQR transfer on `npm run demo`, which runs a local payOS stub (its
// simulated bank). The checkout sheet draws the code in the browser: the test reads the canvas back, decodes it with
// jsQR and compares it with the QR data payOS gave for the payment. The simulated bank pays; the sheet turns paid
// without a reload (the buyer's socket). Vietnamese and English, screenshots (test-artifacts/web/vietqr-*.png), axe
// at 0 critical and 0 serious. Then the buyer's bank pays the same order a second time: the admin finds the transfer
// under "Transfers to review" and records its refund from the screen (test-artifacts/web/transfers-*.png).

jest.setTimeout(480_000);

const PASSWORD = 'OcopLive@2025';
const LANGUAGES = ['vi', 'en'] as const;
/** The demo's payOS stub signs with this demo-only key (scripts/demo.mjs); a test posts payOS's webhook with it. */
const DEMO_CHECKSUM_KEY = 'demo_checksum_key_not_secret_0123456789';

interface StubHelpers {
  signData(data: Record<string, unknown>, checksumKey: string): string;
  vietnamTime(date: Date): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stubHelpers = require(path.resolve(__dirname, '../../../scripts/lib/payos-stub.cjs')) as StubHelpers;

describe('VietQR in the browser, against the demo’s payOS stub', () => {
  let demo: Demo;
  let browser: Browser;
  /** The order code each language's buyer paid, for the second transfer into it. */
  const paidOrderCodes = new Map<string, number>();

  beforeAll(async () => {
    demo = await startDemo(360_000);
    browser = await launchChromium();
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  const qrDataOf = async (orderCode: number): Promise<string> => {
    const client = new Client({ connectionString: demo.databaseUrl });
    await client.connect();
    try {
      const rows = await client.query<{ qr: string }>(
        `SELECT payos_link->>'qrCode' AS qr FROM payments WHERE payos_order_code = $1`,
        [orderCode],
      );
      return rows.rows[0]?.qr ?? '';
    } finally {
      await client.end();
    }
  };

  it.each(LANGUAGES)(
    'shows a scannable VietQR and turns paid live when the simulated bank pays (%s)',
    async (language) => {
      const config = (await (await fetch(`${demo.url}/api/client-config`)).json()) as {
        vietqrPayments: boolean;
        simulatedBankUrl: string | null;
      };
      expect(config.vietqrPayments).toBe(true);
      expect(config.simulatedBankUrl).toMatch(/\/bank$/);

      const shopper = await Actor.open(browser, `vietqr-${language}`, demo.url, SMALL_PHONE);
      try {
        await shopper.context.addInitScript((lang) => {
          (
            globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
          ).localStorage.setItem('ocop.language', lang);
        }, language);
        const email = language === 'vi' ? 'shopper1@ocop.example' : 'shopper2@ocop.example';
        await signIn(shopper, email, PASSWORD, `/sessions/${demo.liveSessionId}`, `vietqr-${language}`);

        await shopper.page.getByTestId('pinned-product').first().getByTestId('buy-button').click();
        await shopper.get('checkout-sheet').waitFor();
        if ((await shopper.get('saved-address').count()) === 0) {
          await shopper.get('address-name').fill('Trần Minh Anh');
          await shopper.get('address-phone').fill('0912 345 678');
          await shopper.get('address-province').selectOption({ value: 'ha-noi' });
          await shopper.get('address-ward').fill('Phường Hoàn Kiếm');
          await shopper.get('address-street').fill('Số 8 phố Hàng Đào');
        }
        await shopper.get('pay-vietqr').check();
        await shopper.get('checkout-submit').click();

        const sheet = shopper.get('checkout-vietqr');
        await sheet.waitFor();
        expect(await sheet.getAttribute('data-state')).toBe('awaiting_payment');
        const vietqr = shopper.get('vietqr');
        const orderCode = Number(await vietqr.getAttribute('data-order-code'));
        expect(orderCode).toBeGreaterThan(0);
        await shopper.get('vietqr-code').waitFor();
        await settle(shopper.page);

        // The code on screen, read back from the canvas and decoded: exactly payOS's QR data for this payment.
        const image = await shopper.page.evaluate(() => {
          interface Canvas {
            width: number;
            height: number;
            getContext(kind: '2d'): {
              getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
            };
          }
          const page = globalThis as unknown as { document: { querySelector(selector: string): Canvas } };
          const canvas = page.document.querySelector('[data-testid="vietqr-code"]');
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
          return { width: canvas.width, height: canvas.height, pixels: Array.from(data.data) };
        });
        const decoded = jsQR(Uint8ClampedArray.from(image.pixels), image.width, image.height);
        expect(decoded?.data).toBe(await qrDataOf(orderCode));
        expect(decoded?.data).toMatch(/^000201/);

        const amount = Number(await shopper.get('vietqr-amount-value').textContent());
        expect(decoded?.data).toContain(`54${String(amount).length.toString().padStart(2, '0')}${amount}`);
        expect(await shopper.get('vietqr-memo-value').textContent()).toBe(`DH${orderCode}`);
        expect(await shopper.get('vietqr-account-value').textContent()).toMatch(/^\d+$/);
        expect(await shopper.get('vietqr-time').textContent()).toMatch(/\d+:\d\d/);
        expect(await shopper.get('vietqr-simulated-bank').getAttribute('href')).toBe(
          `${config.simulatedBankUrl}/pay/${orderCode}`,
        );
        // Copy buttons and links are phone-sized.
        for (const box of await shopper.page
          .locator('[data-testid="vietqr"] button, [data-testid="vietqr"] a')
          .all()) {
          const size = await box.boundingBox();
          expect(size?.height ?? 0).toBeGreaterThanOrEqual(44);
        }
        await shopper.shot(`vietqr-${language}`, 'checkout-sheet');
        // The sheet scrolls inside the page: the VietQR block on its own, code included.
        await vietqr.screenshot({ path: path.join(ARTIFACTS, `vietqr-${language}-code.png`) });
        const scan = await scanPage(shopper.page, `VietQR checkout sheet (${language})`);
        expect(describeScan(scan)).toEqual([]);

        // The simulated bank pays; payOS's webhook lands; the sheet turns paid in the open page, no reload.
        await shopper.markDocument();
        const paid = await fetch(`${config.simulatedBankUrl}/pay/${orderCode}`, { method: 'POST' });
        expect(paid.status).toBe(200);
        const result = shopper.get('checkout-result');
        await result.waitFor({ timeout: 30_000 });
        expect(await result.getAttribute('data-state')).toBe('confirmed');
        paidOrderCodes.set(language, orderCode);
        expect(await shopper.get('paid-how').textContent()).toBe(
          language === 'vi' ? 'Đã nhận chuyển khoản.' : 'Transfer received.',
        );
        expect(await shopper.stillSameDocument()).toBe(true);
        await shopper.shot(`vietqr-${language}`, 'checkout-paid');

        // The order page says paid (confirmed) and paid by VietQR.
        await result.locator('a[href^="/orders/"]').first().click();
        await waitForPath(shopper.page, /^\/orders\/[0-9a-f-]{36}$/);
        await settle(shopper.page);
        expect(await shopper.page.locator('article.order-page').getAttribute('data-status')).toBe(
          'confirmed',
        );
        await shopper.shot(`vietqr-${language}`, 'order-page');
        const orderScan = await scanPage(shopper.page, `order page paid by VietQR (${language})`);
        expect(describeScan(orderScan)).toEqual([]);
        expect(shopper.problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
      } finally {
        await shopper.close();
      }
    },
  );

  it.each(LANGUAGES)(
    'a second transfer into the paid order is held; the admin refunds it from "Transfers to review" (%s)',
    async (language) => {
      const orderCode = paidOrderCodes.get(language);
      expect(orderCode).toBeDefined();
      // The buyer's bank pays the order again: payOS's webhook for that transfer, signed as payOS signs it.
      const reference = `FT-TWICE-${language.toUpperCase()}-${Date.now()}`;
      const data = {
        orderCode,
        amount: 35_000,
        description: `DH${orderCode}`,
        accountNumber: '0001234567890',
        reference,
        transactionDateTime: stubHelpers.vietnamTime(new Date()),
        currency: 'VND',
        paymentLinkId: 'a'.repeat(32),
        code: '00',
        desc: 'success',
        counterAccountBankId: '970436',
        counterAccountBankName: 'Vietcombank',
        counterAccountName: 'TRAN MINH ANH',
        counterAccountNumber: '0071000123456',
        virtualAccountName: '',
        virtualAccountNumber: '',
      };
      const hook = await fetch(`${demo.url}/api/payments/payos/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code: '00',
          desc: 'success',
          success: true,
          data,
          signature: stubHelpers.signData(data, DEMO_CHECKSUM_KEY),
        }),
      });
      expect(await hook.json()).toMatchObject({ outcome: 'held:already_paid' });

      const admin = await Actor.open(browser, `transfers-${language}`, demo.url, SMALL_PHONE);
      try {
        await admin.context.addInitScript((lang) => {
          (
            globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
          ).localStorage.setItem('ocop.language', lang);
        }, language);
        await signIn(admin, 'admin@ocop.example', PASSWORD, '/admin/transfers', `transfers-${language}`);
        const item = admin.page.getByTestId('held-transfer').filter({ hasText: reference });
        await item.waitFor();
        await settle(admin.page);
        expect(await item.textContent()).toContain('TRAN MINH ANH');
        // Extra money on a paid order is only ever refunded.
        expect(await item.getByTestId('reinstate-transfer').count()).toBe(0);
        await admin.shot(`transfers-${language}`, 'list');
        const scan = await scanPage(admin.page, `transfers to review (${language})`);
        expect(describeScan(scan)).toEqual([]);

        await item.getByTestId('refund-transfer').click();
        // An empty reference is refused on the spot.
        await item.getByTestId('refund-confirm').click();
        await item.locator('[role="alert"]').first().waitFor();
        await item.getByTestId('refund-reference').fill(`FT-BACK-${language.toUpperCase()}-001`);
        await admin.shot(`transfers-${language}`, 'refund-form');
        const formScan = await scanPage(admin.page, `refund form of a held transfer (${language})`);
        expect(describeScan(formScan)).toEqual([]);
        await item.getByTestId('refund-confirm').click();
        await item.waitFor({ state: 'detached' });
        expect(await admin.get('transfer-decided').textContent()).toContain('35.000');
        await settle(admin.page);
        await admin.shot(`transfers-${language}`, 'refunded');

        // The admin was told of the transfer in the inbox; the notice leads to the review screen.
        await admin.visit('/notifications');
        const notice = admin.page.locator('a[data-kind="transfer_held"]').first();
        await notice.waitFor({ timeout: 15_000 });
        expect(await notice.getAttribute('href')).toBe('/admin/transfers');
        await admin.shot(`transfers-${language}`, 'inbox');
        const inboxScan = await scanPage(admin.page, `inbox with a held transfer (${language})`);
        expect(describeScan(inboxScan)).toEqual([]);

        const client = new Client({ connectionString: demo.databaseUrl });
        await client.connect();
        try {
          const rows = await client.query<{ decision: string; refund_bank_reference: string }>(
            `SELECT decision, refund_bank_reference FROM payos_events WHERE reference = $1`,
            [reference],
          );
          expect(rows.rows).toEqual([
            { decision: 'refunded', refund_bank_reference: `FT-BACK-${language.toUpperCase()}-001` },
          ]);
        } finally {
          await client.end();
        }
        expect(admin.problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
      } finally {
        await admin.close();
      }
    },
  );
});
