import { createTestApp, signIn, TestApp, uniqueEmail } from '@ocop/testing';
import { IdentityHttpModule } from './identity-http.module';

const ip = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** "abc@x" with its letters in their full-width forms (U+FF41...), which NFKC folds back. */
function fullWidth(text: string): string {
  return text.replace(/[a-z0-9]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0));
}

describe('identity: registration that cannot be flooded or spoofed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      imports: [IdentityHttpModule],
      config: { TRUST_PROXY: true, REGISTER_MAX_PER_IP: 5, REGISTER_WINDOW_SECONDS: 600 },
    });
  });
  afterAll(() => t.close());

  const register = (body: Record<string, unknown>, from = ip()) =>
    t.http().post('/api/auth/register').set('X-Forwarded-For', from).send(body);
  const body = (overrides: Record<string, unknown> = {}) => ({
    email: uniqueEmail('reg'),
    password: 'long enough pw',
    displayName: 'Nguyễn Thị Lan',
    ...overrides,
  });
  const users = async () =>
    ((await t.db.query('SELECT count(*)::int AS n FROM users')) as { n: number }[])[0]?.n;

  it('limits registrations per address with 429, Retry-After and a code; other addresses still register', async () => {
    const address = ip();
    const before = await users();
    const answers = await Promise.all(Array.from({ length: 12 }, () => register(body(), address)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(5).fill(201), ...Array(7).fill(429)]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body.code).toBe('REGISTER_RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect(await users()).toBe((before ?? 0) + 5);
    await register(body(), ip()).expect(201);
  });

  it('a full-width lookalike of an existing email is the same account: 409, and it signs in to that account', async () => {
    const email = uniqueEmail('shopper');
    const first = await register(body({ email })).expect(201);
    const lookalike = `${fullWidth(email.slice(0, 8))}${email.slice(8)}`;
    expect(lookalike).not.toBe(email);
    for (const spelling of [lookalike, lookalike.toUpperCase(), ` ${email.toUpperCase()} `]) {
      const res = await register(body({ email: spelling }));
      expect([spelling, res.status, res.body.code]).toEqual([spelling, 409, 'EMAIL_TAKEN']);
    }
    const signedIn = await signIn(t, lookalike, 'long enough pw', ip()).expect(200);
    expect(signedIn.body.user.id).toBe(first.body.user.id);
    const stored = (await t.db.query('SELECT email FROM users WHERE id = $1', [first.body.user.id])) as {
      email: string;
    }[];
    expect(stored[0]?.email).toBe(email);
  });

  it('a phone typed with full-width digits is the same number', async () => {
    const national = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const first = await register(body({ email: undefined, phone: national })).expect(201);
    expect(first.body.user.phone).toBe(`+84${national.slice(1)}`);
    const again = await register(body({ email: undefined, phone: fullWidth(national) }));
    expect([again.status, again.body.code]).toEqual([409, 'PHONE_TAKEN']);
  });

  it('a new account registered with a full-width email is stored in its plain form', async () => {
    const email = uniqueEmail('fw');
    const res = await register(
      body({ email: fullWidth(email.split('@')[0]!) + '@' + email.split('@')[1] }),
    ).expect(201);
    expect(res.body.user.email).toBe(email);
  });

  it('refuses display names that show nothing or hide control characters, and stores nothing', async () => {
    const before = await users();
    for (const displayName of [
      '\u200b',
      '\u200b\u200b\u200b',
      ' \u2060\ufeff ',
      '\u3164',
      'Lan\u0000',
      'Lan\u202eabc',
      'Lan\ud800',
    ]) {
      const res = await register(body({ displayName }));
      expect([JSON.stringify(displayName), res.status, res.body.code]).toEqual([
        JSON.stringify(displayName),
        400,
        'INVALID_TEXT',
      ]);
      expect(res.body.details.fields[0].field).toBe('displayName');
    }
    for (const email of ['lan\u0000@x.vn', '\u200b\u200b']) {
      const res = await register(body({ email }));
      expect([res.status, res.body.code]).toEqual([400, 'INVALID_TEXT']);
    }
    // Blank in the ordinary sense is the field's own rule.
    expect((await register(body({ displayName: '   ' }))).body.code).toBe('VALIDATION_FAILED');
    expect(await users()).toBe(before);
    // Names with zero-width joiners inside visible text are fine (emoji sequences, some scripts).
    const joined = await register(body({ displayName: 'Lan 👩\u200d🌾' })).expect(201);
    expect(joined.body.user.displayName).toBe('Lan 👩\u200d🌾');
  });
});
