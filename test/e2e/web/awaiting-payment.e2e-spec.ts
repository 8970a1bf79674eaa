import type { Browser } from 'playwright-core';
import { startStripeStub, StripeStub } from '@ocop/testing';
import { launchChromium } from '../../support/chromium';
import { describeScan, scanPage } from './support/axe';
import { Actor, settle, signIn, SMALL_PHONE, waitForPath } from './support/browser';
import { Demo, startDemo } from './support/demo';

// A shopper on a 390x844 phone buys by card while the card provider fails to create the PaymentIntent: the checkout
// sheet and the order page say "awaiting payment" and offer to pay, never "confirmed". In Vietnamese and English,
// with screenshots (test-artifacts/web/awaiting-*.png) and axe at 0 critical and 0 serious.

jest.setTimeout(420_000);

const PASSWORD = 'OcopLive@2025';
const LANGUAGES = ['vi', 'en'] as const;

describe('a card order whose payment did not start, in the browser', () => {
  let stub: StripeStub;
  let demo: Demo;
  let browser: Browser;

  beforeAll(async () => {
    stub = await startStripeStub({ webhookSecret: 'whsec_ocop_web_awaiting' });
    stub.outage = { method: 'POST', path: /^\/v1\/payment_intents$/, status: 500 };
    demo = await startDemo(300_000, {
      env: {
        STRIPE_SECRET_KEY: 'sk_test_ocop_web_awaiting',
        STRIPE_WEBHOOK_SECRET: 'whsec_ocop_web_awaiting',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_ocop_web_awaiting',
        STRIPE_API_URL: stub.url,
      },
    });
    browser = await launchChromium();
  }, 330_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    await stub?.close();
  });

  it.each(LANGUAGES)('shows awaiting payment with a way to pay (%s)', async (language) => {
    const shopper = await Actor.open(browser, `shopper-${language}`, demo.url, SMALL_PHONE);
    try {
      await shopper.context.addInitScript((lang) => {
        (
          globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
        ).localStorage.setItem('ocop.language', lang);
      }, language);
      const email = language === 'vi' ? 'shopper3@ocop.example' : 'shopper4@ocop.example';
      await signIn(shopper, email, PASSWORD, `/sessions/${demo.liveSessionId}`, `awaiting-${language}`);

      const pinned = shopper.page.getByTestId('pinned-product').first();
      await pinned.getByTestId('buy-button').click();
      await shopper.get('checkout-sheet').waitFor();
      if ((await shopper.get('saved-address').count()) === 0) {
        await shopper.get('address-name').fill('Lê Thu Hà');
        await shopper.get('address-phone').fill('0912 345 678');
        await shopper.get('address-province').selectOption({ value: 'ha-noi' });
        await shopper.get('address-ward').fill('Phường Hoàn Kiếm');
        await shopper.get('address-street').fill('Số 5 phố Hàng Bạc');
      }
      await shopper.get('pay-card').check();
      await shopper.get('checkout-submit').click();

      const result = shopper.get('checkout-result');
      await result.waitFor();
      expect(await result.getAttribute('data-state')).toBe('awaiting_payment');
      // The app tried to start the payment by itself; the provider is still down: it says so and offers to try again.
      await shopper.get('start-payment-error').waitFor();
      await shopper.get('start-payment').waitFor();
      const text = (await result.textContent()) ?? '';
      expect(text).toContain(language === 'vi' ? 'Chờ thanh toán' : 'Awaiting payment');
      expect(text).not.toContain(language === 'vi' ? 'Đặt hàng thành công' : 'Order placed');
      await shopper.shot(`awaiting-${language}`, 'checkout-sheet');
      const sheetScan = await scanPage(shopper.page, `checkout sheet awaiting payment (${language})`);
      expect(describeScan(sheetScan)).toEqual([]);

      // The order page: awaiting payment, with the button that starts the payment.
      await result.locator('a[href^="/orders/"]').first().click();
      await waitForPath(shopper.page, /^\/orders\/[0-9a-f-]{36}$/);
      await settle(shopper.page);
      const page = shopper.page.locator('article.order-page');
      expect(await page.getAttribute('data-status')).toBe('pending_payment');
      await shopper.get('order-pay').getByTestId('start-payment').waitFor();
      await shopper.shot(`awaiting-${language}`, 'order-page');
      const orderScan = await scanPage(shopper.page, `order page awaiting payment (${language})`);
      expect(describeScan(orderScan)).toEqual([]);
      expect(shopper.problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
    } finally {
      await shopper.close();
    }
  });
});
