#!/usr/bin/env node
// `npm run room`: a terminal client for a session's live room (socket.io), to watch chat, pins and the viewer
// count move. No build step. Without --as it joins as a guest (read-only); with --as it signs in and can chat.
//
//   npm run room -- [--as <email>] [--password <pw>] [--session <id>] [--url http://localhost:3000]
//
// Lines typed are sent as chat messages; /heart (or /like, /wow, /haha, /clap) sends a reaction; /quit exits.
import readline from 'node:readline';
import { io } from 'socket.io-client';

const USAGE = `usage: npm run room -- [--as <email>] [--password <pw>] [--session <id>] [--url <api url>]
  --as        sign in as this account (default: watch as a guest, read-only)
  --password  its password (default: the demo password OcopLive@2025)
  --session   the session id (default: the first live session of GET /api/sessions?status=live)
  --url       the api (default: http://localhost:$PORT, PORT defaulting to 3000)
Type a line to chat, /heart to react (also /like /wow /haha /clap), /quit to leave.`;
const REACTIONS = ['heart', 'like', 'wow', 'haha', 'clap'];

function parseArgs(argv) {
  const opts = {
    as: null,
    password: 'OcopLive@2025',
    session: null,
    url: `http://localhost:${process.env.PORT || 3000}`,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const key = flag.replace(/^--/, '');
    if (!['as', 'password', 'session', 'url'].includes(key) || !flag.startsWith('--')) {
      console.error(`room: unknown argument ${arg}\n${USAGE}`);
      process.exit(2);
    }
    const value = inline ?? argv[++i];
    if (value === undefined) {
      console.error(`room: ${flag} needs a value`);
      process.exit(2);
    }
    opts[key] = value;
  }
  opts.url = opts.url.replace(/\/$/, '');
  return opts;
}

const pad = (n) => String(n).padStart(2, '0');
function stamp() {
  const d = new Date();
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
function line(text) {
  process.stdout.write(`${stamp()} ${text}\n`);
}
/** 150000 -> "150.000 ₫" (Vietnamese grouping). */
function vnd(amount) {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

async function api(base, path, init = {}) {
  let res;
  try {
    res = await fetch(`${base}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new Error(
      `cannot reach ${base} (${error.cause?.code ?? error.message}): is \`npm run demo\` running?`,
    );
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const code = body?.code ?? body?.error?.code ?? res.status;
    const message = body?.message ?? body?.error?.message ?? res.statusText;
    throw new Error(`${init.method ?? 'GET'} ${path}: ${code} ${message}`);
  }
  return body;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));

  let token = null;
  if (opts.as) {
    const signedIn = await api(opts.url, '/api/auth/sign-in', {
      method: 'POST',
      body: JSON.stringify({ identifier: opts.as, password: opts.password }),
    });
    token = signedIn.accessToken;
  }

  let sessionId = opts.session;
  if (!sessionId) {
    const live = await api(opts.url, '/api/sessions?status=live&page=1&pageSize=1');
    sessionId = live.items?.[0]?.id;
    if (!sessionId)
      throw new Error('no session is live right now: pass --session <id> (see GET /api/sessions)');
  }

  const who = opts.as ? `as ${opts.as}` : 'as a guest (read-only)';
  const socket = io(opts.url, { transports: ['websocket'], auth: token ? { token } : {} });
  const names = new Map(); // productId -> name, for [stock] lines
  let lastSeq = null;
  let joined = false;
  let closing = false;

  const describePins = (pins) =>
    pins.length === 0
      ? 'none'
      : pins.map((p) => `${p.name} ${vnd(p.priceVnd)} (stock ${p.stock})`).join(' | ');
  const rememberPins = (pins) => {
    for (const p of pins) names.set(p.productId, p.name);
  };
  const seqs = new Map(); // messageId -> seq, for [deleted] lines
  const chatLine = (m) => {
    seqs.set(m.id, m.seq);
    lastSeq = Math.max(lastSeq ?? 0, m.seq);
    line(`[chat] ${m.displayName}: ${m.text}`);
  };

  function join() {
    const payload = lastSeq === null ? { sessionId } : { sessionId, sinceSeq: lastSeq };
    socket.emit('session:join', payload, (ack) => {
      if (!ack?.ok) {
        line(`[error] could not join ${sessionId}: ${ack?.code ?? 'UNKNOWN'} ${ack?.message ?? ''}`);
        return quit(1);
      }
      const { session, pins, viewers, messages, role, reactions } = ack.data;
      rememberPins(pins);
      if (!joined) {
        joined = true;
        line(
          `[joined] "${session.title}" — ${session.status}, host ${session.hostName}, ${viewers} watching; ${who}, role ${role}`,
        );
        line(`[pins] ${describePins(pins)}`);
        const total = Object.entries(reactions ?? {}).filter(([, n]) => n > 0);
        if (total.length) line(`[reactions] ${total.map(([k, n]) => `${k} ${n}`).join(', ')}`);
        const recent = messages.slice(-10);
        if (recent.length) line(`[history] last ${recent.length} of ${messages.length} messages:`);
        for (const m of recent) chatLine(m);
        for (const m of messages) {
          seqs.set(m.id, m.seq);
          lastSeq = Math.max(lastSeq ?? 0, m.seq);
        }
        line(
          opts.as
            ? 'Type to chat, /heart to react, /quit to leave.'
            : 'Watching as a guest (sign in with --as <email> to chat); /quit to leave.',
        );
      } else {
        line(`[rejoined] ${viewers} viewers`);
        for (const m of messages) chatLine(m);
      }
    });
  }

  socket.on('connect', join);
  socket.on('connect_error', (error) => {
    const code = error?.data?.code;
    if (code) {
      line(`[error] connection refused: ${code} ${error.message}`);
      return quit(1);
    }
    line(`[error] cannot connect to ${opts.url} (${error.message}); retrying...`);
  });
  socket.on('disconnect', (reason) => {
    if (!closing) line(`[disconnected] ${reason}`);
  });

  socket.on('chat:message', chatLine);
  socket.on('chat:deleted', (e) =>
    line(`[deleted] ${seqs.has(e.messageId) ? `#${seqs.get(e.messageId)}` : `message ${e.messageId}`}`),
  );
  socket.on('chat:pinned', (e) =>
    line(
      e.message ? `[pinned message] ${e.message.displayName}: ${e.message.text}` : '[pinned message] none',
    ),
  );
  socket.on('chat:slow-mode', (e) => line(`[slow mode] ${e.seconds ? `${e.seconds} s` : 'off'}`));
  socket.on('chat:muted', (e) =>
    line(`[muted] ${e.until ? `until ${e.until}` : 'lifted'} (user ${e.userId})`),
  );
  socket.on('chat:banned', (e) => line(`[banned] ${e.reason ?? ''}`));
  socket.on('chat:reactions', (e) => {
    const now = REACTIONS.filter((k) => e.counts?.[k] > 0).map(
      (k) => `${k} +${e.counts[k]} (${e.totals?.[k]})`,
    );
    if (now.length) line(`[reactions] ${now.join(', ')}`);
  });
  socket.on('pins:update', (e) => {
    rememberPins(e.pins);
    line(`[pins] ${describePins(e.pins)}`);
  });
  socket.on('pins:stock', (e) => line(`[stock] ${names.get(e.productId) ?? e.productId} → ${e.stock}`));
  socket.on('presence:update', (e) => {
    if (joined) line(`[viewers] ${e.viewers}`); // the join summary carries the count at joining
  });
  socket.on('session:state', (s) => line(`[session] ${s.status} — "${s.title}"`));

  function quit(code = 0) {
    if (closing) return;
    closing = true;
    rl.close();
    socket.close();
    setTimeout(() => process.exit(code), 50);
  }

  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (raw) => {
    const text = raw.trim();
    if (!text) return;
    if (text === '/quit' || text === '/exit') return quit(0);
    if (!joined) return line('[error] not in the room yet; try again in a moment');
    const reaction = text.startsWith('/') ? text.slice(1) : null;
    if (reaction !== null) {
      if (!REACTIONS.includes(reaction))
        return line(`[error] unknown command ${text} (/${REACTIONS.join(' /')} /quit)`);
      socket.emit('chat:react', { sessionId, kind: reaction }, (ack) => {
        if (!ack?.ok) line(`[refused] ${reaction}: ${ack?.code} ${ack?.message ?? ''}`);
      });
      return;
    }
    socket.emit('chat:send', { sessionId, text }, (ack) => {
      if (!ack?.ok) {
        const hint = opts.as ? '' : ' (guests can only watch: use --as <email>)';
        line(`[refused] ${ack?.code ?? 'UNKNOWN'}: ${ack?.message ?? ''}${hint}`);
      }
    });
  });
  // Closing stdin (a pipe that ends, `< /dev/null`) keeps watching; /quit or Ctrl-C leaves.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => quit(0));
}

main().catch((error) => {
  console.error(`room: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
