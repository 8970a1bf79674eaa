import Redis from 'ioredis';
import { REDIS } from '@ocop/queue';
import { createTestApp, makeUser, signIn, TestApp, uniqueEmail, waitMs } from '@ocop/testing';
import { IdentityHttpModule } from './identity-http.module';

const ip = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe('identity: sign-in protection that cannot be turned against the owner', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      imports: [IdentityHttpModule],
      config: {
        TRUST_PROXY: true,
        SIGNIN_MAX_FAILURES: 3,
        SIGNIN_DELAY_BASE_SECONDS: 5,
        SIGNIN_MAX_ATTEMPTS_PER_IP: 14,
        SIGNIN_WINDOW_SECONDS: 120,
      },
    });
  });
  afterAll(() => t.close());

  it('slows one address failing on an account with a growing wait, 429 and Retry-After, even for the right password', async () => {
    const user = await makeUser(t, { phone: true });
    const attacker = ip();
    for (let i = 0; i < 3; i++) {
      // Different phone formats count against one identifier.
      const identifier = i % 2 === 0 ? (user.phone as string) : `0${(user.phone as string).slice(3)}`;
      expect((await signIn(t, identifier, 'wrong password', attacker)).status).toBe(401);
    }
    const waiting = await signIn(t, user.phone as string, user.password, attacker).expect(429);
    expect(waiting.body.code).toBe('SIGNIN_RATE_LIMITED');
    expect(waiting.body.details.retryAfterSeconds).toBeGreaterThanOrEqual(4);
    expect(waiting.body.details.retryAfterSeconds).toBeLessThanOrEqual(5);
    expect(waiting.headers['retry-after']).toBe(String(waiting.body.details.retryAfterSeconds));

    // Once the wait is over the address may try again; one more failure doubles the wait.
    await waitMs(5_100);
    expect((await signIn(t, user.phone as string, 'wrong again', attacker)).status).toBe(401);
    const longer = await signIn(t, user.phone as string, user.password, attacker).expect(429);
    expect(longer.body.details.retryAfterSeconds).toBeGreaterThanOrEqual(9);
    expect(longer.body.details.retryAfterSeconds).toBeLessThanOrEqual(10);
  });

  it('the owner signs in from their own address while another address keeps failing on the same account', async () => {
    const owner = await makeUser(t);
    const attacker = ip();
    const home = ip();
    const statuses: number[] = [];
    // The attacker keeps trying, in parallel with the owner's sign-ins, far past the failure threshold.
    const attack = (async () => {
      for (let i = 0; i < 10; i++) {
        statuses.push((await signIn(t, owner.email as string, `guess ${i}`, attacker)).status);
      }
    })();
    const ownerAnswers: number[] = [];
    for (let i = 0; i < 3; i++) {
      ownerAnswers.push((await signIn(t, owner.email as string, owner.password, home)).status);
      await waitMs(50);
    }
    await attack;
    expect(ownerAnswers).toEqual([200, 200, 200]);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // Once the attacker is waiting, the owner still gets in from a new address too (a phone on another network).
    await signIn(t, owner.email as string, owner.password, ip()).expect(200);
    // And a mistyped password by the owner counts only against their own address.
    await signIn(t, owner.email as string, 'typo', home).expect(401);
    await signIn(t, owner.email as string, owner.password, home).expect(200);
  });

  it('limits unknown identifiers the same way (no enumeration through the limiter)', async () => {
    const ghost = uniqueEmail('ghost');
    const address = ip();
    for (let i = 0; i < 3; i++) await signIn(t, ghost, 'whatever it is', address).expect(401);
    expect((await signIn(t, ghost, 'whatever it is', address).expect(429)).body.code).toBe(
      'SIGNIN_RATE_LIMITED',
    );
  });

  it('clears the failure count of an address on a successful sign-in', async () => {
    const user = await makeUser(t);
    const address = ip();
    const statuses: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++)
        statuses.push((await signIn(t, user.email as string, 'wrong password', address)).status);
      statuses.push((await signIn(t, user.email as string, user.password, address)).status);
    }
    expect(statuses).toEqual([401, 401, 200, 401, 401, 200]);
  });

  it('limits attempts per client address, whatever the identifiers', async () => {
    const address = ip();
    const user = await makeUser(t);
    for (let i = 0; i < 14; i++) {
      const res = await signIn(t, uniqueEmail('spray'), 'password spraying', address);
      expect(res.status).toBe(401);
    }
    const blocked = await signIn(t, user.email as string, user.password, address).expect(429);
    expect(blocked.body.code).toBe('SIGNIN_RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The same account from another address still works.
    await signIn(t, user.email as string, user.password, ip()).expect(200);
  }, 90_000);

  it('concurrent failures are all counted, and the wait grows with them', async () => {
    const user = await makeUser(t);
    const address = ip();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => signIn(t, user.email as string, 'parallel guess', address)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual(Array(8).fill(401));
    const redis = t.app.get<Redis>(REDIS);
    const key = `${t.config.QUEUE_PREFIX}:rl:signin:fail:email:${user.email}:from:${address}`;
    expect(await redis.get(key)).toBe('8');
    // 8 failures, the threshold 3: 5 s doubled five times is 160 s, capped at the 120 s window.
    const waiting = await signIn(t, user.email as string, user.password, address).expect(429);
    expect(waiting.body.details.retryAfterSeconds).toBeGreaterThan(110);
    expect(waiting.body.details.retryAfterSeconds).toBeLessThanOrEqual(120);
  });
});
