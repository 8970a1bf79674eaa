import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Injectable, Module } from '@nestjs/common';
import { WEB_SHELL_RENDERER, WebShellPage, WebShellRenderer, WebShellRequest } from '@ocop/http';
import { closeAll, createTestApp, TestApp } from '@ocop/testing';
import { WebAppModule } from './web-app.module';

// The built web app as the api sends it: the build's brotli and gzip copies chosen by Accept-Encoding (q-values,
// identity, refusal), the original's type, the copy's length and ETag, 304 on a current copy, a year of caching
// for hashed files and revalidation for the shell, every page of the app answered with the shell (through the
// page renderer hook when a context registers one), and no compression of pictures.

const REPO = path.resolve(__dirname, '../../..');

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: the body exactly as sent (no client-side decompression). */
function fetchRaw(
  base: string,
  urlPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(answer: Answer): string {
  const coding = answer.headers['content-encoding'];
  if (coding === 'br') return zlib.brotliDecompressSync(answer.body).toString('utf8');
  if (coding === 'gzip') return zlib.gunzipSync(answer.body).toString('utf8');
  return answer.body.toString('utf8');
}

// A 1x1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const SCRIPT = `export const greeting = ${JSON.stringify('Xin chào, phiên live OCOP! '.repeat(200))};\n`;
const SHELL =
  '<!doctype html><html lang="vi"><head><meta charset="UTF-8"><title>OCOP Live</title>' +
  '<script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div>' +
  `<!-- ${'OCOP '.repeat(100)} --></body></html>`;

@Injectable()
class ProductShell implements WebShellRenderer {
  readonly seen: string[] = [];
  render(request: WebShellRequest, shell: string): WebShellPage | undefined {
    this.seen.push(request.path);
    const match = /^\/products\/([\w-]+)$/.exec(request.path);
    if (!match) return undefined;
    if (match[1] === 'broken') throw new Error('no such product');
    if (match[1] === 'gone') return { html: shell, status: 404 };
    return { html: shell.replace('</head>', `<meta property="og:title" content="Sản phẩm ${match[1]}"></head>`) };
  }
}

@Module({
  providers: [ProductShell, { provide: WEB_SHELL_RENDERER, useExisting: ProductShell }],
  exports: [],
})
class ShareShellModule {}

describe('the web app as the api sends it', () => {
  let webDir: string;
  let t: TestApp;
  let shared: TestApp;

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-web-static-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.mkdirSync(path.join(webDir, '.vite'));
    fs.writeFileSync(path.join(webDir, 'index.html'), SHELL);
    fs.writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), SCRIPT);
    fs.writeFileSync(
      path.join(webDir, 'assets', 'index-abc123.css'),
      `body{margin:0}\n${'.a{color:red}\n'.repeat(80)}`,
    );
    fs.writeFileSync(path.join(webDir, 'assets', 'cover-abc123.png'), PNG);
    fs.writeFileSync(
      path.join(webDir, 'sw.js'),
      `self.addEventListener('fetch', () => {});\n${'// ok\n'.repeat(60)}`,
    );
    fs.writeFileSync(path.join(webDir, '.vite', 'manifest.json'), '{"secret":"build"}');
    // The build step itself writes the copies.
    execFileSync(process.execPath, [path.join(REPO, 'scripts/web-compress.mjs'), webDir]);
    const config = { WEB_DIST_DIR: webDir };
    t = await createTestApp({ imports: [WebAppModule.forRoot()], config, websockets: true });
    shared = await createTestApp({
      imports: [ShareShellModule, WebAppModule.forRoot()],
      config,
      websockets: true,
    });
  }, 60_000);
  afterAll(async () => {
    await closeAll(t, shared);
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('has the build write a brotli and a gzip copy of text files only', () => {
    for (const file of ['index.html', 'assets/index-abc123.js', 'assets/index-abc123.css', 'sw.js']) {
      const original = fs.readFileSync(path.join(webDir, file));
      expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(webDir, `${file}.br`)))).toEqual(original);
      expect(zlib.gunzipSync(fs.readFileSync(path.join(webDir, `${file}.gz`)))).toEqual(original);
    }
    expect(fs.existsSync(path.join(webDir, 'assets/cover-abc123.png.br'))).toBe(false);
    expect(fs.existsSync(path.join(webDir, 'assets/cover-abc123.png.gz'))).toBe(false);
    expect(fs.existsSync(path.join(webDir, '.vite/manifest.json.br'))).toBe(false);
  });

  it('sends the smallest copy the browser accepts, with the right type, length, ETag and caching', async () => {
    const file = path.join(webDir, 'assets/index-abc123.js');
    const sizes = {
      br: fs.statSync(`${file}.br`).size,
      gzip: fs.statSync(`${file}.gz`).size,
      identity: fs.statSync(file).size,
    };
    expect(sizes.br).toBeLessThan(sizes.gzip);
    const cases: Array<[string | undefined, 'br' | 'gzip' | 'identity']> = [
      ['gzip, deflate, br, zstd', 'br'],
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['x-gzip', 'gzip'],
      ['br;q=0.5, gzip;q=0.8', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['*', 'br'],
      ['*;q=0.2, identity;q=0.5', 'identity'],
      ['gzip;q=0, br;q=0', 'identity'],
      ['identity', 'identity'],
      ['deflate', 'identity'],
      [undefined, 'identity'],
    ];
    const etags = new Map<string, string>();
    for (const [accept, coding] of cases) {
      const res = await fetchRaw(
        t.url,
        '/assets/index-abc123.js',
        accept === undefined ? {} : { 'Accept-Encoding': accept },
      );
      expect({ accept, status: res.status, coding: res.headers['content-encoding'] ?? 'identity' }).toEqual({
        accept,
        status: 200,
        coding,
      });
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(Number(res.headers['content-length'])).toBe(sizes[coding]);
      expect(res.body.length).toBe(sizes[coding]);
      expect(decode(res)).toBe(SCRIPT);
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['accept-ranges']).toBe('none');
      // The security headers stay on the app's files.
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      const etag = res.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      if (etags.has(coding)) expect(etags.get(coding)).toBe(etag);
      etags.set(coding, etag);
    }
    // One ETag per coding.
    expect(new Set(etags.values()).size).toBe(3);
  });

  it('refuses with 406 when every coding on offer is refused', async () => {
    for (const accept of ['identity;q=0', '*;q=0', 'br;q=0, gzip;q=0, identity;q=0']) {
      const res = await fetchRaw(t.url, '/assets/index-abc123.js', { 'Accept-Encoding': accept });
      expect(res.status).toBe(406);
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ code: 'ENCODING_NOT_ACCEPTABLE' });
    }
    // The picture has only its identity coding: `*;q=0` with identity named still gets it.
    const png = await fetchRaw(t.url, '/assets/cover-abc123.png', { 'Accept-Encoding': 'br, *;q=0' });
    expect(png.status).toBe(406);
  });

  it('answers 304 to a current copy of the same coding, and 200 with the body otherwise', async () => {
    const br = await fetchRaw(t.url, '/assets/index-abc123.js', { 'Accept-Encoding': 'br' });
    const gz = await fetchRaw(t.url, '/assets/index-abc123.js', { 'Accept-Encoding': 'gzip' });
    const again = await fetchRaw(t.url, '/assets/index-abc123.js', {
      'Accept-Encoding': 'br',
      'If-None-Match': br.headers.etag as string,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(br.headers.etag);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(again.headers.vary).toBe('Accept-Encoding');
    // A gzip copy's ETag does not validate the brotli copy.
    const other = await fetchRaw(t.url, '/assets/index-abc123.js', {
      'Accept-Encoding': 'br',
      'If-None-Match': gz.headers.etag as string,
    });
    expect(other.status).toBe(200);
    expect(decode(other)).toBe(SCRIPT);
    // A list and weak tags are compared as RFC 9110 says.
    const listed = await fetchRaw(t.url, '/assets/index-abc123.js', {
      'Accept-Encoding': 'gzip',
      'If-None-Match': `"nope", W/${gz.headers.etag as string}`,
    });
    expect(listed.status).toBe(304);
  });

  it('serves every page of the app with the shell, revalidated on each use', async () => {
    const home = await fetchRaw(t.url, '/', { 'Accept-Encoding': 'br, gzip' });
    expect(home.status).toBe(200);
    expect(home.headers['content-encoding']).toBe('br');
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(decode(home)).toBe(SHELL);
    for (const page of [
      '/sessions/5b0e4d0c-1111-4222-8333-944445555666',
      '/products',
      '/studio/sessions/x/control',
      '/index.html',
    ]) {
      const res = await fetchRaw(t.url, page, { 'Accept-Encoding': 'gzip' });
      expect({ page, status: res.status, coding: res.headers['content-encoding'] }).toEqual({
        page,
        status: 200,
        coding: 'gzip',
      });
      expect(decode(res)).toBe(SHELL);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const revalidated = await fetchRaw(t.url, '/sessions/abc', {
      'Accept-Encoding': 'br',
      'If-None-Match': home.headers.etag as string,
    });
    expect(revalidated.status).toBe(304);
    // The service worker is revalidated too, not cached for a year.
    const sw = await fetchRaw(t.url, '/sw.js', { 'Accept-Encoding': 'br' });
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['content-encoding']).toBe('br');
  });

  it('sends pictures as they are, whatever the browser accepts', async () => {
    const res = await fetchRaw(t.url, '/assets/cover-abc123.png', { 'Accept-Encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers.vary).toBeUndefined();
    expect(res.body).toEqual(PNG);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers HEAD with the headers of GET and no body, and ignores byte ranges', async () => {
    const head = await fetchRaw(t.url, '/assets/index-abc123.css', { 'Accept-Encoding': 'br' }, 'HEAD');
    const get = await fetchRaw(t.url, '/assets/index-abc123.css', { 'Accept-Encoding': 'br' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of [
      'content-type',
      'content-length',
      'content-encoding',
      'etag',
      'cache-control',
      'vary',
    ]) {
      expect(head.headers[name]).toBe(get.headers[name]);
    }
    expect(head.headers['content-type']).toBe('text/css; charset=utf-8');
    const ranged = await fetchRaw(t.url, '/assets/index-abc123.js', {
      'Accept-Encoding': 'br',
      Range: 'bytes=0-9',
    });
    expect(ranged.status).toBe(200);
    expect(decode(ranged)).toBe(SCRIPT);
    const headPage = await fetchRaw(t.url, '/sessions/abc', { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(headPage.status).toBe(200);
    expect(headPage.body.length).toBe(0);
  });

  it("leaves the api's paths to the api, and answers a missing or hidden file with 404, not the shell", async () => {
    for (const missing of [
      '/assets/index-gone.js',
      '/assets/index-abc123.js.br',
      '/assets/index-abc123.js.gz',
      '/.vite/manifest.json',
      '/favicon.ico',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/api/nothing-here',
      '/socket.io/nope',
      '/files/nothing',
    ]) {
      const res = await fetchRaw(t.url, missing, { 'Accept-Encoding': 'br' });
      expect({ missing, status: res.status }).toEqual({ missing, status: 404 });
      expect(res.headers['content-type']).not.toContain('text/html');
    }
    const health = await fetchRaw(t.url, '/health', { 'Accept-Encoding': 'br' });
    expect(health.headers['content-type']).toContain('application/json');
    // A page is not an api path: POST to a page is not served.
    const post = await fetchRaw(t.url, '/sessions/abc', {}, 'POST');
    expect(post.status).toBe(404);
  });

  it("passes pages through a context's renderer, compressed on the fly, and serves the shell when it fails", async () => {
    const renderer = shared.app.get(ProductShell);
    const page = await fetchRaw(shared.url, '/products/ca-phe-42?ref=abc', { 'Accept-Encoding': 'gzip, br' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.vary).toBe('Accept-Encoding');
    expect(Number(page.headers['content-length'])).toBe(page.body.length);
    const html = decode(page);
    expect(html).toContain('<meta property="og:title" content="Sản phẩm ca-phe-42"></head>');
    expect(renderer.seen).toContain('/products/ca-phe-42');
    const gz = await fetchRaw(shared.url, '/products/ca-phe-42', { 'Accept-Encoding': 'gzip' });
    expect(decode(gz)).toBe(html);
    expect(gz.headers.etag).not.toBe(page.headers.etag);
    const plain = await fetchRaw(shared.url, '/products/ca-phe-42');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(html);
    const again = await fetchRaw(shared.url, '/products/ca-phe-42', {
      'Accept-Encoding': 'br',
      'If-None-Match': page.headers.etag as string,
    });
    expect(again.status).toBe(304);
    // Another page: the renderer leaves it as built; a failing render falls back to the shell.
    for (const other of ['/sessions/abc', '/products/broken']) {
      const res = await fetchRaw(shared.url, other, { 'Accept-Encoding': 'br' });
      expect(res.status).toBe(200);
      expect(decode(res)).toBe(SHELL);
    }
    // A page whose subject is unknown: the shell, with the renderer's status.
    const gone = await fetchRaw(shared.url, '/products/gone', { 'Accept-Encoding': 'br' });
    expect(gone.status).toBe(404);
    expect(decode(gone)).toBe(SHELL);
    // Files are never passed to the renderer.
    await fetchRaw(shared.url, '/assets/index-abc123.js');
    expect(renderer.seen).not.toContain('/assets/index-abc123.js');
  });
});
