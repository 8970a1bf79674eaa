#!/usr/bin/env node
// web-vitals: how fast home and the session page paint on a phone, on a throttled mobile link and on loopback.
//
// Debian's Chromium through playwright-core, a 390x844 phone (touch, DPR 3), a fresh context per load (cold cache).
// Throttled profile, through the DevTools protocol: Network.emulateNetworkConditions 1.6 Mbps down, 750 kbps up,
// 150 ms RTT, and Emulation.setCPUThrottlingRate 4. Loopback profile: no throttling. Figures per page and profile
// (median of --runs loads): first contentful paint, largest contentful paint, and on the session page "chat
// visible": the moment the chat's list is on screen (inside the viewport, non-zero size) with the history's messages
// in it, the frame after. Bytes transferred (encoded) and JS bytes per load come from the Network domain.
// Baseline, same run and same profiles: a bare page served by node:http (a heading and a 1 KB script), the floor
// the link itself sets. Targets (issue 13): throttled FCP <= 2.5 s and chat <= 3 s; loopback both <= 1 s.
//
//   npm run build && npm run bench -- web-vitals [--runs 3] [--messages 20] [--url http://127.0.0.1:3000]
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { createHarness, positiveIntegers, requireFromRoot, round } from '../support/harness.mjs';
import { startBaselinePage, writeChat } from '../support/web-pages.mjs';

const { values: flags } = parseArgs({
  options: { runs: { type: 'string' }, messages: { type: 'string' }, url: { type: 'string' } },
  allowPositionals: false,
});
const positive = positiveIntegers(flags);
const RUNS = positive('runs', 'BENCH_RUNS', 3);
const MESSAGES = positive('messages', 'BENCH_MESSAGES', 20);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const PROFILES = {
  throttled: {
    network: {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6e6 / 8) | 0,
      uploadThroughput: (750e3 / 8) | 0,
    },
    cpu: 4,
    targets: { fcp: 2500, chat: 3000 },
  },
  loopback: { network: null, cpu: 1, targets: { fcp: 1000, chat: 1000 } },
};

const h = createHarness('web-vitals');
const { log } = h;

/** Installed before any script of the page: records when the chat list is on screen with `want` messages. */
function chatWatcher(want) {
  const w = globalThis;
  w.__chatVisible = undefined;
  const check = () => {
    if (w.__chatVisible !== undefined) return;
    const list = w.document.querySelector('[data-testid=chat-list]');
    if (!list) return;
    const box = list.getBoundingClientRect();
    const inView = box.width > 0 && box.height > 0 && box.top < w.innerHeight && box.bottom > 0;
    const messages = list.querySelectorAll('[data-testid=chat-message]').length;
    if (inView && messages >= want) {
      w.__chatVisible = -1;
      w.requestAnimationFrame(() => w.setTimeout(() => (w.__chatVisible = w.performance.now()), 0));
    }
  };
  new w.MutationObserver(check).observe(w.document, { childList: true, subtree: true });
  w.addEventListener('scroll', check, { passive: true });
  w.__lcp = 0;
  new w.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__lcp = Math.max(w.__lcp, entry.startTime);
  }).observe({ type: 'largest-contentful-paint', buffered: true });
}

async function measure(browser, url, profile, { chat }) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  try {
    await context.addInitScript(chatWatcher, chat ? MESSAGES : 0);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    const bytes = { total: 0, js: 0, requests: 0 };
    const types = new Map();
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      bytes.total += e.encodedDataLength;
      bytes.requests += 1;
      if (types.get(e.requestId) === 'Script') bytes.js += e.encodedDataLength;
    });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (chat) {
      await page
        .waitForFunction(() => globalThis.__chatVisible > 0, undefined, { timeout: 30_000 })
        .catch(() => {});
    }
    // LCP settles after the load and the first frames.
    await sleep(profile.network ? 1500 : 500);
    const figures = await page.evaluate(() => {
      const w = globalThis;
      const fcp = w.performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
      return {
        fcp: fcp ? fcp.startTime : null,
        lcp: w.__lcp || null,
        chat: w.__chatVisible > 0 ? w.__chatVisible : null,
      };
    });
    return { ...figures, bytes };
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function series(browser, url, profile, options) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, url, profile, options));
  return {
    fcp_ms: round(median(runs.map((r) => r.fcp)), 0),
    lcp_ms: round(median(runs.map((r) => r.lcp)), 0),
    ...(options.chat ? { chat_visible_ms: round(median(runs.map((r) => r.chat)), 0) } : {}),
    transferred_kb: round(median(runs.map((r) => r.bytes.total)) / 1024, 1),
    js_transferred_kb: round(median(runs.map((r) => r.bytes.js)) / 1024, 1),
    requests: median(runs.map((r) => r.bytes.requests)),
  };
}

async function main() {
  // --url (BENCH_URL): a running app (`npm run demo`) instead of the built api on a fresh seeded database.
  const given = flags.url ?? process.env.BENCH_URL;
  const url = given
    ? given.replace(/\/$/, '')
    : (await h.startApi((await h.prepare({ database: `ocop_bench_vitals_${process.pid}`, seed: true })).env))
        .url;
  const live = await (await fetch(`${url}/api/sessions?status=live&pageSize=1`)).json();
  const sessionId = live.items?.[0]?.id;
  if (!sessionId) throw new Error('the seed put no session on air');
  const sent = await writeChat(
    url,
    sessionId,
    MESSAGES,
    (i) => `Chị ơi sản phẩm số ${i + 1} còn hàng không ạ?`,
  );
  log(`live session ${sessionId}: ${sent} chat messages written`);
  const baseline = await startBaselinePage(
    h.cleanups,
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
      '<script type="module" src="/a.js"></script></head><body><h1>OCOP Live</h1></body></html>',
  );

  const { chromium } = requireFromRoot('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  h.cleanups.push(() => browser.close());
  const result = { bench: 'web-vitals', runs: RUNS, viewport: '390x844', chat_messages: sent };
  for (const [name, profile] of Object.entries(PROFILES)) {
    // Warm the server's caches (file hashes, the session's read model) outside the measurement.
    await fetch(`${url}/sessions/${sessionId}`).then((r) => r.arrayBuffer());
    const home = await series(browser, `${url}/`, profile, { chat: false });
    log(`${name} home: ${JSON.stringify(home)}`);
    const session = await series(browser, `${url}/sessions/${sessionId}`, profile, { chat: true });
    log(`${name} session: ${JSON.stringify(session)}`);
    const floor = await series(browser, baseline, profile, { chat: false });
    log(`${name} baseline: ${JSON.stringify(floor)}`);
    const within =
      (home.fcp_ms ?? Infinity) <= profile.targets.fcp &&
      (session.fcp_ms ?? Infinity) <= profile.targets.fcp &&
      (session.chat_visible_ms ?? Infinity) <= profile.targets.chat;
    result[name] = {
      home,
      session,
      baseline: floor,
      targets_ms: profile.targets,
      within_targets: within,
    };
  }
  return result;
}

main()
  .then(async (result) => {
    await h.shutdown();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  })
  .catch(async (error) => {
    log(`failed: ${error.stack ?? error.message}`);
    await h.shutdown();
    process.exit(1);
  });
