// What the web benches (web-vitals, lighthouse) share: the bare baseline page and the chat written before measuring.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { requireFromRoot } from './harness.mjs';

/**
 * The floor: `html` and a 1 KB module script (`/a.js`) on node:http, nothing else. The server closes with the
 * harness's cleanups; answers the page's URL.
 */
export async function startBaselinePage(cleanups, html) {
  const script = `document.title = 'baseline'; // ${'x'.repeat(1000)}\n`;
  const server = http.createServer((req, res) => {
    const js = req.url === '/a.js';
    res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html; charset=utf-8' });
    res.end(js ? script : html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}/`;
}

/**
 * `count` messages in the session's chat from four seeded shoppers, through the real gateway (message `i` is
 * `text(i)`), one per shopper every 0.6 s. Answers how many were sent.
 */
export async function writeChat(base, sessionId, count, text) {
  const { io } = requireFromRoot('socket.io-client');
  const { DEMO_PASSWORD, SEED_SHOPPERS } = requireFromRoot('./dist/apps/cli/src/seed/hanoi-users.js');
  const shoppers = SEED_SHOPPERS.slice(0, 4);
  let sent = 0;
  await Promise.all(
    shoppers.map(async (shopper, index) => {
      const res = await fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: shopper.email, password: DEMO_PASSWORD }),
      });
      const { accessToken } = await res.json();
      const socket = io(base, { transports: ['websocket'], auth: { token: accessToken }, forceNew: true });
      try {
        const joined = await socket.timeout(8000).emitWithAck('session:join', { sessionId });
        if (!joined.ok) throw new Error(`session:join: ${joined.code}`);
        for (let i = index; i < count; i += shoppers.length) {
          const ack = await socket.timeout(8000).emitWithAck('chat:send', { sessionId, text: text(i) });
          if (!ack.ok) throw new Error(`chat:send: ${ack.code}`);
          sent += 1;
          await sleep(600);
        }
      } finally {
        socket.close();
      }
    }),
  );
  return sent;
}
