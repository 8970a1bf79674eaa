import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { MadeUser } from '@ocop/testing';
import { sleep, until } from '../e2e/support/http';
import { MediaStack, scheduleSession, segmentUris, sessionOf, startMediaStack } from './support/media-stack';

// The studio's browser camera, played by a Node WebSocket client sending what Chromium's MediaRecorder sends
// (WebM with VP8 + Opus, cut into chunks at arbitrary byte boundaries) to the built media app. Bad connections are
// closed with clear codes while a healthy stream next to them keeps producing segments.

jest.setTimeout(120_000);

const GRACE_S = 3;
const CHUNK_BYTES = 32 * 1024;

/** A WebM like MediaRecorder's `video/webm;codecs=vp8,opus`, made once by ffmpeg from a test pattern and a tone. */
function makeWebm(seconds: number): Buffer {
  const file = path.join(os.tmpdir(), `ocop-camera-${process.pid}.webm`);
  const result = spawnSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=640x360:rate=30',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=660:sample_rate=48000',
      '-t',
      String(seconds),
      '-c:v',
      'libvpx',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-b:v',
      '800k',
      '-g',
      '30',
      '-c:a',
      'libopus',
      '-f',
      'webm',
      file,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`ffmpeg could not make the WebM: ${result.stderr}`);
  const bytes = fs.readFileSync(file);
  fs.rmSync(file, { force: true });
  return bytes;
}

interface Closed {
  code: number;
  reason: string;
}

function connect(url: string): Promise<{ ws: WebSocket; closed: Promise<Closed> }> {
  const ws = new WebSocket(url);
  const closed = new Promise<Closed>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('error', reject);
  });
}

/** Sends the WebM in chunks at about the pace a camera records it (the whole file over `seconds`). */
async function stream(ws: WebSocket, webm: Buffer, seconds: number, stop: () => boolean): Promise<void> {
  const chunks = Math.ceil(webm.length / CHUNK_BYTES);
  const pauseMs = (seconds * 1000) / chunks;
  for (let i = 0; i < chunks && !stop(); i++) {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(webm.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES), { binary: true });
    await sleep(pauseMs);
  }
}

describe('the browser camera ingest', () => {
  let stack: MediaStack;
  let host: MadeUser;
  let webm: Buffer;

  beforeAll(async () => {
    webm = makeWebm(20);
    stack = await startMediaStack('camera', { graceSeconds: GRACE_S });
    host = await stack.streamer();
  });

  afterAll(async () => {
    await stack?.close();
  });

  const ingestUrl = (sessionId: string, token?: string) =>
    `${stack.media.httpUrl.replace('http', 'ws')}/ingest/ws?sessionId=${sessionId}${token ? `&token=${token}` : ''}`;

  async function segmentCount(sessionId: string): Promise<number> {
    const playback = (await sessionOf(stack, sessionId)).playback;
    if (!playback) return 0;
    const res = await fetch(playback.url);
    return res.ok ? segmentUris(await res.text()).length : 0;
  }

  it('takes the session live and makes HLS; bad connections are refused while it keeps streaming', async () => {
    const healthy = (await scheduleSession(stack, host.accessToken)).id;
    const camera = await connect(ingestUrl(healthy, host.accessToken));
    let done = false;
    const sending = stream(camera.ws, webm, 20, () => done);

    await until(
      'segments from the camera',
      async () => (await segmentCount(healthy)) > 0,
      15_000,
      () => stack.media.output(),
    );
    const detail = await sessionOf(stack, healthy);
    expect(detail.status).toBe('live');
    expect(detail.playback).toMatchObject({ kind: 'hls', live: true });

    // Next to it: a guest, a signed-in stranger, text, garbage, a frame over 1 MiB, and a WebM header followed by junk.
    const target = (await scheduleSession(stack, host.accessToken)).id;
    const stranger = await stack.shopper();
    const guest = await connect(ingestUrl(target));
    const notHost = await connect(ingestUrl(target, stranger.accessToken));
    const unknown = await connect(ingestUrl('7b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8', host.accessToken));
    const text = await connect(ingestUrl(target, host.accessToken));
    text.ws.send('hello');
    const garbage = await connect(ingestUrl(target, host.accessToken));
    garbage.ws.send(Buffer.from('this is not a video, just bytes'.repeat(100)), { binary: true });
    const huge = await connect(ingestUrl(target, host.accessToken));
    huge.ws.send(Buffer.alloc(2 * 1024 * 1024, 7), { binary: true });

    expect(await guest.closed).toEqual({ code: 4401, reason: 'UNAUTHENTICATED' });
    expect(await notHost.closed).toEqual({ code: 4403, reason: 'HOST_OR_COHOST_ONLY' });
    expect(await unknown.closed).toEqual({ code: 4404, reason: 'SESSION_NOT_FOUND' });
    expect(await text.closed).toEqual({ code: 1003, reason: 'binary MediaRecorder chunks only' });
    expect(await garbage.closed).toEqual({ code: 1007, reason: 'not a WebM or MP4 stream' });
    expect((await huge.closed).code).toBe(1009);

    const corrupt = await connect(ingestUrl(target, host.accessToken));
    const junk = Buffer.concat([webm.subarray(0, 4), Buffer.alloc(256 * 1024, 0x5a)]);
    for (let i = 0; i < 4; i++) corrupt.ws.send(junk.subarray(i * 65536, (i + 1) * 65536), { binary: true });
    expect(await corrupt.closed).toEqual({ code: 1007, reason: 'the media could not be decoded' });

    // A second camera on the session already on air is refused; the first goes on.
    const second = await connect(ingestUrl(healthy, host.accessToken));
    second.ws.send(webm.subarray(0, CHUNK_BYTES), { binary: true });
    expect(await second.closed).toEqual({ code: 4409, reason: 'STREAM_ALREADY_PUBLISHING' });

    const before = await segmentCount(healthy);
    await until(
      'the healthy camera to keep producing segments',
      async () => (await segmentCount(healthy)) >= before + 2,
      10_000,
      () => stack.media.output(),
    );
    expect(camera.ws.readyState).toBe(WebSocket.OPEN);
    expect((await sessionOf(stack, healthy)).status).toBe('live');

    done = true;
    await sending;
    camera.ws.close(1000, 'host stopped');
    await camera.closed;
    await until(
      'the session to end after the grace period',
      async () => (await sessionOf(stack, healthy)).status === 'ended',
      (GRACE_S + 10) * 1000,
    );
    const replay = await sessionOf(stack, healthy);
    expect(replay.playback).toMatchObject({ kind: 'hls', live: false });
    await until(
      'the replay playlist closed',
      async () => (await (await fetch(replay.playback?.url ?? '')).text()).includes('#EXT-X-ENDLIST'),
      10_000,
    );
  });
});
