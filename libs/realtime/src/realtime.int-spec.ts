import { Module } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { IsString, MaxLength } from 'class-validator';
import { Socket } from 'socket.io-client';
import { AccessTokenService } from '@ocop/auth';
import { createTestApp, TestApp } from '@ocop/testing';
import type { Ack, TypedSocket } from './events';
import { handleEvent, requireUser } from './ws-handler';

class EchoPayload {
  @IsString() @MaxLength(20) text!: string;
}

@WebSocketGateway()
class EchoGateway {
  @SubscribeMessage('test:echo')
  echo(@ConnectedSocket() socket: TypedSocket, @MessageBody() payload: unknown) {
    return handleEvent(socket, EchoPayload, payload, async (input, user) => ({
      text: input.text,
      user: requireUser(user).id,
    }));
  }
}

@Module({ providers: [EchoGateway] })
class EchoModule {}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

function ask<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(2000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

describe('the socket.io edge', () => {
  let t: TestApp;
  let token: string;
  let userId: string;
  beforeAll(async () => {
    t = await createTestApp({
      imports: [EchoModule],
      websockets: { floodGuard: { burst: 20, perSecond: 10, disconnectAfter: 100 } },
    });
    const [user] = (await t.db.query(
      `INSERT INTO users (email, password_hash, display_name) VALUES ('echo-' || gen_random_uuid() || '@test.ocop.vn', 'x', 'Echo')
       RETURNING id`,
    )) as { id: string }[];
    userId = (user as { id: string }).id;
    token = await t.app.get(AccessTokenService).sign({ id: userId, roles: ['shopper'] }, 0);
  });
  afterAll(() => t.close());

  it('authenticates in the handshake; guests connect but cannot post', async () => {
    const guest = t.socket();
    await connected(guest);
    const user = t.socket(token);
    await connected(user);
    expect(await ask(guest, 'test:echo', { text: 'xin chào' })).toMatchObject({ ok: false, code: 'SIGN_IN_REQUIRED' });
    expect(await ask(user, 'test:echo', { text: 'xin chào' })).toEqual({
      ok: true,
      data: { text: 'xin chào', user: userId },
    });
  });

  it('refuses a bad token with a coded connect_error', async () => {
    const socket = t.socket('not-a-jwt');
    await expect(connected(socket)).rejects.toMatchObject({ data: { code: 'TOKEN_INVALID' } });
  });

  it('answers malformed events with error acks and keeps the connection', async () => {
    const socket = t.socket(token);
    await connected(socket);
    expect(await ask(socket, 'test:echo', { text: 42 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await ask(socket, 'test:echo', { text: 'a', admin: true })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await ask(socket, 'test:echo', 'just a string')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await ask(socket, 'test:echo', { text: 'x'.repeat(21) })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await ask(socket, 'no:such:event', {})).toMatchObject({ ok: false, code: 'UNKNOWN_EVENT' });
    expect(socket.connected).toBe(true);
    expect(await ask(socket, 'test:echo', { text: 'ok' })).toMatchObject({ ok: true });
  });

  it('disconnects an oversized frame and a 1,000-events-per-second flood, leaving other viewers unaffected', async () => {
    const bystander = t.socket(token);
    const oversized = t.socket(token);
    const flooder = t.socket(token);
    await Promise.all([connected(bystander), connected(oversized), connected(flooder)]);

    const oversizedGone = new Promise((resolve) => oversized.once('disconnect', resolve));
    oversized.emit('test:echo', { text: 'x'.repeat(64 * 1024) });
    await oversizedGone;

    const flooderGone = new Promise((resolve) => flooder.once('disconnect', resolve));
    const refusals: string[] = [];
    for (let i = 0; i < 1000; i++) {
      flooder.emit('test:echo', { text: `n${i}` }, (answer: Ack<unknown>) => {
        if (!answer.ok) refusals.push(answer.code);
      });
    }
    await flooderGone;
    expect(refusals.length).toBeGreaterThan(0);
    expect(new Set(refusals)).toEqual(new Set(['RATE_LIMITED']));

    expect(bystander.connected).toBe(true);
    expect(await ask(bystander, 'test:echo', { text: 'vẫn ổn' })).toMatchObject({ ok: true });
  });
});
