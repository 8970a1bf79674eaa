import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * How the api sends the built web app's files: the build writes a brotli (.br) and a gzip (.gz) copy next to every
 * compressible file (scripts/web-compress.mjs); a request gets the smallest copy its Accept-Encoding allows, with
 * the original's Content-Type, the copy's length, an ETag per copy and `Vary: Accept-Encoding`. Hashed files under
 * /assets are cached for a year (immutable); everything else (index.html, the service worker, the manifest) is
 * revalidated on every use (`no-cache` + ETag -> 304).
 */

export type Coding = 'br' | 'gzip' | 'identity';

/** Extension -> Content-Type. Compressible types are the text ones (the build precompresses exactly these). */
const TYPES: Record<string, { type: string; compressible: boolean }> = {
  '.html': { type: 'text/html; charset=utf-8', compressible: true },
  '.js': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.mjs': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.css': { type: 'text/css; charset=utf-8', compressible: true },
  '.svg': { type: 'image/svg+xml', compressible: true },
  '.json': { type: 'application/json; charset=utf-8', compressible: true },
  '.map': { type: 'application/json; charset=utf-8', compressible: true },
  '.webmanifest': { type: 'application/manifest+json; charset=utf-8', compressible: true },
  '.txt': { type: 'text/plain; charset=utf-8', compressible: true },
  '.xml': { type: 'application/xml; charset=utf-8', compressible: true },
  '.png': { type: 'image/png', compressible: false },
  '.jpg': { type: 'image/jpeg', compressible: false },
  '.jpeg': { type: 'image/jpeg', compressible: false },
  '.webp': { type: 'image/webp', compressible: false },
  '.avif': { type: 'image/avif', compressible: false },
  '.gif': { type: 'image/gif', compressible: false },
  '.ico': { type: 'image/x-icon', compressible: false },
  '.woff2': { type: 'font/woff2', compressible: false },
  '.woff': { type: 'font/woff', compressible: false },
  '.mp4': { type: 'video/mp4', compressible: false },
  '.webm': { type: 'video/webm', compressible: false },
};

export function contentTypeOf(file: string): { type: string; compressible: boolean } {
  return TYPES[path.extname(file).toLowerCase()] ?? { type: 'application/octet-stream', compressible: false };
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/**
 * The coding to send, from the Accept-Encoding header (RFC 9110 §12.5.3) and the codings on offer (in the
 * server's order of preference: br, gzip, identity). Highest q wins, ties go to the server's preference; q=0 refuses
 * a coding; `*` stands for every coding not named; identity is acceptable unless refused by name or by `*;q=0`,
 * and when not named it comes last (the lowest q given to anything).
 * Returns undefined when nothing on offer is acceptable.
 */
export function negotiateEncoding(
  header: string | undefined,
  offered: readonly Coding[],
): Coding | undefined {
  if (header === undefined) return offered.includes('identity') ? 'identity' : offered[0];
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.trim().split(';');
    const name = (rawName ?? '').trim().toLowerCase();
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param);
      if (match) q = Math.min(1, Math.max(0, Number(match[1]) || 0));
    }
    // x-gzip is gzip's old name.
    const key = name === 'x-gzip' ? 'gzip' : name;
    weights.set(key, Math.max(q, weights.get(key) ?? 0));
  }
  const star = weights.get('*');
  // Identity not named is acceptable, as the least preferred choice (the lowest q the browser gave anything).
  const listed = [...weights.values()].filter((q) => q > 0);
  const identityDefault = listed.length ? Math.min(...listed) : 1;
  const weightOf = (coding: Coding): number => {
    const named = weights.get(coding);
    if (named !== undefined) return named;
    if (star !== undefined) return star;
    return coding === 'identity' ? identityDefault : 0;
  };
  let best: Coding | undefined;
  let bestQ = 0;
  for (const coding of offered) {
    const q = weightOf(coding);
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  return best;
}

/** True when the If-None-Match header names the ETag (weak comparison, `*` matches anything). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === bare);
}

const SUFFIX: Record<Exclude<Coding, 'identity'>, string> = { br: '.br', gzip: '.gz' };

export interface Variant {
  coding: Coding;
  file: string;
  size: number;
  etag: string;
}

/** A file and its compressed copies, with their hashes; kept while the file's size and mtime stay the same. */
export interface FileEntry {
  file: string;
  type: string;
  compressible: boolean;
  variants: Map<Coding, Variant>;
}

function hashOf(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('base64url').slice(0, 22);
}

/** Looks up built files with their precompressed copies; hashing happens once per version of a file. */
export class StaticFiles {
  private readonly cache = new Map<string, { key: string; entry: FileEntry }>();

  constructor(readonly root: string) {}

  /** The file for a URL path (decoded), or undefined when there is none, or it is hidden, or outside the root. */
  lookup(urlPath: string): FileEntry | undefined {
    if (urlPath.includes('\0')) return undefined;
    const segments = urlPath.split('/').filter(Boolean);
    // Dot files and folders (.vite/manifest.json) are the build's, not the app's.
    if (segments.some((segment) => segment.startsWith('.'))) return undefined;
    const file = path.resolve(this.root, ...segments);
    if (!file.startsWith(this.root + path.sep)) return undefined;
    // A compressed copy is served only as a coding of its original, never by its own name.
    if (/\.(br|gz)$/.test(file)) return undefined;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const { type, compressible } = contentTypeOf(file);
    const copies = compressible
      ? (['br', 'gzip'] as const).flatMap((coding) => {
          try {
            const copy = fs.statSync(file + SUFFIX[coding]);
            return copy.isFile() ? [{ coding, stat: copy }] : [];
          } catch {
            return [];
          }
        })
      : [];
    const key = [
      stat.size,
      stat.mtimeMs,
      ...copies.map((c) => `${c.coding}:${c.stat.size}:${c.stat.mtimeMs}`),
    ].join('|');
    const cached = this.cache.get(file);
    if (cached && cached.key === key) return cached.entry;
    const hash = hashOf(file);
    const variants = new Map<Coding, Variant>();
    for (const copy of copies) {
      const copyFile = file + SUFFIX[copy.coding];
      variants.set(copy.coding, {
        coding: copy.coding,
        file: copyFile,
        size: copy.stat.size,
        etag: `"${hash}-${copy.coding}"`,
      });
    }
    variants.set('identity', { coding: 'identity', file, size: stat.size, etag: `"${hash}"` });
    const entry: FileEntry = { file, type, compressible, variants };
    this.cache.set(file, { key, entry });
    return entry;
  }
}

/** The codings on offer for a file, best first. */
export function offeredCodings(entry: FileEntry): Coding[] {
  return (['br', 'gzip', 'identity'] as const).filter((coding) => entry.variants.has(coding));
}

/**
 * Compresses a page made on request (the shell with a page's own tags): brotli at a quality fast enough per
 * request, or gzip. Small LRU so that a popular page is compressed once.
 */
export class DynamicCompressor {
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly capacity = 200) {}

  compress(body: Buffer, coding: Coding, hash: string): Buffer {
    if (coding === 'identity') return body;
    const key = `${coding}:${hash}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const out =
      coding === 'br'
        ? zlib.brotliCompressSync(body, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          })
        : zlib.gzipSync(body, { level: 6 });
    this.cache.set(key, out);
    if (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return out;
  }
}

export function contentHash(body: Buffer | string): string {
  return crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22);
}
