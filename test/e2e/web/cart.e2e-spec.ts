import type { Browser, Locator } from 'playwright-core';
import { launchChromium } from '../../support/chromium';
import { describeScan, scanPage } from './support/axe';
import { Actor, eventually, restingBox, signIn, SMALL_PHONE, waitForPath } from './support/browser';
import { Demo, queryDemo, startDemo } from './support/demo';

// A shopper on a 390x844 phone adds the two pinned products of the live session (two producers) to the cart, checks
// the cart out once (cash on delivery), sees each producer's shipping fee and the total before confirming, then the
// two order codes, My orders and an order page. In Vietnamese and English, with screenshots
// (test-artifacts/web/cart-*.png), axe at 0 critical and 0 serious, and touch targets of at least 44 px.

jest.setTimeout(600_000);

const PASSWORD = 'OcopLive@2025';
const CODE = /^[2-9A-HJ-NP-Z]{8}$/;

/** The cart as the page keeps it (evaluated in the browser). */
function storedCart(): string | null {
  return (
    globalThis as unknown as { localStorage: { getItem(k: string): string | null } }
  ).localStorage.getItem('ocop.cart.v1');
}
const RUNS = [
  { language: 'vi', email: 'shopper1@ocop.example' },
  { language: 'en', email: 'shopper2@ocop.example' },
] as const;

async function expectTouchTarget(target: Locator, what: string): Promise<void> {
  const box = await restingBox(target);
  expect({ what, ok: box !== null && box.width >= 44 && box.height >= 44, box }).toMatchObject({
    what,
    ok: true,
  });
}

async function expectNoSeriousAxe(actor: Actor, name: string): Promise<void> {
  expect(describeScan(await scanPage(actor.page, name))).toEqual([]);
}

describe('the cart: two producers, one checkout', () => {
  let demo: Demo;
  let browser: Browser;

  beforeAll(async () => {
    demo = await startDemo(480_000);
    browser = await launchChromium();
  }, 510_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it.each(RUNS)(
    'adds two products to the cart and checks them out at once ($language)',
    async ({ language, email }) => {
      const shopper = await Actor.open(browser, `cart-${language}`, demo.url, SMALL_PHONE);
      try {
        await shopper.context.addInitScript((lang) => {
          (
            globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
          ).localStorage.setItem('ocop.language', lang);
        }, language);
        const room = `/sessions/${demo.liveSessionId}`;
        await signIn(shopper, email, PASSWORD, room, `cart-${language}`);

        // Two products of the session's lineup, each from its own producer, into the cart from the room's bag.
        const detail = (await (await fetch(`${demo.url}/api/sessions/${demo.liveSessionId}`)).json()) as {
          lineupProducts: { productId: string }[];
          pins: { productId: string }[];
        };
        // The products the host pinned first (their producers charge shipping in the seed), then the lineup.
        const candidates = [...detail.pins, ...detail.lineupProducts].map((p) => p.productId);
        const byProducer = new Map<string, string>();
        for (const productId of candidates) {
          const product = (await (await fetch(`${demo.url}/api/products/${productId}`)).json()) as {
            producer: { id: string };
          };
          if (!byProducer.has(product.producer.id)) byProducer.set(product.producer.id, productId);
        }
        const picked = [...byProducer.values()].slice(0, 2);
        expect(picked).toHaveLength(2);
        const productIds: string[] = [];
        for (const [index, productId] of picked.entries()) {
          await shopper.get('bag-button').click();
          const bag = shopper.get('bag-sheet');
          await bag.waitFor();
          await bag.locator(`[data-testid=bag-item][data-product-id="${productId}"] [data-testid=bag-buy]`).click();
          const sheet = shopper.get('checkout-sheet');
          await sheet.waitFor();
          const add = shopper.get('add-to-cart');
          await expectTouchTarget(add, 'add to cart');
          await add.click();
          await shopper.get('added-to-cart').waitFor();
          if (index === 0) {
            await shopper.shot('cart', 'checkout-sheet-item');
            await expectNoSeriousAxe(shopper, `checkout sheet with add to cart (${language})`);
          }
          await shopper.page.keyboard.press('Escape');
          await sheet.waitFor({ state: 'detached' });
        }
        const stored = await shopper.page.evaluate(storedCart);
        const lines = JSON.parse(stored ?? '[]') as { productId: string; sessionId?: string }[];
        expect(lines).toHaveLength(2);
        for (const line of lines) {
          expect(line.sessionId).toBe(demo.liveSessionId);
          productIds.push(line.productId);
        }
        expect((await shopper.get('cart-count').textContent())?.trim()).toBe('2');

        // The cart page, from the header's cart (the room covers the header; its sheet links to the cart too).
        await shopper.visit('/');
        const cartLink = shopper.get('cart-link');
        await expectTouchTarget(cartLink, 'cart link');
        await cartLink.click();
        await waitForPath(shopper.page, '/cart');
        await shopper.get('cart-line').nth(1).waitFor();
        await expectTouchTarget(
          shopper.page.getByRole('button', { name: /\+|more|Thêm một/ }).first(),
          'stepper',
        );
        await shopper.shot('cart', 'cart-page');
        await expectNoSeriousAxe(shopper, `cart page (${language})`);

        // Check out: the name comes from the account; the ward is found by typing it without diacritics.
        await shopper.get('cart-checkout').click();
        const sheet = shopper.get('checkout-sheet');
        await sheet.waitFor();
        expect(await sheet.getAttribute('data-mode')).toBe('cart');
        const name = shopper.get('address-name');
        // Prefilled from the account once it has loaded (the visit to home reloaded the page).
        await eventually('the name prefilled from the account', () => name.inputValue(), (v) => v !== '');
        await shopper.get('address-phone').fill('0912 345 678');
        await shopper.get('address-province').selectOption({ value: 'ha-noi' });
        const ward = shopper.get('address-ward');
        await ward.fill('bat trang');
        const option = shopper.page.getByRole('option', { name: 'Xã Bát Tràng' });
        await option.waitFor();
        await expectTouchTarget(option, 'ward option');
        await shopper.shot('cart', 'checkout-ward-picker');
        await expectNoSeriousAxe(shopper, `checkout sheet with the ward picker open (${language})`);
        await option.click();
        expect(await ward.inputValue()).toBe('Xã Bát Tràng');
        await shopper.get('address-street').fill('Số 12, xóm 3');
        await shopper.get('pay-cod').check();

        // Before confirming: each producer's shipping fee and the total the courier collects, as the server figures.
        const quoteOrders = shopper.get('quote-order');
        await quoteOrders.nth(1).waitFor();
        expect(await quoteOrders.count()).toBe(2);
        const fees = await shopper
          .get('quote-fee')
          .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-fee'))));
        const total = Number(await shopper.get('quote-total').getAttribute('data-total'));
        expect(fees.some((fee) => fee > 0)).toBe(true);
        await shopper.get('checkout-submit').scrollIntoViewIfNeeded();
      await shopper.shot('cart', 'checkout-quote');

        await shopper.get('checkout-submit').click();
        const result = shopper.get('checkout-result');
        await result.waitFor();
        expect(await result.getAttribute('data-state')).toBe('confirmed');
        const codes = (await result.getByTestId('order-code').allTextContents()).map((c) => c.trim());
        expect(codes).toHaveLength(2);
        for (const code of codes) expect(code).toMatch(CODE);
        const keepWatching = result.getByTestId('keep-watching');
        await expectTouchTarget(keepWatching, 'keep watching');
        await shopper.shot('cart', 'checkout-result');
        await expectNoSeriousAxe(shopper, `checkout result (${language})`);

        // What the server stored: one order per producer, the fee on each, in the total, credited to the session.
        const orders = await queryDemo<{
          code: string;
          fee: string;
          total: string;
          session_id: string | null;
        }>(
          demo,
          `SELECT code, shipping_fee_vnd AS fee, total_vnd AS total, session_id FROM orders WHERE code = ANY($1)`,
          [codes],
        );
        expect(orders).toHaveLength(2);
        expect(orders.map((o) => Number(o.fee)).sort()).toEqual([...fees].sort());
        expect(orders.reduce((n, o) => n + Number(o.total), 0)).toBe(total);
        for (const order of orders) expect(order.session_id).toBe(demo.liveSessionId);
        // The placed lines left the cart.
        expect(await shopper.page.evaluate(storedCart)).toBe('[]');

        // Keep watching: back to the session in one tap.
        await keepWatching.click();
        await waitForPath(shopper.page, room);

        // My orders: thumbnails, codes; then one order: code, shipping, timeline, the seller's contact.
        await shopper.visit('/orders');
        await shopper.get('order-row').first().waitFor();
        const rowCodes = await shopper.get('order-row-code').allTextContents();
        for (const code of codes) expect(rowCodes.join(' ')).toContain(code);
        await shopper.shot('cart', 'my-orders');
        await expectNoSeriousAxe(shopper, `my orders (${language})`);
        await shopper.get('order-row').first().locator('a.order-link').click();
        await shopper.get('order-page-code').waitFor();
        await shopper.get('order-timeline').waitFor();
        await shopper.get('order-seller').waitFor();
        await expectTouchTarget(shopper.get('order-seller').locator('a[href^="tel:"]'), 'call the seller');
        await shopper.shot('cart', 'order-page');
        await expectNoSeriousAxe(shopper, `order page (${language})`);
        expect(shopper.problems.filter((p) => !/favicon|ERR_ABORTED/.test(p))).toEqual([]);
      } finally {
        await shopper.close();
      }
    },
  );
});
