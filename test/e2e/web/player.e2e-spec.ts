import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium';
import { ARTIFACTS } from './support/artifacts';
import { describeScan, scanPage } from './support/axe';
import { Actor, eventually, settle, SMALL_PHONE } from './support/browser';
import { startDemo, type Demo } from './support/demo';

// The demo's live session has real video from its first minute: `npm run demo` pushes a looping clip of the
// session's product photos through the media app's RTMP ingest (ffmpeg, the session's stream key), and a shopper's
// phone plays it with the player's live controls. Then the host pins another product and ends the show, and the
// same page is a replay with the pins as chapters. One demo for the whole file.

interface PlaybackBody {
  status: string;
  lineup: string[];
  pins: { productId: string }[];
  playback: { kind: string; url: string; live: boolean; startedAt: string } | null;
}

interface ChaptersBody {
  recordingStartedAt: string | null;
  chapters: { productId: string; name: string; offsetSeconds: number }[];
}

async function getJson<T>(url: string, token?: string): Promise<T> {
  const res = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

async function send(url: string, method: string, token: string, body?: object): Promise<number> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return res.status;
}

/** The segment URIs of an HLS media playlist, and whether it is complete. */
async function playlist(url: string): Promise<{ segments: string[]; ended: boolean }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const text = await res.text();
  const lines = text.split('\n').map((line) => line.trim());
  return {
    segments: lines.filter((line) => line && !line.startsWith('#')),
    ended: lines.includes('#EXT-X-ENDLIST'),
  };
}

/** What the tests read of the <video> and the scrubber inside Chromium (this program is typed without the DOM). */
interface PageVideo {
  currentTime: number;
  controls: boolean;
  muted: boolean;
}
interface PageStorage {
  localStorage: { setItem: (key: string, value: string) => void };
}

/** The player's video time. */
async function videoTime(page: Page): Promise<number> {
  return page.getByTestId('player-video').evaluate((video) => (video as unknown as PageVideo).currentTime);
}

async function setLanguage(actor: Actor, language: 'vi' | 'en', pathname: string): Promise<void> {
  // Storage belongs to the app's origin: be on one of its pages first.
  if (!actor.page.url().startsWith(actor.base)) await actor.visit('/');
  await actor.page.evaluate(
    (value) => (globalThis as unknown as PageStorage).localStorage.setItem('ocop.language', value),
    language,
  );
  await actor.visit(pathname);
}

/** Every button and link of the player is at least 44 px both ways (a thumb, not a mouse). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.getByTestId('player').evaluate((root) =>
    [...root.querySelectorAll('button, a, input')].flatMap((el) => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return [];
      return box.width < 44 || box.height < 44
        ? [
            `${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? el.textContent}" ${box.width}x${box.height}`,
          ]
        : [];
    }),
  );
}

describe('the demo live session streams, and its replay has chapters (player)', () => {
  let demo: Demo;
  let browser: Browser;
  let hostToken: string;
  const problems: string[] = [];

  beforeAll(async () => {
    // Generous: on a machine shared with other test runs the seed alone can take minutes.
    demo = await startDemo(480_000);
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
    const host = /\n\s+host:\s+(\S+@\S+)/.exec(demo.output())?.[1];
    const password = /password for every account: ([^)\s]+)\)/.exec(demo.output())?.[1];
    if (!host || !password) throw new Error('the demo printed no host sign-in for its live session');
    const res = await fetch(`${demo.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: host, password }),
    });
    expect(res.status).toBe(200);
    hostToken = ((await res.json()) as { accessToken: string }).accessToken;
  }, 540_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await demo?.stop();
    if (problems.length) process.stdout.write(`${problems.join('\n')}\n`);
  }, 60_000);

  it('the looping RTMP push makes the live session playable: its playlist appears and segments keep coming', async () => {
    // The first run on a machine makes the clip (ffmpeg, some seconds); later runs reuse it from .data/.
    const session = await eventually(
      'the live session to get its HLS playback',
      () => getJson<PlaybackBody>(`${demo.url}/api/sessions/${demo.liveSessionId}`),
      (s) => s.playback?.kind === 'hls',
      150_000,
      500,
    );
    expect(demo.output()).toMatch(/live video: streaming a looping clip to ".+" through RTMP/);
    expect(session.status).toBe('live');
    expect(session.playback?.live).toBe(true);
    const url = session.playback?.url as string;
    const first = await eventually(
      'segments in the playlist',
      () => playlist(url),
      (p) => p.segments.length >= 2,
    );
    expect(first.ended).toBe(false);
    const later = await eventually(
      'the live playlist to grow',
      () => playlist(url),
      (p) => p.segments.length >= first.segments.length + 2,
      15_000,
      500,
    );
    expect(later.segments.slice(0, first.segments.length)).toEqual(first.segments);
    // The key never shows in the demo's output: only the session's title.
    expect(demo.output()).not.toMatch(new RegExp(`/live/${demo.liveSessionId}_`));
  }, 180_000);

  it('on a phone the live video plays with a LIVE badge, no seek bar, and SVG sound icons (vi and en)', async () => {
    const shopper = await Actor.open(browser, 'shopper', demo.url, SMALL_PHONE);
    try {
      const pathname = `/sessions/${demo.liveSessionId}`;
      for (const language of ['vi', 'en'] as const) {
        await setLanguage(shopper, language, pathname);
        const { page } = shopper;
        await eventually(
          'the video to play',
          () => videoTime(page),
          (t) => t > 0.5,
          30_000,
          250,
        );
        const before = await videoTime(page);
        await eventually(
          'the video time to advance',
          () => videoTime(page),
          (t) => t > before + 1,
          10_000,
        );

        const badge = shopper.get('player-live-badge');
        await badge.waitFor();
        expect(await badge.textContent()).toBe('LIVE');
        expect(await shopper.get('player').locator('input[type=range]').count()).toBe(0);
        expect(await shopper.get('player').textContent()).not.toMatch(/\d:\d\d/);
        const video = shopper.get('player-video');
        expect(await video.evaluate((v) => (v as unknown as PageVideo).controls)).toBe(false);
        expect(await video.evaluate((v) => (v as unknown as PageVideo).muted)).toBe(true);

        const unmute = shopper.get('player-unmute');
        expect(await unmute.textContent()).toBe(language === 'vi' ? 'Chạm để bật tiếng' : 'Tap to unmute');
        expect(await unmute.locator('svg').count()).toBe(1);
        expect(await smallTargets(page)).toEqual([]);
        await page.screenshot({ path: path.join(ARTIFACTS, `player-live-${language}.png`) });

        const scan = await scanPage(page, `live player (${language})`);
        problems.push(...describeScan(scan));
        expect(describeScan(scan)).toEqual([]);

        await unmute.click();
        await shopper.get('player-mute').waitFor();
        expect(await video.evaluate((v) => (v as unknown as PageVideo).muted)).toBe(false);
        expect(await shopper.get('player-mute').locator('svg').count()).toBe(1);
      }
      problems.push(...shopper.problems);
    } finally {
      await shopper.close();
    }
  }, 150_000);

  it('after the show the same page is a replay: the pins are chapters, and a tap jumps the video there', async () => {
    const api = `${demo.url}/api/sessions/${demo.liveSessionId}`;
    const live = await getJson<PlaybackBody>(api);
    // The host shows one more product a few seconds into the stream, then ends the show.
    const shown = new Set(live.pins.map((p) => p.productId));
    const next = live.lineup.find((id) => !shown.has(id));
    if (!next) throw new Error('the demo session has no lineup product left to pin');
    if (live.pins.length >= 3) {
      expect(await send(`${api}/pins/${live.pins[0]!.productId}`, 'DELETE', hostToken)).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await send(`${api}/pins`, 'POST', hostToken, { productId: next })).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(await send(`${api}/end`, 'POST', hostToken)).toBe(200);

    const ended = await eventually(
      'the replay',
      () => getJson<PlaybackBody>(api),
      (s) => s.status === 'ended' && s.playback?.kind === 'hls' && !s.playback.live,
      30_000,
    );
    await eventually(
      'the complete replay playlist',
      () => playlist(ended.playback!.url),
      (p) => p.ended,
      30_000,
    );

    const { chapters, recordingStartedAt } = await getJson<ChaptersBody>(`${api}/chapters`);
    expect(recordingStartedAt).toBe(ended.playback?.startedAt);
    expect(chapters.length).toBeGreaterThanOrEqual(2);
    const last = chapters.at(-1)!;
    expect(last.productId).toBe(next);
    expect(last.offsetSeconds).toBeGreaterThan(3);
    const offsets = chapters.map((c) => c.offsetSeconds);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);

    const shopper = await Actor.open(browser, 'replay', demo.url, SMALL_PHONE);
    try {
      const pathname = `/sessions/${demo.liveSessionId}`;
      for (const language of ['vi', 'en'] as const) {
        await setLanguage(shopper, language, pathname);
        const { page } = shopper;
        await settle(page);
        const list = shopper.get('player-chapters');
        await list.waitFor();
        const buttons = list.getByRole('button');
        expect(await buttons.count()).toBe(chapters.length);
        expect(await buttons.last().textContent()).toContain(last.name);
        expect(await shopper.get('player-live-badge').count()).toBe(0);
        const scrubber = shopper.get('player-scrubber');
        await eventually(
          'the replay duration',
          () => scrubber.evaluate((input) => Number((input as unknown as { max: string }).max)),
          (max) => max > last.offsetSeconds,
          20_000,
        );
        await buttons.last().click();
        const at = await eventually(
          'the jump to the last chapter',
          () => videoTime(page),
          (t) => Math.abs(t - last.offsetSeconds) < 1.5,
          10_000,
        );
        expect(at).toBeGreaterThan(last.offsetSeconds - 1.5);
        expect(await buttons.last().getAttribute('aria-current')).toBe('true');
        // The video plays on past the chapter's pin: the room's card slides to that product. Scanning while a card
        // slides would judge the colours of a half-transparent card.
        await eventually(
          "the last chapter's product on the card",
          async () =>
            (await page
              .locator(`[data-testid=pinned-product][data-product-id="${last.productId}"]`)
              .count()) > 0 && (await page.locator('.room-card.leaving').count()) === 0,
          (shown) => shown,
          10_000,
        );
        expect(await smallTargets(page)).toEqual([]);
        await page.screenshot({ path: path.join(ARTIFACTS, `player-replay-${language}.png`) });
        const scan = await scanPage(page, `replay with chapters (${language})`);
        problems.push(...describeScan(scan));
        expect(describeScan(scan)).toEqual([]);
      }
      problems.push(...shopper.problems);
    } finally {
      await shopper.close();
    }
  }, 150_000);
});
