import path from 'node:path';
import {
  devices,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { ARTIFACTS } from './artifacts';
import type { PageGlobals } from './page-globals';

// The app's Content-Security-Policy is enforced as for any visitor (no bypassCSP): a violation is a failure.
const VIETNAM: BrowserContextOptions = { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };

/** One Content-Security-Policy violation a page reported (its `securitypolicyviolation` event). */
export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
  page: string;
}

/**
 * Collects every Content-Security-Policy violation of the context's pages into `sink`: an init script listens for
 * `securitypolicyviolation` (init scripts and bindings come through the DevTools protocol, which the policy does
 * not govern) and reports through a binding.
 */
export async function watchCsp(context: BrowserContext, sink: CspViolation[]): Promise<void> {
  await context.exposeBinding('__reportCspViolation', (_source, violation: CspViolation) => {
    sink.push(violation);
  });
  await context.addInitScript(() => {
    const w = globalThis as unknown as {
      document: { addEventListener: (type: string, listener: (event: never) => void) => void };
      location: { href: string };
      __reportCspViolation: (violation: object) => void;
    };
    w.document.addEventListener(
      'securitypolicyviolation',
      (event: { effectiveDirective: string; blockedURI: string; sourceFile: string }) => {
        w.__reportCspViolation({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          source: event.sourceFile,
          page: w.location.href,
        });
      },
    );
  });
}

/** A shopper's phone: a Pixel 7 (Chromium on Android) with a 412x915 screen, touch, in Vietnamese. */
export const PHONE: BrowserContextOptions = {
  ...devices['Pixel 7'],
  viewport: { width: 412, height: 915 },
  screen: { width: 412, height: 915 },
  ...VIETNAM,
};
/** The phone of the first-paint measure: 390x844 (the size the budget names). */
export const SMALL_PHONE: BrowserContextOptions = {
  ...devices['Pixel 7'],
  viewport: { width: 390, height: 844 },
  screen: { width: 390, height: 844 },
  ...VIETNAM,
};
/** Farmers, streamers and admins at a laptop. */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, ...VIETNAM };

/** One person in the journey: a browser context of their own (cookies, storage, socket) and its page. */
export class Actor {
  /** Console errors and uncaught page errors, for the report when something fails. */
  readonly problems: string[] = [];

  private constructor(
    readonly name: string,
    readonly base: string,
    readonly context: BrowserContext,
    readonly page: Page,
    /** Content-Security-Policy violations of this actor's pages (the journey expects none). */
    readonly cspViolations: CspViolation[],
  ) {
    page.on('pageerror', (error) => this.problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console: ${message.text()}`);
    });
  }

  static async open(
    browser: Browser,
    name: string,
    base: string,
    options: BrowserContextOptions,
  ): Promise<Actor> {
    const context = await browser.newContext({ ...options, baseURL: base });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    const violations: CspViolation[] = [];
    await watchCsp(context, violations);
    return new Actor(name, base, context, await context.newPage(), violations);
  }

  /** The element with this data-testid. */
  get(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** Opens a path of the app and waits until its loading spinners have gone. */
  async visit(pathname: string): Promise<void> {
    await this.page.goto(pathname, { waitUntil: 'domcontentloaded' });
    if (!(await settle(this.page)))
      this.problems.push(`a spinner still showed 10 s after opening ${pathname}`);
  }

  /** A full-page screenshot: test-artifacts/web/<step>-<actor>-<page>.png. */
  async shot(step: string, pageName: string): Promise<void> {
    await this.page.screenshot({
      path: path.join(ARTIFACTS, `${step}-${this.name}-${pageName}.png`),
      fullPage: true,
    });
  }

  /** Marks the page's document: `stillSameDocument()` then tells whether it was never reloaded or left. */
  async markDocument(): Promise<void> {
    await this.page.evaluate(() => {
      (globalThis as unknown as PageGlobals).__sameDocument = true;
    });
  }

  async stillSameDocument(): Promise<boolean> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__sameDocument === true);
  }

  /** Where the page is now (path and query). */
  where(): string {
    const url = new URL(this.page.url());
    return `${url.pathname}${url.search}`;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

/**
 * Waits until the page's main content is there and, for up to `timeoutMs`, until no loading spinner is left. A
 * spinner that stays (a live figure waiting for its first push) does not fail here: the step's own waits on the
 * elements it needs do. Resolves whether the page settled.
 */
export async function settle(page: Page, timeoutMs = 10_000): Promise<boolean> {
  await page.locator('main#main').waitFor({ timeout: timeoutMs });
  return page
    .waitForFunction(
      () => (globalThis as unknown as PageGlobals).document.querySelector('.spinner') === null,
      undefined,
      { timeout: timeoutMs },
    )
    .then(
      () => true,
      () => false,
    );
}

/** Waits until the page is at `pathname` (a string or a pattern). */
export async function waitForPath(page: Page, pathname: string | RegExp, timeoutMs = 15_000): Promise<void> {
  await page.waitForURL(
    (url) => (typeof pathname === 'string' ? url.pathname === pathname : pathname.test(url.pathname)),
    { timeout: timeoutMs },
  );
}

/** Signs in through the sign-in page (inputs #identifier and #password) and lands on `next`. */
export async function signIn(
  actor: Actor,
  identifier: string,
  password: string,
  next: string,
  step: string,
): Promise<void> {
  await actor.visit(`/sign-in?next=${encodeURIComponent(next)}`);
  await actor.page.locator('#identifier').fill(identifier);
  await actor.page.locator('#password').fill(password);
  await actor.shot(step, 'sign-in');
  await actor.page.locator('main form button[type=submit]').click();
  await waitForPath(actor.page, next.split('?')[0] as string);
  await settle(actor.page);
}

/** Creates an account through the sign-up page with a phone number, and lands on `next` signed in. */
export async function signUp(
  actor: Actor,
  account: { phone: string; displayName: string; password: string },
  next: string,
  step: string,
): Promise<void> {
  await actor.visit(`/sign-up?next=${encodeURIComponent(next)}`);
  await actor.page.locator('input[name=channel][value=phone]').check();
  await actor.page.locator('#contact').fill(account.phone);
  await actor.page.locator('#displayName').fill(account.displayName);
  await actor.page.locator('#new-password').fill(account.password);
  await actor.shot(step, 'sign-up');
  await actor.page.locator('main form button[type=submit]').click();
  await waitForPath(actor.page, next.split('?')[0] as string);
  await settle(actor.page);
}

/** The first whole number written in plain digits in a text ("Còn 25 sản phẩm" -> 25). */
export function firstNumber(text: string | null): number {
  const match = /\d+/.exec(text ?? '');
  if (!match) throw new Error(`no number in ${JSON.stringify(text)}`);
  return Number(match[0]);
}

/** An amount of đồng as formatted for Vietnamese ("150.000 ₫" -> 150000). */
export function vnd(text: string | null): number {
  const digits = (text ?? '').replace(/[^\d]/g, '');
  if (!digits) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return Number(digits);
}

/** Polls `read` until `accept` holds for its value; throws with the last value after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let failure: unknown;
  for (;;) {
    try {
      last = await read();
      failure = undefined;
      if (accept(last)) {
        const waited = Date.now() - (deadline - timeoutMs);
        if (waited > 2000)
          process.stdout.write(`[web-e2e]   waited ${(waited / 1000).toFixed(1)} s for ${what}\n`);
        return last;
      }
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) {
      const seen = failure instanceof Error ? failure.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * An element's box once it has stopped moving: a sheet that slides or scales in is measured where it comes to rest,
 * not mid-animation (two reads a frame apart must agree; on a loaded machine the animation's frames come late).
 */
export async function restingBox(
  target: Locator,
  timeoutMs = 5_000,
): Promise<{ x: number; y: number; width: number; height: number } | null> {
  await target.waitFor();
  const deadline = Date.now() + timeoutMs;
  let previous = await target.boundingBox();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 120));
    const now = await target.boundingBox();
    const same =
      previous !== null &&
      now !== null &&
      (['x', 'y', 'width', 'height'] as const).every((k) => Math.abs(previous![k] - now[k]) < 0.5);
    if (same || Date.now() > deadline) return now;
    previous = now;
  }
}
