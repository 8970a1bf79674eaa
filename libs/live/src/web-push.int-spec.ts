import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import webpush from 'web-push';
import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  createTestApp,
  makeLineupProducts,
  makeSession,
  makeUser,
  MadeUser,
  TestApp,
} from '@ocop/testing';
import { InboxService } from './application/inbox.service';
import { LiveHttpModule } from './live-http.module';
import { LiveJobsModule } from './live-jobs.module';

/** A request the local push service received. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * RFC 8291 (Web Push message encryption) and RFC 8188 (aes128gcm), decrypted as the browser would, with the
 * subscription's private key and auth secret: written here with node:crypto, independent of the library that
 * encrypted it.
 */
function decryptPush(body: Buffer, uaPrivate: ReturnType<typeof createECDH>, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20] as number;
  const asPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  expect(idLength).toBe(65);
  expect(ciphertext.length).toBeLessThanOrEqual(recordSize);

  const uaPublic = uaPrivate.getPublicKey();
  const ecdhSecret = uaPrivate.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));

  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  expect(padded[end]).toBe(2);
  return padded.subarray(0, end).toString('utf8');
}

/** Checks the VAPID header: an ES256 JWT for the endpoint's origin, signed by the server's key `k`. */
function checkVapid(authorization: string, endpointOrigin: string, publicKey: string): void {
  const match = /^vapid t=([^,]+),\s*k=(.+)$/.exec(authorization);
  expect(match).not.toBeNull();
  const [, jwt, k] = match as RegExpExecArray;
  expect(k).toBe(publicKey);
  const [header, claims, signature] = (jwt as string).split('.') as [string, string, string];
  expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'ES256' });
  const payload = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  expect(payload.aud).toBe(endpointOrigin);
  expect(payload.sub).toBe('mailto:push-test@ocop.example');
  const raw = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  expect(ok).toBe(true);
}

describe('Web Push: subscriptions, encrypted pushes to a push service, pruning', () => {
  let t: TestApp;
  let products: ProductView[];
  let server: Server;
  let base: string;
  const received: Received[] = [];
  /** What the local push service answers next, per path. */
  const answers = new Map<string, number>();
  const vapid = webpush.generateVAPIDKeys();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.statusCode = answers.get(req.url ?? '') ?? 201;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await createTestApp({
      imports: [LiveHttpModule, LiveJobsModule, CatalogueHttpModule, IdentityHttpModule],
      config: {
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:push-test@ocop.example',
        PUSH_MAX_SUBSCRIPTIONS_PER_USER: 2,
      },
    });
    products = await makeLineupProducts(t, 1);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A browser's subscription: its own P-256 key pair and auth secret. */
  const browser = (path: string) => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    return {
      ecdh,
      auth,
      body: {
        endpoint: `${base}${path}`,
        expirationTime: null,
        keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
      },
    };
  };
  const subscribe = (user: MadeUser, body: object) =>
    t.http().post('/api/push/subscriptions').set(authHeader(user.accessToken)).send(body);
  const waitFor = async (check: () => boolean | Promise<boolean>, ms = 15_000) => {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('gives out the VAPID key and validates subscriptions (https or loopback in tests, real keys, a cap per user)', async () => {
    const key = await t.http().get('/api/push/key');
    expect(key.body).toEqual({ enabled: true, publicKey: vapid.publicKey });
    const user = await makeUser(t);
    const good = browser('/push/validate-1');

    const plainHttp = await subscribe(user, { ...good.body, endpoint: 'http://push.example.com/x' });
    expect(plainHttp.status).toBe(400);
    expect(plainHttp.body.code).toBe('PUSH_SUBSCRIPTION_INVALID');
    const badKey = await subscribe(user, { ...good.body, keys: { ...good.body.keys, p256dh: 'A'.repeat(87) } });
    expect(badKey.status).toBe(400);
    const shortAuth = await subscribe(user, { ...good.body, keys: { ...good.body.keys, auth: 'AAAA' } });
    expect(shortAuth.status).toBe(400);
    const huge = await subscribe(user, { ...good.body, endpoint: `${base}/${'x'.repeat(3000)}` });
    expect(huge.status).toBe(400);
    const guest = await t.http().post('/api/push/subscriptions').send(good.body);
    expect(guest.status).toBe(401);

    const stored = await subscribe(user, good.body);
    expect(stored.status).toBe(201);
    expect(stored.body).toEqual({ id: expect.any(String), endpoint: good.body.endpoint });
    // The same endpoint again is the same browser: still one row.
    expect((await subscribe(user, good.body)).body.id).toBe(stored.body.id);
    await subscribe(user, browser('/push/validate-2').body);
    await subscribe(user, browser('/push/validate-3').body);
    const rows = (await t.db.query(`SELECT endpoint FROM push_subscriptions WHERE user_id = $1 ORDER BY endpoint`, [
      user.id,
    ])) as { endpoint: string }[];
    // The cap (2 in this test) keeps the newest.
    expect(rows.map((r) => r.endpoint)).toEqual([`${base}/push/validate-2`, `${base}/push/validate-3`]);

    const other = await makeUser(t);
    const notMine = await t
      .http()
      .post('/api/push/subscriptions/delete')
      .set(authHeader(other.accessToken))
      .send({ endpoint: `${base}/push/validate-3` });
    expect(notMine.status).toBe(404);
    const gone = await t
      .http()
      .post('/api/push/subscriptions/delete')
      .set(authHeader(user.accessToken))
      .send({ endpoint: `${base}/push/validate-3` });
    expect(gone.status).toBe(204);
  });

  it('a followed host going live is pushed, encrypted for the browser; a 410 answer prunes the subscription', async () => {
    const made = await makeSession(t, { products });
    const fan = await makeUser(t);
    expect(
      (await t.http().put(`/api/hosts/${made.host.id}/follow`).set(authHeader(fan.accessToken))).status,
    ).toBe(200);
    const phone = browser('/push/fan-phone');
    const stored = await subscribe(fan, { ...phone.body, locale: 'en' });
    expect(stored.status).toBe(201);

    expect(
      (await t.http().post(`/api/sessions/${made.session.id}/go-live`).set(authHeader(made.hostToken))).status,
    ).toBe(200);
    // The worker's fan-out (what the outbox subscriber runs), twice: one notification, one push.
    const inbox = t.app.get(InboxService);
    expect(await inbox.notifyFollowers(made.session.id)).toEqual({ notified: 1 });
    expect(await inbox.notifyFollowers(made.session.id)).toEqual({ notified: 0 });

    await waitFor(() => received.some((r) => r.path === '/push/fan-phone'));
    await new Promise((r) => setTimeout(r, 300));
    const pushes = received.filter((r) => r.path === '/push/fan-phone');
    expect(pushes).toHaveLength(1);
    const push = pushes[0]!;
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(push.headers['ttl']).toBe('3600');
    expect(push.headers['urgency']).toBe('high');
    checkVapid(push.headers['authorization'] as string, base, vapid.publicKey);

    const payload = JSON.parse(decryptPush(push.body, phone.ecdh, phone.auth)) as Record<string, string>;
    const [notification] = (await t.db.query(
      `SELECT id FROM notifications WHERE user_id = $1 AND session_id = $2 AND kind = 'host_live'`,
      [fan.id, made.session.id],
    )) as { id: string }[];
    expect(payload).toEqual({
      id: notification!.id,
      title: `${made.host.displayName} is live now`,
      body: `${made.session.title}. Tap to watch and shop.`,
      url: `/sessions/${made.session.id}`,
      tag: `session-${made.session.id}`,
    });
    await waitFor(async () => {
      const [row] = (await t.db.query(`SELECT last_sent_at FROM push_subscriptions WHERE id = $1`, [
        stored.body.id,
      ])) as { last_sent_at: Date | null }[];
      return row?.last_sent_at != null;
    });

    // The browser unsubscribed: the push service answers 410 Gone, and the subscription is deleted.
    answers.set('/push/fan-phone', 410);
    const later = await makeSession(t, { products, host: made.host });
    expect(
      (await t.http().post(`/api/sessions/${later.session.id}/go-live`).set(authHeader(later.hostToken))).status,
    ).toBe(200);
    expect(await inbox.notifyFollowers(later.session.id)).toEqual({ notified: 1 });
    await waitFor(async () => {
      const rows = (await t.db.query(`SELECT 1 FROM push_subscriptions WHERE id = $1`, [stored.body.id])) as unknown[];
      return rows.length === 0;
    });
    expect(received.filter((r) => r.path === '/push/fan-phone')).toHaveLength(2);
    // The inbox still holds both notifications.
    const list = await t.http().get('/api/me/notifications').set(authHeader(fan.accessToken));
    expect(list.body.unread).toBe(2);
  });

  it('without VAPID keys nothing is queued and the key endpoint says pushes are off', async () => {
    const off = await createTestApp({ imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule] });
    try {
      expect((await off.http().get('/api/push/key')).body).toEqual({ enabled: false, publicKey: null });
      const queue = off.app.get<Queue>(getQueueToken('push'));
      const before = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed');
      const made = await makeSession(off, { products });
      const fan = await makeUser(off);
      await off.http().put(`/api/hosts/${made.host.id}/follow`).set(authHeader(fan.accessToken));
      await off.http().post('/api/push/subscriptions').set(authHeader(fan.accessToken)).send(browser('/push/off').body);
      await off.http().post(`/api/sessions/${made.session.id}/go-live`).set(authHeader(made.hostToken));
      expect(await off.app.get(InboxService).notifyFollowers(made.session.id)).toEqual({ notified: 1 });
      expect(await queue.getJobCounts('waiting', 'active', 'delayed', 'completed')).toEqual(before);
    } finally {
      await off.close();
    }
  });
});
