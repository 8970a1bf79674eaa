import { Browser } from 'playwright-core';
import { MadeUser } from '@ocop/testing';
import { until } from '../e2e/support/http';
import {
  assertWebBuilt,
  expectVideoAdvancing,
  FAKE_MEDIA_ARGS,
  launchVideoChromium,
  maybeScreenshot,
  VideoLike,
} from './support/browser';
import { watchCsp, type CspViolation } from '../e2e/web/support/browser';
import { MediaStack, scheduleSession, sessionOf, startMediaStack, untilStatus } from './support/media-stack';

// The studio's "go live from this phone's camera" in a real browser: the host signs in, opens the session in the
// studio and starts the camera (Chromium's fake camera and microphone); MediaRecorder's chunks go over the WebSocket
// to the media app, the session goes live, and a viewer in another browser context plays the result.

jest.setTimeout(90_000);

describe('the studio streams from the browser camera', () => {
  let stack: MediaStack;
  let browser: Browser;
  let host: MadeUser;
  /** The app runs under its Content-Security-Policy (media app origin, camera WebSocket, hls.js): none expected. */
  const cspViolations: CspViolation[] = [];

  beforeAll(async () => {
    assertWebBuilt();
    [stack, browser] = await Promise.all([
      startMediaStack('webcam', { graceSeconds: 5 }),
      launchVideoChromium(FAKE_MEDIA_ARGS),
    ]);
    host = await stack.streamer();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('goes live from the camera and a second context plays it', async () => {
    const sessionId = (await scheduleSession(stack, host.accessToken)).id;

    const studio = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await watchCsp(studio, cspViolations);
    const hostPage = await studio.newPage();
    await hostPage.goto(
      `${stack.api.url}/sign-in?next=${encodeURIComponent(`/studio/sessions/${sessionId}`)}`,
    );
    await hostPage.locator('#identifier').fill(host.email ?? '');
    await hostPage.locator('#password').fill(host.password);
    await hostPage.locator('form button[type="submit"]').click();
    await hostPage.waitForURL(`**/studio/sessions/${sessionId}`);

    const state = hostPage.getByTestId('camera-state');
    expect(await state.getAttribute('data-state')).toBe('idle');
    await hostPage.getByTestId('camera-start').click();
    await until(
      'the camera to be live',
      async () => (await state.getAttribute('data-state')) === 'live',
      20_000,
      async () =>
        `${await state.getAttribute('data-state')}: ${await hostPage.locator('.camera-panel').innerText()}`,
      250,
    );
    const preview = hostPage.getByTestId('camera-preview');
    expect(await preview.isVisible()).toBe(true);
    await until(
      'the preview to show the camera',
      () =>
        preview.evaluate((element: unknown) => {
          const video = element as VideoLike;
          return video.videoWidth > 0 && video.readyState >= 2;
        }),
      // Chromium's fake camera takes seconds to start when the machine is busy.
      30_000,
    );

    await untilStatus(stack, sessionId, 'live', 20_000);
    await until(
      'the camera stream segments',
      async () => (await sessionOf(stack, sessionId)).playback !== null,
      25_000,
      () => stack.media.output().slice(-3000),
    );
    await hostPage.getByTestId('session-status').and(hostPage.locator('[data-status="live"]')).waitFor();

    const audience = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await watchCsp(audience, cspViolations);
    const viewer = await audience.newPage();
    await viewer.goto(`${stack.api.url}/sessions/${sessionId}`);
    await viewer.getByTestId('player-video').waitFor();
    await expectVideoAdvancing(viewer, 'the camera stream', { timeoutMs: 30_000 });
    await maybeScreenshot(viewer, 'camera-viewer-390');
    await maybeScreenshot(hostPage, 'camera-studio-390');

    await hostPage.getByTestId('camera-stop').click();
    await until(
      'the camera to stop',
      async () => (await state.getAttribute('data-state')) === 'stopped',
      5000,
    );
    expect(await preview.isVisible()).toBe(false);
    expect(cspViolations).toEqual([]);
    await audience.close();
    await studio.close();
  });
});
