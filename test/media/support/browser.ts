import fs from 'node:fs';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { sleep, until } from '../../e2e/support/http';
import { ROOT } from '../../e2e/support/replicas';
import { launchChromium } from '../../support/chromium';

/**
 * Chromium for the browser side of the video path: the system's Debian build (H.264/AAC in MSE, MediaRecorder),
 * headless, no network services of its own. The api serves the built web app (dist/web) at `/`.
 */

/** The parts of the page's <video> the tests read (the repository's Node typings have no DOM). */
export interface VideoLike {
  currentTime: number;
  muted: boolean;
  paused: boolean;
  readyState: number;
  videoWidth: number;
  error: { code: number } | null;
  dataset: Record<string, string | undefined>;
  pause: () => void;
}

interface DocumentLike {
  querySelector: (selector: string) => unknown;
}

/** Fake camera and microphone, granted without a prompt (the studio's "go live from this phone's camera"). */
export const FAKE_MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

export function assertWebBuilt(): void {
  const index = path.join(ROOT, 'dist', 'web', 'index.html');
  if (!fs.existsSync(index))
    throw new Error(`${index} is missing: run \`npm run build\` (the api serves the web app)`);
}

/** The shared Chromium, told to keep its shared memory in /tmp: video buffers outgrow a container's small /dev/shm. */
export function launchVideoChromium(extraArgs: string[] = []): Promise<Browser> {
  return launchChromium(['--disable-dev-shm-usage', ...extraArgs]);
}

/** The session page's video clock (seconds), or -1 while there is no video element. */
export function videoTime(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: DocumentLike }).document;
    const video = doc.querySelector('[data-testid="player-video"]') as VideoLike | null;
    return video ? video.currentTime : -1;
  });
}

/**
 * Waits until the player's video moves, then until its clock has advanced by more than a second (at least `gapMs`
 * after the first read, at most `settleMs`): a live stream on a loaded machine may wait a moment at the live edge
 * for its next segment, but a video that plays keeps moving.
 */
export async function expectVideoAdvancing(
  page: Page,
  label: string,
  options: { timeoutMs?: number; gapMs?: number; settleMs?: number } = {},
): Promise<{ first: number; second: number }> {
  const start = await videoTime(page);
  await until(
    `${label}: the video to play`,
    async () => {
      const now = await videoTime(page);
      return now > 0 && now !== start;
    },
    options.timeoutMs ?? 25_000,
    async () => `currentTime ${await videoTime(page)}, player: ${await playerState(page)}`,
    250,
  );
  const first = await videoTime(page);
  const earliest = Date.now() + (options.gapMs ?? 3000);
  const deadline = Date.now() + (options.settleMs ?? 20_000);
  let second = first;
  for (;;) {
    await sleep(250);
    second = await videoTime(page);
    if (second > first + 1 && Date.now() >= earliest) return { first, second };
    if (Date.now() > deadline) break;
  }
  throw new Error(
    `${label}: currentTime went only from ${first} to ${second} in ${options.settleMs ?? 20_000} ms (player: ${await playerState(page)})`,
  );
}

/** The player's data-status and what it shows the viewer, for failure messages and waits. */
export function playerState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: DocumentLike }).document;
    const video = doc.querySelector('[data-testid="player-video"]') as VideoLike | null;
    const player = doc.querySelector('[data-testid="player"]') as { textContent: string | null } | null;
    if (!video) return `no video; player shows: ${player?.textContent ?? 'nothing'}`;
    return `${video.dataset['status']} paused=${video.paused} readyState=${video.readyState} error=${video.error?.code ?? 'none'}`;
  });
}

/** Whether this Chromium plays H.264 + AAC through Media Source Extensions (what the media app's HLS carries). */
export function supportsH264(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    (
      globalThis as unknown as { MediaSource: { isTypeSupported: (type: string) => boolean } }
    ).MediaSource.isTypeSupported('video/mp4; codecs="avc1.4d401f,mp4a.40.2"'),
  );
}

/** Saves a screenshot under MEDIA_SCREENSHOT_DIR when set (to look at the page by eye). */
export async function maybeScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env['MEDIA_SCREENSHOT_DIR'];
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}
