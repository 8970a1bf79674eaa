#!/usr/bin/env node
// Precompresses the built web app: writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to every
// compressible file in dist/web (js, css, html, svg, json, webmanifest, txt), so the api sends the smallest copy a
// browser accepts without compressing on each request (apps/api/src/web-static.ts). A copy that would not be
// smaller than its original is not written. Run by the Vite build (apps/web/vite.config.mts) and runnable alone:
// `node scripts/web-compress.mjs [dir]`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/i;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** Compresses every compressible file under `dir`; returns the totals. */
export function compressDir(dir) {
  const totals = { files: 0, original: 0, br: 0, gzip: 0 };
  for (const file of walk(dir)) {
    // The build's own manifest (.vite/) is not served.
    if (!COMPRESSIBLE.test(file) || file.split(path.sep).some((part) => part.startsWith('.'))) continue;
    const body = fs.readFileSync(file);
    const br = zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
    const gzip = zlib.gzipSync(body, { level: 9 });
    totals.files += 1;
    totals.original += body.length;
    for (const [suffix, copy, key] of [
      ['.br', br, 'br'],
      ['.gz', gzip, 'gzip'],
    ]) {
      if (copy.length < body.length) {
        fs.writeFileSync(file + suffix, copy);
        totals[key] += copy.length;
      } else {
        fs.rmSync(file + suffix, { force: true });
        totals[key] += body.length;
      }
    }
  }
  return totals;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'dist', 'web'));
  const t = compressDir(dir);
  const kb = (n) => (n / 1024).toFixed(1);
  process.stdout.write(
    `[web] precompressed ${t.files} file(s): ${kb(t.original)} KB -> brotli ${kb(t.br)} KB, gzip ${kb(t.gzip)} KB\n`,
  );
}
