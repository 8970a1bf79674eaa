import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { launchChromium } from '../../support/chromium';
import { SocketPool } from '../support/sockets';
import { describeScan, scanPage } from './support/axe';
import { Actor, eventually, settle, signIn, SMALL_PHONE, waitForPath } from './support/browser';
import { emit, joinRoom, signInByApi } from './support/chat-history';
import { queryDemo, startDemo, type Demo } from './support/demo';

// Moderation as shown, role homes, forms that explain and reports on a phone, in Debian's Chromium on a 390x844
// phone against the app as `npm run demo` starts it. Vietnamese and English, with screenshots
// (test-artifacts/web/moderation-*.png) and axe at 0 critical and 0 serious on every page visited.

jest.setTimeout(600_000);

const PASSWORD = 'OcopLive@2025';
const LANGUAGES = ['vi', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

describe('moderation, role homes, forms and reports on a phone', () => {
  let demo: Demo;
  let browser: Browser;
  const pool = new SocketPool();
  let host: Socket;
  const axeProblems: string[] = [];

  beforeAll(async () => {
    demo = await startDemo(300_000);
    browser = await launchChromium();
    const [row] = await queryDemo<{ email: string }>(
      demo,
      `SELECT u.email FROM live_sessions s JOIN users u ON u.id = s.host_user_id WHERE s.id = $1`,
      [demo.liveSessionId],
    );
    host = await pool.connect(demo.url, await signInByApi(demo.url, row!.email, PASSWORD));
    await joinRoom(host, demo.liveSessionId);
  }, 360_000);

  afterAll(async () => {
    pool.closeAll();
    await browser?.close();
    await demo?.stop();
  });

  afterEach(() => {
    expect(axeProblems).toEqual([]);
  });

  async function phone(name: string, language: Language): Promise<Actor> {
    const actor = await Actor.open(browser, name, demo.url, SMALL_PHONE);
    await useLanguage(actor, language);
    return actor;
  }

  async function useLanguage(actor: Actor, language: Language): Promise<void> {
    await actor.context.addInitScript((lang) => {
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem('ocop.language', lang);
    }, language);
  }

  async function scan(page: Page, name: string): Promise<void> {
    axeProblems.push(...describeScan(await scanPage(page, name)));
  }

  async function userId(email: string): Promise<string> {
    const [row] = await queryDemo<{ id: string }>(demo, `SELECT id FROM users WHERE email = $1`, [email]);
    return row!.id;
  }

  /** No horizontal scroll of the page itself (a table may scroll inside its own box). */
  async function pageScrollsSideways(page: Page): Promise<boolean> {
    return page.evaluate(() => {
      const d = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return d.scrollWidth > d.clientWidth + 1;
    });
  }

  async function height(page: Page, selector: string): Promise<number> {
    const box = await page.locator(selector).first().boundingBox();
    return box?.height ?? 0;
  }

  it('a muted shopper reloads and still sees the mute and when it ends (vi, en)', async () => {
    const email = 'shopper1@ocop.example';
    const sessionPath = `/sessions/${demo.liveSessionId}`;
    const muted = await emit<{ until: string }>(host, 'chat:mute', {
      sessionId: demo.liveSessionId,
      userId: await userId(email),
      seconds: 1800,
    });
    expect(muted.ok).toBe(true);
    try {
      for (const language of LANGUAGES) {
        const shopper = await phone(`muted-${language}`, language);
        try {
          await signIn(shopper, email, PASSWORD, sessionPath, `moderation-mute-${language}`);
          // Loaded after the mute: the join tells the page, no live event needed. Then a reload, again.
          for (const round of ['load', 'reload']) {
            if (round === 'reload') {
              await shopper.page.reload({ waitUntil: 'domcontentloaded' });
              await settle(shopper.page);
            }
            const input = shopper.get('chat-input');
            await eventually(
              'the chat input to be disabled by the mute',
              () => input.isDisabled(),
              (d) => d,
            );
            const placeholder = (await input.getAttribute('placeholder')) ?? '';
            expect(placeholder).toMatch(
              language === 'vi' ? /^Bạn bị tắt tiếng đến \d{1,2}:\d{2}/ : /^You are muted until/,
            );
            expect(await shopper.get('chat-notice').first().isVisible()).toBe(true);
          }
          await shopper.shot(`moderation-mute-${language}`, 'session-muted');
          await scan(shopper.page, `muted session page (${language})`);
        } finally {
          await shopper.close();
        }
      }
    } finally {
      await emit(host, 'chat:unmute', { sessionId: demo.liveSessionId, userId: await userId(email) });
    }
  });

  it('a banned shopper is removed from the room at once, and cannot buy in that session (vi, en)', async () => {
    const email = 'shopper2@ocop.example';
    const sessionPath = `/sessions/${demo.liveSessionId}`;
    const bannedId = await userId(email);
    const shopper = await phone('banned-vi', 'vi');
    try {
      await signIn(shopper, email, PASSWORD, sessionPath, 'moderation-ban-vi');
      await shopper.get('player').waitFor();
      await shopper.markDocument();
      const ban = await emit(host, 'chat:ban', {
        sessionId: demo.liveSessionId,
        userId: bannedId,
        reason: 'Spam',
        removeRecentMinutes: 10,
      });
      expect(ban.ok).toBe(true);

      // Without a reload: the room's ban event replaces the room with the removal screen.
      const removed = shopper.get('removed-from-session');
      await removed.waitFor();
      expect(await shopper.stillSameDocument()).toBe(true);
      const gone = async () => ({
        video: await shopper.page.locator('video').count(),
        player: await shopper.get('player').count(),
        buy: await shopper.get('buy-button').count(),
        deal: await shopper.page.locator('.deal-banner').count(),
        chat: await shopper.get('chat-input').count(),
      });
      expect(await gone()).toEqual({ video: 0, player: 0, buy: 0, deal: 0, chat: 0 });
      expect(await removed.textContent()).toContain('Bạn đã bị mời ra khỏi phiên live này');
      expect(await height(shopper.page, '[data-testid=removed-from-session] .btn')).toBeGreaterThanOrEqual(
        44,
      );
      await shopper.shot('moderation-ban-vi', 'session-removed');
      await scan(shopper.page, 'removed from session (vi)');

      // A reload does not bring the room back: the session's data (with its video URL) is refused too.
      await shopper.page.reload({ waitUntil: 'domcontentloaded' });
      await removed.waitFor();
      expect(await gone()).toEqual({ video: 0, player: 0, buy: 0, deal: 0, chat: 0 });

      // English, a new tab after signing in again.
      const english = await phone('banned-en', 'en');
      try {
        await signIn(english, email, PASSWORD, sessionPath, 'moderation-ban-en');
        await english.get('removed-from-session').waitFor();
        expect(await english.get('removed-from-session').textContent()).toContain(
          'You were removed from this live session',
        );
        await english.shot('moderation-ban-en', 'session-removed');
        await scan(english.page, 'removed from session (en)');
      } finally {
        await english.close();
      }

      // The api agrees whatever the page shows: checkout in that session is refused.
      const token = await signInByApi(demo.url, email, PASSWORD);
      const detail = (await (await fetch(`${demo.url}/api/sessions/${demo.liveSessionId}`)).json()) as {
        lineup: string[];
      };
      const checkout = await fetch(`${demo.url}/api/checkouts`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': `moderation-${Date.now()}`,
        },
        body: JSON.stringify({
          lines: [{ productId: detail.lineup[0], quantity: 1 }],
          sessionId: demo.liveSessionId,
          address: {
            recipientName: 'Bùi Văn Long',
            phone: '0977 123 456',
            province: 'ha-noi',
            commune: 'Phường Hoàn Kiếm',
            street: 'Số 5 phố Hàng Bạc',
          },
          paymentMethod: 'cod',
        }),
      });
      expect([checkout.status, ((await checkout.json()) as { code: string }).code]).toEqual([
        403,
        'BANNED_FROM_SESSION',
      ]);
      const stream = await fetch(`${demo.url}/api/sessions/${demo.liveSessionId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(stream.status).toBe(403);
    } finally {
      await shopper.close();
      await emit(host, 'chat:unban', { sessionId: demo.liveSessionId, userId: bannedId });
    }
  });

  it('each role lands on its home after signing in, and can switch to shopping and back', async () => {
    const homes: [string, string, RegExp][] = [
      ['admin@ocop.example', '/admin', /^\/admin/],
      ['farmer01@ocop.example', '/farmer', /^\/farmer/],
      ['streamer.battrang@ocop.example', '/studio', /^\/studio/],
      ['shopper3@ocop.example', '/', /^\/$/],
    ];
    for (const [email, home, pattern] of homes) {
      const language: Language = home === '/farmer' ? 'en' : 'vi';
      const actor = await phone(`home-${home.replace('/', '') || 'shop'}`, language);
      try {
        // The menu's sign-in link carries the page it was opened from (home): that is no particular request.
        await actor.visit('/sign-in?next=%2F');
        await actor.page.locator('#identifier').fill(email);
        await actor.page.locator('#password').fill(PASSWORD);
        await actor.page.locator('main form button[type=submit]').click();
        await waitForPath(actor.page, pattern);
        await settle(actor.page);
        expect(new URL(actor.page.url()).pathname).toBe(home);
        await actor.shot(`moderation-home-${language}`, home === '/' ? 'shopper-home' : home.slice(1));
        if (home !== '/') {
          await scan(actor.page, `${home} after sign-in (${language})`);
          // "Mua sắm" / "Shopping" takes them to the shop; the role's own link brings them back.
          const menu = actor.page.locator('button.menu-toggle');
          if (await menu.isVisible()) await menu.click();
          const shopping = actor.get('nav-shopping');
          expect((await shopping.textContent())?.trim()).toBe(language === 'vi' ? 'Mua sắm' : 'Shopping');
          await shopping.click();
          await waitForPath(actor.page, '/');
          await actor.page.goto(home, { waitUntil: 'domcontentloaded' });
          await waitForPath(actor.page, pattern);
        }
      } finally {
        await actor.close();
      }
    }
  });

  it('sign-up says what is wrong for each field as it is typed, and the guest menu offers sign-up (vi, en)', async () => {
    for (const language of LANGUAGES) {
      const guest = await phone(`signup-${language}`, language);
      try {
        await guest.visit('/');
        const menu = guest.page.locator('button.menu-toggle');
        if (await menu.isVisible()) await menu.click();
        const link = guest.get('nav-sign-up');
        await link.waitFor();
        expect(await height(guest.page, '[data-testid=nav-sign-up]')).toBeGreaterThanOrEqual(24);
        await link.click();
        await waitForPath(guest.page, '/sign-up');
        await settle(guest.page);
        await guest.page.locator('#contact').fill('0123 45');
        await guest.page.locator('#displayName').focus();
        const error = guest.page.locator('#contact-error');
        await error.waitFor();
        expect(await error.textContent()).toContain('0977 123 456');
        expect(await guest.page.locator('#contact').getAttribute('aria-describedby')).toBe(
          'contact-hint contact-error',
        );
        const submit = guest.page.locator('main form button[type=submit]');
        expect(await submit.isEnabled()).toBe(true);
        await submit.click();
        await guest.page.locator('#new-password-error').waitFor();
        await guest.shot(`moderation-forms-${language}`, 'sign-up-errors');
        await scan(guest.page, `sign-up with errors (${language})`);
      } finally {
        await guest.close();
      }
    }
  });

  it("the admin's totals fit a 390 px phone: no page scroll sideways, quiet branches hidden, charts with a legend (vi, en)", async () => {
    for (const language of LANGUAGES) {
      const admin = await phone(`admin-${language}`, language);
      try {
        await signIn(admin, 'admin@ocop.example', PASSWORD, '/admin', `moderation-reports-${language}`);
        await admin.page.getByTestId('totals-scroll').waitFor();
        await admin.get('trend-chart').locator('.recharts-legend-wrapper').waitFor();
        expect(await pageScrollsSideways(admin.page)).toBe(false);
        const shown = await admin.get('branch-row').count();
        const toggle = admin.get('show-quiet-branches');
        if ((await toggle.count()) > 0) {
          await toggle.check();
          await eventually(
            'every branch to show',
            () => admin.get('branch-row').count(),
            (n) => n > shown,
          );
          expect(await pageScrollsSideways(admin.page)).toBe(false);
          await toggle.uncheck();
        }
        // The leaderboard ranks only branches that sold something.
        const ranked = await admin
          .get('leaderboard-row')
          .evaluateAll((rows) => rows.map((row) => (row as unknown as { textContent: string }).textContent));
        for (const text of ranked) expect(text).not.toMatch(/(^|\D)0 ₫/);
        await admin.shot(`moderation-reports-${language}`, 'admin-totals');
        await scan(admin.page, `admin totals (${language})`);
      } finally {
        await admin.close();
      }
    }
  });
});
