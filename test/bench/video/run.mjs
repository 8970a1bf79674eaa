#!/usr/bin/env node
// `npm run bench -- video`: the live video path on one machine: how soon a push becomes playable, how far a player
// runs behind live, what one stream costs the media app, and how many 720p30 streams two cores hold.
//
// Setup: a fresh database ocop_bench_video_<pid>, migrated and seeded with the cli; the built api and the built media
// app (dist/, NODE_ENV=production). One 720p30 H.264 (veryfast, 2 Mbit/s, a key frame a second) + AAC FLV file is
// encoded once; every publisher is then `ffmpeg -re -stream_loop -1 -i that.flv -c copy -f flv rtmp://...`: a remote
// OBS whose encoding costs this machine nothing, so what is measured is the media app and its packagers.
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
//   max_streams_2_cores        streams held at once, ramping 1, 2, 4, 6, 8, 12, 16, 24, 32 (15 s per level), while
//                              every stream's playlist keeps up: its media time grows by >= 90 % of wall time and its
//                              newest segment is never older than 3 segment lengths (no dropped segments).
// Baseline, same run: bare ffmpeg packaging the same file straight to HLS on disk (no RTMP, no app, no HTTP): its
// first segment and its CPU; the JSON gives the ratios.
// Flags (or env): --first-runs N (BENCH_FIRST_RUNS, 3)  --max-streams N (BENCH_MAX_STREAMS, 32)  --hold S (BENCH_HOLD_S, 15)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  api,
  cpuMs,
  createHarness,
  positiveIntegers,
  quietMachine,
  requireFromRoot,
  round,
} from '../support/harness.mjs';
import { freePort } from '../../../scripts/lib/util.mjs';

const SCOPE = 'bench:video';
const SEGMENT_S = 1;
const LEVELS = [1, 2, 4, 6, 8, 12, 16, 24, 32];

const { values: flags } = parseArgs({
  options: {
    'first-runs': { type: 'string' },
    'max-streams': { type: 'string' },
    hold: { type: 'string' },
  },
});
const num = positiveIntegers(flags);
const opts = {
  firstRuns: num('first-runs', 'BENCH_FIRST_RUNS', 3),
  maxStreams: num('max-streams', 'BENCH_MAX_STREAMS', 32),
  holdS: num('hold', 'BENCH_HOLD_S', 15),
};

const h = createHarness(SCOPE);
const { log } = h;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};

// ------------------------------------------------------------------------------------------------- helpers

/** CPU ms of a process and all its descendants (the media app and its ffmpeg packagers). */
function treeCpuMs(pid) {
  let total = cpuMs(pid);
  let children = [];
  try {
    children = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
  } catch {
    children = [];
  }
  for (const child of children) total += treeCpuMs(Number(child));
  return total;
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

function encodeSource(file) {
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
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`could not encode the 720p source: ${result.stderr}`);
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

function publisher(source, url) {
  return replay(source, ['flv', url]);
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
  return { id: session.id, ingestUrl: stream.ingestUrl };
}

// ------------------------------------------------------------------------------------------------- measurements

async function firstSegment(base, media, host, source, n) {
  const session = await newSession(base, host, `first-${n}`);
  const playlist = `${media.env.MEDIA_PUBLIC_URL}/hls/${session.id}/index.m3u8`;
  const started = Date.now();
  const pub = publisher(source, session.ingestUrl);
  const deadline = started + 30_000;
  while (Date.now() < deadline) {
    if (segmentsOf(await fetchText(playlist)).length > 0) break;
    await sleep(50);
  }
  const seconds = (Date.now() - started) / 1000;
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
  const before = treeCpuMs(media.child.pid);
  const started = Date.now();
  await sleep(holdMs);
  return ((treeCpuMs(media.child.pid) - before) / (Date.now() - started)) * 100;
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
  return { ok: minRatio >= 0.9 && worstAgeS <= 3 * SEGMENT_S, minRatio, worstAgeS };
}

// ------------------------------------------------------------------------------------------------- main

async function main() {
  const { env } = await h.prepare({ database: `ocop_bench_video_${process.pid}`, seed: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-bench-media-'));
  h.cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const source = path.join(dataDir, 'source-720p30.flv');
  log('encoding the 720p30 source once (20 s, H.264 veryfast 2 Mbit/s + AAC)...');
  encodeSource(source);

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

  log(`ramping concurrent 720p30 streams (${opts.holdS} s per level)...`);
  const onAir = [];
  let held = 0;
  const levels = [];
  for (const level of LEVELS.filter((l) => l <= opts.maxStreams)) {
    while (onAir.length < level) {
      const session = await newSession(base, host, `ramp-${onAir.length}`);
      onAir.push({
        pub: publisher(source, session.ingestUrl),
        playlist: `${media.env.MEDIA_PUBLIC_URL}/hls/${session.id}/index.m3u8`,
      });
    }
    await sleep(5_000); // every new stream past its first segments
    const cpuBefore = treeCpuMs(media.child.pid);
    const t0 = Date.now();
    const result = await holdLevel(
      onAir.map((s) => s.playlist),
      opts.holdS,
    );
    const cpu = ((treeCpuMs(media.child.pid) - cpuBefore) / (Date.now() - t0)) * 100;
    levels.push({
      streams: level,
      ok: result.ok,
      min_media_ratio: round(result.minRatio),
      worst_segment_age_s: round(result.worstAgeS),
      media_cpu_pct: round(cpu, 1),
    });
    log(
      `${level} streams: ${result.ok ? 'held' : 'NOT held'} (media/wall >= ${round(result.minRatio)}, newest segment at most ${round(result.worstAgeS)} s old, media ${round(cpu, 1)} % cpu)`,
    );
    if (!result.ok) break;
    held = level;
  }
  await Promise.all(onAir.map((s) => h.stopChild(s.pub)));

  const figures = {
    bench: 'video',
    first_segment_s: round(firstSegmentS),
    viewer_latency_s: round(latency),
    viewer_latency_method: latencyMethod,
    ingest_cpu_pct_per_stream: round(cpuPerStream, 1),
    max_streams_2_cores: held,
    segment_s: SEGMENT_S,
    levels,
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
