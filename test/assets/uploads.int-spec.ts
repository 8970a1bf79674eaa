// Integration tier (real PostgreSQL, Redis and an S3-compatible server): the upload api on both storage drivers.
// It lives under test/ because it signs users in through the identity context, which the assets lib may not import.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { AppConfig } from '@ocop/config';
import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  createTestApp,
  LocalS3,
  makePdf,
  makePhoto,
  makeUser,
  MadeUser,
  startLocalS3,
  TestApp,
  uploadFile,
} from '@ocop/testing';
import { ASSET_STORAGE, AssetProcessingService, AssetsHttpModule, AssetStorage } from '@ocop/assets';

/** Every URL of an image view's srcsets, with its format and width. */
function srcsetUrls(image: {
  srcset: Record<string, string>;
}): { format: string; url: string; width: number }[] {
  return Object.entries(image.srcset).flatMap(([format, set]) =>
    set.split(', ').map((entry) => {
      const [url, w] = entry.split(' ');
      return { format, url: url as string, width: Number((w as string).replace('w', '')) };
    }),
  );
}

const CONTENT_TYPE: Record<string, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };

describe.each(['local', 's3'] as const)('uploads on the %s storage driver', (driver) => {
  let t: TestApp;
  let dir: string;
  let s3: LocalS3 | undefined;
  let storage: AssetStorage;
  let farmer: MadeUser;
  let other: MadeUser;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ocop-assets-'));
    const config: Partial<AppConfig> = { ASSETS_DIR: dir, ASSETS_CHUNK_BYTES: 64 * 1024 };
    if (driver === 's3') {
      s3 = await startLocalS3();
      Object.assign(config, s3.config);
    }
    t = await createTestApp({ imports: [AssetsHttpModule, IdentityHttpModule], config });
    storage = t.app.get(ASSET_STORAGE);
    farmer = await makeUser(t, { roles: ['farmer'] });
    other = await makeUser(t, { roles: ['farmer'] });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const processAsWorker = (assetId: string) => t.app.get(AssetProcessingService).process(assetId);
  const getAsset = (id: string, token = farmer.accessToken) =>
    t.http().get(`/api/assets/${id}`).set(authHeader(token));

  it('a phone photo arrives in chunks, is oriented and stripped of EXIF/GPS, and its renditions are served immutable', async () => {
    // 1600x1200 as stored, EXIF orientation 6: the picture is 1200 wide and 1600 high once turned.
    const photo = await makePhoto({ width: 1600, height: 1200, orientation: 6, gps: true });
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const { upload, asset } = await uploadFile(
      t,
      farmer.accessToken,
      'product-photo',
      photo,
      'Chè Shan tuyết.jpg',
    );
    expect(upload.chunkBytes).toBe(64 * 1024);
    expect(asset).toMatchObject({
      purpose: 'product-photo',
      status: 'processing',
      image: null,
      contentType: 'image/jpeg',
    });
    const outbox = await t.db.query(`SELECT topic FROM outbox WHERE key = $1`, [asset.id]);
    expect(outbox).toEqual([{ topic: 'assets.uploaded' }]);
    expect(await storage.list(`uploads/${upload.id}/`)).toEqual([]);

    await processAsWorker(asset.id);
    const res = await getAsset(asset.id).expect(200);
    expect(res.body).toMatchObject({ status: 'ready', errorCode: null, document: null });
    const image = res.body.image;
    expect(image).toMatchObject({ id: asset.id, width: 1200, height: 1600 });
    expect(image.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(image.placeholder.length).toBeLessThan(700);
    expect(image.src).toMatch(/^\/files\/[a-f0-9]{24}\/che-shan-tuyet-480\.jpg$/);
    const urls = srcsetUrls(image);
    expect(urls.map((u) => `${u.format}:${u.width}`).sort()).toEqual(
      ['avif', 'webp', 'jpeg'].flatMap((f) => [160, 480, 960].map((w) => `${f}:${w}`)).sort(),
    );
    for (const { format, url, width } of urls) {
      const file = await t
        .http()
        .get(url)
        .buffer(true)
        .parse((r, done) => {
          const parts: Buffer[] = [];
          r.on('data', (c: Buffer) => parts.push(c));
          r.on('end', () => done(null, Buffer.concat(parts)));
        });
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe(CONTENT_TYPE[format]);
      expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      const meta = await sharp(file.body as Buffer).metadata();
      expect(meta.width).toBe(width);
      expect(meta.height).toBe(Math.round((width * 1600) / 1200));
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
    }
    // The original (with its GPS) is not kept once the stripped renditions exist.
    expect(await storage.list(`originals/${upload.id}/`)).toEqual([]);
  });

  it('resumes after a lost connection: a chunk sent twice counts once, an offset past what arrived is 409 with the expected offset', async () => {
    const photo = await makePhoto({ width: 800, height: 600, format: 'png' });
    const chunk = 64 * 1024;
    const created = await t
      .http()
      .post('/api/uploads')
      .set(authHeader(farmer.accessToken))
      .send({ purpose: 'product-photo', fileName: 'IMG_0001.PNG', byteLength: photo.length })
      .expect(201);
    const id = created.body.id as string;
    const put = (offset: number) =>
      t
        .http()
        .put(`/api/uploads/${id}/chunks?offset=${offset}`)
        .set(authHeader(farmer.accessToken))
        .set('Content-Type', 'application/octet-stream')
        .send(photo.subarray(offset, offset + chunk));
    expect((await put(0)).body.receivedBytes).toBe(chunk);
    // The answer was lost; the phone sends the same chunk again.
    expect((await put(0)).body.receivedBytes).toBe(chunk);
    const ahead = await put(2 * chunk);
    expect(ahead.status).toBe(409);
    expect(ahead.body).toMatchObject({ code: 'UPLOAD_OFFSET_MISMATCH', details: { expectedOffset: chunk } });
    // Completing too early says how far it got.
    const early = await t.http().post(`/api/uploads/${id}/complete`).set(authHeader(farmer.accessToken));
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'UPLOAD_INCOMPLETE', details: { receivedBytes: chunk } });
    // It asks where to resume, and finishes from there.
    const state = await t.http().get(`/api/uploads/${id}`).set(authHeader(farmer.accessToken)).expect(200);
    for (let offset = state.body.receivedBytes as number; offset < photo.length; offset += chunk) {
      expect((await put(offset)).status).toBe(200);
    }
    const done = await t
      .http()
      .post(`/api/uploads/${id}/complete`)
      .set(authHeader(farmer.accessToken))
      .expect(202);
    // Completing again answers the same asset.
    const again = await t
      .http()
      .post(`/api/uploads/${id}/complete`)
      .set(authHeader(farmer.accessToken))
      .expect(202);
    expect(again.body.id).toBe(done.body.id);
    await processAsWorker(done.body.id);
    const ready = await getAsset(done.body.id).expect(200);
    expect(ready.body.image).toMatchObject({ width: 800, height: 600 });
    // 800 px wide: 160 and 480 only (no rendition is wider than the original).
    expect(
      srcsetUrls(ready.body.image)
        .map((u) => u.width)
        .sort((a, b) => a - b),
    ).toEqual([160, 160, 160, 480, 480, 480]);
  });

  it('a certificate PDF gets a private first-page preview through signed links, and its document through a short-lived URL', async () => {
    const pdf = makePdf(2);
    const { asset } = await uploadFile(t, farmer.accessToken, 'certificate', pdf, 'Quyết định OCOP.pdf');
    expect(asset.contentType).toBe('application/pdf');
    await processAsWorker(asset.id);
    const res = await getAsset(asset.id).expect(200);
    expect(res.body).toMatchObject({
      status: 'ready',
      document: { contentType: 'application/pdf', pageCount: 2 },
    });
    const image = res.body.image;
    expect(image.width).toBeGreaterThan(image.height / 2);
    expect(image.src).toMatch(
      /^\/files\/private\/[0-9a-f-]{36}\/quyet-dinh-ocop-480\.jpg\?expires=\d+&signature=/,
    );
    const preview = await t.http().get(image.src).expect(200);
    expect(preview.headers['content-type']).toBe('image/jpeg');
    expect(preview.headers['cache-control']).toBe('private, no-store');
    // Without the signature, with a forged one, or for another file, nothing is served.
    const bare = image.src.split('?')[0] as string;
    expect((await t.http().get(bare)).status).toBe(403);
    expect((await t.http().get(image.src.replace(/signature=[^&]+/, 'signature=AAAA'))).status).toBe(403);
    const other = image.src.replace('-480.jpg', '-160.jpg');
    expect((await t.http().get(other)).body.code).toBe('FILE_LINK_INVALID');

    const link = await t
      .http()
      .get(`/api/assets/${asset.id}/document-url`)
      .set(authHeader(farmer.accessToken))
      .expect(200);
    expect(new Date(link.body.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 301_000);
    const document = await t
      .http()
      .get(link.body.url)
      .buffer(true)
      .parse((r, done) => {
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () => done(null, Buffer.concat(parts)));
      });
    expect(document.status).toBe(200);
    expect(document.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(document.body as Buffer, pdf)).toBe(0);
  });

  it('a certificate photographed with a phone: its document link serves the stripped scan, never the original with GPS', async () => {
    const scan = await makePhoto({ width: 1200, height: 1600, gps: true });
    const { asset, upload } = await uploadFile(
      t,
      farmer.accessToken,
      'certificate',
      scan,
      'giay-chung-nhan.jpg',
    );
    await processAsWorker(asset.id);
    const res = await getAsset(asset.id).expect(200);
    expect(res.body).toMatchObject({
      status: 'ready',
      document: { contentType: 'image/jpeg', pageCount: null },
    });
    expect(res.body.image.src).toContain('signature=');
    const link = await t
      .http()
      .get(`/api/assets/${asset.id}/document-url`)
      .set(authHeader(farmer.accessToken))
      .expect(200);
    const file = await t
      .http()
      .get(link.body.url)
      .buffer(true)
      .parse((r, done) => {
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () => done(null, Buffer.concat(parts)));
      });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(file.body as Buffer).metadata();
    // The largest rendition: 960 px for a scan 1200 px wide (no rendition is wider than the original).
    expect(meta.width).toBe(960);
    expect(meta.exif).toBeUndefined();
    expect(await storage.list(`originals/${upload.id}/`)).toEqual([]);
  });

  it("another user gets 404 for someone's upload and asset, and cannot send chunks to it", async () => {
    const photo = await makePhoto({ width: 400, height: 300 });
    const { upload, asset } = await uploadFile(t, farmer.accessToken, 'product-photo', photo);
    expect((await t.http().get(`/api/uploads/${upload.id}`).set(authHeader(other.accessToken))).status).toBe(
      404,
    );
    expect((await getAsset(asset.id, other.accessToken)).body.code).toBe('ASSET_NOT_FOUND');
    expect(
      (await t.http().get(`/api/assets/${asset.id}/document-url`).set(authHeader(other.accessToken))).status,
    ).toBe(404);
    const created = await t
      .http()
      .post('/api/uploads')
      .set(authHeader(farmer.accessToken))
      .send({ purpose: 'product-photo', fileName: 'a.jpg', byteLength: photo.length })
      .expect(201);
    const foreign = await t
      .http()
      .put(`/api/uploads/${created.body.id}/chunks?offset=0`)
      .set(authHeader(other.accessToken))
      .set('Content-Type', 'application/octet-stream')
      .send(photo);
    expect(foreign.status).toBe(404);
    expect(await storage.list(`uploads/${created.body.id}/`)).toEqual([]);
  });
});
