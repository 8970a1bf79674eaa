import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import {
  createTestApp,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeStreamer,
  makeUser,
  MadeUser,
  TestApp,
  TestAppOptions,
} from '@ocop/testing';

/**
 * Data for e2e tests that run real api processes: made in-process (an app on this worker's database, through the
 * contexts' own services and HTTP routes) before or while the processes run on the same database.
 */
export interface LiveCast {
  /** Closes the in-process app (the data stays). */
  close: () => Promise<void>;
  /** Active products any session can have in its lineup. */
  productIds: string[];
  /** A new approved streamer (membership approved by the system). */
  streamer: () => Promise<MadeUser>;
  /** A new shopper with an access token. */
  shopper: () => Promise<MadeUser>;
}

/**
 * A branch tree with an admin, a farmer and `products` (1) active products (100 in stock each); `config` overrides
 * the in-process app's configuration (a database of its own, a queue prefix).
 */
export async function castForLive(
  options: { config?: TestAppOptions['config']; products?: number } = {},
): Promise<LiveCast> {
  const t: TestApp = await createTestApp({
    imports: [IdentityHttpModule, CatalogueHttpModule],
    config: options.config,
  });
  try {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    const productIds: string[] = [];
    for (let i = 0; i < (options.products ?? 1); i++) {
      productIds.push((await makeActiveProduct(t, { farmer, admin })).id);
    }
    return {
      close: () => t.close(),
      productIds,
      streamer: () => makeStreamer(t, tree.communeA1.id),
      shopper: () => makeUser(t),
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}

async function call<T>(
  base: string,
  method: string,
  route: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** POST /api/sessions then POST /api/sessions/:id/go-live, as the host, against a running api at `base`. */
export async function startLiveSession(
  base: string,
  hostToken: string,
  lineup: string[],
): Promise<{ id: string; status: string }> {
  const session = await call<{ id: string }>(base, 'POST', '/api/sessions', hostToken, {
    title: `Phiên thử nhiều bản sao ${Date.now()}`,
    scheduledStartAt: new Date(Date.now() + 3600_000).toISOString(),
    lineup,
  });
  return call<{ id: string; status: string }>(base, 'POST', `/api/sessions/${session.id}/go-live`, hostToken);
}
