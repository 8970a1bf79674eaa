// One process of the chat-fanout benchmark's viewer fleet: opens many socket.io connections (websocket transport
// only), joins each to the session, and records, for every benchmark message it receives, the latency from the
// send timestamp embedded in the text (`bench|<n>|<epoch ms>`) to its arrival. Forked by run.mjs and driven over
// IPC: {type:'start', url, sessionId, tokens|null, count, concurrency} -> 'ready'; periodic 'progress';
// {type:'report'} -> 'stats'; {type:'close'} -> disconnects and exits.
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { io } = createRequire(path.join(ROOT, 'package.json'))('socket.io-client');

const now = () => performance.timeOrigin + performance.now();
const sockets = [];
let latencies = new Float64Array(1 << 16);
let deliveries = 0;
/** The worst latency seen per message index (where the tail comes from). */
let worst = [];
let foreign = 0;
let disconnects = 0;
let progressTimer;

function onMessage(message) {
  const text = message?.text;
  if (typeof text !== 'string' || !text.startsWith('bench|')) {
    foreign += 1;
    return;
  }
  const bar = text.lastIndexOf('|');
  const sent = Number(text.slice(bar + 1));
  const index = Number(text.slice(6, bar));
  if (deliveries === latencies.length) {
    const bigger = new Float64Array(latencies.length * 2);
    bigger.set(latencies);
    latencies = bigger;
  }
  const latency = now() - sent;
  latencies[deliveries++] = latency;
  if (index >= 0 && index < 1e6) worst[index] = Math.max(worst[index] ?? 0, latency);
}

function connectOne(url, token, sessionId) {
  return new Promise((resolve) => {
    const socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: token ? { token } : {},
      reconnection: false,
      forceNew: true,
      timeout: 20_000,
    });
    sockets.push(socket);
    socket.on('chat:message', onMessage);
    socket.on('disconnect', () => {
      disconnects += 1;
    });
    socket.once('connect_error', (error) => resolve({ ok: false, code: error?.data?.code ?? error.message }));
    socket.once('connect', () => {
      socket
        .timeout(30_000)
        .emitWithAck('session:join', { sessionId })
        .then(
          (answer) => resolve(answer?.ok ? { ok: true } : { ok: false, code: answer?.code ?? 'BAD_ACK' }),
          (error) => resolve({ ok: false, code: `ACK_TIMEOUT ${error.message}` }),
        );
    });
  });
}

async function start({ url, sessionId, tokens, count, concurrency }) {
  let joined = 0;
  const failures = {};
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const result = await connectOne(url, tokens ? tokens[index] : undefined, sessionId);
      if (result.ok) joined += 1;
      else failures[result.code] = (failures[result.code] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  process.send({ type: 'ready', joined, failures });
  progressTimer = setInterval(() => process.send({ type: 'progress', deliveries }), 250);
}

process.on('message', (command) => {
  switch (command.type) {
    case 'start':
      void start(command);
      break;
    case 'reset':
      deliveries = 0;
      foreign = 0;
      worst = [];
      break;
    case 'report':
      process.send({
        type: 'stats',
        deliveries,
        foreign,
        disconnects,
        connected: sockets.filter((s) => s.connected).length,
        worst: Array.from(worst, (v) => v ?? 0),
        latencies: Buffer.from(latencies.buffer, 0, deliveries * 8).toString('base64'),
      });
      break;
    case 'close':
      clearInterval(progressTimer);
      for (const socket of sockets) socket.disconnect();
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
process.on('disconnect', () => process.exit(0));
