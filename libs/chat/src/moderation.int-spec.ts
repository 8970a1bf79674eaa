import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import {
  addCohost,
  addModerator,
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
  postChat,
  sendChat,
  socketAck,
  socketDisconnected,
  TestApp,
  waitMs,
} from '@ocop/testing';
import type { Socket } from 'socket.io-client';
import type { ChatMessageView, HistoryView } from './application/views';
import { ChatHttpModule } from './chat-http.module';
import { ChatModule } from './chat.module';

describe('moderating the live chat', () => {
  let t: TestApp;
  let made: MadeSession;
  let cohost: MadeUser;
  let moderator: MadeUser;
  let moderator2: MadeUser;
  let sid: string;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [ChatHttpModule, ChatModule, LiveHttpModule, IdentityHttpModule, CatalogueHttpModule],
      websockets: true,
    });
    made = await makeLiveSession(t, { productCount: 1 });
    sid = made.session.id;
    [cohost, moderator, moderator2] = await Promise.all([makeUser(t), makeUser(t), makeUser(t)]);
    await addCohost(t, made, cohost);
    await addModerator(t, made, moderator);
    await addModerator(t, made, moderator2);
  });
  afterAll(() => t.close());

  async function viewerIn(sessionId = sid): Promise<{ user: MadeUser; socket: Socket }> {
    const user = await makeUser(t);
    return { user, socket: await staffSocket(user.accessToken, sessionId) };
  }

  async function staffSocket(token: string, sessionId = sid): Promise<Socket> {
    const socket = await connectSocket(t, token);
    await joinChatRoom(socket, sessionId);
    return socket;
  }

  it('a viewer can neither pin, delete, mute, ban, unban, unmute nor set slow mode', async () => {
    const victim = await viewerIn();
    const { socket } = await viewerIn();
    const message = await postChat(victim.socket, sid, 'tin nhắn bình thường');
    const attempts: [string, object][] = [
      ['chat:pin', { sessionId: sid, messageId: message.id }],
      ['chat:pin', { sessionId: sid, messageId: null }],
      ['chat:delete', { sessionId: sid, messageId: message.id }],
      ['chat:mute', { sessionId: sid, userId: victim.user.id, seconds: 60 }],
      ['chat:unmute', { sessionId: sid, userId: victim.user.id }],
      ['chat:ban', { sessionId: sid, userId: victim.user.id }],
      ['chat:unban', { sessionId: sid, userId: victim.user.id }],
      ['chat:slow-mode', { sessionId: sid, seconds: 10 }],
    ];
    for (const [event, payload] of attempts) {
      expect(await socketAck(socket, event, payload)).toMatchObject({
        ok: false,
        code: 'FORBIDDEN_IN_SESSION',
      });
    }
    const log = await t.db.query(
      `SELECT count(*)::int AS n FROM chat_moderation_actions WHERE target_user_id = $1`,
      [victim.user.id],
    );
    expect(log[0].n).toBe(0);
    expect((await socketAck<HistoryView>(socket, 'chat:history', { sessionId: sid })).ok).toBe(true);
  });

  it('a deleted message disappears for everyone: event, history and join', async () => {
    const author = await viewerIn();
    const other = await viewerIn();
    const mod = await staffSocket(moderator.accessToken);
    const message = await postChat(author.socket, sid, 'tin sẽ bị xoá');
    const gone = nextSocketEvent(
      other.socket,
      'chat:deleted',
      (e: { messageId: string }) => e.messageId === message.id,
    );
    expect(await socketAck(mod, 'chat:delete', { sessionId: sid, messageId: message.id })).toEqual({
      ok: true,
      data: { messageId: message.id },
    });
    expect(await gone).toEqual({ sessionId: sid, messageId: message.id });
    const history = await t.http().get(`/api/sessions/${sid}/messages`);
    expect(history.body.messages.map((m: ChatMessageView) => m.id)).not.toContain(message.id);
    const rejoin = await joinChatRoom(await connectSocket(t), sid);
    expect(rejoin.messages.map((m) => m.id)).not.toContain(message.id);
    expect(await socketAck(mod, 'chat:delete', { sessionId: sid, messageId: message.id })).toMatchObject({
      ok: false,
      code: 'MESSAGE_NOT_FOUND',
    });
  });

  it('a muted viewer gets MUTED with the end time until unmuted', async () => {
    const { user, socket } = await viewerIn();
    const mod = await staffSocket(moderator.accessToken);
    const notice = nextSocketEvent<{ until: string | null }>(socket, 'chat:muted');
    const muted = await socketAck<{ until: string }>(mod, 'chat:mute', {
      sessionId: sid,
      userId: user.id,
      seconds: 600,
    });
    expect(muted.ok).toBe(true);
    const until = muted.ok ? muted.data.until : '';
    expect((await notice).until).toBe(until);
    expect(await sendChat(socket, sid, 'cho tôi nói')).toMatchObject({
      ok: false,
      code: 'MUTED',
      details: { until },
    });
    expect(await socketAck(mod, 'chat:unmute', { sessionId: sid, userId: user.id })).toMatchObject({
      ok: true,
    });
    expect(await sendChat(socket, sid, 'cảm ơn')).toMatchObject({ ok: true });
  });

  it('moderators cannot silence the host, cohosts or other moderators; the host can silence a moderator', async () => {
    const mod = await staffSocket(moderator.accessToken);
    for (const target of [made.host.id, cohost.id, moderator2.id, moderator.id]) {
      expect(
        await socketAck(mod, 'chat:mute', { sessionId: sid, userId: target, seconds: 60 }),
      ).toMatchObject({
        ok: false,
        code: 'TARGET_PROTECTED',
      });
      expect(await socketAck(mod, 'chat:ban', { sessionId: sid, userId: target })).toMatchObject({
        ok: false,
        code: 'TARGET_PROTECTED',
      });
    }
    const host = await staffSocket(made.hostToken);
    expect(
      await socketAck(host, 'chat:mute', { sessionId: sid, userId: moderator2.id, seconds: 10 }),
    ).toMatchObject({ ok: true });
    expect(await socketAck(host, 'chat:unmute', { sessionId: sid, userId: moderator2.id })).toMatchObject({
      ok: true,
    });
  });

  it("a ban disconnects the user's sockets in the session and refuses the rejoin until unbanned", async () => {
    const { user, socket } = await viewerIn();
    const secondTab = await staffSocket(user.accessToken);
    const bystander = await viewerIn();
    const mod = await staffSocket(moderator.accessToken);
    const goneA = socketDisconnected(socket);
    const goneB = socketDisconnected(secondTab);
    expect(
      await socketAck(mod, 'chat:ban', { sessionId: sid, userId: user.id, reason: 'Spam liên tục' }),
    ).toEqual({
      ok: true,
      data: { userId: user.id, removedMessageIds: [] },
    });
    await Promise.all([goneA, goneB]);
    expect(bystander.socket.connected).toBe(true);
    expect(await sendChat(bystander.socket, sid, 'vẫn ở đây')).toMatchObject({ ok: true });

    const again = await connectSocket(t, user.accessToken);
    expect(await socketAck(again, 'session:join', { sessionId: sid })).toMatchObject({
      ok: false,
      code: 'BANNED',
    });
    expect(await sendChat(again, sid, 'cho vào')).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    const row = await t.db.query(
      `SELECT reason, banned_by FROM chat_bans WHERE session_id = $1 AND user_id = $2`,
      [sid, user.id],
    );
    expect(row).toEqual([{ reason: 'Spam liên tục', banned_by: moderator.id }]);

    expect(await socketAck(mod, 'chat:unban', { sessionId: sid, userId: user.id })).toMatchObject({
      ok: true,
    });
    expect((await socketAck(again, 'session:join', { sessionId: sid })).ok).toBe(true);
  });

  it('the host and cohosts pin a message; moderators cannot; deleting it unpins it', async () => {
    const { socket } = await viewerIn();
    const watcher = await viewerIn();
    const mod = await staffSocket(moderator.accessToken);
    const co = await staffSocket(cohost.accessToken);
    const message = await postChat(socket, sid, 'Giao hàng toàn quốc không ạ?');
    expect(await socketAck(mod, 'chat:pin', { sessionId: sid, messageId: message.id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_IN_SESSION',
    });
    const pinnedEvent = nextSocketEvent<{ message: ChatMessageView | null }>(watcher.socket, 'chat:pinned');
    expect(await socketAck(co, 'chat:pin', { sessionId: sid, messageId: message.id })).toEqual({
      ok: true,
      data: { message },
    });
    expect((await pinnedEvent).message).toEqual(message);
    expect((await joinChatRoom(await connectSocket(t), sid)).pinnedMessage).toEqual(message);

    const unpinned = nextSocketEvent<{ message: ChatMessageView | null }>(
      watcher.socket,
      'chat:pinned',
      (e) => e.message === null,
    );
    expect(await socketAck(mod, 'chat:delete', { sessionId: sid, messageId: message.id })).toMatchObject({
      ok: true,
    });
    await unpinned;
    expect((await joinChatRoom(await connectSocket(t), sid)).pinnedMessage).toBeNull();
  });

  it('slow mode spaces out viewers, never staff, and can be switched off', async () => {
    const { session } = await makeLiveSession(t, { host: made.host, products: made.products });
    const madeSlow = { session, hostToken: made.hostToken };
    await addModerator(t, madeSlow, moderator);
    const host = await staffSocket(made.hostToken, session.id);
    const mod = await staffSocket(moderator.accessToken, session.id);
    const { socket } = await viewerIn(session.id);
    expect(await socketAck(mod, 'chat:slow-mode', { sessionId: session.id, seconds: 5 })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_IN_SESSION',
    });
    const broadcast = nextSocketEvent<{ seconds: number }>(socket, 'chat:slow-mode');
    expect(await socketAck(host, 'chat:slow-mode', { sessionId: session.id, seconds: 5 })).toEqual({
      ok: true,
      data: { seconds: 5 },
    });
    expect(await broadcast).toEqual({ sessionId: session.id, seconds: 5 });
    expect((await joinChatRoom(socket, session.id)).slowModeSeconds).toBe(5);

    expect(await sendChat(socket, session.id, 'một')).toMatchObject({ ok: true });
    const slowed = await sendChat(socket, session.id, 'hai');
    expect(slowed).toMatchObject({ ok: false, code: 'SLOW_MODE', details: { slowModeSeconds: 5 } });
    expect(!slowed.ok && (slowed.details?.['retryAfterSeconds'] as number)).toBeGreaterThanOrEqual(4);

    expect(await sendChat(mod, session.id, 'mod một')).toMatchObject({ ok: true });
    expect(await sendChat(mod, session.id, 'mod hai')).toMatchObject({ ok: true });
    expect(await sendChat(host, session.id, 'host một')).toMatchObject({ ok: true });

    expect(await socketAck(host, 'chat:slow-mode', { sessionId: session.id, seconds: 0 })).toMatchObject({
      ok: true,
    });
    await waitMs(1_050);
    const fresh = await viewerIn(session.id);
    expect(await sendChat(fresh.socket, session.id, 'a')).toMatchObject({ ok: true });
    expect(await sendChat(fresh.socket, session.id, 'b')).toMatchObject({ ok: true });
  });

  it('the per-user rate limit holds across sockets of the same user', async () => {
    const { user, socket } = await viewerIn();
    const other = await staffSocket(user.accessToken);
    const answers = [
      await sendChat(socket, sid, 'một'),
      await sendChat(other, sid, 'hai'),
      await sendChat(socket, sid, 'ba'),
    ];
    expect(answers.map((a) => (a.ok ? 'ok' : a.code))).toEqual(['ok', 'ok', 'RATE_LIMITED']);
    expect(answers[2]).toMatchObject({ details: { retryAfterSeconds: 1 } });
    await waitMs(1_100);
    expect(await sendChat(socket, sid, 'bốn')).toMatchObject({ ok: true });
  });

  it('banned words, global and per session, are caught in their disguises; innocent text passes', async () => {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const globalWord = `lừa đảo ${Date.now().toString(36).replace(/[0-9]/g, '')}x`;
    const addGlobal = await t
      .http()
      .post('/api/admin/banned-words')
      .set(authHeader(admin.accessToken))
      .send({ word: globalWord });
    expect(addGlobal.status).toBe(201);
    const viewerTry = await t
      .http()
      .post('/api/admin/banned-words')
      .set(authHeader(cohost.accessToken))
      .send({ word: 'abc' });
    expect(viewerTry.status).toBe(403);

    const addSession = await t
      .http()
      .post(`/api/sessions/${sid}/banned-words`)
      .set(authHeader(made.hostToken))
      .send({ word: 'đồ ngu' });
    expect(addSession.status).toBe(201);
    expect(addSession.body).toMatchObject({ word: 'đồ ngu', sessionId: sid });
    const dup = await t
      .http()
      .post(`/api/sessions/${sid}/banned-words`)
      .set(authHeader(made.hostToken))
      .send({ word: 'ĐỒ NGU' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('BANNED_WORD_EXISTS');
    const byMod = await t
      .http()
      .post(`/api/sessions/${sid}/banned-words`)
      .set(authHeader(moderator.accessToken))
      .send({ word: 'xyz' });
    expect(byMod.status).toBe(403);
    expect(byMod.body.code).toBe('FORBIDDEN_IN_SESSION');

    const variants = [
      'Mày là đồ ngu',
      'do ngu',
      'đ ồ n g u',
      'd.o.n.g.u',
      'đồ nguuuuu',
      'ĐỒ   NGU!!!',
      globalWord.toUpperCase(),
    ];
    for (const text of variants) {
      const { socket } = await viewerIn();
      expect(await sendChat(socket, sid, text)).toMatchObject({ ok: false, code: 'BANNED_WORD' });
    }
    const { socket } = await viewerIn();
    expect(await sendChat(socket, sid, 'Đồ ngủ cotton cho bé, anh Nguyễn ơi')).toMatchObject({ ok: true });
    const stored = await t.db.query(
      `SELECT count(*)::int AS n FROM chat_messages WHERE session_id = $1 AND text ILIKE '%ngu%'`,
      [sid],
    );
    expect(stored[0].n).toBe(1);

    const list = await t
      .http()
      .get(`/api/sessions/${sid}/banned-words`)
      .set(authHeader(moderator.accessToken));
    expect(list.body.map((w: { word: string }) => w.word)).toEqual(['đồ ngu']);
    const removed = await t
      .http()
      .delete(`/api/sessions/${sid}/banned-words/${addSession.body.id}`)
      .set(authHeader(made.hostToken));
    expect(removed.status).toBe(200);
    expect(await sendChat((await viewerIn()).socket, sid, 'do ngu')).toMatchObject({ ok: true });
    const removedGlobal = await t
      .http()
      .delete(`/api/admin/banned-words/${addGlobal.body.id}`)
      .set(authHeader(admin.accessToken));
    expect(removedGlobal.status).toBe(200);
  });

  it('every action is in the moderation log, which only staff can read', async () => {
    const log = await t
      .http()
      .get(`/api/sessions/${sid}/moderation-log`)
      .query({ pageSize: 100 })
      .set(authHeader(made.hostToken));
    expect(log.status).toBe(200);
    const actions = new Set(log.body.items.map((a: { action: string }) => a.action));
    for (const action of [
      'delete',
      'mute',
      'unmute',
      'ban',
      'unban',
      'pin',
      'banned_word_add',
      'banned_word_remove',
    ]) {
      expect(actions).toContain(action);
    }
    const ban = log.body.items.find((a: { action: string }) => a.action === 'ban');
    expect(ban).toMatchObject({
      sessionId: sid,
      actorUserId: moderator.id,
      details: { reason: 'Spam liên tục' },
    });
    const byMod = await t
      .http()
      .get(`/api/sessions/${sid}/moderation-log`)
      .set(authHeader(moderator.accessToken));
    expect(byMod.status).toBe(200);
    const viewer = await makeUser(t);
    const denied = await t
      .http()
      .get(`/api/sessions/${sid}/moderation-log`)
      .set(authHeader(viewer.accessToken));
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN_IN_SESSION');
    expect((await t.http().get(`/api/sessions/${sid}/moderation-log`)).status).toBe(401);
  });
});
