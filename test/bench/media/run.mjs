#!/usr/bin/env node
// `npm run bench -- media`: product photos as farmers' phones send them, through the built api and worker (dist/) on
// a fresh seeded database, with the local storage driver in a temporary folder.
//
//   photos_per_s            12-megapixel phone JPEGs (4032x3024, EXIF orientation and GPS, about 4-6 MB) processed
//                           per second by one worker: BENCH_PHOTOS (12) uploads completed at once, from the first
//                           completion to the last asset ready (renditions 160/480/960/1440 in AVIF, WebP, JPEG)
//   first_rendition_p95_ms  upload accepted (POST complete answered 202) to the first rendition served (GET of its
//                           `src` answered 200), one photo at a time, BENCH_LATENCY_SAMPLES (10) samples
//   session_page_image_bytes bytes of images Debian's Chromium (playwright-core) downloads for the first screen of a
//                           live session page at 390x844 (device scale 3, a phone), whose cover and pinned products
//                           were uploaded as 12 MP photos
//   original_bytes          the same images as uploaded (the originals' sizes)
// Baseline, same photos: sharp alone in this process making the same renditions (decode, orient, resize, encode),
// with no upload, database, queue or storage: baseline_photos_per_s, and photos_per_ratio = ours / baseline.
//
// Prints progress lines, then ONE JSON object as the last line. Flags (or env): --photos N (BENCH_PHOTOS, 12)
// --latency N (BENCH_LATENCY_SAMPLES, 10)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import {
  api,
  createHarness,
  latencySummary,
  now,
  percentile,
  positiveIntegers,
  quietMachine,
  requireFromRoot,
  ROOT,
  round,
} from '../support/harness.mjs';

const SCOPE = 'bench:media';
const harness = createHarness(SCOPE);
const { log } = harness;

const { values: flags } = parseArgs({ options: { photos: { type: 'string' }, latency: { type: 'string' } } });
const positive = positiveIntegers(flags);
const opts = {
  photos: positive('photos', 'BENCH_PHOTOS', 12),
  latency: positive('latency', 'BENCH_LATENCY_SAMPLES', 10),
};

const sharp = requireFromRoot('sharp');
const WIDTH = 4032;
const HEIGHT = 3024;

/**
 * A 12 MP photo-like JPEG: smooth light, shapes and sensor noise (so that it compresses like a photo, not a flat
 * graphic), with EXIF orientation and GPS as a phone writes them. `variant` changes the picture.
 */
async function phonePhoto(variant) {
  const channels = 3;
  const pixels = Buffer.alloc(WIDTH * HEIGHT * channels);
  let seed = 0x9e3779b9 ^ variant;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = (y * WIDTH + x) * channels;
      const cx = x - WIDTH / 2 - variant * 97;
      const cy = y - HEIGHT / 2;
      const ring = Math.sin(Math.sqrt(cx * cx + cy * cy) / (40 + variant)) * 40;
      const noise = (random() - 0.5) * 24;
      pixels[i] = Math.max(0, Math.min(255, 90 + (x / WIDTH) * 120 + ring + noise));
      pixels[i + 1] = Math.max(0, Math.min(255, 140 + ring / 2 - (y / HEIGHT) * 60 + noise));
      pixels[i + 2] = Math.max(0, Math.min(255, 60 + ((x + y) % 512) / 6 + noise));
    }
  }
  return sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels } })
    .withExif({
      IFD0: { Make: 'Bench', Model: 'Phone 12MP' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 30/1' },
    })
    .withMetadata({ orientation: 1 })
    .jpeg({ quality: 88 })
    .toBuffer();
}

/** The baseline: the same renditions made by sharp alone, no platform around it (decode once, encode in parallel). */
async function bareRenditions(bytes) {
  const base = await sharp(bytes)
    .rotate()
    .resize({ width: 1440 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const sizes = await Promise.all(
    [1440, 960, 480, 160].map((width) =>
      sharp(base.data, { raw: base.info }).resize({ width }).raw().toBuffer({ resolveWithObject: true }),
    ),
  );
  await Promise.all(
    sizes.flatMap((size) => {
      const input = () => sharp(size.data, { raw: size.info });
      return [
        input().avif({ quality: 50, effort: 0 }).toBuffer(),
        input().webp({ quality: 72, effort: 2 }).toBuffer(),
        input().jpeg({ quality: 78, mozjpeg: true, progressive: true }).toBuffer(),
      ];
    }),
  );
}

async function upload(base, token, purpose, bytes, fileName) {
  const created = await api(
    base,
    'POST',
    '/api/uploads',
    { purpose, fileName, byteLength: bytes.length },
    token,
  );
  for (let offset = 0; offset < bytes.length; offset += created.chunkBytes) {
    const res = await fetch(`${base}/api/uploads/${created.id}/chunks?offset=${offset}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: bytes.subarray(offset, offset + created.chunkBytes),
      signal: AbortSignal.timeout(30_000),
    });
    if (res.status !== 200) throw new Error(`chunk at ${offset}: ${res.status} ${await res.text()}`);
  }
  return created.id;
}

async function waitReady(base, token, assetId, timeoutMs = 120_000, intervalMs = 20) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const asset = await api(base, 'GET', `/api/assets/${assetId}`, undefined, token);
    if (asset.status === 'ready') return asset;
    if (asset.status === 'failed') throw new Error(`asset ${assetId} failed: ${asset.errorCode}`);
    if (Date.now() > deadline) throw new Error(`asset ${assetId} not ready after ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

async function signIn(base, identifier, password) {
  return (await api(base, 'POST', '/api/auth/sign-in', { identifier, password })).accessToken;
}

/** A seeded streamer who can schedule and start a session now (some are on air already). */
async function liveSessionWithCover(base, coverBytes, lineup) {
  const { DEMO_PASSWORD, SEED_STREAMERS } = requireFromRoot('./dist/apps/cli/src/seed/hanoi-users.js');
  for (const streamer of [...SEED_STREAMERS].reverse()) {
    try {
      const token = await signIn(base, streamer.email, DEMO_PASSWORD);
      const coverUpload = await upload(base, token, 'session-cover', coverBytes, 'phien-live-bia.jpg');
      const cover = await api(base, 'POST', `/api/uploads/${coverUpload}/complete`, undefined, token);
      await waitReady(base, token, cover.id);
      const session = await api(
        base,
        'POST',
        '/api/sessions',
        {
          title: 'Phiên đo ảnh: chè, gốm và mật ong',
          scheduledStartAt: new Date(Date.now() + 60_000).toISOString(),
          lineup,
          coverAssetId: cover.id,
        },
        token,
      );
      await api(base, 'POST', `/api/sessions/${session.id}/go-live`, undefined, token);
      for (const productId of lineup.slice(0, 3)) {
        await api(base, 'POST', `/api/sessions/${session.id}/pins`, { productId }, token);
      }
      return { sessionId: session.id, coverAssetId: cover.id };
    } catch (error) {
      log(`streamer ${streamer.email} cannot host now: ${String(error).slice(0, 160)}`);
    }
  }
  throw new Error('no seeded streamer could start a session');
}

/** The first screen of a session page on a 390 px phone: image bytes Chromium downloads, and which images. */
async function sessionPageImages(base, sessionId) {
  const { chromium } = requireFromRoot('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const images = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'image' || response.url().startsWith('data:')) return;
      try {
        const body = await response.body();
        images.push({ url: new URL(response.url()).pathname, bytes: body.length, status: response.status() });
      } catch {
        // a response without a body (redirect): nothing downloaded
      }
    });
    await page.goto(`${base}/sessions/${sessionId}`, { waitUntil: 'networkidle', timeout: 60_000 });
    await sleep(1500);
    return images;
  } finally {
    await browser.close();
  }
}

async function main() {
  process.chdir(ROOT);
  log(`options: ${JSON.stringify(opts)}`);
  const assetsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-bench-media-'));
  harness.cleanups.push(async () => fs.rmSync(assetsDir, { recursive: true, force: true }));
  const { env, databaseUrl } = await harness.prepare({
    database: `ocop_bench_media_${process.pid}`,
    seed: true,
    extraEnv: { ASSETS_DIR: assetsDir },
  });
  if (!fs.existsSync(path.join(ROOT, 'dist', 'web', 'index.html')))
    throw new Error('dist/web is missing: npm run build');

  log('making 12 MP phone photos...');
  const photos = [];
  for (let i = 0; i < 4; i++) photos.push(await phonePhoto(i));
  const photoBytes = photos.map((p) => p.length);
  log(`photos: ${WIDTH}x${HEIGHT}, ${photoBytes.map((b) => `${(b / 1e6).toFixed(1)} MB`).join(', ')}`);

  await quietMachine(log);
  const baselineStart = now();
  const baselineCount = 4;
  for (let i = 0; i < baselineCount; i++) await bareRenditions(photos[i % photos.length]);
  const baselinePerS = baselineCount / ((now() - baselineStart) / 1000);
  log(`baseline: sharp alone makes the renditions of ${round(baselinePerS)} photos/s`);

  const { url: base } = await harness.startApi(env);
  await harness.startWorker(env);
  const { DEMO_PASSWORD } = requireFromRoot('./dist/apps/cli/src/seed/hanoi-users.js');
  const farmer = await signIn(base, 'farmer01@ocop.example', DEMO_PASSWORD);

  // Latency: one photo at a time, from the accepted upload to its first rendition served.
  const latencies = [];
  const readyPhotos = [];
  for (let i = 0; i < opts.latency; i++) {
    const id = await upload(
      base,
      farmer,
      'product-photo',
      photos[i % photos.length],
      `che-shan-tuyet-${i}.jpg`,
    );
    const t0 = now();
    const accepted = await api(base, 'POST', `/api/uploads/${id}/complete`, undefined, farmer);
    const asset = await waitReady(base, farmer, accepted.id);
    const res = await fetch(`${base}${asset.image.src}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`rendition ${asset.image.src}: ${res.status}`);
    latencies.push(now() - t0);
    readyPhotos.push(asset.id);
  }
  const latency = latencySummary(latencies);
  const sorted = Float64Array.from(latencies).sort();
  log(`first rendition served: ${JSON.stringify(latency)}`);

  // Throughput: every upload received first, then all completed at once; the worker drains them.
  const ids = [];
  for (let i = 0; i < opts.photos; i++) {
    ids.push(
      await upload(base, farmer, 'product-photo', photos[i % photos.length], `gom-bat-trang-${i}.jpg`),
    );
  }
  const t0 = now();
  const accepted = await Promise.all(
    ids.map((id) => api(base, 'POST', `/api/uploads/${id}/complete`, undefined, farmer)),
  );
  await Promise.all(accepted.map((a) => waitReady(base, farmer, a.id, 300_000, 100)));
  const spanS = (now() - t0) / 1000;
  const photosPerS = opts.photos / spanS;
  log(`throughput: ${opts.photos} photos ready in ${round(spanS)} s: ${round(photosPerS)} photos/s`);

  // The session page: three of farmer01's products with a photo each, pinned in a live session with a cover.
  const mine = await api(base, 'GET', '/api/producers/me/products?pageSize=50', undefined, farmer);
  const sellable = mine.items.filter((p) => p.sellable).slice(0, 3);
  if (sellable.length === 0) throw new Error('farmer01 has no sellable product in the seed');
  for (const [i, product] of sellable.entries()) {
    await api(
      base,
      'PUT',
      `/api/farmer/products/${product.id}/photos`,
      { assetIds: [readyPhotos[i]] },
      farmer,
    );
  }
  const { sessionId } = await liveSessionWithCover(
    base,
    photos[3],
    sellable.map((p) => p.id),
  );
  const images = await sessionPageImages(base, sessionId);
  const pageBytes = images.reduce((sum, image) => sum + image.bytes, 0);
  log(`session page first screen: ${images.length} images, ${pageBytes} bytes: ${JSON.stringify(images)}`);

  const { Client } = requireFromRoot('pg');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const originals = new Map();
  for (const image of images) {
    const key = image.url.replace(/^\/files\//, 'public/');
    const rows = await db.query(`SELECT id, byte_length FROM assets WHERE renditions @> $1::jsonb`, [
      JSON.stringify([{ key }]),
    ]);
    for (const row of rows.rows) originals.set(row.id, Number(row.byte_length));
  }
  await db.end();
  const originalBytes = [...originals.values()].reduce((a, b) => a + b, 0);
  await harness.shutdown();

  const summary = {
    bench: 'media',
    photo_pixels: WIDTH * HEIGHT,
    photo_bytes_avg: Math.round(photoBytes.reduce((a, b) => a + b, 0) / photoBytes.length),
    photos: opts.photos,
    photos_per_s: round(photosPerS),
    baseline_photos_per_s: round(baselinePerS),
    photos_per_s_ratio: round(photosPerS / baselinePerS),
    first_rendition_p50_ms: latency.p50,
    first_rendition_p95_ms: round(percentile(sorted, 95)),
    first_rendition_max_ms: latency.max,
    first_rendition_target_ms: 2000,
    session_page_images: images.length,
    session_page_image_bytes: pageBytes,
    session_page_image_bytes_target: 150_000,
    original_bytes: originalBytes,
    bytes_ratio: originalBytes ? round(pageBytes / originalBytes, 4) : null,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch(async (error) => {
  process.stderr.write(`[${SCOPE}] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await harness.shutdown();
  process.exit(1);
});
