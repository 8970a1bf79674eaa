import type { ProductView } from '@ocop/catalogue';
import type { SessionView } from '@ocop/live';
import type { TestApp } from '../test-app';
import { makeActiveProduct, makeFarmer, uniqueSuffix } from './catalogue';
import { authHeader, makeAdmin, makeBranchTree, makeStreamer, MadeUser } from './identity';

// Factories for the live context, through the HTTP API (mount LiveHttpModule, CatalogueHttpModule and
// IdentityHttpModule). Titles are unique per call: tests share one database per Jest worker.

export interface SessionBody {
  title: string;
  description?: string;
  scheduledStartAt: string;
  coverAssetId?: string;
  lineup: string[];
}

export interface MadeSession {
  session: SessionView;
  host: MadeUser;
  /** The host's access token. */
  hostToken: string;
  products: ProductView[];
}

export interface MakeSessionOptions {
  /** The host (a streamer with an active membership); default a new streamer of a new branch tree's commune. */
  host?: MadeUser;
  /** Lineup products; default `productCount` fresh active products (one farmer, one admin). */
  products?: ProductView[];
  productCount?: number;
  /** When the session starts, from now; default one day. */
  startInMs?: number;
  overrides?: Partial<SessionBody>;
}

function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
}

/** `count` fresh active products of one new farmer in a new branch tree, verified by its city admin. */
export async function makeLineupProducts(t: TestApp, count = 3, group = 'food'): Promise<ProductView[]> {
  const tree = await makeBranchTree(t);
  const admin = await makeAdmin(t, tree.city.id);
  const farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
  const products: ProductView[] = [];
  for (let i = 0; i < count; i++) products.push(await makeActiveProduct(t, { farmer, admin, group }));
  return products;
}

export function sessionBody(
  lineup: string[],
  startInMs = 24 * 3600 * 1000,
  overrides: Partial<SessionBody> = {},
): SessionBody {
  return {
    title: `Phiên live thử ${uniqueSuffix()}`,
    description: 'Giới thiệu sản phẩm OCOP',
    scheduledStartAt: new Date(Date.now() + startInMs).toISOString(),
    lineup,
    ...overrides,
  };
}

/** POST /api/sessions as the host: a scheduled session. */
export async function makeSession(t: TestApp, options: MakeSessionOptions = {}): Promise<MadeSession> {
  const host = options.host ?? (await makeStreamer(t, (await makeBranchTree(t)).communeA1.id));
  const products = options.products ?? (await makeLineupProducts(t, options.productCount ?? 3));
  const res = await t
    .http()
    .post('/api/sessions')
    .set(authHeader(host.accessToken))
    .send(
      sessionBody(
        products.map((p) => p.id),
        options.startInMs,
        options.overrides,
      ),
    );
  expectStatus(res, 201, 'makeSession');
  return { session: res.body as SessionView, host, hostToken: host.accessToken, products };
}

/** A session that has gone live. */
export async function makeLiveSession(t: TestApp, options: MakeSessionOptions = {}): Promise<MadeSession> {
  const made = await makeSession(t, options);
  const res = await t.http().post(`/api/sessions/${made.session.id}/go-live`).set(authHeader(made.hostToken));
  expectStatus(res, 200, 'makeLiveSession');
  return { ...made, session: res.body as SessionView };
}

/** Appoints `user` as co-host or moderator of the session (as its host). */
export async function addSessionStaff(
  t: TestApp,
  made: { session: { id: string }; hostToken: string },
  user: { id: string },
  role: 'cohost' | 'moderator',
): Promise<void> {
  const res = await t
    .http()
    .post(`/api/sessions/${made.session.id}/staff`)
    .set(authHeader(made.hostToken))
    .send({ userId: user.id, role });
  expectStatus(res, 200, 'addSessionStaff');
}

export const addCohost = (
  t: TestApp,
  made: { session: { id: string }; hostToken: string },
  user: { id: string },
) => addSessionStaff(t, made, user, 'cohost');

export const addModerator = (
  t: TestApp,
  made: { session: { id: string }; hostToken: string },
  user: { id: string },
) => addSessionStaff(t, made, user, 'moderator');
