import { castForLive, LiveCast, startLiveSession } from './support/live-data';
import { ensureBuilt, Replica, startReplica } from './support/replicas';
import { socketAckOk } from '@ocop/testing';
import { record, SocketPool } from './support/sockets';

// Two real api processes (the built app, as production runs it) on one database and one Redis: a room spans
// replicas. Every socket here is a real socket.io-client over the websocket transport.

interface Message {
  sessionId: string;
  seq: number;
  id: string;
  userId: string;
  displayName: string;
  text: string;
  createdAt: string;
}
interface Deleted {
  sessionId: string;
  messageId: string;
}
interface Presence {
  sessionId: string;
  viewers: number;
}
interface Joined {
  viewers: number;
  messages: Message[];
  role: string;
}

jest.setTimeout(60_000);

describe('a live room served by two api replicas', () => {
  let cast: LiveCast;
  let a: Replica;
  let b: Replica;
  const pool = new SocketPool();

  beforeAll(async () => {
    ensureBuilt();
    const env = {
      DATABASE_URL: process.env['DATABASE_URL'],
      REDIS_URL: process.env['REDIS_URL'],
      QUEUE_PREFIX: process.env['QUEUE_PREFIX'],
      JWT_ACCESS_SECRET: process.env['JWT_ACCESS_SECRET'],
      LOG_LEVEL: 'warn',
    };
    [cast, a, b] = await Promise.all([castForLive(), startReplica('A', env), startReplica('B', env)]);
  });

  afterAll(async () => {
    pool.closeAll();
    await Promise.all([a?.stop(), b?.stop(), cast?.close()]);
  });

  afterEach(() => pool.closeAll());

  async function liveSession(): Promise<{ sessionId: string; hostToken: string }> {
    const host = await cast.streamer();
    const session = await startLiveSession(a.url, host.accessToken, cast.productIds);
    expect(session.status).toBe('live');
    return { sessionId: session.id, hostToken: host.accessToken };
  }

  it('delivers a message sent through replica A to a viewer connected to replica B', async () => {
    const { sessionId } = await liveSession();
    const [poster, viewer] = await Promise.all([cast.shopper(), cast.shopper()]);
    const onB = await pool.connect(b.url, viewer.accessToken);
    await socketAckOk<Joined>(onB, 'session:join', { sessionId });
    const received = record<Message>(onB, 'chat:message');
    const onA = await pool.connect(a.url, poster.accessToken);
    await socketAckOk<Joined>(onA, 'session:join', { sessionId });

    const sent = await socketAckOk<Message>(onA, 'chat:send', { sessionId, text: 'Xin chào từ bản sao A' });

    const arrived = await received.until((m) => m.id === sent.id);
    expect(arrived).toEqual(sent);
    expect(arrived).toMatchObject({ sessionId, userId: poster.id, text: 'Xin chào từ bản sao A' });
  });

  it('removes, for a viewer on A, a message the host deleted on B, live and in the history', async () => {
    const { sessionId, hostToken } = await liveSession();
    const [poster, viewer] = await Promise.all([cast.shopper(), cast.shopper()]);
    const hostOnB = await pool.connect(b.url, hostToken);
    expect((await socketAckOk<Joined>(hostOnB, 'session:join', { sessionId })).role).toBe('host');
    const viewerOnA = await pool.connect(a.url, viewer.accessToken);
    await socketAckOk<Joined>(viewerOnA, 'session:join', { sessionId });
    const messages = record<Message>(viewerOnA, 'chat:message');
    const deletions = record<Deleted>(viewerOnA, 'chat:deleted');
    const posterOnA = await pool.connect(a.url, poster.accessToken);
    await socketAckOk<Joined>(posterOnA, 'session:join', { sessionId });
    const kept = await socketAckOk<Message>(posterOnA, 'chat:send', { sessionId, text: 'Gốm đẹp quá' });
    const doomed = await socketAckOk<Message>(posterOnA, 'chat:send', {
      sessionId,
      text: 'Tin nhắn sẽ bị xoá',
    });
    await messages.until((m) => m.id === doomed.id);

    await socketAckOk(hostOnB, 'chat:delete', { sessionId, messageId: doomed.id });

    expect(await deletions.until((d) => d.messageId === doomed.id)).toEqual({
      sessionId,
      messageId: doomed.id,
    });
    const lateComer = await pool.connect(a.url, (await cast.shopper()).accessToken);
    const history = (await socketAckOk<Joined>(lateComer, 'session:join', { sessionId })).messages.map(
      (m) => m.id,
    );
    expect(history).toContain(kept.id);
    expect(history).not.toContain(doomed.id);
  });

  it('counts the viewers of both replicas together, and one fewer when one disconnects', async () => {
    const { sessionId } = await liveSession();
    const people = await Promise.all(Array.from({ length: 5 }, () => cast.shopper()));
    const sockets = await Promise.all(
      people.map((person, i) => pool.connect(i < 2 ? a.url : b.url, person.accessToken)),
    );
    const presence = record<Presence>(sockets[0]!, 'presence:update');
    const answers: Joined[] = [];
    for (const socket of sockets)
      answers.push(await socketAckOk<Joined>(socket, 'session:join', { sessionId }));
    // The last to join sees everyone, whichever replica they are on; the others hear it through presence:update.
    expect(answers[4]!.viewers).toBe(5);
    await presence.until((p) => p.sessionId === sessionId && p.viewers === 5, 10_000);

    const mark = presence.all.length;
    sockets[4]!.disconnect(); // a viewer on B goes away
    const after = await presence.until((p) => p.sessionId === sessionId && p.viewers === 4, 10_000, mark);
    expect(after).toEqual({ sessionId, viewers: 4 });
    const check = await pool.connect(b.url, people[4]!.accessToken);
    expect((await socketAckOk<Joined>(check, 'session:join', { sessionId })).viewers).toBe(5);
  });
});
