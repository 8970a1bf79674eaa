import { createTestApp, makeUser, signIn, TestApp, uniqueEmail } from '@ocop/testing';
import { IdentityHttpModule } from './identity-http.module';

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe('identity: sign-in rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      imports: [IdentityHttpModule],
      config: { TRUST_PROXY: true, SIGNIN_MAX_FAILURES: 3, SIGNIN_MAX_ATTEMPTS_PER_IP: 6, SIGNIN_WINDOW_SECONDS: 120 },
    });
  });
  afterAll(() => t.close());

  it('locks an identifier after N failures with 429 and Retry-After, even for the right password', async () => {
    const user = await makeUser(t, { phone: true });
    for (let i = 0; i < 3; i++) {
      // Failures from different addresses and in different phone formats all count against one identifier.
      const identifier = i % 2 === 0 ? (user.phone as string) : `0${(user.phone as string).slice(3)}`;
      expect((await signIn(t, identifier, 'wrong password', ip())).status).toBe(401);
    }
    const locked = await signIn(t, user.phone as string, user.password, ip()).expect(429);
    expect(locked.body.code).toBe('SIGNIN_RATE_LIMITED');
    expect(locked.body.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.body.details.retryAfterSeconds).toBeLessThanOrEqual(120);
    expect(locked.headers['retry-after']).toBe(String(locked.body.details.retryAfterSeconds));
    // Another account is not affected.
    const other = await makeUser(t);
    await signIn(t, other.email as string, other.password, ip()).expect(200);
  });

  it('limits unknown identifiers the same way (no enumeration through the limiter)', async () => {
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 3; i++) await signIn(t, ghost, 'whatever it is', ip()).expect(401);
    expect((await signIn(t, ghost, 'whatever it is', ip()).expect(429)).body.code).toBe('SIGNIN_RATE_LIMITED');
  });

  it('clears the failure count on a successful sign-in', async () => {
    const user = await makeUser(t);
    const statuses: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) statuses.push((await signIn(t, user.email as string, 'wrong password', ip())).status);
      statuses.push((await signIn(t, user.email as string, user.password, ip())).status);
    }
    expect(statuses).toEqual([401, 401, 200, 401, 401, 200]);
  });

  it('limits attempts per client address, whatever the identifiers', async () => {
    const address = ip();
    const user = await makeUser(t);
    for (let i = 0; i < 6; i++) {
      const res = await signIn(t, uniqueEmail('spray'), 'password spraying', address);
      expect(res.status).toBe(401);
    }
    const blocked = await signIn(t, user.email as string, user.password, address).expect(429);
    expect(blocked.body.code).toBe('SIGNIN_RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The same account from another address still works.
    await signIn(t, user.email as string, user.password, ip()).expect(200);
  });
});
