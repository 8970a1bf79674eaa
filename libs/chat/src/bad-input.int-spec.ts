import { randomUUID } from 'node:crypto';
import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import type { Ack } from '@ocop/realtime';
import {
  authHeader,
  connectSocket,
  createTestApp,
  joinChatRoom,
  MadeSession,
  MadeUser,
  makeAdmin,
  makeBranchTree,
  makeLiveSession,
  makeUser,
  nextSocketEvent,
  sendChat,
  socketAck,
  TestApp,
} from '@ocop/testing';
import type { ChatMessageView } from './application/views';
import { ChatHttpModule } from './chat-http.module';
import { ChatModule } from './chat.module';

const TABLES = [
  'chat_rooms',
  'chat_messages',
  'chat_bans',
  'chat_mutes',
  'chat_banned_words',
  'chat_moderation_actions',
];

describe('bad input at the chat edges', () => {
  let t: TestApp;
  let made: MadeSession;
  let admin: MadeUser;
  let sid: string;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [ChatHttpModule, ChatModule, LiveHttpModule, IdentityHttpModule, CatalogueHttpModule],
      websockets: { floodGuard: { burst: 50, perSecond: 10, disconnectAfter: 1_000 } },
    });
    made = await makeLiveSession(t, { productCount: 1 });
    sid = made.session.id;
    admin = await makeAdmin(t, (await makeBranchTree(t)).city.id);
  });
  afterAll(() => t.close());

  const counts = () =>
    Promise.all(
      TABLES.map(
        async (table) =>
          ((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0]!.n,
      ),
    );

  it('malformed socket events get INVALID_PAYLOAD or UNKNOWN_EVENT acks, write nothing and keep the connection', async () => {
    const user = await makeUser(t);
    const socket = await connectSocket(t, user.accessToken);
    await joinChatRoom(socket, sid);
    const before = await counts();
    const bad: [string, unknown][] = [
      ['session:join', { sessionId: 'not-a-uuid' }],
      ['session:join', { sessionId: sid, sinceSeq: -1 }],
      ['session:join', { sessionId: sid, sinceSeq: '5' }],
      ['session:join', 'just a string'],
      ['session:join', [sid]],
      ['chat:send', { sessionId: sid }],
      ['chat:send', { sessionId: sid, text: 42 }],
      ['chat:send', { sessionId: sid, text: '    ' }],
      ['chat:send', { sessionId: sid, text: 'x'.repeat(301) }],
      ['chat:send', { sessionId: sid, text: 'hi', clientId: 'nope' }],
      ['chat:send', { sessionId: sid, text: 'hi', userId: made.host.id }],
      ['chat:send', null],
      ['chat:history', { sessionId: sid, sinceSeq: 1.5 }],
      ['chat:history', { sessionId: sid, limit: 100_000 }],
      ['chat:react', { sessionId: sid, kind: 'angry' }],
      ['chat:delete', { sessionId: sid, messageId: 12 }],
      ['chat:mute', { sessionId: sid, userId: made.host.id, seconds: 5 }],
      ['chat:mute', { sessionId: sid, userId: made.host.id, seconds: 86_401 }],
      ['chat:ban', { sessionId: sid, userId: made.host.id, reason: 'x'.repeat(301) }],
      ['chat:pin', { sessionId: sid }],
      ['chat:slow-mode', { sessionId: sid, seconds: 301 }],
      ['chat:slow-mode', { sessionId: sid, seconds: '10' }],
    ];
    for (const [event, payload] of bad) {
      const answer = await socketAck(socket, event, payload);
      expect({ event, payload, code: answer.ok ? 'ok' : answer.code }).toEqual({
        event,
        payload,
        code: 'INVALID_PAYLOAD',
      });
    }
    expect(
      await socketAck(socket, 'chat:history', { sessionId: sid, sinceSeq: 1, beforeSeq: 5 }),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_HISTORY_QUERY',
    });
    expect(await socketAck(socket, 'chat:shout', { sessionId: sid })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_EVENT',
    });
    expect(await socketAck(socket, 'chat:history', { sessionId: randomUUID() })).toMatchObject({
      ok: false,
      code: 'SESSION_NOT_FOUND',
    });
    expect(socket.connected).toBe(true);
    expect(await counts()).toEqual(before);
    expect(await sendChat(socket, sid, 'x'.repeat(300))).toMatchObject({ ok: true });
  });

  it('a flooding socket is refused while another viewer keeps chatting', async () => {
    const [flooderUser, calmUser] = await Promise.all([makeUser(t), makeUser(t)]);
    const flooder = await connectSocket(t, flooderUser.accessToken);
    const calm = await connectSocket(t, calmUser.accessToken);
    const listener = await connectSocket(t);
    await Promise.all([joinChatRoom(flooder, sid), joinChatRoom(calm, sid), joinChatRoom(listener, sid)]);

    const answers = await Promise.all(
      Array.from(
        { length: 200 },
        (_, i) =>
          new Promise<Ack<unknown>>((resolve) =>
            flooder
              .timeout(5_000)
              .emit('chat:send', { sessionId: sid, text: `flood ${i}` }, (err: unknown, ack: Ack<unknown>) =>
                resolve(err ? { ok: false, code: 'TIMEOUT', message: String(err) } : ack),
              ),
          ),
      ),
    );
    const accepted = answers.filter((a) => a.ok).length;
    expect(accepted).toBeLessThanOrEqual(2);
    expect(new Set(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.code)))).toEqual(
      new Set(['RATE_LIMITED']),
    );

    const heard = nextSocketEvent<ChatMessageView>(
      listener,
      'chat:message',
      (m) => m.text === 'vẫn chat bình thường',
    );
    expect(await sendChat(calm, sid, 'vẫn chat bình thường')).toMatchObject({ ok: true });
    await heard;
    const stored = await t.db.query(`SELECT count(*)::int AS n FROM chat_messages WHERE user_id = $1`, [
      flooderUser.id,
    ]);
    expect(stored[0].n).toBe(accepted);
  });

  describe('HTTP', () => {
    it('GET /api/sessions/:id/messages: bad ids and queries are 400, unknown sessions 404', async () => {
      expect((await t.http().get('/api/sessions/nope/messages')).body.code).toBe('VALIDATION_FAILED');
      const unknown = await t.http().get(`/api/sessions/${randomUUID()}/messages`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('SESSION_NOT_FOUND');
      for (const query of [{ sinceSeq: 'x' }, { sinceSeq: -1 }, { limit: 0 }, { limit: 501 }, { evil: 1 }]) {
        const res = await t.http().get(`/api/sessions/${sid}/messages`).query(query);
        expect({ query, status: res.status, code: res.body.code }).toEqual({
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
      const both = await t.http().get(`/api/sessions/${sid}/messages`).query({ sinceSeq: 1, beforeSeq: 3 });
      expect(both.status).toBe(400);
      expect(both.body.code).toBe('INVALID_HISTORY_QUERY');
    });

    it('banned-word and moderation-log routes refuse bad input and write nothing', async () => {
      const before = await counts();
      const host = authHeader(made.hostToken);
      const adminAuth = authHeader(admin.accessToken);
      const cases: {
        req: () => ReturnType<ReturnType<TestApp['http']>['get']>;
        status: number;
        code: string;
      }[] = [
        {
          req: () => t.http().post(`/api/sessions/${sid}/banned-words`).set(host).send({}),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          req: () => t.http().post(`/api/sessions/${sid}/banned-words`).set(host).send({ word: 42 }),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          req: () =>
            t
              .http()
              .post(`/api/sessions/${sid}/banned-words`)
              .set(host)
              .send({ word: 'x'.repeat(61) }),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          req: () => t.http().post(`/api/sessions/${sid}/banned-words`).set(host).send({ word: '!!!' }),
          status: 400,
          code: 'INVALID_BANNED_WORD',
        },
        {
          req: () =>
            t.http().post(`/api/sessions/${sid}/banned-words`).set(host).send({ word: 'ok', extra: 1 }),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          req: () => t.http().post(`/api/sessions/${sid}/banned-words`).set(host).send([1, 2]),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          req: () =>
            t
              .http()
              .post(`/api/sessions/${sid}/banned-words`)
              .set(host)
              .set('Content-Type', 'application/json')
              .send('{"word":'),
          status: 400,
          code: 'MALFORMED_JSON',
        },
        {
          req: () =>
            t.http().post(`/api/sessions/${randomUUID()}/banned-words`).set(host).send({ word: 'ok' }),
          status: 404,
          code: 'SESSION_NOT_FOUND',
        },
        {
          req: () => t.http().post('/api/sessions/nope/banned-words').set(host).send({ word: 'ok' }),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          req: () => t.http().delete(`/api/sessions/${sid}/banned-words/nope`).set(host),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          req: () => t.http().delete(`/api/sessions/${sid}/banned-words/${randomUUID()}`).set(host),
          status: 404,
          code: 'BANNED_WORD_NOT_FOUND',
        },
        {
          req: () => t.http().post(`/api/sessions/${sid}/banned-words`).send({ word: 'ok' }),
          status: 401,
          code: 'UNAUTHENTICATED',
        },
        {
          req: () => t.http().get(`/api/sessions/${sid}/moderation-log`).query({ page: 0 }).set(host),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          req: () => t.http().get(`/api/sessions/${randomUUID()}/moderation-log`).set(host),
          status: 404,
          code: 'SESSION_NOT_FOUND',
        },
        {
          req: () => t.http().post('/api/admin/banned-words').set(adminAuth).send({ word: '' }),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          req: () =>
            t
              .http()
              .post('/api/admin/banned-words')
              .set(adminAuth)
              .send({ word: 'a'.repeat(200_000) }),
          status: 413,
          code: 'PAYLOAD_TOO_LARGE',
        },
        {
          req: () => t.http().delete('/api/admin/banned-words/nope').set(adminAuth),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          req: () => t.http().delete(`/api/admin/banned-words/${randomUUID()}`).set(adminAuth),
          status: 404,
          code: 'BANNED_WORD_NOT_FOUND',
        },
        {
          req: () => t.http().post('/api/admin/banned-words').set(host).send({ word: 'ok' }),
          status: 403,
          code: 'ROLE_REQUIRED',
        },
      ];
      for (const [i, c] of cases.entries()) {
        const res = await c.req();
        expect({ i, status: res.status, code: res.body.code }).toEqual({ i, status: c.status, code: c.code });
      }
      expect(await counts()).toEqual(before);
    });
  });
});
