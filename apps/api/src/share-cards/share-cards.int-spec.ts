import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import {
  createTestApp,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeLiveSession,
  makeSession,
  MadeSession,
  TestApp,
} from '@ocop/testing';
import { WebAppModule } from '../web-app.module';
import { ShareCardsModule } from './share-cards.module';

// Link previews as Zalo's and Facebook's crawlers fetch them: the shell of the web app with the page's Open Graph
// and Twitter tags, every value escaped; the same answer for a browser.

const SHELL =
  '<!doctype html><html lang="vi"><head><meta charset="UTF-8" />' +
  '<meta name="description" content="OCOP Live: xem livestream" /><title>OCOP Live</title>' +
  '<script type="module" src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>';
const PUBLIC_URL = 'https://ocop.example.vn';
const CRAWLERS = [
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Mozilla/5.0 (compatible; Zalo/1.0; +https://zalo.me)',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36',
];
// Ten days ahead at 12:30 UTC: 19:30 the same day in Vietnam.
const STARTS = new Date(Date.now() + 10 * 24 * 3600 * 1000);
STARTS.setUTCHours(12, 30, 0, 0);
const two = (n: number) => String(n).padStart(2, '0');
const STARTS_VN = `19:30, ${two(STARTS.getUTCDate())}/${two(STARTS.getUTCMonth() + 1)}/${STARTS.getUTCFullYear()}`;
const HOSTILE = `Gốm "Bát Tràng"</title><script>alert(1)</script><meta property="og:title" content="x`;

/** The content of each meta, by property or name, as the HTML holds it (still escaped). */
function metas(html: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const m of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)" \/>/g)) {
    const key = m[1] as string;
    found.set(key, [...(found.get(key) ?? []), m[2] as string]);
  }
  return found;
}

const unescape = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('link previews of shared pages (Open Graph)', () => {
  let t: TestApp;
  let webDir: string;
  let product: ProductView;
  let hostileProduct: ProductView;
  let live: MadeSession;
  let upcoming: MadeSession;

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-web-og-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), SHELL);
    fs.writeFileSync(path.join(webDir, 'assets', 'index-abc.js'), 'console.log("app");');
    t = await createTestApp({
      imports: [
        LiveHttpModule,
        CatalogueHttpModule,
        IdentityHttpModule,
        WebAppModule.forRoot(),
        ShareCardsModule,
      ],
      config: { WEB_DIST_DIR: webDir, PUBLIC_URL },
    });
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    product = await makeActiveProduct(t, {
      farmer,
      admin,
      name: 'Bát gốm men lam',
      priceVnd: 150_000,
      description: 'Gốm men lam vẽ tay.',
    });
    hostileProduct = await makeActiveProduct(t, { farmer, admin, name: HOSTILE, description: HOSTILE });
    live = await makeLiveSession(t, { products: [product], overrides: { title: HOSTILE } });
    upcoming = await makeSession(t, {
      products: [product],
      overrides: { title: 'Đêm gốm Bát Tràng', scheduledStartAt: STARTS.toISOString() },
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const page = (url: string, userAgent = CRAWLERS[0] as string) =>
    t.http().get(url).set('User-Agent', userAgent).set('Accept', 'text/html');

  it('gives a product its title, price, producer, type and URL, to every crawler and to browsers alike', async () => {
    const answers = await Promise.all(CRAWLERS.map((ua) => page(`/products/${product.id}`, ua)));
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(res.headers['cache-control']).toBe('no-cache');
      // Served like every page of the app: under the same Content-Security-Policy.
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.text).toBe(answers[0]?.text);
    }
    const html = answers[0]?.text ?? '';
    const tags = metas(html);
    expect(tags.get('og:title')).toEqual(['Bát gốm men lam']);
    expect(tags.get('og:type')).toEqual(['product']);
    expect(tags.get('og:url')).toEqual([`${PUBLIC_URL}/products/${product.id}`]);
    expect(tags.get('og:description')?.[0]).toContain('150.000 ₫');
    expect(tags.get('og:description')?.[0]).toContain(`OCOP ${product.certificate.stars} sao`);
    expect(tags.get('og:description')?.[0]).toContain(product.producer.name);
    expect(tags.get('product:price:amount')).toEqual(['150000']);
    expect(tags.get('product:price:currency')).toEqual(['VND']);
    expect(tags.get('twitter:card')).toEqual(['summary']);
    expect(tags.get('description')).toEqual(tags.get('og:description'));
    expect(html).toContain('<title>Bát gốm men lam | OCOP Live</title>');
    // The app itself still loads.
    expect(html).toContain('<script type="module" src="/assets/index-abc.js"></script>');
    expect(html).toContain('<div id="root"></div>');
  });

  it('gives a session its title, its host and its time (live now, or when it starts in Vietnam)', async () => {
    const liveTags = metas((await page(`/sessions/${live.session.id}`).expect(200)).text);
    expect(liveTags.get('og:type')).toEqual(['video.other']);
    expect(unescape(liveTags.get('og:description')?.[0] ?? '')).toContain(
      `Đang phát trực tiếp · Dẫn bởi ${live.host.displayName}`,
    );
    const upcomingTags = metas((await page(`/sessions/${upcoming.session.id}`).expect(200)).text);
    expect(upcomingTags.get('og:title')).toEqual(['Đêm gốm Bát Tràng']);
    expect(upcomingTags.get('og:description')?.[0]).toContain(`Phát trực tiếp lúc ${STARTS_VN}`);
    expect(upcomingTags.get('og:url')).toEqual([`${PUBLIC_URL}/sessions/${upcoming.session.id}`]);
  });

  it('gives a producer its name, kind and place', async () => {
    const tags = metas((await page(`/producers/${product.producerId}`).expect(200)).text);
    expect(tags.get('og:title')).toEqual([product.producer.name]);
    expect(tags.get('og:description')?.[0]).toContain(product.producer.province.name);
    expect(tags.get('og:type')).toEqual(['profile']);
  });

  it('keeps a hostile title and description as text: no script, no extra tag, the value intact once unescaped', async () => {
    for (const url of [`/products/${hostileProduct.id}`, `/sessions/${live.session.id}`]) {
      const html = (await page(url).expect(200)).text;
      expect(html).not.toContain('<script>alert(1)</script>');
      // One script runs (the app's); the session page's first answers are data (page-boot.ts), the title intact.
      expect(html.match(/<script(?! type="application\/json" id="ocop-boot">)/g)).toHaveLength(1);
      const boot = /<script type="application\/json" id="ocop-boot">([^<]*)<\/script>/.exec(html);
      if (url.startsWith('/sessions/')) {
        const answers = JSON.parse(boot?.[1] ?? '{}') as Record<string, { title?: string }>;
        expect(answers[`/api/sessions/${live.session.id}`]?.title).toBe(HOSTILE);
      } else {
        expect(boot).toBeNull();
      }
      expect(html.match(/<title>/g)).toHaveLength(1);
      expect(html.match(/<\/title>/g)).toHaveLength(1);
      const tags = metas(html);
      expect(tags.get('og:title')).toHaveLength(1);
      expect(unescape(tags.get('og:title')?.[0] ?? '')).toBe(HOSTILE);
      expect(tags.get('og:title')?.[0]).toBe(
        'Gốm &quot;Bát Tràng&quot;&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;meta property=&quot;og:title&quot; content=&quot;x',
      );
    }
  });

  it("writes home's and a session's first answers into their shell, as the api answers a signed-out visitor", async () => {
    const bootOf = (html: string) =>
      JSON.parse(
        /<script type="application\/json" id="ocop-boot">([^<]*)<\/script>/.exec(html)?.[1] ?? 'null',
      ) as Record<string, unknown> | null;
    const home = bootOf((await page('/').expect(200)).text);
    for (const url of [
      '/api/sessions?status=live&pageSize=24',
      '/api/sessions?status=upcoming&pageSize=24',
      '/api/sessions?status=past&pageSize=12',
      '/api/products?pageSize=6',
    ]) {
      expect(home?.[url]).toEqual((await t.http().get(url).expect(200)).body);
    }
    const items = (home?.['/api/sessions?status=live&pageSize=24'] as { items: { id: string }[] }).items;
    expect(items.map((item) => item.id)).toContain(live.session.id);
    const session = bootOf((await page(`/sessions/${upcoming.session.id}`).expect(200)).text);
    const detail = `/api/sessions/${upcoming.session.id}`;
    expect(session?.[detail]).toEqual((await t.http().get(detail).expect(200)).body);
    // Other pages keep their shell as built; an unknown session gets none.
    expect(bootOf((await page('/products').expect(200)).text)).toBeNull();
    expect(bootOf((await page(`/sessions/${randomUUID()}`).expect(200)).text)).toBeNull();
  });

  it('answers an unknown, malformed or unlisted subject with the plain shell, as any other path of the app', async () => {
    await t.db.query(`UPDATE products SET status = 'suspended' WHERE id = $1`, [hostileProduct.id]);
    for (const url of [
      `/products/${randomUUID()}`,
      `/sessions/${randomUUID()}`,
      `/producers/${randomUUID()}`,
      '/sessions/not-an-id',
      `/products/${hostileProduct.id}`,
    ]) {
      const res = await page(url);
      expect(res.status).toBe(200);
      expect(res.text).toBe(SHELL);
    }
    // Other pages of the app keep the plain shell, as before.
    const home = await page('/products').expect(200);
    expect(home.text).toBe(SHELL);
  });

  it('uses the address the link was opened at when PUBLIC_URL is not set', async () => {
    const local = await createTestApp({
      imports: [
        LiveHttpModule,
        CatalogueHttpModule,
        IdentityHttpModule,
        WebAppModule.forRoot(),
        ShareCardsModule,
      ],
      config: { WEB_DIST_DIR: webDir, PUBLIC_URL: undefined },
    });
    try {
      const res = await local
        .http()
        .get(`/products/${product.id}`)
        .set('Host', 'shop.local:3000')
        .expect(200);
      expect(metas(res.text).get('og:url')).toEqual([`http://shop.local:3000/products/${product.id}`]);
    } finally {
      await local.close();
    }
  });
});
