import { randomUUID } from 'node:crypto';
import { AccessTokenService } from '@ocop/auth';
import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import {
  authHeader,
  collectSocketEvents,
  connectSocket,
  createTestApp,
  joinChatRoom,
  MadeSession,
  MadeUser,
  makeLiveSession,
  makeUser,
  nextSocketEvent,
  postChat,
  sendChat,
  socketAck,
  TestApp,
  waitMs,
} from '@ocop/testing';
import { ChatFacade } from './application/chat.facade';
import { MessageBatcher } from './application/message-batcher';
import { ReactionsService } from './application/reactions.service';
import type { ChatMessageView, HistoryView } from './application/views';
import { ChatHttpModule } from './chat-http.module';
import { ChatModule } from './chat.module';

/** Posts `count` messages round-robin from several users (each stays under 2 messages a second). */
async function postMessages(t: TestApp, sessionId: string, users: MadeUser[], count: number, tag: string) {
  const sockets = await Promise.all(users.map((u) => connectSocket(t, u.accessToken)));
  await Promise.all(sockets.map((s) => joinChatRoom(s, sessionId)));
  const posted: ChatMessageView[] = [];
  for (let i = 0; i < count; i++) {
    const socket = sockets[i % sockets.length]!;
    if (i > 0 && i % sockets.length === 0) await waitMs(1_050);
    posted.push(await postChat(socket, sessionId, `${tag} #${i}`));
  }
  for (const s of sockets) s.disconnect();
  return posted;
}

describe('the live chat room', () => {
  let t: TestApp;
  let made: MadeSession;
  let viewers: MadeUser[];

  beforeAll(async () => {
    t = await createTestApp({
      imports: [ChatHttpModule, ChatModule, LiveHttpModule, IdentityHttpModule, CatalogueHttpModule],
      websockets: true,
    });
    made = await makeLiveSession(t, { productCount: 2 });
    viewers = await Promise.all(Array.from({ length: 6 }, () => makeUser(t)));
  });
  afterAll(() => t.close());

  it('join answers with the session, pins, viewer count and recent messages', async () => {
    const pinned = await t
      .http()
      .post(`/api/sessions/${made.session.id}/pins`)
      .set(authHeader(made.hostToken))
      .send({ productId: made.products[0]!.id });
    expect(pinned.status).toBe(200);
    await postMessages(t, made.session.id, viewers.slice(0, 3), 3, 'join-test');

    const guest = await connectSocket(t);
    const viewer = await connectSocket(t, viewers[3]!.accessToken);
    const state = await joinChatRoom(viewer, made.session.id);
    expect(state.session).toMatchObject({ id: made.session.id, status: 'live' });
    expect(state.pins.map((p) => p.productId)).toEqual([made.products[0]!.id]);
    expect(state.viewers).toBeGreaterThanOrEqual(1);
    expect(state.role).toBe('viewer');
    expect(state.slowModeSeconds).toBe(0);
    expect(state.pinnedMessage).toBeNull();
    expect(state.reactions).toEqual({ heart: 0, like: 0, wow: 0, haha: 0, clap: 0 });
    expect(state.messages.slice(-3).map((m) => m.text)).toEqual([
      'join-test #0',
      'join-test #1',
      'join-test #2',
    ]);

    const before = state.viewers;
    const guestState = await joinChatRoom(guest, made.session.id);
    expect(guestState.viewers).toBe(before + 1);
    expect(guestState.messages).toEqual(state.messages);
  });

  it('join returns the last 50 messages, and history pages back and forth', async () => {
    const { session } = await makeLiveSession(t, {
      productCount: 1,
      host: made.host,
      products: made.products,
    });
    const rows = Array.from({ length: 60 }, (_, i) => i);
    // Seed through the batcher directly: 60 messages from one user would (rightly) hit the rate limit.
    const batcher = t.app.get(MessageBatcher);
    const stored = await Promise.all(
      rows.map((i) =>
        batcher.append({
          sessionId: session.id,
          userId: viewers[0]!.id,
          displayName: 'Seeder',
          text: `m${i}`,
          clientId: null,
        }),
      ),
    );
    const seqs = stored.map((s) => s.row.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(60);

    const socket = await connectSocket(t);
    const state = await joinChatRoom(socket, session.id);
    expect(state.messages).toHaveLength(50);
    expect(state.messages[49]!.seq).toBe(seqs[59]);
    expect(state.messages.map((m) => m.seq)).toEqual(seqs.slice(10));

    const back = await socketAck<HistoryView>(socket, 'chat:history', {
      sessionId: session.id,
      beforeSeq: seqs[10],
    });
    expect(back).toMatchObject({ ok: true, data: { hasMore: false } });
    if (back.ok) expect(back.data.messages.map((m) => m.seq)).toEqual(seqs.slice(0, 10));

    const since = await t
      .http()
      .get(`/api/sessions/${session.id}/messages`)
      .query({ sinceSeq: seqs[54], limit: 3 });
    expect(since.status).toBe(200);
    expect(since.body.messages.map((m: ChatMessageView) => m.seq)).toEqual(seqs.slice(55, 58));
    expect(since.body.hasMore).toBe(true);

    const latest = await t.http().get(`/api/sessions/${session.id}/messages`);
    expect(latest.body.messages).toHaveLength(50);
    expect(latest.body.hasMore).toBe(true);
  });

  it("a viewer's message reaches another viewer, stored before it is broadcast", async () => {
    const alice = await connectSocket(t, viewers[4]!.accessToken);
    const bob = await connectSocket(t, viewers[5]!.accessToken);
    await joinChatRoom(alice, made.session.id);
    await joinChatRoom(bob, made.session.id);
    const received = nextSocketEvent<ChatMessageView>(
      bob,
      'chat:message',
      (m) => m.text === 'Xin chào cả nhà!',
    );
    const answer = await sendChat(alice, made.session.id, '  Xin chào cả nhà!  ');
    expect(answer).toMatchObject({
      ok: true,
      data: {
        sessionId: made.session.id,
        userId: viewers[4]!.id,
        displayName: viewers[4]!.displayName,
        text: 'Xin chào cả nhà!',
      },
    });
    const message = await received;
    expect(answer.ok && message).toEqual(answer.ok ? answer.data : null);
    const rows = await t.db.query(`SELECT text, seq FROM chat_messages WHERE id = $1`, [message.id]);
    expect(rows).toEqual([{ text: 'Xin chào cả nhà!', seq: String(message.seq) }]);
  });

  it('a reconnecting viewer catches up on exactly the messages it missed', async () => {
    const { session } = await makeLiveSession(t, {
      productCount: 1,
      host: made.host,
      products: made.products,
    });
    const watcher = await makeUser(t);
    let socket = await connectSocket(t, watcher.accessToken);
    await joinChatRoom(socket, session.id);
    await postMessages(t, session.id, viewers.slice(0, 2), 2, 'before');
    const seen = collectSocketEvents<ChatMessageView>(socket, 'chat:message');
    await waitMs(1_050);
    const lastSeen = (await socketAck<HistoryView>(socket, 'chat:history', { sessionId: session.id })) as {
      ok: true;
      data: HistoryView;
    };
    const lastSeq = lastSeen.data.messages.at(-1)!.seq;
    socket.disconnect();

    const missed = await postMessages(t, session.id, viewers.slice(0, 3), 7, 'missed');

    socket = await connectSocket(t, watcher.accessToken);
    const state = await joinChatRoom(socket, session.id, lastSeq);
    expect(state.messages.map((m) => m.id)).toEqual(missed.map((m) => m.id));
    expect(state.messages.map((m) => m.text)).toEqual(missed.map((m) => m.text));
    const again = await socketAck<HistoryView>(socket, 'chat:history', {
      sessionId: session.id,
      sinceSeq: lastSeq,
    });
    expect(again.ok && again.data.messages.map((m) => m.id)).toEqual(missed.map((m) => m.id));
    seen.stop();
  });

  it('guests read but cannot post or react', async () => {
    const guest = await connectSocket(t);
    const state = await joinChatRoom(guest, made.session.id);
    expect(state.role).toBe('viewer');
    expect(await sendChat(guest, made.session.id, 'hello')).toMatchObject({
      ok: false,
      code: 'SIGN_IN_REQUIRED',
    });
    expect(await socketAck(guest, 'chat:react', { sessionId: made.session.id, kind: 'heart' })).toMatchObject(
      {
        ok: false,
        code: 'SIGN_IN_REQUIRED',
      },
    );
    expect(guest.connected).toBe(true);
  });

  it('posting needs a joined session, and an unknown session cannot be joined', async () => {
    const user = await makeUser(t);
    const socket = await connectSocket(t, user.accessToken);
    expect(await sendChat(socket, made.session.id, 'hi')).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    expect(await socketAck(socket, 'session:join', { sessionId: randomUUID() })).toMatchObject({
      ok: false,
      code: 'SESSION_NOT_FOUND',
    });
    await joinChatRoom(socket, made.session.id);
    expect(await socketAck(socket, 'session:leave', { sessionId: made.session.id })).toEqual({
      ok: true,
      data: { left: true },
    });
    expect(await sendChat(socket, made.session.id, 'hi')).toMatchObject({ ok: false, code: 'NOT_JOINED' });
  });

  it('leaving and disconnecting update the viewer count', async () => {
    const { session } = await makeLiveSession(t, {
      productCount: 1,
      host: made.host,
      products: made.products,
    });
    const a = await connectSocket(t, viewers[0]!.accessToken);
    const b = await connectSocket(t);
    expect((await joinChatRoom(a, session.id)).viewers).toBe(1);
    expect((await joinChatRoom(b, session.id)).viewers).toBe(2);
    b.disconnect();
    await waitMs(300);
    const c = await connectSocket(t);
    expect((await joinChatRoom(c, session.id)).viewers).toBe(2);
  });

  it('a retried send with the same clientId is stored once', async () => {
    const user = await makeUser(t);
    const socket = await connectSocket(t, user.accessToken);
    await joinChatRoom(socket, made.session.id);
    const clientId = randomUUID();
    const first = await sendChat(socket, made.session.id, 'chỉ một lần', clientId);
    const retry = await sendChat(socket, made.session.id, 'chỉ một lần', clientId);
    expect(first.ok && retry.ok).toBe(true);
    if (first.ok && retry.ok) expect(retry.data).toEqual(first.data);
    const rows = await t.db.query(`SELECT count(*)::int AS n FROM chat_messages WHERE client_id = $1`, [
      clientId,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('200 concurrent sends are all stored with distinct, increasing seqs (micro-batched)', async () => {
    const { session } = await makeLiveSession(t, {
      productCount: 1,
      host: made.host,
      products: made.products,
    });
    // 100 senders inserted directly (hashing 100 passwords would dominate the test), 2 messages each.
    const ids = (await t.db.query(
      `INSERT INTO users (email, password_hash, display_name)
       SELECT 'bulk-' || gen_random_uuid() || '@test.ocop.vn', 'x', 'Khán giả ' || i FROM generate_series(1, 100) AS i
       RETURNING id`,
    )) as { id: string }[];
    const tokens = t.app.get(AccessTokenService);
    const sockets = await Promise.all(
      ids.map(async ({ id }) => connectSocket(t, await tokens.sign({ id, roles: ['shopper'] }, 0))),
    );
    await Promise.all(sockets.map((s) => joinChatRoom(s, session.id)));
    const listener = await connectSocket(t);
    await joinChatRoom(listener, session.id);
    const heard = collectSocketEvents<ChatMessageView>(listener, 'chat:message');

    const answers = await Promise.all(
      sockets.flatMap((s, i) => [sendChat(s, session.id, `a${i}`), sendChat(s, session.id, `b${i}`)]),
    );
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const seqs = answers.map((a) => (a.ok ? a.data.seq : -1));
    expect(new Set(seqs).size).toBe(200);
    const stored = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS seqs, min(seq)::int AS lo, max(seq)::int AS hi
       FROM chat_messages WHERE session_id = $1`,
      [session.id],
    );
    expect(stored[0]).toEqual({ n: 200, seqs: 200, lo: 1, hi: 200 });
    // created_at is the transaction's start time: far fewer distinct values than messages means batched commits.
    const commits = await t.db.query(
      `SELECT count(DISTINCT created_at)::int AS n FROM chat_messages WHERE session_id = $1`,
      [session.id],
    );
    expect(commits[0].n).toBeLessThan(100);
    await waitMs(300);
    expect(heard.items).toHaveLength(200);
    heard.stop();
    expect((await t.app.get(ChatFacade).sessionStats(session.id)).messages).toBe(200);
  });

  it('reactions are counted, flushed to the room as bursts and summed in totals', async () => {
    const { session } = await makeLiveSession(t, {
      productCount: 1,
      host: made.host,
      products: made.products,
    });
    const user = await makeUser(t);
    const socket = await connectSocket(t, user.accessToken);
    await joinChatRoom(socket, session.id);
    const watcher = await connectSocket(t);
    await joinChatRoom(watcher, session.id);
    const burst = nextSocketEvent<{
      sessionId: string;
      counts: Record<string, number>;
      totals: Record<string, number>;
    }>(watcher, 'chat:reactions', (e) => e.sessionId === session.id && e.totals['heart'] === 3);
    for (const kind of ['heart', 'heart', 'heart', 'clap']) {
      expect(await socketAck(socket, 'chat:react', { sessionId: session.id, kind })).toEqual({
        ok: true,
        data: { accepted: true },
      });
    }
    const event = await burst;
    expect(event.totals).toEqual({ heart: 3, like: 0, wow: 0, haha: 0, clap: 1 });
    await t.app.get(ReactionsService).flush();
    expect((await t.app.get(ChatFacade).sessionStats(session.id)).reactions).toMatchObject({
      heart: 3,
      clap: 1,
    });
    expect((await joinChatRoom(watcher, session.id)).reactions).toMatchObject({ heart: 3, clap: 1 });

    const flood = await Promise.all(
      Array.from({ length: 15 }, () =>
        socketAck(socket, 'chat:react', { sessionId: session.id, kind: 'like' }),
      ),
    );
    expect(flood.some((a) => !a.ok && a.code === 'RATE_LIMITED')).toBe(true);
  });
});
