#!/usr/bin/env node
// Reports (and enforces) the web app's size budget after `vite build`: the JavaScript a phone downloads before
// the session page can render, as transferred — brotli, the coding the api sends to every current browser
// (scripts/web-compress.mjs writes the .br copies). Counted: the entry chunk and its static imports (what
// index.html loads), the session page's lazy chunk and its static imports (what the route loads before it
// renders), and the first render's messages in Vietnamese (i18n/load-messages.ts: common and shop, and the
// namespaces each page's route loads with its chunk, pages/shop/routes.tsx). Not counted,
// printed apart: what loads after the first render (socket.io-client, hls.js, the checkout sheet). Budget:
// 150 KB (issue 13: the session page's initial JavaScript). Prints one verdict line (the files with
// WEB_BUDGET_VERBOSE=1); exits 1 when over, so `npm run build` fails.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from './lib/util.mjs';

const OUT = path.join(ROOT, 'dist/web');
export const BUDGET_KB = 150;
const SESSION_PAGE = 'src/pages/shop/SessionPage.tsx';
const HOME_PAGE = 'src/pages/shop/HomePage.tsx';
/** The messages the first render waits for (INITIAL_NAMESPACES of apps/web/src/i18n/load-messages.ts), Vietnamese. */
const FIRST_MESSAGES = ['src/i18n/messages/vi/common.json', 'src/i18n/messages/vi/shop.json'];
/** The namespaces each page's route loads with its chunk (apps/web/src/pages/shop/routes.tsx), Vietnamese. */
const messagesOf = (namespaces) => namespaces.map((ns) => `src/i18n/messages/vi/${ns}.json`);
const PAGE_MESSAGES = {
  [SESSION_PAGE]: messagesOf(['room', 'player', 'notify', 'share', 'moderation']),
  [HOME_PAGE]: messagesOf(['room']),
};

const manifest = JSON.parse(fs.readFileSync(path.join(OUT, '.vite/manifest.json'), 'utf8'));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error('web-budget: the build has no entry chunk');

/** The chunk files that load before a page renders: the chunks given and their static imports, transitively. */
function closure(keys) {
  const files = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    if (manifest[key].file.endsWith('.js')) files.add(manifest[key].file);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...files];
}

/** Brotli bytes as sent: the build's .br copy, or the file compressed now at the same quality. */
function brotliBytes(file) {
  const copy = path.join(OUT, `${file}.br`);
  if (fs.existsSync(copy)) return fs.statSync(copy).size;
  const body = fs.readFileSync(path.join(OUT, file));
  return zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
const kb = (bytes) => bytes / 1024;

function page(label, pageKey) {
  const files = closure([
    entryKey,
    ...FIRST_MESSAGES,
    ...(PAGE_MESSAGES[pageKey] ?? []),
    ...(manifest[pageKey] ? [pageKey] : []),
  ]);
  const sized = files.map((file) => ({ file, br: brotliBytes(file) })).sort((a, b) => b.br - a.br);
  const total = sized.reduce((sum, f) => sum + f.br, 0);
  if (!manifest[pageKey]) {
    process.stderr.write(
      `[web] ${pageKey} is not a chunk of the build: the ${label} measured the entry only\n`,
    );
  }
  return { label, files: sized, total };
}

const session = page('session page', SESSION_PAGE);
/** The session page's chunks loaded on demand after its first render (socket.io-client, hls.js, checkout). */
const later = (() => {
  const initial = new Set(session.files.map((f) => f.file));
  const pageKeys = new Set();
  const visit = (key) => {
    if (pageKeys.has(key) || !manifest[key]) return;
    pageKeys.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  visit(SESSION_PAGE);
  pageKeys.delete(entryKey);
  const dynamic = [...pageKeys].flatMap((key) => manifest[key].dynamicImports ?? []);
  const files = closure(dynamic).filter((file) => !initial.has(file));
  return files.reduce((sum, file) => sum + brotliBytes(file), 0);
})();
const home = page('home page', HOME_PAGE);
const allJs = [...new Set(Object.values(manifest).map((chunk) => chunk.file))]
  .filter((file) => file.endsWith('.js'))
  .reduce((sum, file) => sum + brotliBytes(file), 0);

if (process.env.WEB_BUDGET_VERBOSE) {
  for (const p of [session, home]) {
    process.stdout.write(`[web] ${p.label}:\n`);
    for (const f of p.files)
      process.stdout.write(`        ${kb(f.br).toFixed(1).padStart(6)} KB  ${f.file}\n`);
  }
}
const verdict = kb(session.total) <= BUDGET_KB ? 'within' : 'OVER';
process.stdout.write(
  `[web] session page initial JS: ${kb(session.total).toFixed(1)} KB brotli in ${session.files.length} file(s) ` +
    `(budget ${BUDGET_KB} KB, ${verdict}); then on demand ${kb(later).toFixed(1)} KB; home ${kb(home.total).toFixed(1)} KB; ` +
    `whole app ${kb(allJs).toFixed(1)} KB\n`,
);
if (kb(session.total) > BUDGET_KB) process.exit(1);
