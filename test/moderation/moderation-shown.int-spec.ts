import { CatalogueHttpModule } from '@ocop/catalogue';
import { ChatHttpModule, ChatModule } from '@ocop/chat';
import type { ChatMessageView, JoinView } from '@ocop/chat';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import { OrdersHttpModule } from '@ocop/orders';
import {
  addModerator,
  authHeader,
  checkoutBody,
  connectSocket,
  createTestApp,
  joinChatRoom,
  MadeSession,
  MadeUser,
  makeLiveSession,
  makeUser,
  postChat,
  postCheckout,
  socketAck,
  socketDisconnected,
  TestApp,
  waitMs,
} from '@ocop/testing';
import type { Socket } from 'socket.io-client';

// Moderation as the viewer meets it: a mute is part of every join, a ban removes the viewer from the session
// (room, video URL, checkout) and can take their recent messages with it. Chat, live and orders together.
describe('moderation as shown', () => {
  let t: TestApp;
  let made: MadeSession;
  let other: MadeSession;
  let moderator: MadeUser;
  let sid: string;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [
        OrdersHttpModule,
        ChatHttpModule,
        ChatModule,
        LiveHttpModule,
        IdentityHttpModule,
        CatalogueHttpModule,
      ],
      websockets: true,
    });
    made = await makeLiveSession(t, { productCount: 1 });
    other = await makeLiveSession(t, { productCount: 1 });
    sid = made.session.id;
    moderator = await makeUser(t);
    await addModerator(t, made, moderator);
  });
  afterAll(() => t.close());

  async function viewer(): Promise<{ user: MadeUser; socket: Socket }> {
    const user = await makeUser(t);
    const socket = await connectSocket(t, user.accessToken);
    await joinChatRoom(socket, sid);
    return { user, socket };
  }

  async function modSocket(): Promise<Socket> {
    const socket = await connectSocket(t, moderator.accessToken);
    await joinChatRoom(socket, sid);
    return socket;
  }

  it("a muted viewer's own mute and its end come with every join, so a reload still shows it", async () => {
    const { user, socket } = await viewer();
    const mod = await modSocket();
    const muted = await socketAck<{ until: string }>(mod, 'chat:mute', {
      sessionId: sid,
      userId: user.id,
      seconds: 600,
    });
    expect(muted.ok).toBe(true);
    const until = muted.ok ? muted.data.until : '';
    socket.disconnect();

    // A reload: a new socket, a new join.
    const reloaded = await connectSocket(t, user.accessToken);
    const view = (await joinChatRoom(reloaded, sid)) as JoinView;
    expect(view.mutedUntil).toBe(until);
    expect(Date.parse(view.mutedUntil ?? '') - Date.now()).toBeGreaterThan(590_000);

    // Only the caller's own mute: another viewer, and a guest, join unmuted.
    const bystander = await viewer();
    expect(((await joinChatRoom(bystander.socket, sid)) as JoinView).mutedUntil).toBeNull();
    expect(((await joinChatRoom(await connectSocket(t), sid)) as JoinView).mutedUntil).toBeNull();

    expect((await socketAck(mod, 'chat:unmute', { sessionId: sid, userId: user.id })).ok).toBe(true);
    expect(((await joinChatRoom(reloaded, sid)) as JoinView).mutedUntil).toBeNull();
  });

  it('a banned viewer cannot buy in that session (403 BANNED_FROM_SESSION) while another session sells to them', async () => {
    const { user, socket } = await viewer();
    const mod = await modSocket();
    const gone = socketDisconnected(socket);
    expect((await socketAck(mod, 'chat:ban', { sessionId: sid, userId: user.id })).ok).toBe(true);
    await gone;

    const refused = await postCheckout(
      t,
      user.accessToken,
      checkoutBody([{ productId: made.products[0]!.id }], { sessionId: sid }),
    );
    expect([refused.status, refused.body.code]).toEqual([403, 'BANNED_FROM_SESSION']);
    const orders = await t.db.query(`SELECT count(*)::int AS n FROM orders WHERE buyer_user_id = $1`, [
      user.id,
    ]);
    expect(orders[0].n).toBe(0);

    const elsewhere = await postCheckout(
      t,
      user.accessToken,
      checkoutBody([{ productId: other.products[0]!.id }], { sessionId: other.session.id }),
    );
    expect(elsewhere.status).toBe(201);

    // Another viewer still buys in the session the first one was banned from.
    const fine = await makeUser(t);
    const bought = await postCheckout(
      t,
      fine.accessToken,
      checkoutBody([{ productId: made.products[0]!.id }], { sessionId: sid }),
    );
    expect(bought.status).toBe(201);

    // Unbanned, they may buy again.
    expect((await socketAck(mod, 'chat:unban', { sessionId: sid, userId: user.id })).ok).toBe(true);
    const again = await postCheckout(
      t,
      user.accessToken,
      checkoutBody([{ productId: made.products[0]!.id }], { sessionId: sid }),
    );
    expect(again.status).toBe(201);
  });

  it("the session's video URL is refused to a banned viewer, not to others or guests", async () => {
    const { user } = await viewer();
    const mod = await modSocket();
    expect((await socketAck(mod, 'chat:ban', { sessionId: sid, userId: user.id })).ok).toBe(true);

    const refused = await t.http().get(`/api/sessions/${sid}`).set(authHeader(user.accessToken));
    expect([refused.status, refused.body.code]).toEqual([403, 'BANNED_FROM_SESSION']);
    expect(JSON.stringify(refused.body)).not.toContain('playback');

    const guest = await t.http().get(`/api/sessions/${sid}`);
    expect(guest.status).toBe(200);
    expect(guest.body).toHaveProperty('playback');
    const someoneElse = await makeUser(t);
    expect((await t.http().get(`/api/sessions/${sid}`).set(authHeader(someoneElse.accessToken))).status).toBe(
      200,
    );
    const otherSession = await t
      .http()
      .get(`/api/sessions/${other.session.id}`)
      .set(authHeader(user.accessToken));
    expect(otherSession.status).toBe(200);
  });

  it("removing recent messages with the ban hides only that user's messages of that session, for every viewer", async () => {
    const spammer = await viewer();
    const neighbour = await viewer();
    const watcher = await viewer();
    const mod = await modSocket();
    const old = await postChat(spammer.socket, sid, 'tin cũ từ trước');
    // The old message is older than the window: backdate it past 10 minutes.
    await t.db.query(`UPDATE chat_messages SET created_at = now() - interval '30 minutes' WHERE id = $1`, [
      old.id,
    ]);
    await waitMs(1_100); // the per-user chat rate limit
    const spam1 = await postChat(spammer.socket, sid, 'mua hàng giá rẻ tại trang khác');
    await waitMs(1_100);
    const spam2 = await postChat(spammer.socket, sid, 'vào trang khác đi');
    const kept = await postChat(neighbour.socket, sid, 'sản phẩm này còn không ạ?');
    // The spammer's messages in another session are not touched.
    const otherSocket = await connectSocket(t, spammer.user.accessToken);
    await joinChatRoom(otherSocket, other.session.id);
    await waitMs(1_100);
    const elsewhere = await postChat(otherSocket, other.session.id, 'ở phòng khác');

    const dropped = new Set<string>();
    const bothGone = new Promise<void>((resolve) => {
      watcher.socket.on('chat:deleted', (event: { messageId: string }) => {
        dropped.add(event.messageId);
        if (dropped.has(spam1.id) && dropped.has(spam2.id)) resolve();
      });
    });
    const ack = await socketAck<{ userId: string; removedMessageIds: string[] }>(mod, 'chat:ban', {
      sessionId: sid,
      userId: spammer.user.id,
      reason: 'Spam',
      removeRecentMinutes: 10,
    });
    expect(ack.ok).toBe(true);
    expect(ack.ok && [...ack.data.removedMessageIds].sort()).toEqual([spam1.id, spam2.id].sort());
    await bothGone;
    expect(dropped.has(kept.id)).toBe(false);
    expect(dropped.has(old.id)).toBe(false);

    const history = await t.http().get(`/api/sessions/${sid}/messages`);
    const ids = history.body.messages.map((m: ChatMessageView) => m.id);
    expect(ids).toEqual(expect.arrayContaining([kept.id, old.id]));
    expect(ids).not.toContain(spam1.id);
    expect(ids).not.toContain(spam2.id);
    const otherHistory = await t.http().get(`/api/sessions/${other.session.id}/messages`);
    expect(otherHistory.body.messages.map((m: ChatMessageView) => m.id)).toContain(elsewhere.id);

    const log = await t.db.query(
      `SELECT details FROM chat_moderation_actions WHERE session_id = $1 AND target_user_id = $2 AND action = 'ban'`,
      [sid, spammer.user.id],
    );
    expect(log).toEqual([{ details: { reason: 'Spam', removeRecentMinutes: 10, removedMessages: 2 } }]);
  });

  it('refuses a removal window out of range with a clear 4xx code', async () => {
    const { user } = await viewer();
    const mod = await modSocket();
    const bad = await socketAck(mod, 'chat:ban', {
      sessionId: sid,
      userId: user.id,
      removeRecentMinutes: -5,
    });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    const tooFar = await socketAck(mod, 'chat:ban', {
      sessionId: sid,
      userId: user.id,
      removeRecentMinutes: 100_000,
    });
    expect(tooFar).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    const bans = await t.db.query(
      `SELECT 1 FROM live_session_exclusions WHERE session_id = $1 AND user_id = $2`,
      [sid, user.id],
    );
    expect(bans).toEqual([]);
  });
});
