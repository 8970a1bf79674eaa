// Integration tier: every bad upload the issue lists gets a stable 4xx, and nothing of it is stored.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ASSET_STORAGE,
  AssetProcessingService,
  AssetsHttpModule,
  AssetStorage,
  AssetSweepService,
} from '@ocop/assets';
import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  createTestApp,
  makeBigPng,
  makePdf,
  makePhoto,
  makeUser,
  MadeUser,
  TestApp,
  uploadFile,
} from '@ocop/testing';

const CHUNK = 64 * 1024;

describe('bad uploads: a clear 4xx with a stable code, nothing stored half-way, no orphan files', () => {
  let t: TestApp;
  let dir: string;
  let storage: AssetStorage;
  let farmer: MadeUser;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ocop-assets-bad-'));
    t = await createTestApp({
      imports: [AssetsHttpModule, IdentityHttpModule],
      config: { ASSETS_DIR: dir, ASSETS_CHUNK_BYTES: CHUNK },
    });
    storage = t.app.get(ASSET_STORAGE);
    farmer = await makeUser(t, { roles: ['farmer'] });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const count = async (table: string, where = 'TRUE', params: unknown[] = []): Promise<number> =>
    Number(
      (
        (await t.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)) as {
          n: number;
        }[]
      )[0]?.n,
    );
  const mine = () => count('uploads', 'owner_user_id = $1', [farmer.id]);
  const myAssets = () => count('assets', 'owner_user_id = $1', [farmer.id]);

  const create = (body: object) =>
    t.http().post('/api/uploads').set(authHeader(farmer.accessToken)).send(body);
  const put = (id: string, offset: number, bytes: Buffer, type = 'application/octet-stream') =>
    t
      .http()
      .put(`/api/uploads/${id}/chunks?offset=${offset}`)
      .set(authHeader(farmer.accessToken))
      .set('Content-Type', type)
      .send(bytes);

  /** Sends a file's first chunk and expects it refused for its content. */
  async function refusedAtFirstChunk(bytes: Buffer, fileName: string, purpose = 'product-photo') {
    const created = await create({ purpose, fileName, byteLength: bytes.length }).expect(201);
    const res = await put(created.body.id, 0, bytes.subarray(0, CHUNK));
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('ASSET_TYPE_NOT_ALLOWED');
    // The upload is closed and nothing of it remains.
    expect(
      (await t.http().get(`/api/uploads/${created.body.id}`).set(authHeader(farmer.accessToken))).status,
    ).toBe(404);
    expect(await storage.list(`uploads/${created.body.id}/`)).toEqual([]);
    return res.body as { details: { detected: string } };
  }

  it('a file that is neither an image nor a PDF is 415 ASSET_TYPE_NOT_ALLOWED', async () => {
    const body = await refusedAtFirstChunk(
      Buffer.from('Giá chè hôm nay: 150.000 đ/kg\n'.repeat(50)),
      'bang-gia.jpg',
    );
    expect(body.details.detected).toBe('unknown');
  });

  it('a renamed executable is refused whatever its name', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 0x90)]);
    const body = await refusedAtFirstChunk(exe, 'anh-san-pham.jpg');
    expect(body.details.detected).toBe('executable');
  });

  it('an SVG is refused (it can carry scripts)', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>',
    );
    const body = await refusedAtFirstChunk(svg, 'logo.svg', 'producer-logo');
    expect(body.details.detected).toBe('svg');
  });

  it('a PDF is taken for a certificate only, not as a product photo', async () => {
    const body = await refusedAtFirstChunk(makePdf(), 'quyet-dinh.pdf');
    expect(body.details.detected).toBe('pdf');
  });

  it.each([
    ['a 100-megapixel PNG', () => makeBigPng(10_000, 10_000), 'ASSET_TOO_MANY_PIXELS'],
    [
      'a decompression bomb (30 MP of zeros in a few kilobytes)',
      () => makeBigPng(6_000, 5_000),
      'ASSET_DECOMPRESSION_BOMB',
    ],
  ])('%s is 422 at completion and leaves nothing', async (_label, make, code) => {
    const png = make();
    expect(png.length).toBeLessThan(2 * CHUNK * 10);
    const [uploadsBefore, assetsBefore] = [await mine(), await myAssets()];
    const created = await create({
      purpose: 'product-photo',
      fileName: 'big.png',
      byteLength: png.length,
    }).expect(201);
    for (let offset = 0; offset < png.length; offset += CHUNK) {
      expect((await put(created.body.id, offset, png.subarray(offset, offset + CHUNK))).status).toBe(200);
    }
    const res = await t
      .http()
      .post(`/api/uploads/${created.body.id}/complete`)
      .set(authHeader(farmer.accessToken));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe(code);
    expect([await mine(), await myAssets()]).toEqual([uploadsBefore, assetsBefore]);
    expect(await storage.list(`uploads/${created.body.id}/`)).toEqual([]);
    expect(await storage.list(`originals/${created.body.id}/`)).toEqual([]);
  });

  it('a 50 MB upload is 413 UPLOAD_TOO_LARGE before a byte is sent', async () => {
    const before = await mine();
    const res = await create({
      purpose: 'product-photo',
      fileName: 'video.jpg',
      byteLength: 50 * 1024 * 1024,
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'UPLOAD_TOO_LARGE', details: { maxBytes: 20 * 1024 * 1024 } });
    expect(await mine()).toBe(before);
  });

  it('more bytes than announced, or a chunk above the chunk size, are refused on the data too', async () => {
    const photo = await makePhoto({ width: 300, height: 200 });
    const created = await create({ purpose: 'product-photo', fileName: 'a.jpg', byteLength: 100 }).expect(
      201,
    );
    const longer = await put(created.body.id, 0, photo.subarray(0, 200));
    expect(longer.status).toBe(400);
    expect(longer.body).toMatchObject({ code: 'UPLOAD_CHUNK_INVALID', details: { expectedLength: 100 } });
    const big = await create({ purpose: 'product-photo', fileName: 'b.jpg', byteLength: 3 * CHUNK }).expect(
      201,
    );
    const oversized = await put(big.body.id, 0, Buffer.alloc(CHUNK + 1, 0xff));
    expect(oversized.status).toBe(400);
    expect(oversized.body.code).toBe('UPLOAD_CHUNK_INVALID');
    expect(await storage.list(`uploads/${big.body.id}/`)).toEqual([]);
  });

  it('a chunk sent as JSON or form data is 400 UNSUPPORTED_MEDIA_TYPE', async () => {
    const created = await create({ purpose: 'product-photo', fileName: 'a.jpg', byteLength: 10 }).expect(201);
    const res = await put(created.body.id, 0, Buffer.from('0123456789'), 'image/jpeg');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it.each(['../../etc/passwd', 'C:\\Users\\a.jpg', 'thu muc/anh.jpg', 'a\u0000.jpg'])(
    'a file name with a path or control characters (%j) is 400 UPLOAD_FILE_NAME_INVALID',
    async (fileName) => {
      const before = await mine();
      const res = await create({ purpose: 'product-photo', fileName, byteLength: 1000 });
      expect(res.status).toBe(400);
      // Control characters are refused by the edge's text rules (INVALID_TEXT) before the name's own rule runs.
      expect(['UPLOAD_FILE_NAME_INVALID', 'VALIDATION_FAILED', 'INVALID_TEXT']).toContain(res.body.code);
      expect(await mine()).toBe(before);
    },
  );

  it.each([
    ['an unknown purpose', { purpose: 'avatar', fileName: 'a.jpg', byteLength: 10 }],
    ['a zero size', { purpose: 'product-photo', fileName: 'a.jpg', byteLength: 0 }],
    ['a fractional size', { purpose: 'product-photo', fileName: 'a.jpg', byteLength: 10.5 }],
    ['an unknown field', { purpose: 'product-photo', fileName: 'a.jpg', byteLength: 10, url: 'https://x' }],
  ])('%s is 400 VALIDATION_FAILED', async (_label, body) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('a damaged photo passes the header check but fails processing with a stable code, and nothing is kept', async () => {
    const photo = await makePhoto({ width: 1200, height: 900 });
    const damaged = Buffer.concat([photo.subarray(0, Math.floor(photo.length / 3)), Buffer.alloc(2000, 0)]);
    const { asset, upload } = await uploadFile(t, farmer.accessToken, 'product-photo', damaged, 'hong.jpg');
    const done = await t.app.get(AssetProcessingService).process(asset.id);
    expect(done).toMatchObject({ status: 'failed', errorCode: 'ASSET_UNREADABLE', renditions: [] });
    const view = await t
      .http()
      .get(`/api/assets/${asset.id}`)
      .set(authHeader(farmer.accessToken))
      .expect(200);
    expect(view.body).toMatchObject({ status: 'failed', errorCode: 'ASSET_UNREADABLE', image: null });
    expect(await storage.list(`originals/${upload.id}/`)).toEqual([]);
  });

  it('an interrupted upload, abandoned, is swept with its chunks; an asset nothing used is swept with its files', async () => {
    const photo = await makePhoto({ width: 700, height: 500 });
    const created = await create({
      purpose: 'product-photo',
      fileName: 'bo-do.jpg',
      byteLength: photo.length,
    }).expect(201);
    await put(created.body.id, 0, photo.subarray(0, CHUNK)).expect(200);
    expect(await storage.list(`uploads/${created.body.id}/`)).toHaveLength(1);

    const { asset: unused } = await uploadFile(
      t,
      farmer.accessToken,
      'product-photo',
      photo,
      'khong-dung.jpg',
    );
    await t.app.get(AssetProcessingService).process(unused.id);
    const { asset: used } = await uploadFile(t, farmer.accessToken, 'product-photo', photo, 'dung.jpg');
    await t.app.get(AssetProcessingService).process(used.id);
    const keys = async (id: string) =>
      (
        (await t.db.query(`SELECT renditions FROM assets WHERE id = $1`, [id])) as {
          renditions: { key: string }[];
        }[]
      )[0]?.renditions.map((r) => r.key) ?? [];
    const unusedKeys = await keys(unused.id);
    expect(unusedKeys.length).toBeGreaterThan(0);
    expect(await storage.read(unusedKeys[0] as string)).not.toBeNull();

    // A day later the upload has expired; three days later the unused asset is past its grace period.
    await t.db.query(`UPDATE uploads SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      created.body.id,
    ]);
    await t.db.query(`UPDATE assets SET created_at = now() - interval '4 days' WHERE id = ANY($1::uuid[])`, [
      [unused.id, used.id],
    ]);
    await t.db.query(`UPDATE assets SET attached_at = now() WHERE id = $1`, [used.id]);
    const swept = await t.app.get(AssetSweepService).sweep();
    expect(swept.uploads).toBeGreaterThanOrEqual(1);
    expect(swept.assets).toBeGreaterThanOrEqual(1);

    expect(await count('uploads', 'id = $1', [created.body.id])).toBe(0);
    expect(await storage.list(`uploads/${created.body.id}/`)).toEqual([]);
    expect(await count('assets', 'id = $1', [unused.id])).toBe(0);
    for (const key of unusedKeys) expect(await storage.read(key)).toBeNull();
    // The used one stays, files and all.
    expect(await count('assets', 'id = $1', [used.id])).toBe(1);
    for (const key of await keys(used.id)) expect(await storage.read(key)).not.toBeNull();
  });
});
