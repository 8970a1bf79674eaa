// The demo's live session shows real video from its first minute: a short clip drawn from the session's own product
// photos (a slideshow with a slow zoom and a soft tone, 9:16, 720x1280, H.264 + AAC), made once with ffmpeg and
// cached under .data/, is pushed in a loop through the media app's real RTMP ingest with the session's stream key,
// exactly as a host's OBS would. Plain Node and Debian's ffmpeg; the supervisor restarts the push if it dies and
// stops it on Ctrl-C.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DATA_DIR, log, fail, waitFor } from './util.mjs';

/** Bump when the clip's recipe changes, so a cached clip of the old recipe is made again. */
const RECIPE = 'v1';
const WIDTH = 720;
const HEIGHT = 1280;
const FPS = 25;
/** Seconds each photo stays on screen (the clip loops, so the slideshow runs on for as long as the demo). */
const PER_PHOTO = 4;
const MAX_PHOTOS = 6;

/** What the seed printed about the session it put on air, and the demo accounts' password. */
export function liveSessionOf(seedOutput) {
  const id = /Live now: .*\n\s+session id: ([0-9a-f-]{36})/.exec(seedOutput)?.[1];
  const host = /\n\s+host:\s+(\S+@\S+)/.exec(seedOutput)?.[1];
  const password = /password for every account: ([^)\s]+)\)/.exec(seedOutput)?.[1];
  return id && host && password ? { id, host, password } : null;
}

async function api(base, pathname, { token, body } = {}) {
  const res = await fetch(new URL(pathname, base), {
    method: body ? 'POST' : 'GET',
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`${pathname} answered ${res.status}`);
  return res.json();
}

/** The JPEG of an image about 960 px wide (the api's srcset), else its 480 px src. */
function jpegOf(image) {
  const candidates = (image.srcset?.jpeg ?? '')
    .split(',')
    .map((part) => part.trim().split(/\s+/))
    .filter(([url, width]) => url && width?.endsWith('w'))
    .map(([url, width]) => ({ url, width: Number.parseInt(width, 10) }))
    .sort((a, b) => a.width - b.width);
  const wide = candidates.find((c) => c.width >= 960) ?? candidates.at(-1);
  return wide?.url ?? image.src;
}

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => {
      errors = (errors + chunk).slice(-4000);
    });
    child.on('error', (error) => resolve({ code: 1, errors: error.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, errors }));
  });
}

/**
 * The ffmpeg arguments of the slideshow: each photo over a blurred, darkened copy of itself filling the 9:16 frame,
 * slowly zooming in, faded in and out; a quiet two-note tone under it. A key frame every second, so the media app's
 * 1 s HLS segments cut cleanly when it copies the stream.
 */
export function clipArgs(photos, output) {
  const seconds = photos.length * PER_PHOTO;
  // Each photo is read once; its blurred background and its sized copy are made once and repeated (loop), so only
  // the zoom and the overlay run per frame.
  const inputs = photos.flatMap((file) => ['-i', file]);
  const frames = PER_PHOTO * FPS;
  const repeat = `loop=loop=${frames - 1}:size=1:start=0,setpts=N/${FPS}/TB`;
  const fgWidth = Math.round(WIDTH * 0.92);
  const scenes = photos.map((_, i) =>
    [
      `[${i}:v]format=yuv420p,setsar=1,split[bg${i}][fg${i}]`,
      `[bg${i}]scale=${WIDTH}:${HEIGHT}:force_original_aspect_ratio=increase,crop=${WIDTH}:${HEIGHT},` +
        `boxblur=24:2,eq=brightness=-0.18,${repeat}[blur${i}]`,
      // The whole photo, at most 92 % of the width and 70 % of the height, growing by 8 % over its few seconds.
      `[fg${i}]scale=${fgWidth}:${Math.round(HEIGHT * 0.7)}:force_original_aspect_ratio=decrease,${repeat},` +
        `scale=w='trunc(iw*(1+0.08*n/${frames})/2)*2':h=-2:eval=frame[zoom${i}]`,
      `[blur${i}][zoom${i}]overlay=x='(W-w)/2':y='(H-h)/2-${Math.round(HEIGHT * 0.06)}':eval=frame,` +
        `fade=t=in:st=0:d=0.4,fade=t=out:st=${PER_PHOTO - 0.4}:d=0.4,setsar=1,format=yuv420p[s${i}]`,
    ].join(';'),
  );
  const concat = `${photos.map((_, i) => `[s${i}]`).join('')}concat=n=${photos.length}:v=1:a=0[v]`;
  // A soft C and G, breathing slowly in volume: something to hear when the viewer unmutes.
  const tone = `aevalsrc='0.05*(sin(2*PI*261.63*t)+0.7*sin(2*PI*392*t))*(0.65+0.35*sin(2*PI*0.25*t))':s=44100:d=${seconds}[a]`;
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    ...inputs,
    '-filter_complex',
    [...scenes, concat, tone].join(';'),
    '-map',
    '[v]',
    '-map',
    '[a]',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-profile:v',
    'main',
    '-crf',
    '26',
    '-maxrate',
    '2500k',
    '-bufsize',
    '5000k',
    '-r',
    String(FPS),
    '-g',
    String(FPS),
    '-keyint_min',
    String(FPS),
    '-sc_threshold',
    '0',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-ac',
    '2',
    '-t',
    String(seconds),
    '-movflags',
    '+faststart',
    output,
  ];
}

/**
 * The clip for these photos: made once (into a temporary name, then renamed) and reused by every later run, keyed by
 * the photos' bytes (the seed draws the same pictures every time, whatever their ids in this database).
 */
async function ensureClip(scope, base, images) {
  const dir = path.join(DATA_DIR, 'demo-stream');
  fs.mkdirSync(dir, { recursive: true });
  const work = fs.mkdtempSync(path.join(dir, 'work-'));
  try {
    const photos = [];
    const hash = crypto.createHash('sha256').update(RECIPE);
    for (const [index, image] of images.entries()) {
      const res = await fetch(new URL(jpegOf(image), base), { signal: AbortSignal.timeout(15_000) });
      if (!res.ok) continue;
      const bytes = Buffer.from(await res.arrayBuffer());
      hash.update(bytes);
      const file = path.join(work, `photo-${index}.jpg`);
      fs.writeFileSync(file, bytes);
      photos.push(file);
    }
    if (photos.length === 0) throw new Error('none of the session photos could be downloaded');
    const clip = path.join(dir, `clip-${hash.digest('hex').slice(0, 16)}.mp4`);
    if (fs.existsSync(clip)) return clip;

    log(
      scope,
      `making the live session's video clip from ${photos.length} product photos (once; kept in .data/)...`,
    );
    const partial = path.join(work, 'clip.mp4');
    const { code, errors } = await run('ffmpeg', clipArgs(photos, partial));
    if (code !== 0) throw new Error(`ffmpeg could not make the clip: ${errors.trim().split('\n').at(-1)}`);
    fs.renameSync(partial, clip);
    return clip;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function portOpen(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The address ffmpeg pushes to: the media app's RTMP port on this machine (or the host it is bound to). */
function rtmpHost(env) {
  const host = env.MEDIA_HOST;
  return !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

/** How long a push must last before a stop counts as new trouble again (the backoff starts over). */
const STEADY_MS = 60_000;

/**
 * Keeps ffmpeg pushing the clip while the session is open: each start signs in as the host and reads the current
 * stream key (the host may have rotated it in the studio); a push that stops is started again with backoff (1 s,
 * doubling to 30 s); once the session has ended (the host ended it, or the media app after a drop) the push stops
 * for good. ffmpeg runs quiet: its messages would print the RTMP URL, which holds the secret key.
 */
function keepPushing({ scope, supervisor, base, live, clip, host, port, title, env }) {
  let delayMs = 1000;
  let restarts = 0;
  const later = () => {
    if (supervisor.stopping) return;
    setTimeout(() => void start(), delayMs);
    delayMs = Math.min(delayMs * 2, 30_000);
  };
  const start = async () => {
    if (supervisor.stopping) return;
    let streamKey;
    try {
      const session = await api(base, `/api/sessions/${live.id}`);
      if (session.status !== 'live' && session.status !== 'scheduled') {
        log(scope, `live video: "${title}" is over (${session.status}); the demo stream stops`);
        return;
      }
      const { accessToken } = await api(base, '/api/auth/sign-in', {
        body: { identifier: live.host, password: live.password },
      });
      ({ streamKey } = await api(base, `/api/sessions/${live.id}/stream`, { token: accessToken }));
    } catch (error) {
      fail(scope, `live video: cannot reach the api (${error.message}); trying again in ${delayMs / 1000} s`);
      later();
      return;
    }
    if (supervisor.stopping) return;
    const startedAt = Date.now();
    const args = ['-hide_banner', '-nostdin', '-loglevel', 'quiet', '-re', '-stream_loop', '-1', '-i', clip];
    const { child } = supervisor.spawn(
      'ffmpeg',
      [...args, '-c', 'copy', '-f', 'flv', `rtmp://${host}:${port}/live/${streamKey}`],
      {
        env,
        onExit: (code, signal) => {
          if (supervisor.stopping) return;
          if (Date.now() - startedAt >= STEADY_MS) delayMs = 1000;
          restarts += 1;
          fail(
            scope,
            `live video: the push stopped (${signal ?? `code ${code}`}); checking the session in ${delayMs / 1000} s`,
          );
          later();
        },
      },
    );
    log(
      scope,
      restarts === 0
        ? `live video: streaming a looping clip to "${title}" through RTMP (ffmpeg pid ${child.pid})`
        : `live video: the demo stream started again (ffmpeg pid ${child.pid})`,
    );
  };
  void start();
}

/**
 * Pushes the looping clip to the seeded live session, kept up while the session is open. Resolves once the push has
 * been started (true) or with false after saying why there is none; never throws: the rest of the demo runs either
 * way.
 */
export async function startDemoStream({ scope, supervisor, base, seedOutput, env }) {
  if (env.DEMO_STREAM === '0') {
    log(scope, 'live video: the demo stream is off (DEMO_STREAM=0); stream from OBS with the studio key');
    return false;
  }
  const live = liveSessionOf(seedOutput);
  if (!live) {
    fail(scope, 'live video: the seed named no live session, so the demo streams nothing');
    return false;
  }
  try {
    const session = await api(base, `/api/sessions/${live.id}`);
    const images = [
      ...(session.lineupProducts ?? []).flatMap((p) => (p.image ? [p.image] : [])),
      ...(session.cover ? [session.cover] : []),
    ].slice(0, MAX_PHOTOS);
    if (images.length === 0) throw new Error('the live session has no photos to show');
    const clip = await ensureClip(scope, base, images);
    if (supervisor.stopping) return false;

    const host = rtmpHost(env);
    const port = Number(env.MEDIA_RTMP_PORT || 1935);
    if (!(await waitFor(() => portOpen(host, port), { timeoutMs: 60_000, intervalMs: 500 }))) {
      throw new Error(`the media app's RTMP port ${host}:${port} did not open`);
    }
    if (supervisor.stopping) return false;
    keepPushing({ scope, supervisor, base, live, clip, host, port, title: session.title, env });
    return true;
  } catch (error) {
    fail(scope, `live video: the demo stream did not start (${error.message}); the rest of the demo runs`);
    return false;
  }
}
