// Integration tier: who may attach pictures to what, and who may read a certificate before it is verified.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AssetProcessingService, AssetsHttpModule, AssetView } from '@ocop/assets';
import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import {
  authHeader,
  BranchTree,
  createTestApp,
  Farmer,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makePdf,
  makePhoto,
  makeProduct,
  makeSession,
  makeStreamer,
  makeUser,
  MadeUser,
  submitProduct,
  TestApp,
  uploadFile,
  verifyProduct,
} from '@ocop/testing';

describe('attaching pictures and reading certificates: only the owner, and the admins in scope', () => {
  let t: TestApp;
  let dir: string;
  let tree: BranchTree;
  let farmerA: Farmer;
  let farmerB: Farmer;
  let adminA: MadeUser;
  let adminB: MadeUser;
  let shopper: MadeUser;
  let photo: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ocop-assets-access-'));
    t = await createTestApp({
      imports: [AssetsHttpModule, CatalogueHttpModule, IdentityHttpModule, LiveHttpModule],
      config: { ASSETS_DIR: dir },
    });
    tree = await makeBranchTree(t);
    farmerA = await makeFarmer(t, { branchId: tree.communeA1.id });
    farmerB = await makeFarmer(t, { branchId: tree.communeB1.id });
    adminA = await makeAdmin(t, tree.districtA.id);
    adminB = await makeAdmin(t, tree.districtB.id);
    shopper = await makeUser(t);
    photo = await makePhoto({ width: 1000, height: 750 });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Uploads and processes a file as the worker would; answers the processed asset. */
  async function ready(
    owner: MadeUser,
    purpose: string,
    bytes: Buffer,
    name = 'anh.jpg',
  ): Promise<AssetView> {
    const { asset } = await uploadFile(t, owner.accessToken, purpose, bytes, name);
    await t.app.get(AssetProcessingService).process(asset.id);
    return asset;
  }
  const putPhotos = (who: MadeUser, productId: string, assetIds: string[]) =>
    t
      .http()
      .put(`/api/farmer/products/${productId}/photos`)
      .set(authHeader(who.accessToken))
      .send({ assetIds });

  it('a farmer sets, reorders and replaces the photos of their own product; views show them cover first', async () => {
    const product = await makeProduct(t, farmerA);
    const [one, two, three] = [
      await ready(farmerA, 'product-photo', photo, 'mot.jpg'),
      await ready(farmerA, 'product-photo', photo, 'hai.jpg'),
      await ready(farmerA, 'product-photo', photo, 'ba.jpg'),
    ] as AssetView[];
    const set = await putPhotos(farmerA, product.id, [one!.id, two!.id, three!.id]).expect(200);
    expect(set.body.photos.map((p: { id: string }) => p.id)).toEqual([one!.id, two!.id, three!.id]);
    const reordered = await putPhotos(farmerA, product.id, [three!.id, one!.id]).expect(200);
    expect(reordered.body.photos.map((p: { id: string }) => p.id)).toEqual([three!.id, one!.id]);
    expect(reordered.body.photos[0].src).toMatch(/^\/files\/[a-f0-9]{24}\/ba-480\.jpg$/);
  });

  it('another farmer cannot attach to, reorder or empty a product that is not theirs (404)', async () => {
    const product = await makeProduct(t, farmerA);
    const mine = await ready(farmerA, 'product-photo', photo);
    await putPhotos(farmerA, product.id, [mine.id]).expect(200);
    const theirs = await ready(farmerB, 'product-photo', photo);
    const res = await putPhotos(farmerB, product.id, [theirs.id]);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('PRODUCT_NOT_FOUND');
    expect((await putPhotos(farmerB, product.id, [mine.id])).status).toBe(404);
    const cert = await ready(farmerB, 'certificate', makePdf(), 'qd.pdf');
    const doc = await t
      .http()
      .put(`/api/farmer/products/${product.id}/certificate-document`)
      .set(authHeader(farmerB.accessToken))
      .send({ assetId: cert.id });
    expect(doc.status).toBe(404);
    const still = await t
      .http()
      .get(`/api/products/${product.id}`)
      .set(authHeader(farmerA.accessToken))
      .expect(200);
    expect(still.body.photos.map((p: { id: string }) => p.id)).toEqual([mine.id]);
  });

  it("a farmer cannot use another farmer's upload, one of another purpose, or one not processed yet (422 ASSET_NOT_USABLE)", async () => {
    const product = await makeProduct(t, farmerB);
    const others = await ready(farmerA, 'product-photo', photo);
    const logo = await ready(farmerB, 'producer-logo', photo, 'logo.png');
    const { asset: pending } = await uploadFile(t, farmerB.accessToken, 'product-photo', photo);
    for (const id of [others.id, logo.id, pending.id]) {
      const res = await putPhotos(farmerB, product.id, [id]);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'ASSET_NOT_USABLE', details: { assetIds: [id] } });
    }
    const bad = await putPhotos(
      farmerB,
      product.id,
      Array.from({ length: 9 }, () => crypto.randomUUID()),
    );
    expect(bad.status).toBe(400);
    expect((await putPhotos(farmerB, product.id, [])).status).toBe(400);
  });

  it('a certificate is private before and after verification: the owner and the admins in scope only', async () => {
    const product = await makeProduct(t, farmerA);
    const cert = await ready(farmerA, 'certificate', makePdf(), 'Quyet dinh.pdf');
    const attached = await t
      .http()
      .put(`/api/farmer/products/${product.id}/certificate-document`)
      .set(authHeader(farmerA.accessToken))
      .send({ assetId: cert.id })
      .expect(200);
    expect(attached.body.certificateDocument).toMatchObject({
      id: cert.id,
      status: 'ready',
      document: { contentType: 'application/pdf', pageCount: 1 },
    });
    expect(attached.body.certificateDocument.image.src).toContain('signature=');

    await submitProduct(t, farmerA, product.id);
    // The admin of the producer's district sees it in the review screen, with a link to the document.
    const review = await t
      .http()
      .get(`/api/admin/products/${product.id}`)
      .set(authHeader(adminA.accessToken))
      .expect(200);
    expect(review.body.certificateDocument.id).toBe(cert.id);
    await t.http().get(`/api/assets/${cert.id}`).set(authHeader(adminA.accessToken)).expect(200);
    const link = await t
      .http()
      .get(`/api/assets/${cert.id}/document-url`)
      .set(authHeader(adminA.accessToken))
      .expect(200);
    expect((await t.http().get(link.body.url)).status).toBe(200);
    // An admin of another district, a shopper, another farmer, a guest: 404.
    for (const who of [adminB, shopper, farmerB]) {
      expect((await t.http().get(`/api/assets/${cert.id}`).set(authHeader(who.accessToken))).status).toBe(
        404,
      );
      expect(
        (await t.http().get(`/api/assets/${cert.id}/document-url`).set(authHeader(who.accessToken))).status,
      ).toBe(404);
    }
    expect((await t.http().get(`/api/assets/${cert.id}`)).status).toBe(401);
    // Once verified and public, the product's public view still shows no certificate document.
    await verifyProduct(t, adminA, product.id);
    const publicView = await t.http().get(`/api/products/${product.id}`).expect(200);
    expect(publicView.body.certificateDocument).toBeUndefined();
    expect(JSON.stringify(publicView.body)).not.toContain(cert.id);
  });

  it("a producer sets its logo; a streamer sets a session cover from their own upload, not someone else's", async () => {
    const logo = await ready(farmerA, 'producer-logo', photo, 'logo.png');
    const res = await t
      .http()
      .put('/api/farmer/producer/logo')
      .set(authHeader(farmerA.accessToken))
      .send({ assetId: logo.id })
      .expect(200);
    expect(res.body.logo).toMatchObject({ id: logo.id, width: 1000, height: 750 });

    const host = await makeStreamer(t, tree.communeA1.id);
    const cover = await ready(host, 'session-cover', photo, 'bia.jpg');
    const made = await makeSession(t, { host, overrides: { coverAssetId: cover.id } });
    expect(made.session.cover).toMatchObject({ id: cover.id });
    const listed = await t.http().get(`/api/sessions/${made.session.id}`).expect(200);
    expect(listed.body.cover.src).toMatch(/bia-480\.jpg$/);
    const stranger = await ready(farmerB, 'session-cover', photo);
    const patch = await t
      .http()
      .patch(`/api/sessions/${made.session.id}`)
      .set(authHeader(host.accessToken))
      .send({ coverAssetId: stranger.id });
    expect(patch.status).toBe(422);
    expect(patch.body.code).toBe('ASSET_NOT_USABLE');
    const removed = await t
      .http()
      .patch(`/api/sessions/${made.session.id}`)
      .set(authHeader(host.accessToken))
      .send({ coverAssetId: null })
      .expect(200);
    expect(removed.body.cover).toBeNull();
  });
});
