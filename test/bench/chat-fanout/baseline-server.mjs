// The baseline of the chat-fanout benchmark: a bare socket.io server (the project's own socket.io version, no
// adapter, no authentication, no validation, no storage) that joins a socket to the room it names and broadcasts
// every chat message it receives to that room. It speaks the same events and ack shapes as the real gateway, so the
// benchmark's clients are identical for both. Forked by run.mjs; tells its parent the port over IPC.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { Server } = createRequire(path.join(ROOT, 'package.json'))('socket.io');

const httpServer = http.createServer();
const io = new Server(httpServer, {
  path: '/socket.io',
  transports: ['websocket'],
  pingInterval: 20_000,
  pingTimeout: 20_000,
});
let seq = 0;

io.on('connection', (socket) => {
  socket.on('session:join', (payload, ack) => {
    const sessionId = String(payload?.sessionId);
    socket.join(`session:${sessionId}`);
    ack?.({
      ok: true,
      data: { session: { id: sessionId }, pins: [], viewers: io.engine.clientsCount, messages: [] },
    });
  });
  socket.on('chat:send', (payload, ack) => {
    const sessionId = String(payload?.sessionId);
    const message = {
      sessionId,
      seq: ++seq,
      id: randomUUID(),
      userId: socket.id,
      displayName: 'baseline',
      text: String(payload?.text),
      createdAt: new Date().toISOString(),
    };
    io.to(`session:${sessionId}`).emit('chat:message', message);
    ack?.({ ok: true, data: message });
  });
});

httpServer.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: httpServer.address().port });
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
