import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/chromium';
import { SocketPool } from '../support/sockets';
import { ARTIFACTS, resetArtifacts, writeArtifact } from './support/artifacts';
import { describeScan, scanPage, type AxeScan } from './support/axe';
import {
  Actor,
  DESKTOP,
  eventually,
  firstNumber,
  PHONE,
  settle,
  signIn,
  signUp,
  SMALL_PHONE,
  vnd,
  waitForPath,
  watchCsp,
  type CspViolation,
} from './support/browser';
import { emit, signInByApi, writeChatHistory } from './support/chat-history';
import { queryDemo, startDemo, type Demo } from './support/demo';
import type { PageGlobals } from './support/page-globals';
import { SEED_PRODUCERS } from '../../../apps/cli/src/seed/hanoi-catalogue';
import { certificateScan, productPhotos } from '../../../apps/cli/src/seed/pictures/render';
import { publishTestStream, type Publisher } from '../../media/support/publisher';
import type { Locator } from 'playwright-core';

/**
 * The web app end to end, in Debian's Chromium driven by playwright-core, against the app started exactly as
 * `npm run demo` starts it (scripts/demo.mjs: migrate, seed the Hanoi demo, api + worker serving the built web
 * app). Every actor has a browser context of their own and signs in through the UI. Screenshots of every page
 * visited land in test-artifacts/web/ (git-ignored), with the first-paint figure (perf.json) and the axe results.
 *
 * Who is who in the seed: farmer01 owns producer P01 (Bát Tràng, branch HN-GLA-BTR, under the Gia Lâm district
 * union HN-GLA); admin.gialam manages the HN-GLA subtree, so verifies P01's products and sees Gia Lâm's totals;
 * streamer.battrang is an approved member of HN-GLA-BTR, so the sales of their sessions are credited to Bát Tràng
 * and roll up to Gia Lâm and to the city (admin@, HN).
 */

const PASSWORD = 'OcopLive@2025';
const FARMER = 'farmer01@ocop.example';
const DISTRICT_ADMIN = 'admin.gialam@ocop.example';
const CITY_ADMIN = 'admin@ocop.example';
const STREAMER = 'streamer.battrang@ocop.example';
const SEEDED_SHOPPERS = ['shopper1', 'shopper2', 'shopper3', 'shopper4'].map((s) => `${s}@ocop.example`);

const PATHS = {
  farmerProducts: '/farmer',
  farmerNewProduct: '/farmer/products/new',
  farmerOrders: '/farmer/orders',
  farmerSales: '/farmer/sales',
  adminProducts: '/admin/products',
  adminTotals: '/admin',
  studioNewSession: '/studio/sessions/new',
  orders: '/orders',
};

const tag = Date.now().toString(36).slice(-5);
/** What the journey made, for the later checks (the a11y scan reuses the signed-in actors). */
const made = {
  productName: `Bình gốm men lam thử nghiệm ${tag}`,
  priceVnd: 185_000,
  stock: 40,
  quantityA: 2,
  quantityB: 1,
  productId: undefined as string | undefined,
  sessionId: undefined as string | undefined,
  orderIds: [] as string[],
};

let demo: Demo;
let browser: Browser;
/** A synthetic OBS pushing a test pattern to the journey's session, so its card shows a live thumbnail. */
let publisher: Publisher | undefined;

/** Waits until an image has really loaded (scrolled into view first, so a lazy one is fetched): naturalWidth > 0. */
async function loadedImage(what: string, img: Locator): Promise<number> {
  let width = 0;
  await eventually(
    what,
    async () => {
      if ((await img.count()) === 0) return 0;
      await img
        .first()
        .scrollIntoViewIfNeeded()
        .catch(() => undefined);
      return img
        .first()
        .evaluate((el) =>
          (el as unknown as { complete: boolean }).complete
            ? (el as unknown as { naturalWidth: number }).naturalWidth
            : 0,
        );
    },
    (n) => (width = n) > 0,
  );
  return width;
}
/** The step under way ('1'..'6', 'axe'): screenshots are named after it. */
let currentStep = '0';
const actors = new Map<string, Actor>();
/** CSP violations of the contexts that are not actors (the first-paint measure). */
const otherCspViolations: CspViolation[] = [];

async function actor(name: string, options: typeof DESKTOP): Promise<Actor> {
  const existing = actors.get(name);
  if (existing) return existing;
  const created = await Actor.open(browser, name, demo.url, options);
  actors.set(name, created);
  return created;
}

/** A signed-in actor (through the sign-in page), made once and reused. */
async function signedIn(name: string, identifier: string, next: string, options = DESKTOP): Promise<Actor> {
  const known = actors.has(name);
  const a = await actor(name, options);
  if (!known) await signIn(a, identifier, PASSWORD, next, currentStep);
  else await a.visit(next);
  return a;
}

/** A branch's id by its code (the UI shows names, not ids): from the demo's database. */
async function branchId(code: string): Promise<string> {
  const rows = await queryDemo<{ id: string }>(demo, 'SELECT id FROM branches WHERE code = $1', [code]);
  if (!rows[0]) throw new Error(`no branch ${code} in the demo data`);
  return rows[0].id;
}

/** Reads the subtree GMV cell of a branch's row in an admin's totals table. */
function subtreeGmv(a: Actor, id: string): () => Promise<number> {
  return async () =>
    vnd(
      await a.page
        .locator(`[data-testid=branch-row][data-branch-id="${id}"]`)
        .getByTestId('subtree-gmv')
        .textContent(),
    );
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Runs one step of the journey; a failure names the step (and the screenshots so far help see where it stood). */
async function step(name: string, work: () => Promise<void>): Promise<void> {
  const started = Date.now();
  currentStep = name.split('.')[0] as string;
  try {
    await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const a of actors.values()) {
      await a.shot('failed', a.where().replace(/[^a-z0-9]+/gi, '_')).catch(() => undefined);
    }
    throw new Error(`journey step "${name}" failed: ${message}`, { cause: error });
  }
  log(`[web-e2e] ${name}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** YYYY-MM-DD and YYYY-MM-DDTHH:mm in Vietnam time, `offsetMs` from now. */
function vietnamTime(offsetMs: number): { date: string; local: string } {
  const shifted = new Date(Date.now() + offsetMs + 7 * 3600_000).toISOString();
  return { date: shifted.slice(0, 10), local: shifted.slice(0, 16) };
}

function freshPhone(): string {
  return `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

beforeAll(async () => {
  resetArtifacts();
  // First, so that a machine without Chromium fails at once with how to install it.
  browser = await launchChromium();
  // The first seed processes the demo's ~150 pictures through the assets pipeline: on a busy two-core machine that
  // takes minutes, so the demo gets up to ten to come up.
  demo = await startDemo(600_000);
  log(`[web-e2e] demo running at ${demo.url} (seeded live session ${demo.liveSessionId})`);
}, 660_000);

afterAll(async () => {
  const problems = [...actors.values()].flatMap((a) => a.problems.map((p) => `${a.name}: ${p}`));
  if (problems.length) writeArtifact('browser-console.txt', `${problems.join('\n')}\n`);
  for (const a of actors.values()) await a.close();
  await publisher?.stop();
  await browser?.close().catch(() => undefined);
  await demo?.stop();
}, 90_000);

describe('the web app, in Chromium, against `npm run demo`', () => {
  it('farmer lists, admin verifies, streamer sells live to two phone shoppers, and the totals roll up', async () => {
    // ---------------------------------------------------------------- 1. a farmer lists a product, an admin verifies
    await step('1. the farmer lists a product and the district admin verifies it', async () => {
      // On a phone, as farmers list their products.
      const farmer = await signedIn('farmer', FARMER, PATHS.farmerProducts, PHONE);
      await farmer.get('farmer-product').first().waitFor();
      await farmer.shot('1', 'products');

      await farmer.get('product-new').click();
      await waitForPath(farmer.page, PATHS.farmerNewProduct);
      await settle(farmer.page);
      await farmer.get('product-name').fill(made.productName);
      await farmer
        .get('product-description')
        .fill(
          'Bình gốm men lam vẽ tay của lò Bát Tràng, cao 30 cm, đóng hộp quà. Sản phẩm dùng cho phiên thử.',
        );
      await farmer.get('product-price').fill(String(made.priceVnd));
      await farmer.get('product-stock').fill(String(made.stock));
      await farmer.get('product-group').selectOption('handicrafts_souvenirs_decoration');
      await farmer.get('product-stars').selectOption('4');
      await farmer.get('cert-number').fill(`${1000 + Math.floor(Math.random() * 9000)}/QĐ-UBND`);
      await farmer.get('cert-body').fill('UBND thành phố Hà Nội');
      await farmer.get('cert-signed').fill(vietnamTime(-120 * 86_400_000).date);
      // Two photos from the gallery and the decision's scan: they upload (chunked) while the form stays usable.
      const p01 = SEED_PRODUCERS[0]!;
      const photos = await productPhotos(p01.products[1]!, true);
      await farmer
        .get('product-photos-input')
        .setInputFiles(photos.map((p) => ({ name: p.fileName, mimeType: 'image/jpeg', buffer: p.bytes })));
      const scan = await certificateScan(p01.products[1]!, p01, vietnamTime(-120 * 86_400_000).date);
      await farmer
        .get('certificate-document-input')
        .setInputFiles({ name: 'quyet-dinh-ocop.jpg', mimeType: 'image/jpeg', buffer: scan.bytes });
      const trayPhases = () =>
        farmer.page
          .locator('[data-testid=product-photos-item], [data-testid=certificate-document-item]')
          .evaluateAll((els) => els.map((el) => el.getAttribute('data-phase')));
      await eventually(
        'the photos and the scan to be uploaded and processed',
        trayPhases,
        (phases) => phases.length === 3 && phases.every((p) => p === 'ready'),
      );
      await farmer.shot('1', 'new-product');
      await farmer.get('product-save').click();
      await waitForPath(farmer.page, /^\/farmer\/products\/[0-9a-f-]{36}$/);
      made.productId = farmer.page.url().split('/').pop() as string;
      await settle(farmer.page);
      // The product's page in the farmer's portal shows the two photos, the first as cover.
      await eventually(
        'the product to carry its two photos',
        () => farmer.get('product-photos-item').count(),
        (n) => n === 2,
      );
      await loadedImage(
        'the cover photo on the product page',
        farmer.page.locator('[data-testid=product-photos-item] img'),
      );

      await farmer.get('product-submit').click();
      await farmer.get('product-submit').waitFor({ state: 'detached' });
      await farmer.shot('1', 'product-submitted');

      await farmer.visit(PATHS.farmerProducts);
      const row = farmer.page.locator(`[data-testid=farmer-product][data-product-id="${made.productId}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('pending_verification');

      const admin = await signedIn('admin-district', DISTRICT_ADMIN, PATHS.adminProducts);
      const toVerify = admin.page.locator(`[data-testid=admin-product][data-product-id="${made.productId}"]`);
      await toVerify.waitFor();
      // The admin reads the scan of the decision before verifying (a private file, through a signed URL).
      const scanWidth = await loadedImage(
        'the certificate scan in the verification screen',
        toVerify.locator('[data-testid=admin-certificate-image] img'),
      );
      expect(scanWidth).toBeGreaterThan(100);
      await admin.shot('1', 'products-to-verify');
      await toVerify.getByTestId('verify-product').click();
      await eventually(
        'the product to leave the verification queue (or show as active)',
        async () =>
          // A short wait: the row may leave between the count and the read, and the check runs again.
          (await toVerify.count()) === 0 ||
          (await toVerify.getAttribute('data-status', { timeout: 1_000 })) === 'active',
        (done) => done,
      );
      await admin.shot('1', 'product-verified');

      await farmer.visit(PATHS.farmerProducts);
      await eventually(
        'the farmer to see the product active',
        () => row.getAttribute('data-status'),
        (s) => s === 'active',
      );
      await farmer.shot('1', 'product-active');

      // The district admin keeps the totals open from now on: step 6 expects them to move live, without a reload.
      await admin.visit(PATHS.adminTotals);
      const before = await subtreeGmv(admin, await branchId('HN-GLA'))();
      expect(before).toBe(0); // a fresh demo database: the seed places no orders
      await admin.markDocument();
      await admin.shot('1', 'totals-before');
    });

    // ------------------------------------------------ 2. a streamer schedules a session with it, goes live, pins it
    await step('2. the streamer schedules a session with the product, goes live and pins it', async () => {
      const productId = made.productId as string;
      const streamer = await signedIn('streamer', STREAMER, PATHS.studioNewSession);
      await streamer.get('session-title').fill(`Gốm men lam Bát Tràng — phiên thử ${tag}`);
      await streamer.get('session-start').fill(vietnamTime(15 * 60_000).local);
      await streamer.page.getByRole('searchbox').fill(made.productName);
      const option = streamer.page.locator(`[data-testid=lineup-option][data-product-id="${productId}"]`);
      await option.check();
      await streamer.shot('2', 'new-session');
      await streamer.get('session-create').click();
      await waitForPath(streamer.page, /^\/studio\/sessions\/[0-9a-f-]{36}$/);
      made.sessionId = streamer.page.url().split('/').pop() as string;
      await settle(streamer.page);
      await streamer.shot('2', 'session-scheduled');

      await streamer.get('go-live').click();
      await streamer.get('end-session').waitFor();
      const pin = streamer.page.locator(`[data-testid=pin-toggle][data-product-id="${productId}"]`);
      await pin.click();
      await eventually(
        'the pin to be pressed',
        () => pin.getAttribute('aria-pressed'),
        (v) => v === 'true',
      );
      await streamer.markDocument(); // the control page stays open: its stats move live (step 6)
      await streamer.shot('2', 'session-live-pinned');

      // OBS (ffmpeg's test pattern) publishes to the session: its card gets a thumbnail of what is on air.
      const token = await signInByApi(demo.url, STREAMER, PASSWORD);
      const res = await fetch(`${demo.url}/api/sessions/${made.sessionId}/stream`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { ingestUrl } = (await res.json()) as { ingestUrl: string };
      publisher = publishTestStream(ingestUrl, { size: '1280x720' });
    });

    await step('2b. the home page shows product photos and the live stream’s thumbnail', async () => {
      const guest = await actor('guest', PHONE);
      const card = guest.page.locator(
        `[data-testid=session-card][data-session-id="${made.sessionId}"] [data-testid=session-thumbnail] img`,
      );
      await eventually(
        'the live session’s card to show a thumbnail from its stream',
        async () => {
          await guest.visit('/');
          return card.count();
        },
        (n) => n > 0,
        60_000,
        2_000,
      );
      await loadedImage('the live thumbnail on the home page', card);
      await loadedImage(
        'a product photo on the home page',
        guest.page.locator('[data-testid=featured-products] [data-testid=product-image] img'),
      );
      await guest.shot('2', 'home-live-thumbnail');
    });

    // ------------------------------------ 3-4. two shoppers on phones chat and buy; both see stock and announcements
    const shopperB = { userId: '', token: '', phone: freshPhone(), password: 'MatKhau@2025' };
    await step(
      '3-4. two phone shoppers chat and buy with COD, and see the stock fall and the announcements',
      async () => {
        const sessionPath = `/sessions/${made.sessionId}`;
        const productId = made.productId as string;
        const [a, b] = await Promise.all([actor('shopperA', PHONE), actor('shopperB', PHONE)]);
        await signUp(
          a,
          { phone: freshPhone(), displayName: 'Nguyễn Thị Hoa', password: 'MatKhau@2025' },
          sessionPath,
          '3',
        );
        await signUp(
          b,
          { phone: shopperB.phone, displayName: 'Trần Văn Nam', password: shopperB.password },
          sessionPath,
          '3',
        );

        const pinned = (s: Actor) =>
          s.page.locator(`[data-testid=pinned-product][data-product-id="${productId}"]`);
        const stockOf = async (s: Actor) =>
          firstNumber(await pinned(s).getByTestId('product-stock').textContent());
        await Promise.all([pinned(a).waitFor(), pinned(b).waitFor()]);
        // The pinned product shows the photo the farmer uploaded.
        await loadedImage(
          'the pinned product’s photo on the session page',
          pinned(a).locator('[data-testid=product-image] img'),
        );
        await a.get('chat-list').waitFor();
        const stockBefore = await stockOf(a);
        expect(await stockOf(b)).toBe(stockBefore);
        expect(stockBefore).toBe(made.stock);
        await a.shot('3', 'session');
        await b.shot('3', 'session');

        // Chat: each sees the other's message, without a reload.
        const textA = `Chào shop, bình này có ship về Gia Lâm không ạ? (${tag})`;
        const textB = `Mình lấy một bình làm quà nhé (${tag})`;
        const message = (s: Actor, text: string) =>
          s.page.locator('[data-testid=chat-message]', { hasText: text });
        await a.get('chat-input').fill(textA);
        await a.get('chat-send').click();
        await message(b, textA).waitFor();
        await b.get('chat-input').fill(textB);
        await b.get('chat-send').click();
        await message(a, textB).waitFor();
        shopperB.userId = (await message(a, textB).first().getAttribute('data-user-id')) ?? '';
        expect(shopperB.userId).toMatch(/^[0-9a-f-]{36}$/);
        await a.shot('3', 'chat');

        const announcements = async (s: Actor) => s.get('chat-announcement').count();
        const [announcedA, announcedB] = [await announcements(a), await announcements(b)];

        const buy = async (s: Actor, quantity: number) => {
          await pinned(s).getByTestId('buy-button').click();
          const sheet = s.get('checkout-sheet');
          await sheet.waitFor();
          await s.get('checkout-quantity').fill(String(quantity));
          await s.get('address-name').fill(s === a ? 'Nguyễn Thị Hoa' : 'Trần Văn Nam');
          await s.get('address-phone').fill(freshPhone());
          await s.get('address-province').selectOption('Hà Nội');
          await s.get('address-ward').fill(s === a ? 'Xã Bát Tràng' : 'Phường Hoàn Kiếm');
          await s.get('address-street').fill(s === a ? 'Số 12, xóm 3' : 'Số 5 phố Hàng Bạc');
          await s.get('pay-cod').check();
          await s.shot('3', 'checkout');
          await s.get('checkout-submit').click();
          const result = s.get('checkout-result');
          await result.waitFor();
          expect(await result.getAttribute('data-state')).toBe('confirmed');
          const links = await result
            .locator('a[href^="/orders/"]')
            .evaluateAll((els) => els.map((el) => (el.getAttribute('href') ?? '').split('/').pop() ?? ''));
          made.orderIds.push(...links);
          await s.shot('3', 'checkout-confirmed');
          await s.page.keyboard.press('Escape');
          await sheet.waitFor({ state: 'detached' });
        };

        // From here on neither phone reloads: stock, announcements (and in step 5 the ban) arrive live.
        await a.markDocument();
        await b.markDocument();
        await buy(a, made.quantityA);
        for (const s of [a, b]) {
          await eventually(
            `${s.name} to see the stock fall`,
            () => stockOf(s),
            (n) => n === stockBefore - made.quantityA,
          );
          await eventually(
            `${s.name} to see the announcement`,
            () => announcements(s),
            (n) => n > (s === a ? announcedA : announcedB),
          );
        }
        await buy(b, made.quantityB);
        const stockAfter = stockBefore - made.quantityA - made.quantityB;
        for (const s of [a, b]) {
          await eventually(
            `${s.name} to see the stock fall again`,
            () => stockOf(s),
            (n) => n === stockAfter,
          );
          await eventually(
            `${s.name} to see both announcements`,
            () => announcements(s),
            (n) => n >= (s === a ? announcedA : announcedB) + 2,
          );
        }
        expect(made.orderIds).toHaveLength(2);
        expect([await a.stillSameDocument(), await b.stillSameDocument()]).toEqual([true, true]);
        await a.shot('4', 'session-after-sales');
        await b.shot('4', 'session-after-sales');

        // B's page keeps its token in memory only (no script can read it out of storage): a second sign-in of
        // B's, over the api, gives the token for the server-side checks below.
        shopperB.token = await signInByApi(demo.url, shopperB.phone, shopperB.password);
      },
    );

    // --------------------------------------------------------- 5. the streamer bans shopper B, whose messages stop
    await step('5. the streamer bans shopper B, whose messages stop', async () => {
      const streamer = actors.get('streamer') as Actor;
      const a = actors.get('shopperA') as Actor;
      const b = actors.get('shopperB') as Actor;
      const byB = streamer.page.locator(
        `[data-testid=studio-chat-message][data-user-id="${shopperB.userId}"]`,
      );
      await byB.first().waitFor();
      await byB.first().getByTestId('msg-ban').click();
      await streamer.get('msg-ban-confirm').click();
      await streamer.get('msg-ban-confirm').waitFor({ state: 'detached' });
      await streamer.shot('5', 'banned');

      // B is told: the notice shows, or the chat input is gone or disabled; if B can still type, the send is refused.
      const later = `Tin nhắn sau khi bị chặn (${tag})`;
      await eventually(
        'shopper B to be told of the ban',
        async () =>
          (await b.get('chat-notice').first().isVisible()) ||
          (await b.get('chat-input').count()) === 0 ||
          (await b.get('chat-input').isDisabled({ timeout: 1_000 })),
        (told) => told,
      );
      if ((await b.get('chat-input').count()) > 0 && (await b.get('chat-input').isEnabled())) {
        await b.get('chat-input').fill(later);
        await b.get('chat-send').click();
        await b.get('chat-notice').first().waitFor();
      }
      expect(await b.get('chat-notice').first().isVisible()).toBe(true);
      await b.shot('5', 'banned');
      // Whatever the page shows, the server refuses B: B's own signed-in socket is refused the room (or the send).
      const pool = new SocketPool();
      try {
        const socket = await pool.connect(demo.url, shopperB.token);
        const joined = await emit(socket, 'session:join', { sessionId: made.sessionId });
        const answer = joined.ok
          ? await emit(socket, 'chat:send', { sessionId: made.sessionId, text: later })
          : joined;
        expect(answer.ok ? 'sent' : answer.code).toBe('BANNED');
      } finally {
        pool.closeAll();
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await a.page.locator('[data-testid=chat-message]', { hasText: later }).count()).toBe(0);
      expect([await a.stillSameDocument(), await b.stillSameDocument()]).toEqual([true, true]);
      await a.shot('5', 'session-after-ban');
    });

    // ------------------------------------- 6. the farmer sees the sale, the district and city admins see the totals
    await step(
      '6. the farmer sees the sale; the district and city admins see the totals roll up',
      async () => {
        const gmv = made.priceVnd * (made.quantityA + made.quantityB);
        for (const name of ['shopperA', 'shopperB']) {
          const s = actors.get(name) as Actor;
          await s.visit(PATHS.orders);
          await s.get('order-row').first().waitFor();
          const ids = await s
            .get('order-row')
            .evaluateAll((els) => els.map((el) => el.getAttribute('data-order-id')));
          expect(ids.some((id) => id !== null && made.orderIds.includes(id))).toBe(true);
          await s.shot('6', 'my-orders');
        }

        const streamer = actors.get('streamer') as Actor;
        await eventually(
          'the studio to count the orders',
          async () => firstNumber(await streamer.get('stat-orders').textContent()),
          (n) => n === 2,
        );
        await eventually(
          'the studio to show the GMV',
          async () => vnd(await streamer.get('stat-gmv').textContent()),
          (n) => n === gmv,
        );
        expect(await streamer.stillSameDocument()).toBe(true);
        await streamer.shot('6', 'session-stats');

        const farmer = actors.get('farmer') as Actor;
        await farmer.visit(PATHS.farmerOrders);
        for (const id of made.orderIds)
          await farmer.page.locator(`[data-testid=farmer-order][data-order-id="${id}"]`).waitFor();
        await farmer.shot('6', 'orders');
        await farmer.visit(PATHS.farmerSales);
        await eventually(
          'the farmer sales GMV',
          async () => vnd(await farmer.get('sales-gmv').first().textContent()),
          (n) => n === gmv,
        );
        await farmer.shot('6', 'sales');

        // The district admin's totals page has stayed open since step 1: its figures move live, with no reload.
        const district = actors.get('admin-district') as Actor;
        const gialam = await branchId('HN-GLA');
        await eventually(
          'Gia Lâm subtree GMV, live (district admin)',
          subtreeGmv(district, gialam),
          (n) => n === gmv,
        );
        expect(await district.stillSameDocument()).toBe(true);
        await district.shot('6', 'totals');
        const city = await signedIn('admin-city', CITY_ADMIN, PATHS.adminTotals);
        await eventually(
          'Hà Nội subtree GMV (city admin)',
          subtreeGmv(city, await branchId('HN')),
          (n) => n === gmv,
        );
        await eventually('Gia Lâm row in the city table', subtreeGmv(city, gialam), (n) => n === gmv);
        await city.shot('6', 'totals');
      },
    );
  }, 180_000);

  it('paints the session page with its chat history on a phone (benchmark figure, printed)', async () => {
    const sessionId = demo.liveSessionId;
    const tokens = await Promise.all(SEEDED_SHOPPERS.map((email) => signInByApi(demo.url, email, PASSWORD)));
    const sent = await writeChatHistory(demo.url, sessionId, tokens, 6);
    expect(sent).toBeGreaterThanOrEqual(20);

    const context = await browser.newContext({ ...SMALL_PHONE, baseURL: demo.url });
    await watchCsp(context, otherCspViolations);
    try {
      // The moment the 20th message is in the document, then the frame after it: when the history is on screen.
      await context.addInitScript(() => {
        const w = globalThis as unknown as PageGlobals;
        const check = () => {
          if (w.__chatPainted !== undefined) return;
          if (w.document.querySelectorAll('[data-testid=chat-message]').length >= 20) {
            w.__chatPainted = -1;
            w.requestAnimationFrame(() => w.setTimeout(() => (w.__chatPainted = w.performance.now()), 0));
          }
        };
        new w.MutationObserver(check).observe(w.document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      await page.goto(`/sessions/${sessionId}`, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(
        () =>
          (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-testid=chat-message]')
            .length >= 20,
        undefined,
        { timeout: 15_000 },
      );
      const figures = await page.evaluate(async () => {
        const w = globalThis as unknown as PageGlobals;
        while (w.__chatPainted === undefined || w.__chatPainted < 0) {
          await new Promise<void>((resolve) => w.setTimeout(resolve, 10));
        }
        const paint = w.performance
          .getEntriesByType('paint')
          .find((e) => e.name === 'first-contentful-paint');
        return {
          firstContentfulPaintMs: paint ? Math.round(paint.startTime) : null,
          chatHistoryPaintedMs: Math.round(w.__chatPainted),
          messages: w.document.querySelectorAll('[data-testid=chat-message]').length,
        };
      });
      await page.screenshot({ path: path.join(ARTIFACTS, 'perf-guest-session.png'), fullPage: true });
      expect(figures.messages).toBeGreaterThanOrEqual(20);
      const line =
        `[web-perf] session page first paint ${figures.firstContentfulPaintMs ?? 'n/a'} ms, ` +
        `chat history painted ${figures.chatHistoryPaintedMs} ms (budget 1500 ms)`;
      log(line);
      writeArtifact(
        'perf.json',
        `${JSON.stringify(
          {
            ...figures,
            budgetMs: 1500,
            withinBudget: figures.chatHistoryPaintedMs <= 1500,
            viewport: '390x844',
            url: `/sessions/${sessionId}`,
            at: new Date().toISOString(),
          },
          null,
          2,
        )}\n`,
      );
    } finally {
      await context.close();
    }
  }, 60_000);

  it('keeps the session in an httpOnly cookie: it survives a reload, reaches a second tab, and sign-out ends it in both', async () => {
    currentStep = 'session';
    const a = await actor('session-tabs', DESKTOP);
    // A browser that used an earlier version of the app still holds its tokens in localStorage: the app drops them.
    await a.context.addInitScript(() => {
      const w = globalThis as unknown as { localStorage: { setItem: (k: string, v: string) => void } };
      w.localStorage.setItem('ocop.auth', JSON.stringify({ accessToken: 'eyJold', refreshToken: 'old' }));
    });
    await signIn(a, SEEDED_SHOPPERS[1] as string, PASSWORD, PATHS.orders, currentStep);
    // Nothing of the session is readable by a script: no token in storage, the refresh cookie httpOnly.
    const storage = await a.page.evaluate(() => {
      type Store = {
        length: number;
        key: (i: number) => string | null;
        getItem: (k: string) => string | null;
      };
      const w = globalThis as unknown as {
        localStorage: Store;
        sessionStorage: Store;
        document: { cookie: string };
      };
      const dump = (store: Store) =>
        Array.from(
          { length: store.length },
          (_, i) => `${store.key(i)}=${store.getItem(store.key(i) ?? '')}`,
        );
      return {
        stored: [...dump(w.localStorage), ...dump(w.sessionStorage)].join('\n'),
        cookie: w.document.cookie,
      };
    });
    expect(storage.stored).not.toMatch(/eyJ|accessToken|refreshToken/);
    expect(storage.cookie).not.toMatch(/ocop_refresh/);
    const cookies = await a.context.cookies();
    expect(cookies.find((c) => c.name === 'ocop_refresh')).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/api/auth',
    });

    // A reload resumes the session from the cookie.
    await a.page.reload({ waitUntil: 'domcontentloaded' });
    await settle(a.page);
    expect(a.where()).toBe(PATHS.orders);
    await a.get('sign-out').waitFor();
    await a.shot(currentStep, 'reloaded');
    // On a phone (390x844), in Vietnamese and in English: still signed in, and nothing serious for axe.
    await a.page.setViewportSize({ width: 390, height: 844 });
    for (const language of ['vi', 'en']) {
      if (language === 'en') await a.page.locator('header .btn.small.secondary').click();
      await a.page.locator(`html[lang=${language}]`).waitFor();
      await a.page.locator('main h1').waitFor();
      await a.shot(currentStep, `reloaded-390-${language}`);
      const scan = await scanPage(a.page, `orders-after-reload-390-${language}`);
      expect(scan.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')).toEqual([]);
    }
    await a.page.locator('header .btn.small.secondary').click();
    await a.page.setViewportSize({ width: 1280, height: 900 });

    // A second tab of the same browser is signed in too.
    const tab = await a.context.newPage();
    await tab.goto(PATHS.orders, { waitUntil: 'domcontentloaded' });
    await settle(tab);
    expect(new URL(tab.url()).pathname).toBe(PATHS.orders);
    await tab.getByTestId('sign-out').waitFor();

    // Signing out in the first tab ends the session in both, and the cookies are gone.
    await a.get('sign-out').click();
    await waitForPath(tab, '/sign-in');
    await a.page.goto(PATHS.orders, { waitUntil: 'domcontentloaded' });
    await waitForPath(a.page, '/sign-in');
    expect((await a.context.cookies()).filter((c) => c.name.startsWith('ocop_'))).toEqual([]);
    await tab.close();
  }, 60_000);

  it('an open app follows revocation: an approved membership brings the studio, sign-out-everywhere signs it out', async () => {
    currentStep = 'revoke';
    const a = await actor('revoked', DESKTOP);
    const account = { phone: freshPhone(), displayName: 'Lê Thị Mai', password: 'MatKhau@2025' };
    const sessionPath = `/sessions/${demo.liveSessionId}`;
    await signUp(a, account, sessionPath, currentStep);
    // On the live session page the app holds a socket (the room), as any viewer does.
    await a.get('chat-list').waitFor();
    await a.markDocument();
    const schedule = a.page.locator('main a[href="/studio/sessions/new"]');

    // The user applies to Bát Tràng's branch and the Gia Lâm admin approves, both over the api.
    const token = await signInByApi(demo.url, account.phone, account.password);
    const call = (method: string, route: string, bearer: string, body?: unknown) =>
      fetch(`${demo.url}${route}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const applied = await call('POST', '/api/me/memberships', token, {
      branchId: await branchId('HN-GLA-BTR'),
    });
    expect(applied.status).toBe(201);
    const adminToken = await signInByApi(demo.url, DISTRICT_ADMIN, PASSWORD);
    const membership = (await applied.json()) as { id: string };
    expect((await call('POST', `/api/memberships/${membership.id}/approve`, adminToken)).status).toBe(200);

    // The socket is told; the app refreshes into the new role: the studio (reached without a reload) offers to
    // schedule a session.
    await eventually(
      'the old token to be refused',
      async () => (await call('GET', '/api/me', token)).status,
      (status) => status === 401,
      5_000,
    );
    await a.page.locator('header nav a[href="/studio"]').click();
    await waitForPath(a.page, '/studio');
    await schedule.waitFor({ timeout: 10_000 });
    await a.shot(currentStep, 'streamer-now');

    // Back on the session page, sign-out-everywhere (from another device) signs the open page out within seconds.
    await a.page.goBack();
    await a.get('chat-list').waitFor();
    const other = await signInByApi(demo.url, account.phone, account.password);
    expect((await call('POST', '/api/auth/sign-out-everywhere', other)).status).toBe(204);
    await a.page.locator('header nav a[href^="/sign-in"]').waitFor({ timeout: 10_000 });
    expect(await a.stillSameDocument()).toBe(true);
    await a.shot(currentStep, 'signed-out');
  }, 60_000);

  it('has no critical accessibility violations on the main pages (axe-core)', async () => {
    const productId =
      made.productId ??
      ((await (await fetch(`${demo.url}/api/products?pageSize=1`)).json()) as { items: { id: string }[] })
        .items[0]?.id;
    currentStep = 'axe';
    const scans: AxeScan[] = [];
    const scan = async (a: Actor, pathname: string, name: string, ready: string) => {
      await a.visit(pathname);
      await a.page.locator(ready).first().waitFor();
      await settle(a.page);
      await a.shot('axe', name);
      scans.push(await scanPage(a.page, name));
    };

    const guest = await actor('guest', PHONE);
    await scan(guest, '/', 'home', '[data-testid=live-now]');
    await scan(guest, `/sessions/${demo.liveSessionId}`, 'session', '[data-testid=chat-list]');
    await scan(guest, `/products/${productId}`, 'product', 'main h1');
    await scan(
      guest,
      `/producers/${(await queryDemo<{ producer_id: string }>(demo, 'SELECT producer_id FROM products WHERE id = $1', [productId]))[0]?.producer_id ?? ''}`,
      'producer',
      'main h1',
    );
    await scan(guest, '/sign-in', 'sign-in', '#identifier');

    const shopper =
      actors.get('shopperA') ?? (await signedIn('shopper1', SEEDED_SHOPPERS[0] as string, '/', PHONE));
    await scan(shopper, PATHS.orders, 'my-orders', 'main h1');
    const streamer = actors.get('streamer') ?? (await signedIn('streamer', STREAMER, '/studio'));
    await scan(
      streamer,
      `/studio/sessions/${made.sessionId ?? demo.liveSessionId}`,
      'studio-session',
      '[data-testid=end-session]',
    );
    const farmer = actors.get('farmer') ?? (await signedIn('farmer', FARMER, PATHS.farmerProducts));
    await scan(farmer, PATHS.farmerProducts, 'farmer-products', '[data-testid=farmer-product]');
    await scan(farmer, PATHS.farmerOrders, 'farmer-orders', 'main h1');
    await scan(
      farmer,
      `/farmer/products/${productId}`,
      'farmer-product-media',
      '[data-testid=product-media]',
    );
    await scan(farmer, PATHS.farmerNewProduct, 'farmer-new-product', '[data-testid=product-photos]');
    const admin =
      actors.get('admin-district') ?? (await signedIn('admin-district', DISTRICT_ADMIN, PATHS.adminTotals));
    await scan(admin, PATHS.adminTotals, 'admin-totals', '[data-testid=branch-row]');
    await scan(admin, PATHS.adminProducts, 'admin-products', 'main h1');

    writeArtifact('axe.json', `${JSON.stringify(scans, null, 2)}\n`);
    const lines = scans.flatMap(describeScan);
    for (const line of lines) log(line);
    const critical = scans.flatMap((s) =>
      s.violations.filter((v) => v.impact === 'critical').map((v) => `${s.page}: ${v.id}`),
    );
    log(
      `[axe] ${scans.length} pages scanned: ${critical.length} critical, ` +
        `${lines.length - critical.length} serious violation(s) (test-artifacts/web/axe.json)`,
    );
    expect(critical).toEqual([]);
    expect(fs.existsSync(path.join(ARTIFACTS, 'axe-guest-home.png'))).toBe(true);
  }, 120_000);

  it('ran every page above under the Content-Security-Policy with no violation', () => {
    const violations = [
      ...[...actors.values()].flatMap((a) => a.cspViolations.map((v) => ({ actor: a.name, ...v }))),
      ...otherCspViolations.map((v) => ({ actor: 'first-paint', ...v })),
    ];
    const consoleReports = [...actors.values()].flatMap((a) =>
      a.problems.filter((p) => /Content Security Policy/i.test(p)).map((p) => `${a.name}: ${p}`),
    );
    if (violations.length || consoleReports.length) {
      writeArtifact('csp-violations.json', `${JSON.stringify({ violations, consoleReports }, null, 2)}\n`);
    }
    expect(violations).toEqual([]);
    expect(consoleReports).toEqual([]);
  });
});
