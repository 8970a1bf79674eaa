import { randomInt, randomUUID } from 'node:crypto';
import { AccessTokenService, Role } from '@ocop/auth';
import {
  AdminScopeService,
  BranchSummary,
  BranchTreeService,
  BranchType,
  MembershipsService,
  UsersService,
} from '@ocop/identity';
import type { TestApp } from '../test-app';

// Factories for the identity context. Tests share one database per Jest worker, so every email, phone and
// branch code made here is unique (random fragments); nothing relies on a shared seed.

export interface MadeUser {
  id: string;
  email: string | null;
  phone: string | null;
  password: string;
  displayName: string;
  roles: Role[];
  /** An access token carrying the user's roles as they are now. */
  accessToken: string;
}

export interface MakeUserOptions {
  roles?: Role[];
  email?: string | null;
  /** Pass true for a random unique mobile number, or a number in any common format. */
  phone?: string | boolean;
  password?: string;
  displayName?: string;
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}@test.ocop.vn`;
}

/** A random Vietnamese mobile in national format (09xxxxxxxx). */
export function uniquePhone(): string {
  return `09${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export function uniqueCode(prefix = 'T'): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}

export function authHeader(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

/** A fresh access token for the user with their current roles from the database. */
export async function tokenFor(t: TestApp, userId: string): Promise<string> {
  const user = await t.app.get(UsersService).accessOf(userId);
  if (!user) throw new Error(`no user ${userId}`);
  return t.app.get(AccessTokenService).sign({ id: user.id, roles: user.roles }, user.tokenVersion);
}

export async function makeUser(t: TestApp, options: MakeUserOptions = {}): Promise<MadeUser> {
  const password = options.password ?? `pw-${randomUUID()}`;
  const phone =
    options.phone === true ? uniquePhone() : typeof options.phone === 'string' ? options.phone : null;
  const email = options.email === undefined ? uniqueEmail() : options.email;
  const user = await t.app.get(UsersService).createUser({
    email,
    phone,
    password,
    displayName: options.displayName ?? `Test ${randomUUID().slice(0, 6)}`,
    roles: options.roles,
  });
  const accessToken = await tokenFor(t, user.id);
  return { ...user, password, accessToken };
}

export interface BranchTree {
  city: BranchSummary;
  districtA: BranchSummary;
  districtB: BranchSummary;
  communeA1: BranchSummary;
  communeA2: BranchSummary;
  communeB1: BranchSummary;
  communeB2: BranchSummary;
  cellA1: BranchSummary;
  cellB1: BranchSummary;
}

/** city -> 2 districts -> 2 communes each -> one cell under the first commune of each district. */
export async function makeBranchTree(t: TestApp): Promise<BranchTree> {
  const tree = t.app.get(BranchTreeService);
  const prefix = uniqueCode('T');
  const city = await tree.createRootBranch({ code: prefix, name: `Thành đoàn ${prefix}` });
  const child = (parent: BranchSummary, suffix: string, type: BranchType) =>
    tree.createBranch('system', {
      code: `${parent.code}-${suffix}`,
      name: `${type} ${suffix}`,
      type,
      parentId: parent.id,
    });
  const districtA = await child(city, 'A', 'district_union');
  const districtB = await child(city, 'B', 'district_union');
  const communeA1 = await child(districtA, 'X1', 'grassroots_union');
  const communeA2 = await child(districtA, 'X2', 'grassroots_union');
  const communeB1 = await child(districtB, 'Y1', 'grassroots_union');
  const communeB2 = await child(districtB, 'Y2', 'grassroots_union');
  const cellA1 = await child(communeA1, 'C1', 'cell');
  const cellB1 = await child(communeB1, 'C1', 'cell');
  return { city, districtA, districtB, communeA1, communeA2, communeB1, communeB2, cellA1, cellB1 };
}

/** A user assigned (by the system) as admin of the branch, with a token that carries the admin role. */
export async function makeAdmin(
  t: TestApp,
  branchId: string,
  options: MakeUserOptions = {},
): Promise<MadeUser> {
  const user = await makeUser(t, options);
  await t.app.get(AdminScopeService).assignAdmin('system', user.id, branchId);
  const accessToken = await tokenFor(t, user.id);
  return { ...user, roles: [...new Set<Role>([...user.roles, 'admin'])], accessToken };
}

/** A user whose membership of the branch was approved (by the system): a streamer of that branch. */
export async function makeStreamer(
  t: TestApp,
  branchId: string,
  options: MakeUserOptions = {},
): Promise<MadeUser & { membershipId: string }> {
  const user = await makeUser(t, options);
  const memberships = t.app.get(MembershipsService);
  const applied = await memberships.applyForMembership(user.id, branchId);
  await memberships.approveMembership('system', applied.id);
  const accessToken = await tokenFor(t, user.id);
  return {
    ...user,
    roles: [...new Set<Role>([...user.roles, 'streamer'])],
    accessToken,
    membershipId: applied.id,
  };
}

/** Signs in over HTTP; returns the raw supertest response (status, body with tokens). */
export function signIn(t: TestApp, identifier: string, password: string, ip?: string) {
  const req = t.http().post('/api/auth/sign-in');
  if (ip) req.set('X-Forwarded-For', ip);
  return req.send({ identifier, password });
}

/** The browser's session cookies from a sign-in, registration or refresh answer: what a browser would send back. */
export interface BrowserSession {
  /** The Cookie header: ocop_refresh and ocop_csrf. */
  cookie: string;
  /** The anti-forgery proof (the ocop_csrf cookie's value), for X-CSRF-Token. */
  csrf: string;
}

export function sessionCookies(res: { headers: Record<string, unknown> }): BrowserSession {
  const raw = res.headers['set-cookie'];
  const lines = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  const pairs = new Map(
    lines.map((line) => {
      const first = line.split(';')[0] as string;
      const eq = first.indexOf('=');
      return [first.slice(0, eq), decodeURIComponent(first.slice(eq + 1))] as const;
    }),
  );
  const refresh = pairs.get('ocop_refresh');
  const csrf = pairs.get('ocop_csrf');
  if (!refresh || !csrf) throw new Error(`no session cookies in ${JSON.stringify(lines)}`);
  return {
    cookie: `ocop_refresh=${encodeURIComponent(refresh)}; ocop_csrf=${encodeURIComponent(csrf)}`,
    csrf,
  };
}

/** POST /api/auth/refresh (or sign-out) as the web app sends it: the cookies and the X-CSRF-Token proof. */
export function spendSession(t: TestApp, path: 'refresh' | 'sign-out', session: BrowserSession) {
  return t.http().post(`/api/auth/${path}`).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrf);
}
