import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IdentityHttpModule } from '@ocop/identity';
import { PaymentsHttpModule } from '@ocop/payments';
import {
  authHeader,
  closeAll,
  createTestApp,
  makeUser,
  sessionCookies,
  signIn,
  spendSession,
  TestApp,
} from '@ocop/testing';
import { WebAppModule } from './web-app.module';

// The browser defences of the api process, for the web app's files and the REST answers alike: the headers helmet
// sets (a strict Content-Security-Policy, no framing, nosniff, a referrer policy, HSTS only over TLS), the session
// cookies' attributes, and the refusal of cross-site requests that would spend the session cookie.

type Headers = Record<string, string | string[] | undefined>;

/** The policy as directive -> sources. */
function csp(headers: Headers): Map<string, string[]> {
  const value = headers['content-security-policy'];
  if (typeof value !== 'string') throw new Error('no Content-Security-Policy');
  return new Map(
    value
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...sources] = d.split(/\s+/);
        return [name as string, sources];
      }),
  );
}

/** Parses Set-Cookie lines into name -> attributes (lowercased keys; value under 'value'). */
function cookies(headers: Headers): Map<string, Map<string, string>> {
  const raw = headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return new Map(
    lines.map((line) => {
      const [pair, ...attributes] = line.split(';').map((p) => p.trim());
      const eq = (pair as string).indexOf('=');
      const attrs = new Map<string, string>([['value', (pair as string).slice(eq + 1)]]);
      for (const attribute of attributes) {
        const at = attribute.indexOf('=');
        attrs.set(
          (at < 0 ? attribute : attribute.slice(0, at)).toLowerCase(),
          at < 0 ? '' : attribute.slice(at + 1),
        );
      }
      return [(pair as string).slice(0, eq), attrs];
    }),
  );
}

const MEDIA = 'http://127.0.0.1:8123';
const EXTRA_IMAGES = 'http://127.0.0.1:9000';
const ASSETS_CDN = 'https://img.ocop.example.vn';

function expectCommonHeaders(headers: Headers): void {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-powered-by']).toBeUndefined();
}

describe('browser security of the api process', () => {
  let webDir: string;
  let t: TestApp;
  let card: TestApp;

  beforeAll(async () => {
    // A built web app as Vite leaves it: index.html and a hashed asset.
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-web-headers-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head><body></body></html>',
    );
    fs.writeFileSync(path.join(webDir, 'assets', 'index-abc.js'), 'console.log("app");');
    const config = {
      WEB_DIST_DIR: webDir,
      MEDIA_PUBLIC_URL: MEDIA,
      CSP_IMAGE_ORIGINS: [EXTRA_IMAGES],
      ASSETS_PUBLIC_BASE_URL: `${ASSETS_CDN}/ocop`,
      TRUST_PROXY: true,
      PUBLIC_URL: 'https://ocop.example.vn',
      STRIPE_SECRET_KEY: undefined,
      STRIPE_PUBLISHABLE_KEY: undefined,
    };
    t = await createTestApp({
      imports: [IdentityHttpModule, PaymentsHttpModule, WebAppModule.forRoot()],
      config,
    });
    card = await createTestApp({
      imports: [IdentityHttpModule, PaymentsHttpModule, WebAppModule.forRoot()],
      config: {
        ...config,
        STRIPE_SECRET_KEY: 'sk_test_headers',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_headers',
        STRIPE_API_URL: 'http://127.0.0.1:1',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await closeAll(t, card);
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('serves the web app and the api with exactly the sources the app needs, card payment off', async () => {
    for (const res of [
      await t.http().get('/').expect(200),
      await t.http().get('/sessions/abc').expect(200),
      await t.http().get('/assets/index-abc.js').expect(200),
      await t.http().get('/api/client-config').expect(200),
      await t.http().get('/api/me').expect(401),
    ]) {
      expectCommonHeaders(res.headers);
      const policy = csp(res.headers);
      expect(Object.fromEntries(policy)).toEqual({
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:', MEDIA, ASSETS_CDN, EXTRA_IMAGES],
        'font-src': ["'self'"],
        'media-src': ["'self'", 'blob:', MEDIA, 'https:'],
        'connect-src': ["'self'", MEDIA, 'ws://127.0.0.1:8123', 'https:'],
        'worker-src': ["'self'", 'blob:'],
        'frame-src': ['https://www.youtube.com', 'https://www.facebook.com', 'https://www.tiktok.com'],
        'manifest-src': ["'self'"],
      });
      // Plain http: never pinned to https.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    const config = await t.http().get('/api/client-config').expect(200);
    expect(config.body.cardPayments).toBe(false);
  });

  it("adds Stripe's origins, and only them, when card payment is on", async () => {
    const config = await card.http().get('/api/client-config').expect(200);
    expect(config.body).toMatchObject({ cardPayments: true, stripePublishableKey: 'pk_test_headers' });
    const policy = csp((await card.http().get('/').expect(200)).headers);
    expect(policy.get('script-src')).toEqual(["'self'", 'https://js.stripe.com', 'https://*.js.stripe.com']);
    expect(policy.get('frame-src')).toEqual([
      'https://www.youtube.com',
      'https://www.facebook.com',
      'https://www.tiktok.com',
      'https://js.stripe.com',
      'https://*.js.stripe.com',
      'https://hooks.stripe.com',
    ]);
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      MEDIA,
      'ws://127.0.0.1:8123',
      'https:',
      'https://api.stripe.com',
    ]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('sends HSTS and upgrade-insecure-requests only over TLS (here: behind a proxy that says so)', async () => {
    const res = await t.http().get('/').set('X-Forwarded-Proto', 'https').expect(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(csp(res.headers).has('upgrade-insecure-requests')).toBe(true);
    expectCommonHeaders(res.headers);
    const plain = await t.http().get('/').set('X-Forwarded-Proto', 'http').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(csp(plain.headers).has('upgrade-insecure-requests')).toBe(false);
  });

  it('keeps the refresh token in an httpOnly, Secure, SameSite=Strict cookie scoped to /api/auth', async () => {
    const user = await makeUser(t);
    const res = await signIn(t, user.email as string, user.password, '10.12.0.1').expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'user']);
    const set = cookies(res.headers);
    const refresh = set.get('ocop_refresh');
    const csrf = set.get('ocop_csrf');
    const maxAge = String(t.config.REFRESH_TOKEN_TTL_DAYS * 86_400);
    expect(refresh && Object.fromEntries(refresh)).toEqual({
      value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      'max-age': maxAge,
      path: '/api/auth',
      expires: expect.any(String),
      httponly: '',
      secure: '',
      samesite: 'Strict',
    });
    // The anti-forgery proof is readable by the app (not httpOnly), on every path, never sent cross-site.
    expect(csrf && Object.fromEntries(csrf)).toEqual({
      value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      'max-age': maxAge,
      path: '/',
      expires: expect.any(String),
      secure: '',
      samesite: 'Strict',
    });
    // A refresh rotates both; sign-out clears both.
    // The app's own origin (PUBLIC_URL) may spend the session.
    const rotated = await spendSession(t, 'refresh', sessionCookies(res))
      .set('Origin', 'https://ocop.example.vn')
      .expect(200);
    expect(cookies(rotated.headers).get('ocop_refresh')?.get('value')).not.toBe(refresh?.get('value'));
    const out = await spendSession(t, 'sign-out', sessionCookies(rotated)).expect(204);
    const cleared = cookies(out.headers);
    for (const name of ['ocop_refresh', 'ocop_csrf']) {
      expect(cleared.get(name)?.get('value')).toBe('');
      expect(new Date(cleared.get(name)?.get('expires') ?? '').getTime()).toBeLessThan(Date.now());
    }
  });

  it('refuses a cross-site refresh or sign-out, and one without the anti-forgery proof, and spends nothing', async () => {
    const user = await makeUser(t);
    const session = sessionCookies(
      await signIn(t, user.email as string, user.password, '10.12.0.2').expect(200),
    );
    const attempts = [
      () => spendSession(t, 'refresh', session).set('Origin', 'https://evil.example'),
      () => spendSession(t, 'sign-out', session).set('Origin', 'https://evil.example'),
      () => spendSession(t, 'refresh', session).set('Sec-Fetch-Site', 'cross-site'),
      () => spendSession(t, 'sign-out', session).set('Sec-Fetch-Site', 'same-site'),
    ];
    for (const attempt of attempts) {
      const res = await attempt().expect(403);
      expect(res.body.code).toBe('CROSS_SITE_REQUEST');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    for (const path of ['refresh', 'sign-out'] as const) {
      const missing = await t.http().post(`/api/auth/${path}`).set('Cookie', session.cookie).expect(403);
      expect(missing.body.code).toBe('CSRF_TOKEN_INVALID');
      const wrong = await t
        .http()
        .post(`/api/auth/${path}`)
        .set('Cookie', session.cookie)
        .set('X-CSRF-Token', 'A'.repeat(43))
        .expect(403);
      expect(wrong.body.code).toBe('CSRF_TOKEN_INVALID');
    }
    // Sign-in from another site is refused too (no one is signed in behind the user's back).
    const foreign = await signIn(t, user.email as string, user.password, '10.12.0.2').set(
      'Origin',
      'https://evil.example',
    );
    expect(foreign.status).toBe(403);
    // The session was never spent: the app itself (same origin, with the proof) still refreshes it.
    const own = await spendSession(t, 'refresh', session).set('Sec-Fetch-Site', 'same-origin').expect(200);
    await t.http().get('/api/me').set(authHeader(own.body.accessToken)).expect(200);
  });
});
