import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MadeUser } from '@ocop/testing';
import { send, until } from '../e2e/support/http';
import { publishTestStream, Publisher } from './support/publisher';
import {
  MediaStack,
  probe,
  scheduleSession,
  sessionOf,
  startMediaStack,
  untilStatus,
} from './support/media-stack';

// OBS (a synthetic one: ffmpeg) publishing over RTMP to the built media app: the session cards' thumbnail is a
// real frame of what is on air, renewed every few seconds and cached only that long; the replay gets a poster that
// never changes.

jest.setTimeout(120_000);

interface Frame {
  url: string;
  capturedAt: string;
}

interface SessionWithFrames {
  id: string;
  status: string;
  thumbnail: Frame | null;
  poster: Frame | null;
}

async function framesOf(stack: MediaStack, id: string): Promise<SessionWithFrames> {
  return (await sessionOf(stack, id)) as unknown as SessionWithFrames;
}

/** Downloads an image and asks ffprobe what it is. */
async function probeImage(
  url: string,
): Promise<{ res: Response; codec: string; width: number; height: number }> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const file = path.join(os.tmpdir(), `ocop-frame-${process.pid}-${Date.now()}.jpg`);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  try {
    const [stream] = probe(file) as unknown as { codec_name: string; width: number; height: number }[];
    return { res, codec: stream?.codec_name ?? '', width: stream?.width ?? 0, height: stream?.height ?? 0 };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('still frames of a live stream', () => {
  let stack: MediaStack;
  let host: MadeUser;
  let publisher: Publisher | undefined;

  beforeAll(async () => {
    stack = await startMediaStack('frames', { graceSeconds: 30, thumbnailSeconds: 1 });
    host = await stack.streamer();
  });

  afterAll(async () => {
    await publisher?.stop();
    await stack?.close();
  });

  it('a live session gets a thumbnail from its stream, renewed every few seconds, in its page and the listing', async () => {
    const { id } = await scheduleSession(stack, host.accessToken);
    expect((await framesOf(stack, id)).thumbnail).toBeNull();
    const settings = await send<{ streamKey: string }>(stack.api.url, 'GET', `/api/sessions/${id}/stream`, {
      token: host.accessToken,
    });
    publisher = publishTestStream(`${stack.media.rtmpUrl}/${settings.body.streamKey}`, { size: '1280x720' });
    await untilStatus(stack, id, 'live', 15_000);

    let first: Frame | null = null;
    await until(
      'a thumbnail in the session view',
      async () => (first = (await framesOf(stack, id)).thumbnail) !== null,
      15_000,
      () => stack.media.output(),
    );
    const thumb = first as unknown as Frame;
    expect(thumb.url).toMatch(new RegExp(`^${stack.media.httpUrl}/hls/${id}/thumb\\.jpg\\?v=\\d+$`));
    // The frame is of this stream: taken after the publisher started, not in the future.
    expect(Date.parse(thumb.capturedAt)).toBeGreaterThanOrEqual(publisher.startedAt - 1000);
    expect(Date.parse(thumb.capturedAt)).toBeLessThanOrEqual(Date.now() + 1000);

    const image = await probeImage(thumb.url);
    expect(image.res.headers.get('content-type')).toBe('image/jpeg');
    expect(image.res.headers.get('cache-control')).toBe('public, max-age=5');
    expect(image.res.headers.get('access-control-allow-origin')).toBe('*');
    expect(image.codec).toBe('mjpeg');
    // 1280x720 on air, 480 px wide on the card, aspect kept.
    expect(image.width).toBe(480);
    expect(image.height).toBe(270);
    expect(Number(image.res.headers.get('content-length'))).toBeLessThan(60_000);

    // The listing the home page reads carries it too.
    const live = await send<{ items: SessionWithFrames[] }>(
      stack.api.url,
      'GET',
      '/api/sessions?status=live',
    );
    expect(live.body.items.find((s) => s.id === id)?.thumbnail?.url).toMatch(/thumb\.jpg\?v=\d+$/);

    // A newer frame comes a few seconds later, under a new URL.
    let next: Frame | null = null;
    await until(
      'a newer thumbnail',
      async () => {
        next = (await framesOf(stack, id)).thumbnail;
        return next !== null && Date.parse(next.capturedAt) > Date.parse(thumb.capturedAt);
      },
      15_000,
      () => stack.media.output(),
    );
    expect((next as unknown as Frame).url).not.toBe(thumb.url);
    expect((await framesOf(stack, id)).poster).toBeNull();

    // The host ends the show while the publisher is still on air: the thumbnail goes, the replay gets a poster.
    const ended = await send(stack.api.url, 'POST', `/api/sessions/${id}/end`, { token: host.accessToken });
    expect(ended.status).toBe(200);
    let poster: Frame | null = null;
    await until(
      'the replay poster',
      async () => (poster = (await framesOf(stack, id)).poster) !== null,
      20_000,
      () => stack.media.output(),
    );
    const after = await framesOf(stack, id);
    expect(after.status).toBe('ended');
    expect(after.thumbnail).toBeNull();
    const posterFrame = poster as unknown as Frame;
    expect(posterFrame.url).toBe(`${stack.media.httpUrl}/hls/${id}/poster.jpg`);
    const posterImage = await probeImage(posterFrame.url);
    expect(posterImage.res.headers.get('content-type')).toBe('image/jpeg');
    expect(posterImage.res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect([posterImage.codec, posterImage.width, posterImage.height]).toEqual(['mjpeg', 480, 270]);
  });

  it('no frame for names the media app does not serve', async () => {
    const { id } = await scheduleSession(stack, host.accessToken);
    for (const name of ['thumb.png', 'poster.jpg.tmp', '..%2Fthumb.jpg']) {
      const res = await fetch(`${stack.media.httpUrl}/hls/${id}/${name}`);
      expect(res.status).toBe(404);
    }
  });
});
