import { Browser } from 'playwright-core';
import { MadeUser } from '@ocop/testing';
import { sleep, until } from '../e2e/support/http';
import { SocketPool } from '../e2e/support/sockets';
import {
  assertWebBuilt,
  expectVideoAdvancing,
  launchVideoChromium,
  maybeScreenshot,
  VideoLike,
  playerState,
  supportsH264,
  videoTime,
} from './support/browser';
import { watchCsp, type CspViolation } from '../e2e/web/support/browser';
import { MediaStack, scheduleSession, sessionOf, startMediaStack, untilStatus } from './support/media-stack';
import { publishTestStream, Publisher } from './support/publisher';

// The viewer's side of the video path in a real browser: OBS (ffmpeg) pushes RTMP with the session's key, and
// Chromium opens the session page the api serves from dist/web and plays the HLS with hls.js: live, through a
// publisher's drop and grace reconnect ("reconnecting…", then moving again), and after the end as a replay whose
// chat and pinned products follow the video's time.

jest.setTimeout(90_000);

const GRACE_S = 30;

interface Ack<T> {
  ok: boolean;
  data?: T;
  error?: { code: string };
}

describe('the session page plays the stream in Chromium', () => {
  let stack: MediaStack;
  let browser: Browser;
  let host: MadeUser;
  /** The app runs under its Content-Security-Policy (media app origin, hls.js with blob: media): none expected. */
  const cspViolations: CspViolation[] = [];
  const publishers: Publisher[] = [];
  const sockets = new SocketPool();

  beforeAll(async () => {
    assertWebBuilt();
    [stack, browser] = await Promise.all([
      startMediaStack('webplay', { graceSeconds: GRACE_S }),
      launchVideoChromium(['--autoplay-policy=user-gesture-required']),
    ]);
    host = await stack.streamer();
  });

  afterAll(async () => {
    sockets.closeAll();
    await Promise.all(publishers.map((p) => p.stop()));
    await browser?.close();
    await stack?.close();
  });

  async function api<T>(method: string, route: string, token: string, body?: unknown): Promise<T> {
    const res = await fetch(`${stack.api.url}${route}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  it('plays live, shows reconnecting through a drop and resumes, then replays with chat and pins in time', async () => {
    const sessionId = (await scheduleSession(stack, host.accessToken)).id;
    const stream = await api<{ ingestUrl: string }>(
      'GET',
      `/api/sessions/${sessionId}/stream`,
      host.accessToken,
    );
    const publish = () => {
      const publisher = publishTestStream(stream.ingestUrl);
      publishers.push(publisher);
      return publisher;
    };
    let obs = publish();
    await until(
      'the first segment',
      async () => (await sessionOf(stack, sessionId)).playback !== null,
      20_000,
      () => obs.output() + stack.media.output().slice(-2000),
    );

    const viewer = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await watchCsp(viewer, cspViolations);
    const page = await viewer.newPage();
    await page.goto(`${stack.api.url}/sessions/${sessionId}`);
    if (!(await supportsH264(page))) {
      throw new Error('this Chromium has no H.264/AAC in Media Source Extensions: it cannot play the HLS');
    }
    await page.getByTestId('player-video').waitFor();
    await expectVideoAdvancing(page, 'live');
    expect(await page.getByTestId('player-video').getAttribute('data-status')).toBe('ready');
    // Muted autoplay, with the sound one tap away.
    expect(
      await page.getByTestId('player-video').evaluate((element: unknown) => (element as VideoLike).muted),
    ).toBe(true);
    await page.getByRole('button', { name: /bật tiếng/ }).click();
    expect(
      await page.getByTestId('player-video').evaluate((element: unknown) => (element as VideoLike).muted),
    ).toBe(false);
    await maybeScreenshot(page, 'session-live-390');
    await page.getByTestId('chat-list').scrollIntoViewIfNeeded();
    await maybeScreenshot(page, 'session-live-390-scrolled');

    // While live: a shopper says something and the host pins a product; the replay shows both from then on.
    const shopper = await stack.shopper();
    const socket = await sockets.connect(stack.api.url, shopper.accessToken);
    const joined = await socket.emitWithAck('session:join', { sessionId });
    expect((joined as Ack<unknown>).ok).toBe(true);
    const said = (await socket.emitWithAck('chat:send', {
      sessionId,
      text: 'Mật ong này có ship Đà Nẵng không?',
    })) as Ack<{ id: string; seq: number; createdAt: string }>;
    expect(said.ok).toBe(true);
    const [pinnedId, otherId] = stack.productIds as [string, string];
    await sleep(2000);
    await api('POST', `/api/sessions/${sessionId}/pins`, host.accessToken, { productId: pinnedId });
    await page.locator(`[data-testid="pinned-product"][data-product-id="${pinnedId}"]`).waitFor();
    await page.locator(`[data-testid="chat-message"][data-seq="${said.data?.seq}"]`).waitFor();

    // The publisher drops: the live stands still and says so, then moves again once OBS is back within the grace.
    await obs.stop();
    await until(
      'the player to show reconnecting',
      async () => (await page.getByTestId('player-video').getAttribute('data-status')) === 'reconnecting',
      15_000,
      () => playerState(page),
      250,
    );
    await page.getByText('Đang kết nối lại…').waitFor();
    obs = publish();
    await expectVideoAdvancing(page, 'after the reconnect', { timeoutMs: 30_000 });
    await until(
      'the reconnecting notice to clear',
      async () => (await page.getByTestId('player-video').getAttribute('data-status')) !== 'reconnecting',
      10_000,
      () => playerState(page),
      250,
    );

    // The host ends the show: the same URL becomes the replay (ENDLIST).
    await api('POST', `/api/sessions/${sessionId}/end`, host.accessToken);
    await untilStatus(stack, sessionId, 'ended', 10_000);
    await obs.stop();
    const replay = (await sessionOf(stack, sessionId)).playback;
    expect(replay).toMatchObject({ kind: 'hls', live: false });
    await until(
      'the replay playlist closed',
      async () => (await (await fetch(replay?.url ?? '')).text()).includes('#EXT-X-ENDLIST'),
      10_000,
    );
    await viewer.close();

    // A replay viewer: the video plays from the start; chat and pins appear at the video time they happened.
    const later = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await watchCsp(later, cspViolations);
    const replayPage = await later.newPage();
    await replayPage.goto(`${stack.api.url}/sessions/${sessionId}`);
    await replayPage.getByTestId('player-video').waitFor();
    await expectVideoAdvancing(replayPage, 'replay');
    expect(await videoTime(replayPage)).toBeLessThan(20);

    const startedAt = Date.parse(replay?.startedAt ?? '');
    const saidAt = (Date.parse(said.data?.createdAt ?? '') - startedAt) / 1000;
    const seek = (seconds: number) =>
      replayPage.getByTestId('player-video').evaluate((element: unknown, s: number) => {
        const video = element as VideoLike;
        video.pause();
        video.currentTime = s;
      }, seconds);
    const message = replayPage.locator(`[data-testid="chat-message"][data-seq="${said.data?.seq}"]`);
    const cards = replayPage.getByTestId('pinned-product');

    await seek(Math.max(0, saidAt - 1.5));
    await until('the replay before the message', async () => (await message.count()) === 0, 5000);
    // Before the pin, the room shows no product over the video; the bag holds the lineup (both products).
    await until('no product shown before the pin', async () => (await cards.count()) === 0, 5000);
    await replayPage.getByTestId('bag-button').click();
    const bag = replayPage.getByTestId('bag-sheet');
    await bag.waitFor();
    expect(await bag.locator(`[data-testid="bag-item"][data-product-id="${otherId}"]`).count()).toBe(1);
    expect(await bag.locator(`[data-testid="bag-item"][data-product-id="${pinnedId}"]`).count()).toBe(1);
    await replayPage.keyboard.press('Escape');
    await bag.waitFor({ state: 'detached' });

    await seek(saidAt + 5);
    await message.waitFor({ timeout: 5000 });
    await until('the pinned product shown after the pin', async () => (await cards.count()) === 1, 5000);
    const pinnedCard = replayPage.locator(`[data-testid="pinned-product"][data-product-id="${pinnedId}"]`);
    expect(await pinnedCard.count()).toBe(1);
    expect(await pinnedCard.getByTestId('buy-button').isEnabled()).toBe(true);
    await maybeScreenshot(replayPage, 'session-replay-390');
    expect(cspViolations).toEqual([]);
    await later.close();
  });
});
