#!/usr/bin/env node
// `npm run bench -- video`: the live video path on one machine: how soon a push becomes playable, how far a player
// runs behind live, what one stream costs the media app, how many 720p30 streams two cores hold, and what the studio's
// browser camera (transcoded) costs.
//
// Setup: a fresh database ocop_bench_video_<pid>, migrated and seeded with the cli; the built api and the built media
// app (dist/, NODE_ENV=production). One 720p30 H.264 (veryfast, 2 Mbit/s, a key frame a second) + AAC FLV file is
// encoded once; every publisher is then `ffmpeg -re -stream_loop -1 -i that.flv -c copy -f flv rtmp://...` at nice 19:
// a remote OBS whose encoding costs this machine nothing and whose sending yields the CPU to the media app. The
// publishers still run here, so their CPU is measured apart (publishers_cpu_pct) to tell who ran out first.
// MEDIA_STREAM_GRACE_SECONDS is an hour, so no grace job of a stopped stream fires in the middle of a measurement.
//
// Measured:
//   first_segment_s            publisher spawned -> the first segment listed in the playlist served over HTTP (median
//                              of BENCH_FIRST_RUNS sessions, each a fresh publish that takes a scheduled session live);
//   viewer_latency_s           how far a player runs behind live: Debian's Chromium (playwright-core) playing the live
//                              playlist with hls.js, wall clock minus hls.playingDate (EXT-X-PROGRAM-DATE-TIME of the
//                              frame on screen), median over 10 s of playback; without Chromium, the age of the
//                              newest segment's PROGRAM-DATE-TIME plus hls.js's default distance from the edge (3
//                              target durations), said in viewer_latency_method;
//   ingest_cpu_pct_per_stream  CPU of the media app and its ffmpeg children over 15 s with one stream on air, % of one
//                              core (copy mode: OBS sends H.264 + AAC);
//   max_streams_2_cores        streams held at once, ramping 1, 2, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 160, 192
//                              (--max-streams caps it; 5 s to settle + 15 s held per level), while every stream's
//                              playlist keeps up: its media time grows by >= 90 % of wall time and its newest segment
//                              is never older than 3 segment lengths (no dropped segments). Each level reports the CPU
//                              (% of one core) of the media app's tree, of its node process alone and of the
//                              publishers, and the machine's busy share (% of all cores); limited_by says what stopped
//                              the ramp: ramp_top (every level held), publishers (at the first level not held the
//                              machine was >= 90 % busy but would not have been without the publishers' CPU: the
//                              simulated OBSes, not the media app, used up the machine), else media_app; streams_behind
//                              counts the streams below 90 % (0 media time: a publisher that never got going);
//   camera_*                   the studio camera: a 720p30 WebM (VP8 + Opus, libvpx realtime, 2.5 Mbit/s target)
//                              encoded once, sent over the media app's WebSocket ingest as MediaRecorder does (~1 s
//                              chunks, chunk i sent i + 1 s after the socket opened), transcoded by the media app to
//                              H.264 + AAC. Ramp 1, 2, 4, 6, 8 cameras (--max-camera-streams caps it), each on its own
//                              session, same settle, hold and rule, and a camera the media app closes fails its level:
//                              camera_first_segment_s (connect -> first segment over HTTP, one camera),
//                              camera_transcode_cpu_pct_per_stream (media app tree, one camera, % of one core),
//                              max_camera_streams_2_cores and camera_limited_by (ramp_top or media_app).
// Baseline, same run: bare ffmpeg packaging the same file straight to HLS on disk (no RTMP, no app, no HTTP): its
// first segment and its CPU; the JSON gives the ratios.
// Flags (or env): --first-runs N (BENCH_FIRST_RUNS, 3)  --max-streams N (BENCH_MAX_STREAMS, 192)  --hold S
// (BENCH_HOLD_S, 15)  --max-camera-streams N (BENCH_MAX_CAMERA_STREAMS, 8).
// Time: about 10 minutes at worst with the defaults (every level held: ~1.5 min of setup and single-stream figures,
// ~6.5 min of RTMP ramp, ~2 min of camera ramp); the ramps end at the first level not held.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  api,
  busyPct,
  cpuMs,
  createHarness,
  machineTicks,
  positiveIntegers,
  quietMachine,
  requireFromRoot,
  round,
} from '../support/harness.mjs';
import { freePort } from '../../../scripts/lib/util.mjs';

const SCOPE = 'bench:video';
const SEGMENT_S = 1;
const LEVELS = [1, 2, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 160, 192];
const CAMERA_LEVELS = [1, 2, 4, 6, 8];
/** Seconds from a level's streams starting to its measured window (their first segments are out by then). */
const SETTLE_S = 5;

const { values: flags } = parseArgs({
  options: {
    'first-runs': { type: 'string' },
    'max-streams': { type: 'string' },
    hold: { type: 'string' },
    'max-camera-streams': { type: 'string' },
  },
});
const num = positiveIntegers(flags);
const opts = {
  firstRuns: num('first-runs', 'BENCH_FIRST_RUNS', 3),
  maxStreams: num('max-streams', 'BENCH_MAX_STREAMS', 192),
  holdS: num('hold', 'BENCH_HOLD_S', 15),
  maxCameraStreams: num('max-camera-streams', 'BENCH_MAX_CAMERA_STREAMS', 8),
};

const h = createHarness(SCOPE);
const { log } = h;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};

// ------------------------------------------------------------------------------------------------- helpers

function childPids(pid) {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU ms of a process and all its descendants (the media app and its ffmpeg packagers). */
function treeCpuMs(pid) {
  return childPids(pid).reduce((total, child) => total + treeCpuMs(child), cpuMs(pid));
}

/**
 * Starts CPU meters, `readers` mapping names to functions that return CPU ms used so far; the returned function gives
 * each one's % of one core since then, and `machine`: the whole machine's busy share (% of all cores).
 */
function cpuMeter(readers) {
  const started = Date.now();
  const ticks = machineTicks();
  const before = Object.fromEntries(Object.entries(readers).map(([name, read]) => [name, read()]));
  return () => {
    const ms = Math.max(1, Date.now() - started);
    const pct = Object.entries(readers).map(([name, read]) => [name, ((read() - before[name]) / ms) * 100]);
    return { ...Object.fromEntries(pct), machine: busyPct(ticks, machineTicks()) };
  };
}

/** Waits (up to 15 s) for the packagers of stopped streams to exit, so that they do not count in what follows. */
async function mediaIdle(media) {
  const deadline = Date.now() + 15_000;
  while (childPids(media.child.pid).length > 0 && Date.now() < deadline) await sleep(200);
}

function segmentsOf(playlist) {
  const out = [];
  let duration = null;
  let wall = null;
  for (const line of playlist.split('\n')) {
    if (line.startsWith('#EXTINF:')) duration = Number.parseFloat(line.slice(8));
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:'))
      wall = Date.parse(line.slice(25).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    else if (line && !line.startsWith('#') && duration !== null) {
      out.push({ uri: line, duration, wall });
      duration = null;
      wall = null;
    }
  }
  return out;
}

async function fetchText(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) }).catch(() => null);
  return res && res.ok ? res.text() : '';
}

/** Runs ffmpeg once to make a file (`-y` and quiet); throws with its stderr when it fails. */
function ffmpegOnce(what, args) {
  const result = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`could not encode ${what}: ${result.stderr}`);
}

function encodeSource(file) {
  ffmpegOnce('the 720p source', [
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=44100',
    '-t',
    '20',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-profile:v',
    'main',
    '-pix_fmt',
    'yuv420p',
    '-b:v',
    '2000k',
    '-maxrate',
    '2000k',
    '-bufsize',
    '2000k',
    '-g',
    '30',
    '-keyint_min',
    '30',
    '-sc_threshold',
    '0',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-f',
    'flv',
    file,
  ]);
}

/** What MediaRecorder's `video/webm;codecs=vp8,opus` makes of a 720p30 camera, from a test pattern and a tone. */
function encodeCameraSource(file, seconds) {
  ffmpegOnce('the camera WebM', [
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=1280x720:rate=30',
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
    '2500k',
    '-g',
    '30',
    '-c:a',
    'libopus',
    '-f',
    'webm',
    file,
  ]);
}

/**
 * ffmpeg reading the source file in a loop at its own pace (-re) and copying it, untouched, to `output` (the
 * arguments after `-f`): the remote OBS of the measurements and the bare-ffmpeg baseline read it the same way.
 */
function replay(source, output) {
  return h.own(
    spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-re',
        '-stream_loop',
        '-1',
        '-i',
        source,
        '-c',
        'copy',
        '-f',
        ...output,
      ],
      { stdio: ['ignore', 'ignore', 'ignore'] },
    ),
  );
}

/** A remote OBS: the replay to RTMP at nice 19, so that the media app gets the CPU first when it runs short. */
function publisher(source, url) {
  const child = replay(source, ['flv', url]);
  try {
    os.setPriority(child.pid, 19);
  } catch {
    // already gone: its stream simply fails the check
  }
  return child;
}

/**
 * A studio camera: the WebM in ~1 s chunks over the ingest WebSocket, chunk i sent i + 1 seconds after the socket
 * opened, when MediaRecorder with a 1 s timeslice would have recorded it, so the media arrives at real-time pace.
 * Resolves once the socket is open, with `stop()` (closes it as the studio does) and `closedBy()` (the close code if
 * the media app closed it first).
 */
async function camera(url, webm, seconds) {
  const WebSocket = requireFromRoot('ws');
  const ws = new WebSocket(url);
  let closedCode = null;
  let stopping = false;
  const closed = new Promise((resolve) =>
    ws.once('close', (code) => {
      if (!stopping) closedCode = code;
      resolve();
    }),
  );
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('error', (error) => log(`camera socket error: ${error.message}`));
  const openedAt = Date.now();
  const chunkBytes = Math.ceil(webm.length / seconds);
  const sending = (async () => {
    for (let i = 0; i * chunkBytes < webm.length; i++) {
      await sleep(Math.max(0, openedAt + (i + 1) * 1000 - Date.now()));
      if (stopping || ws.readyState !== WebSocket.OPEN) return;
      ws.send(webm.subarray(i * chunkBytes, (i + 1) * chunkBytes), { binary: true });
    }
  })();
  return {
    closedBy: () => closedCode,
    stop: async () => {
      stopping = true;
      await sending;
      ws.close(1000, 'host stopped');
      await Promise.race([closed, sleep(10_000)]);
    },
  };
}

// ------------------------------------------------------------------------------------------------- the media app

async function startMedia(env, dataDir) {
  const [httpPort, rtmpPort] = [await freePort(), await freePort()];
  const mediaEnv = {
    ...env,
    MEDIA_HOST: '127.0.0.1',
    MEDIA_HTTP_PORT: String(httpPort),
    MEDIA_RTMP_PORT: String(rtmpPort),
    MEDIA_PUBLIC_URL: `http://127.0.0.1:${httpPort}`,
    MEDIA_RTMP_PUBLIC_URL: `rtmp://127.0.0.1:${rtmpPort}/live`,
    MEDIA_DATA_DIR: dataDir,
    MEDIA_HLS_SEGMENT_SECONDS: String(SEGMENT_S),
    MEDIA_STREAM_GRACE_SECONDS: '3600',
  };
  const child = await h.startBuilt('media app', 'dist/apps/media/src/main.js', mediaEnv, 'media listening');
  log(
    `media app listening (pid ${child.pid}): ${mediaEnv.MEDIA_RTMP_PUBLIC_URL}, ${mediaEnv.MEDIA_PUBLIC_URL}/hls`,
  );
  return { child, env: mediaEnv };
}

// ------------------------------------------------------------------------------------------------- sessions

async function signInStreamer(base) {
  const { DEMO_PASSWORD, SEED_STREAMERS } = requireFromRoot('./dist/apps/cli/src/seed/hanoi-users.js');
  const streamer = SEED_STREAMERS[SEED_STREAMERS.length - 1];
  const { accessToken } = await api(base, 'POST', '/api/auth/sign-in', {
    identifier: streamer.email,
    password: DEMO_PASSWORD,
  });
  const products = await api(base, 'GET', '/api/products?pageSize=5');
  const lineup = products.items
    .filter((p) => p.sellable !== false)
    .slice(0, 3)
    .map((p) => p.id);
  return { token: accessToken, lineup };
}

async function newSession(base, host, n) {
  const session = await api(
    base,
    'POST',
    '/api/sessions',
    {
      title: `Bench video ${n}`,
      scheduledStartAt: new Date(Date.now() + 3600_000).toISOString(),
      lineup: host.lineup,
    },
    host.token,
  );
  const stream = await api(base, 'GET', `/api/sessions/${session.id}/stream`, undefined, host.token);
  return { id: session.id, ingestUrl: stream.ingestUrl, browserIngestUrl: stream.browserIngestUrl };
}

// ------------------------------------------------------------------------------------------------- measurements

const playlistOf = (media, session) => `${media.env.MEDIA_PUBLIC_URL}/hls/${session.id}/index.m3u8`;

/** Seconds from `started` until the playlist lists a segment (polled every 50 ms; gives up after 30 s). */
async function untilFirstSegment(playlist, started) {
  while (Date.now() < started + 30_000) {
    if (segmentsOf(await fetchText(playlist)).length > 0) break;
    await sleep(50);
  }
  return (Date.now() - started) / 1000;
}

async function firstSegment(base, media, host, source, n) {
  const session = await newSession(base, host, `first-${n}`);
  const playlist = playlistOf(media, session);
  const started = Date.now();
  const pub = publisher(source, session.ingestUrl);
  const seconds = await untilFirstSegment(playlist, started);
  return { seconds, session, pub, playlist };
}

async function bareFirstSegment(source) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-bench-bare-'));
  const started = Date.now();
  const child = replay(source, [
    'hls',
    '-hls_time',
    String(SEGMENT_S),
    '-hls_list_size',
    '0',
    '-hls_playlist_type',
    'event',
    '-hls_flags',
    'program_date_time+temp_file',
    '-hls_segment_filename',
    `${dir}/s_%05d.ts`,
    `${dir}/index.m3u8`,
  ]);
  let seconds = null;
  while (Date.now() - started < 30_000) {
    const text = fs.existsSync(`${dir}/index.m3u8`) ? fs.readFileSync(`${dir}/index.m3u8`, 'utf8') : '';
    if (segmentsOf(text).length > 0) {
      seconds = (Date.now() - started) / 1000;
      break;
    }
    await sleep(50);
  }
  const before = cpuMs(child.pid);
  await sleep(10_000);
  const cpuPct = ((cpuMs(child.pid) - before) / 10_000) * 100;
  await h.stopChild(child);
  fs.rmSync(dir, { recursive: true, force: true });
  return { seconds, cpuPct };
}

/** Chromium + hls.js on the live playlist; null when Chromium, playwright-core or hls.js is missing. */
async function browserLatency(playlistUrl) {
  let chromium;
  let hlsJs;
  try {
    ({ chromium } = requireFromRoot('playwright-core'));
    hlsJs = fs.readFileSync(requireFromRoot.resolve('hls.js/dist/hls.min.js'), 'utf8');
  } catch {
    return null;
  }
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) return null;
  const page = `<!doctype html><html><body><video id="v" muted playsinline></video>
<script>${hlsJs}</script>
<script>
  const video = document.getElementById('v');
  const hls = new Hls({ lowLatencyMode: false });
  window.samples = [];
  window.errors = [];
  hls.on(Hls.Events.ERROR, (_e, data) => { if (data.fatal) window.errors.push(data.details); });
  hls.loadSource(${JSON.stringify(playlistUrl)});
  hls.attachMedia(video);
  hls.on(Hls.Events.MANIFEST_PARSED, () => video.play());
  setInterval(() => {
    const at = hls.playingDate;
    if (at && !video.paused && video.readyState >= 3) window.samples.push((Date.now() - at.getTime()) / 1000);
  }, 250);
</script></body></html>`;
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(page);
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath,
    args: ['--autoplay-policy=no-user-gesture-required', '--no-sandbox'],
  });
  try {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${port}/`);
    await sleep(14_000);
    const { samples, errors } = await tab.evaluate(() => ({
      samples: globalThis.samples,
      errors: globalThis.errors,
    }));
    const steady = samples.slice(Math.floor(samples.length / 3));
    if (steady.length < 5) {
      log(
        `chromium did not play the stream (${samples.length} samples, errors: ${errors.join(', ') || 'none'})`,
      );
      return null;
    }
    return median(steady);
  } finally {
    await browser.close();
    server.close();
  }
}

/** Without a browser: how old the newest segment is when fetched, plus hls.js's default 3 target durations. */
async function segmentClockLatency(playlistUrl) {
  const ages = [];
  for (let i = 0; i < 40; i++) {
    const newest = segmentsOf(await fetchText(playlistUrl)).at(-1);
    if (newest?.wall) ages.push((Date.now() - (newest.wall + newest.duration * 1000)) / 1000 + 3 * SEGMENT_S);
    await sleep(250);
  }
  return median(ages);
}

async function ingestCpu(media, holdMs) {
  const meter = cpuMeter({ media: () => treeCpuMs(media.child.pid) });
  await sleep(holdMs);
  return meter().media;
}

/** Every stream's playlist kept up over the window: media time >= 90 % of wall time, newest segment fresh. */
async function holdLevel(playlists, holdS) {
  const start = await Promise.all(playlists.map(async (p) => segmentsOf(await fetchText(p))));
  const startedAt = Date.now();
  let worstAgeS = 0;
  while (Date.now() - startedAt < holdS * 1000) {
    await sleep(1000);
    const now = await Promise.all(playlists.map(async (p) => segmentsOf(await fetchText(p))));
    for (const segments of now) {
      const newest = segments.at(-1);
      if (newest?.wall) worstAgeS = Math.max(worstAgeS, (Date.now() - newest.wall) / 1000 - newest.duration);
    }
  }
  const end = await Promise.all(playlists.map(async (p) => segmentsOf(await fetchText(p))));
  const wallS = (Date.now() - startedAt) / 1000;
  const ratios = end.map((segments, i) => {
    const media = (list) => list.reduce((sum, s) => sum + s.duration, 0);
    return (media(segments) - media(start[i])) / wallS;
  });
  const minRatio = Math.min(...ratios);
  const behind = ratios.filter((ratio) => ratio < 0.9).length;
  return { ok: minRatio >= 0.9 && worstAgeS <= 3 * SEGMENT_S, minRatio, worstAgeS, behind };
}

/**
 * One level of a ramp: holdLevel over the streams' playlists, with the CPU (% of one core) of the media app's tree,
 * of its node process alone and of `publisherPids`, and the machine's busy share (% of all cores) over the window.
 */
async function measureLevel(media, playlists, publisherPids, holdS) {
  const meter = cpuMeter({
    media: () => treeCpuMs(media.child.pid),
    node: () => cpuMs(media.child.pid),
    publishers: () => publisherPids.reduce((sum, pid) => sum + cpuMs(pid), 0),
  });
  const result = await holdLevel(playlists, holdS);
  const cpu = meter();
  return {
    ok: result.ok,
    min_media_ratio: round(result.minRatio),
    worst_segment_age_s: round(result.worstAgeS),
    streams_behind: result.behind,
    media_cpu_pct: round(cpu.media, 1),
    media_node_cpu_pct: round(cpu.node, 1),
    ...(publisherPids.length ? { publishers_cpu_pct: round(cpu.publishers, 1) } : {}),
    machine_busy_pct: cpu.machine,
  };
}

const levelLine = (what, level) =>
  `${what}: ${level.ok ? 'held' : 'NOT held'} (${level.streams_behind} behind, media/wall >= ${level.min_media_ratio}, newest segment at most ${level.worst_segment_age_s} s old; cpu: media app ${level.media_cpu_pct} %, its node ${level.media_node_cpu_pct} %${level.publishers_cpu_pct === undefined ? '' : `, publishers ${level.publishers_cpu_pct} %`}; machine ${level.machine_busy_pct} % busy)`;

/** What stopped a ramp (see the header), from its first level not held (null when every level held). */
function limitOf(failed) {
  if (!failed) return 'ramp_top';
  const capacity = os.cpus().length * 100; // % of one core
  const busy = (failed.machine_busy_pct / 100) * capacity;
  const withoutPublishers = busy - (failed.publishers_cpu_pct ?? 0);
  return busy >= 0.9 * capacity && withoutPublishers < 0.9 * capacity ? 'publishers' : 'media_app';
}

/** `count` cameras at once, each on a new session; resolves the level's figures and each camera's first segment. */
async function cameraLevel(base, media, host, webm, webmSeconds, count) {
  const sessions = [];
  for (let i = 0; i < count; i++) sessions.push(await newSession(base, host, `camera-${count}-${i}`));
  const started = Date.now();
  const cameras = await Promise.all(
    sessions.map(async (session) => {
      const connected = Date.now();
      const cam = await camera(`${session.browserIngestUrl}&token=${host.token}`, webm, webmSeconds);
      const playlist = playlistOf(media, session);
      return { ...cam, playlist, firstSegmentS: await untilFirstSegment(playlist, connected) };
    }),
  );
  await sleep(Math.max(0, started + SETTLE_S * 1000 - Date.now()));
  const level = await measureLevel(
    media,
    cameras.map((c) => c.playlist),
    [],
    opts.holdS,
  );
  const closes = cameras.map((c) => c.closedBy()).filter((code) => code !== null);
  await Promise.all(cameras.map((c) => c.stop()));
  await mediaIdle(media);
  return {
    level: {
      cameras: count,
      ...level,
      ok: level.ok && closes.length === 0,
      ...(closes.length ? { closed_by_media_app: closes } : {}),
    },
    firstSegmentS: median(cameras.map((c) => c.firstSegmentS)),
  };
}

// ------------------------------------------------------------------------------------------------- main

async function main() {
  const { env } = await h.prepare({ database: `ocop_bench_video_${process.pid}`, seed: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-bench-media-'));
  h.cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const source = path.join(dataDir, 'source-720p30.flv');
  log('encoding the 720p30 source once (20 s, H.264 veryfast 2 Mbit/s + AAC)...');
  encodeSource(source);
  const webmSeconds = SETTLE_S + opts.holdS + 5;
  const webmFile = path.join(dataDir, 'camera-720p30.webm');
  log(`encoding the camera's 720p30 WebM once (${webmSeconds} s, VP8 realtime + Opus)...`);
  encodeCameraSource(webmFile, webmSeconds);
  const webm = fs.readFileSync(webmFile);

  const media = await startMedia(env, dataDir);
  const { url: base } = await h.startApi({
    ...env,
    MEDIA_PUBLIC_URL: media.env.MEDIA_PUBLIC_URL,
    MEDIA_RTMP_PUBLIC_URL: media.env.MEDIA_RTMP_PUBLIC_URL,
  });
  const host = await signInStreamer(base);

  log('baseline: bare ffmpeg packaging the same file to HLS...');
  await quietMachine(log);
  const bare = await bareFirstSegment(source);
  log(`bare ffmpeg: first segment ${round(bare.seconds)} s, ${round(bare.cpuPct, 1)} % of a core`);

  const firsts = [];
  let live = null;
  for (let i = 0; i < opts.firstRuns; i++) {
    const run = await firstSegment(base, media, host, source, i);
    firsts.push(run.seconds);
    log(`first segment ${i + 1}/${opts.firstRuns}: ${round(run.seconds)} s`);
    if (i === opts.firstRuns - 1) live = run;
    else await h.stopChild(run.pub);
  }
  const firstSegmentS = median(firsts);

  log('one stream on air: ingest CPU over 15 s...');
  const cpuPerStream = await ingestCpu(media, 15_000);
  log(`media app + packager: ${round(cpuPerStream, 1)} % of a core`);

  log('viewer latency: Chromium + hls.js on the live playlist...');
  let latency = await browserLatency(live.playlist).catch((error) => {
    log(`browser measurement failed: ${error.message}`);
    return null;
  });
  let latencyMethod = 'chromium_hlsjs_playing_date';
  if (latency === null) {
    latency = await segmentClockLatency(live.playlist);
    latencyMethod = 'segment_program_date_time_plus_3_target_durations';
  }
  log(`viewer latency: ${round(latency)} s (${latencyMethod})`);
  await h.stopChild(live.pub);
  await mediaIdle(media);

  log(
    `studio cameras: 720p30 VP8 + Opus over the WebSocket ingest, transcoded (up to ${opts.maxCameraStreams})...`,
  );
  await quietMachine(log);
  const cameraLevels = [];
  let cameraHeld = 0;
  let cameraFailed = null;
  let cameraFirstSegmentS = null;
  for (const count of CAMERA_LEVELS.filter((l) => l <= opts.maxCameraStreams)) {
    const { level, firstSegmentS } = await cameraLevel(base, media, host, webm, webmSeconds, count);
    cameraLevels.push(level);
    cameraFirstSegmentS ??= firstSegmentS;
    log(levelLine(`${count} camera(s), first segment ${round(firstSegmentS)} s`, level));
    if (!level.ok) {
      cameraFailed = level;
      break;
    }
    cameraHeld = count;
  }

  log(`ramping concurrent 720p30 streams (${SETTLE_S} s to settle + ${opts.holdS} s per level)...`);
  await quietMachine(log);
  const onAir = [];
  let held = 0;
  let failed = null;
  const levels = [];
  for (const streams of LEVELS.filter((l) => l <= opts.maxStreams)) {
    while (onAir.length < streams) {
      const session = await newSession(base, host, `ramp-${onAir.length}`);
      onAir.push({ pub: publisher(source, session.ingestUrl), playlist: playlistOf(media, session) });
    }
    await sleep(SETTLE_S * 1000); // every new stream past its first segments
    const level = {
      streams,
      ...(await measureLevel(
        media,
        onAir.map((s) => s.playlist),
        onAir.map((s) => s.pub.pid),
        opts.holdS,
      )),
    };
    levels.push(level);
    log(levelLine(`${streams} streams`, level));
    if (!level.ok) {
      failed = level;
      break;
    }
    held = streams;
  }
  await Promise.all(onAir.map((s) => h.stopChild(s.pub)));
  await mediaIdle(media);
  const limitedBy = limitOf(failed);
  log(`ramp: ${held} streams held; limited by ${limitedBy}`);

  const figures = {
    bench: 'video',
    first_segment_s: round(firstSegmentS),
    viewer_latency_s: round(latency),
    viewer_latency_method: latencyMethod,
    ingest_cpu_pct_per_stream: round(cpuPerStream, 1),
    max_streams_2_cores: held,
    limited_by: limitedBy,
    camera_first_segment_s: round(cameraFirstSegmentS),
    camera_transcode_cpu_pct_per_stream: cameraLevels[0]?.media_cpu_pct ?? null,
    max_camera_streams_2_cores: cameraHeld,
    camera_limited_by: limitOf(cameraFailed),
    segment_s: SEGMENT_S,
    levels,
    camera_levels: cameraLevels,
    baseline: {
      bare_ffmpeg_first_segment_s: round(bare.seconds),
      bare_ffmpeg_cpu_pct: round(bare.cpuPct, 1),
    },
    ratio: {
      first_segment_vs_bare: round(firstSegmentS / bare.seconds),
      cpu_vs_bare: round(cpuPerStream / Math.max(0.1, bare.cpuPct)),
    },
    machine: { cores: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown' },
  };
  await h.shutdown();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch(async (error) => {
  log(`failed: ${error.stack ?? error.message}`);
  await h.shutdown();
  process.exit(1);
});
