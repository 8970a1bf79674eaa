import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkoutBody, idempotencyKey, MadeUser, socketAckOk } from '@ocop/testing';
import { send, sleep, until } from '../e2e/support/http';
import { probeQueues } from '../e2e/support/queues';
import { record, SocketPool } from '../e2e/support/sockets';
import { publishTestStream, Publisher } from './support/publisher';
import {
  MediaStack,
  probe,
  scheduleSession,
  segmentUris,
  sessionOf,
  startMediaStack,
  untilStatus,
} from './support/media-stack';

/** The secret half of a stream key `<session id>_<secret>` (the secret itself may hold '_'). */
const secretOf = (key: string): string => key.slice(key.indexOf('_') + 1);

// OBS (a synthetic one: ffmpeg) publishing over RTMP to the built media app, with the built api and worker on one
// database: the key takes the session live, HLS comes out over HTTP, a drop within the grace period is survived,
// a stop ends the show and leaves a complete replay that still sells.

jest.setTimeout(120_000);

const GRACE_S = 3;

interface StreamSettings {
  rtmpUrl: string;
  streamKey: string;
  ingestUrl: string;
  browserIngestUrl: string;
  publishing: boolean;
}

describe('RTMP ingest to HLS', () => {
  let stack: MediaStack;
  let host: MadeUser;
  const pool = new SocketPool();
  const publishers: Publisher[] = [];

  const publish = (url: string) => {
    const p = publishTestStream(url);
    publishers.push(p);
    return p;
  };

  beforeAll(async () => {
    stack = await startMediaStack('rtmp', { graceSeconds: GRACE_S, worker: true });
    host = await stack.streamer();
  });

  afterAll(async () => {
    pool.closeAll();
    await Promise.all(publishers.map((p) => p.stop()));
    await stack?.close();
  });

  async function settings(sessionId: string, token = host.accessToken): Promise<StreamSettings> {
    const res = await send<StreamSettings>(stack.api.url, 'GET', `/api/sessions/${sessionId}/stream`, {
      token,
    });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function playlistOf(sessionId: string): Promise<string> {
    const playback = (await sessionOf(stack, sessionId)).playback;
    if (!playback) return '';
    const res = await fetch(playback.url);
    return res.ok ? res.text() : '';
  }

  /** The publisher gives up on its own: the media app closed the connection. */
  async function expectRefused(p: Publisher): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const stillPublishing = new Promise<'still publishing'>((resolve) => {
      timer = setTimeout(() => resolve('still publishing'), 15_000);
    });
    // The 15 s timer is cleared once the publisher has gone, so it does not outlive the suite.
    const code = await Promise.race([p.exited, stillPublishing]).finally(() => clearTimeout(timer));
    expect(code).not.toBe('still publishing');
    expect(code).not.toBe(0);
  }

  describe('one show from go-live to replay', () => {
    let sessionId: string;
    let key: string;
    let first: Publisher;

    it('only the host and co-hosts see the key; it never appears in the public session', async () => {
      sessionId = (await scheduleSession(stack, host.accessToken)).id;
      const mine = await settings(sessionId);
      expect(mine.rtmpUrl).toBe(stack.media.rtmpUrl);
      expect(mine.ingestUrl).toBe(`${stack.media.rtmpUrl}/${mine.streamKey}`);
      expect(mine.browserIngestUrl).toBe(
        `${stack.media.httpUrl.replace('http', 'ws')}/ingest/ws?sessionId=${sessionId}`,
      );
      expect(await settings(sessionId)).toEqual(mine);
      key = mine.streamKey;
      const stranger = await stack.shopper();
      const denied = await send(stack.api.url, 'GET', `/api/sessions/${sessionId}/stream`, {
        token: stranger.accessToken,
      });
      expect(denied.status).toBe(403);
      expect(JSON.stringify(await sessionOf(stack, sessionId))).not.toContain(secretOf(key));
    });

    it('the first publish with the key takes it live, the room hears it, and HLS plays within 10 s', async () => {
      const viewer = await pool.connect(stack.api.url, (await stack.shopper()).accessToken);
      await socketAckOk(viewer, 'session:join', { sessionId });
      const states = record<{ status: string; playback: { url: string } | null }>(viewer, 'session:state');

      first = publish(`${stack.media.rtmpUrl}/${key}`);
      await states.until((s) => s.status === 'live', 10_000);
      const withVideo = await states.until((s) => s.playback !== null, 10_000);

      let playlist = '';
      await until(
        'a playable segment',
        async () => {
          playlist = await playlistOf(sessionId);
          return segmentUris(playlist).length > 0;
        },
        10_000,
        () => stack.media.output(),
      );
      const firstSegmentS = (Date.now() - first.startedAt) / 1000;
      expect(firstSegmentS).toBeLessThan(10);

      const detail = await sessionOf(stack, sessionId);
      expect(detail.status).toBe('live');
      expect(detail.playback).toEqual({
        kind: 'hls',
        url: `${stack.media.httpUrl}/hls/${sessionId}/index.m3u8`,
        live: true,
        startedAt: expect.any(String),
      });
      expect(withVideo.playback?.url).toBe(detail.playback?.url);

      const list = await fetch(detail.playback?.url ?? '', { headers: { origin: 'http://localhost:5173' } });
      expect(list.status).toBe(200);
      expect(list.headers.get('content-type')).toMatch(/^application\/vnd\.apple\.mpegurl/);
      expect(list.headers.get('cache-control')).toMatch(/no-cache/);
      expect(list.headers.get('access-control-allow-origin')).toBe('*');
      playlist = await list.text();
      expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
      expect(playlist).toContain('#EXT-X-PROGRAM-DATE-TIME:');
      expect(playlist).not.toContain('#EXT-X-ENDLIST');

      const segmentUrl = new URL(segmentUris(playlist)[0] ?? '', detail.playback?.url).toString();
      const segment = await fetch(segmentUrl);
      expect(segment.status).toBe(200);
      expect(segment.headers.get('content-type')).toBe('video/mp2t');
      expect(segment.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const file = path.join(os.tmpdir(), `ocop-seg-${process.pid}.ts`);
      fs.writeFileSync(file, Buffer.from(await segment.arrayBuffer()));
      try {
        const streams = probe(file);
        expect(streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
      } finally {
        fs.rmSync(file, { force: true });
      }
      expect((await settings(sessionId)).publishing).toBe(true);
    });

    it('a second publisher with the same key is refused while the first is on air', async () => {
      await expectRefused(publish(`${stack.media.rtmpUrl}/${key}`));
      expect((await sessionOf(stack, sessionId)).status).toBe('live');
    });

    it('a dropped connection that comes back within the grace period keeps the show live', async () => {
      const before = segmentUris(await playlistOf(sessionId)).length;
      await first.stop();
      await sleep(500);
      first = publish(`${stack.media.rtmpUrl}/${key}`);
      await sleep((GRACE_S + 2) * 1000);
      expect((await sessionOf(stack, sessionId)).status).toBe('live');
      await until(
        'segments of the resumed stream',
        async () => segmentUris(await playlistOf(sessionId)).some((u) => u.startsWith('p2_')),
        10_000,
        () => stack.media.output(),
      );
      const playlist = await playlistOf(sessionId);
      expect(segmentUris(playlist).length).toBeGreaterThan(before);
      expect(playlist).toContain('#EXT-X-DISCONTINUITY');
      expect(segmentUris(playlist)[0]).toMatch(/^p1_/);
    });

    it('pins and unpins are kept in time for the replay', async () => {
      const [a, b] = stack.productIds as [string, string];
      for (const [method, route, body] of [
        ['POST', `/api/sessions/${sessionId}/pins`, { productId: a }],
        ['POST', `/api/sessions/${sessionId}/pins`, { productId: b }],
        ['DELETE', `/api/sessions/${sessionId}/pins/${a}`, undefined],
      ] as const) {
        const res = await send(stack.api.url, method, route, { token: host.accessToken, body });
        expect(res.status).toBeLessThan(300);
      }
      const history = await send<{ productId: string; kind: string; at: string }[]>(
        stack.api.url,
        'GET',
        `/api/sessions/${sessionId}/pin-history`,
      );
      expect(history.status).toBe(200);
      expect(history.body.map((e) => [e.productId, e.kind])).toEqual([
        [a, 'pin'],
        [b, 'pin'],
        [a, 'unpin'],
      ]);
      const times = history.body.map((e) => Date.parse(e.at));
      expect([...times].sort((x, y) => x - y)).toEqual(times);
    });

    it('when the publisher stops, the show ends after the grace period and the replay is complete', async () => {
      await first.stop();
      const stoppedAt = Date.now();
      await sleep(1000);
      expect((await sessionOf(stack, sessionId)).status).toBe('live');
      await untilStatus(stack, sessionId, 'ended', (GRACE_S + 10) * 1000);
      expect((Date.now() - stoppedAt) / 1000).toBeGreaterThanOrEqual(GRACE_S);

      let playlist = '';
      await until(
        'the replay playlist closed with ENDLIST',
        async () => (playlist = await playlistOf(sessionId)).includes('#EXT-X-ENDLIST'),
        10_000,
        () => stack.media.output(),
      );
      const replay = await sessionOf(stack, sessionId);
      expect(replay.playback).toMatchObject({ kind: 'hls', live: false });
      expect(Date.parse(replay.playback?.startedAt ?? '')).toBeLessThanOrEqual(Date.now());
      const segments = segmentUris(playlist);
      expect(segments.length).toBeGreaterThanOrEqual(4);
      for (const uri of [segments[0], segments.at(-1)]) {
        const res = await fetch(new URL(uri ?? '', replay.playback?.url).toString(), { method: 'HEAD' });
        expect(res.status).toBe(200);
      }
    });

    it('an ended session takes no stream, even with its key', async () => {
      await expectRefused(publish(`${stack.media.rtmpUrl}/${key}`));
      expect((await sessionOf(stack, sessionId)).status).toBe('ended');
    });

    it('a purchase from the replay is credited to the replay channel', async () => {
      const buyer = await stack.shopper();
      const res = await send<{ orders: { id: string }[] }>(stack.api.url, 'POST', '/api/checkouts', {
        token: buyer.accessToken,
        headers: { 'idempotency-key': idempotencyKey() },
        body: checkoutBody([{ productId: stack.productIds[0] as string }], { sessionId }),
      });
      expect(res.status).toBe(201);
      const orderId = res.body.orders[0]?.id;
      let channel: string | undefined;
      await until(
        'the attribution record of the replay purchase',
        async () => {
          const rows = await stack.db.sql.query<{ channel: string; rule: string }>(
            `SELECT r.channel, r.rule FROM attribution_records r JOIN order_lines l ON l.id = r.order_line_id
              WHERE l.order_id = $1`,
            [orderId],
          );
          channel = rows.rows[0]?.channel;
          return channel !== undefined;
        },
        20_000,
        () => stack.worker?.output() ?? '',
      );
      expect(channel).toBe('replay');
    });

    it('a recording past its retention period is deleted and the replay reports no playback', async () => {
      const dir = path.join(stack.media.dataDir, 'hls', sessionId);
      expect(fs.existsSync(dir)).toBe(true);
      await stack.db.sql.query(
        `UPDATE live_sessions SET ended_at = ended_at - interval '31 days', started_at = started_at - interval '31 days'
          WHERE id = $1`,
        [sessionId],
      );
      const queues = probeQueues(process.env['REDIS_URL'] ?? '', stack.queuePrefix);
      try {
        await queues.queue('media').add('sweep-recordings', {});
      } finally {
        await queues.close();
      }
      await until(
        'the replay to report no playback',
        async () => (await sessionOf(stack, sessionId)).playback === null,
        10_000,
        () => stack.media.output(),
      );
      expect(fs.existsSync(dir)).toBe(false);
      expect((await fetch(`${stack.media.httpUrl}/hls/${sessionId}/index.m3u8`)).status).toBe(404);
    });
  });

  describe('keys that do not open a stream', () => {
    it('a wrong key, a rotated key and another session’s secret are refused; the session stays scheduled', async () => {
      const mine = (await scheduleSession(stack, host.accessToken)).id;
      const other = (await scheduleSession(stack, host.accessToken)).id;
      const old = (await settings(mine)).streamKey;
      const otherSecret = secretOf((await settings(other)).streamKey);
      const rotated = await send<StreamSettings>(
        stack.api.url,
        'POST',
        `/api/sessions/${mine}/stream-key/rotate`,
        {
          token: host.accessToken,
        },
      );
      expect(rotated.status).toBe(200);
      expect(rotated.body.streamKey).not.toBe(old);

      const attempts = [
        publish(`${stack.media.rtmpUrl}/${mine}_${'x'.repeat(32)}`),
        publish(`${stack.media.rtmpUrl}/${old}`),
        publish(`${stack.media.rtmpUrl}/${mine}_${otherSecret}`),
        publish(`${stack.media.rtmpUrl}/not-a-key`),
      ];
      await Promise.all(attempts.map((p) => expectRefused(p)));
      const detail = await sessionOf(stack, mine);
      expect(detail.status).toBe('scheduled');
      expect(detail.playback).toBeNull();
      expect(fs.existsSync(path.join(stack.media.dataDir, 'hls', mine))).toBe(false);
    });

    it('a cancelled session takes no stream', async () => {
      const id = (await scheduleSession(stack, host.accessToken)).id;
      const key = (await settings(id)).streamKey;
      expect(
        (await send(stack.api.url, 'POST', `/api/sessions/${id}/cancel`, { token: host.accessToken })).status,
      ).toBe(200);
      await expectRefused(publish(`${stack.media.rtmpUrl}/${key}`));
      expect((await sessionOf(stack, id)).status).toBe('cancelled');
    });

    it('a session linking a YouTube live shows it and takes no stream of ours', async () => {
      const linked = await scheduleSession(stack, host.accessToken, {
        externalStreamUrl: 'https://www.youtube.com/live/dQw4w9WgXcQ',
      });
      const detail = await sessionOf(stack, linked.id);
      expect(detail.playback).toEqual({
        kind: 'external',
        provider: 'youtube',
        url: 'https://www.youtube.com/live/dQw4w9WgXcQ',
        embedUrl: 'https://www.youtube.com/embed/dQw4w9WgXcQ',
        live: false,
      });
      const key = (await settings(linked.id)).streamKey;
      await expectRefused(publish(`${stack.media.rtmpUrl}/${key}`));
      const bad = await send<{ code: string }>(stack.api.url, 'PATCH', `/api/sessions/${linked.id}`, {
        token: host.accessToken,
        body: { externalStreamUrl: 'https://evil.example/live' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('INVALID_EXTERNAL_STREAM');
      const unlinked = await send<{ playback: unknown }>(
        stack.api.url,
        'PATCH',
        `/api/sessions/${linked.id}`,
        {
          token: host.accessToken,
          body: { externalStreamUrl: null },
        },
      );
      expect(unlinked.status).toBe(200);
      expect(unlinked.body.playback).toBeNull();
    });
  });
});
