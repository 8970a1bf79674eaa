import type { ProductView } from '@ocop/catalogue';
import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import {
  createTestApp,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeShoppersFast,
  makeStreamer,
  TestApp,
} from '@ocop/testing';

/**
 * A small shop for e2e and fault tests that run real processes: one farmer's active (verified, sellable) products
 * and many shoppers with access tokens, made in-process through the contexts' own services and HTTP routes on the
 * given database, before the processes start. The in-process app is closed again; the data stays.
 */
export interface Shop {
  products: ProductView[];
  shoppers: { id: string; accessToken: string }[];
  /** With `streamer: true`: a streamer of a commune branch and their referral code, to credit sales to. */
  streamer?: { id: string; branchId: string; referralCode: string };
}

export async function openShop(
  databaseUrl: string,
  options: {
    products: { stock: number; priceVnd: number; name?: string }[];
    shoppers: number;
    streamer?: boolean;
  },
): Promise<Shop> {
  const t: TestApp = await createTestApp({
    imports: [IdentityHttpModule, CatalogueHttpModule],
    config: { DATABASE_URL: databaseUrl },
  });
  try {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    const products: ProductView[] = [];
    for (const p of options.products) products.push(await makeActiveProduct(t, { farmer, admin, ...p }));
    const shoppers = await makeShoppersFast(t, options.shoppers);
    if (!options.streamer) return { products, shoppers };
    const streamer = await makeStreamer(t, tree.communeA2.id);
    // The code a streamer gets on first asking (GET /api/me/referral-code), written directly: this app mounts no
    // attribution routes.
    const referralCode = `S${streamer.id.replace(/-/g, '').slice(0, 11).toUpperCase()}`;
    await t.db.query(`INSERT INTO referral_codes (user_id, code) VALUES ($1, $2)`, [
      streamer.id,
      referralCode,
    ]);
    return { products, shoppers, streamer: { id: streamer.id, branchId: tree.communeA2.id, referralCode } };
  } finally {
    await t.close();
  }
}
