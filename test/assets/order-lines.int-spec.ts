// Integration tier: checkout answers and order views carry each line's product photo.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AssetProcessingService, AssetsHttpModule } from '@ocop/assets';
import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import { OrdersHttpModule } from '@ocop/orders';
import {
  authHeader,
  checkoutBody,
  createTestApp,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makePhoto,
  makeUser,
  placeCheckout,
  TestApp,
  uploadFile,
} from '@ocop/testing';

describe('order lines show the product photo', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ocop-assets-orders-'));
    t = await createTestApp({
      imports: [AssetsHttpModule, OrdersHttpModule, LiveHttpModule, CatalogueHttpModule, IdentityHttpModule],
      config: { ASSETS_DIR: dir },
    });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("the checkout answer, the shopper's order and the farmer's order carry the cover photo; a product without one, null", async () => {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    const withPhoto = await makeActiveProduct(t, { farmer, admin });
    const without = await makeActiveProduct(t, { farmer, admin });
    const { asset } = await uploadFile(
      t,
      farmer.accessToken,
      'product-photo',
      await makePhoto(),
      'mat-ong.jpg',
    );
    await t.app.get(AssetProcessingService).process(asset.id);
    await t
      .http()
      .put(`/api/farmer/products/${withPhoto.id}/photos`)
      .set(authHeader(farmer.accessToken))
      .send({ assetIds: [asset.id] })
      .expect(200);

    const shopper = await makeUser(t);
    const result = await placeCheckout(
      t,
      shopper.accessToken,
      checkoutBody([{ productId: withPhoto.id }, { productId: without.id }]),
    );
    const lines = result.orders.flatMap((o) => o.lines);
    const lineOf = (id: string) => lines.find((l) => l.productId === id);
    expect(lineOf(withPhoto.id)?.image).toMatchObject({
      id: asset.id,
      src: expect.stringMatching(/mat-ong-480\.jpg$/),
    });
    expect(lineOf(without.id)?.image).toBeNull();

    const orderId = result.orders[0]?.id as string;
    const mine = await t
      .http()
      .get(`/api/orders/${orderId}`)
      .set(authHeader(shopper.accessToken))
      .expect(200);
    const farmers = await t
      .http()
      .get(`/api/farmer/orders/${orderId}`)
      .set(authHeader(farmer.accessToken))
      .expect(200);
    for (const view of [mine.body, farmers.body]) {
      expect(view.lines.find((l: { productId: string }) => l.productId === withPhoto.id).image.id).toBe(
        asset.id,
      );
    }
  });
});
