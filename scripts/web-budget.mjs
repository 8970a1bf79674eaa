#!/usr/bin/env node
// Reports (and enforces) the web app's size budget after `vite build`: the JavaScript a phone downloads before
// the session page can render — the entry chunk, the session page's chunk and everything they import statically —
// gzipped. Budget: 250 KB (issue: the session page's initial JavaScript). Prints one line; exits 1 when over.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from './lib/util.mjs';

const OUT = path.join(ROOT, 'dist/web');
const BUDGET_KB = 250;
const SESSION_PAGE = 'src/pages/shop/SessionPage.tsx';

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
    files.add(manifest[key].file);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...files];
}

const gzipKb = (file) => zlib.gzipSync(fs.readFileSync(path.join(OUT, file)), { level: 9 }).length / 1024;
const pageKeys = [entryKey, ...(manifest[SESSION_PAGE] ? [SESSION_PAGE] : [])];
const files = closure(pageKeys);
const total = files.reduce((sum, file) => sum + gzipKb(file), 0);
const allJs = Object.values(manifest)
  .map((chunk) => chunk.file)
  .filter((file, index, list) => file.endsWith('.js') && list.indexOf(file) === index)
  .reduce((sum, file) => sum + gzipKb(file), 0);

const verdict = total <= BUDGET_KB ? 'within' : 'OVER';
process.stdout.write(
  `[web] session page initial JS: ${total.toFixed(1)} KB gzipped in ${files.length} file(s) (budget ${BUDGET_KB} KB, ${verdict}); whole app ${allJs.toFixed(1)} KB\n`,
);
if (!manifest[SESSION_PAGE]) {
  process.stderr.write(
    `[web] ${SESSION_PAGE} is not a chunk of the build: the budget measured the entry only\n`,
  );
}
if (total > BUDGET_KB) process.exit(1);
