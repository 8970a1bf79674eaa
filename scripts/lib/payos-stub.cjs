'use strict';
// A local stand-in for payOS's merchant API and for the bank behind it, for the tests and `npm run demo` only. The
// real @payos/node client talks to it (PAYOS_API_URL): it creates, reads and cancels payment links, checks the
// request signatures and answers signed as payOS does. Its "simulated bank" pays a link when told to and posts the
// webhook signed with the checksum key, as payOS documents it (HMAC-SHA256 of the data's fields sorted by name,
// `key=value` joined by `&`). It also stands in for payOS's payout channel (its own keys): payouts are created
// idempotently by key, signed both ways in the x-signature header as payOS signs them, and stay PROCESSING until a
// test settles them (or, for the demo, until `payoutAutoSettleMs` has passed). No real money moves; its pages say so.
const crypto = require('node:crypto');
const http = require('node:http');

/** payOS's data signature: fields sorted by name, `key=value&...`, null and undefined as empty. */
function signData(data, checksumKey) {
  const text = Object.keys(data)
    .sort()
    .filter((key) => data[key] !== undefined)
    .map((key) => {
      let value = data[key];
      if (Array.isArray(value)) value = JSON.stringify(value);
      if (value === null || value === undefined || value === 'null' || value === 'undefined') value = '';
      return `${key}=${value}`;
    })
    .join('&');
  return crypto.createHmac('sha256', checksumKey).update(text).digest('hex');
}

/**
 * payOS's header signature (payout channel): keys sorted at every depth, `key=value` URL-encoded and joined by `&`,
 * arrays and nested objects as their JSON, null as empty.
 */
function signHeader(data, checksumKey) {
  const sorted = (value) => {
    if (Array.isArray(value)) return value.map((v) => (v && typeof v === 'object' ? sorted(v) : v));
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => {
          const v = value[key];
          return [key, v && typeof v === 'object' ? sorted(v) : v];
        }),
    );
  };
  const text = Object.entries(sorted(data))
    .map(([key, value]) => {
      const plain =
        value === null || value === undefined
          ? ''
          : typeof value === 'object'
            ? JSON.stringify(value)
            : value;
      return `${encodeURIComponent(key)}=${encodeURIComponent(String(plain))}`;
    })
    .join('&');
  return crypto.createHmac('sha256', checksumKey).update(text).digest('hex');
}

function signPaymentRequest(body, checksumKey) {
  const text = `amount=${body.amount}&cancelUrl=${body.cancelUrl}&description=${body.description}&orderCode=${body.orderCode}&returnUrl=${body.returnUrl}`;
  return crypto.createHmac('sha256', checksumKey).update(text).digest('hex');
}

/** CRC-16/CCITT-FALSE, as EMVCo QR payloads end with. */
function crc16(text) {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

const tlv = (id, value) => `${id}${String(value.length).padStart(2, '0')}${value}`;

/** A dynamic VietQR (NAPAS 247) payload for a transfer of `amount` to `account` at `bin`, with `memo`. */
function vietqrPayload({ bin, accountNumber, amount, memo }) {
  const beneficiary = tlv('00', bin) + tlv('01', accountNumber);
  const merchant = tlv('00', 'A000000727') + tlv('01', beneficiary) + tlv('02', 'QRIBFTTA');
  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('38', merchant) +
    tlv('53', '704') +
    tlv('54', String(amount)) +
    tlv('58', 'VN') +
    tlv('62', tlv('08', memo));
  return `${body}6304${crc16(`${body}6304`)}`;
}

/** "2026-12-07 12:34:56" in Vietnam time, as payOS dates transfers. */
function vietnamTime(date) {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Starts the stub. Options: clientId, apiKey, checksumKey (what the app is configured with), webhookUrl (where the
 * simulated bank posts), port (0: any), host, publicUrl (how browsers reach it; default its own URL), and the
 * receiving account (bin, accountNumber, accountName). The payout channel: payoutClientId, payoutApiKey,
 * payoutChecksumKey (without them every payout request is 401), payoutAutoSettleMs (demo: a payout read this long
 * after it was made has succeeded; unset, it stays PROCESSING until settlePayout).
 */
async function startPayosStub(options) {
  const config = {
    host: '127.0.0.1',
    port: 0,
    bin: '970422',
    accountNumber: '0001234567890',
    accountName: 'HTX OCOP LIVE (MO PHONG)',
    ...options,
  };
  const links = new Map(); // orderCode -> link
  const payouts = new Map(); // payout id -> payout, as payOS answers it
  const payoutKeys = new Map(); // idempotency key -> { id, body }
  const payoutStarted = new Map(); // payout id -> when it was created (ms), for payoutAutoSettleMs
  let payoutRefusal = null;
  const requests = [];
  const deliveries = [];
  let outage = null;
  let base = '';

  const publicBase = () => (config.publicUrl || base).replace(/\/$/, '');
  const byIdOrCode = (id) => {
    if (/^\d+$/.test(id)) return links.get(Number(id));
    for (const link of links.values()) if (link.id === id) return link;
    return undefined;
  };
  const linkData = (link) => ({
    id: link.id,
    orderCode: link.orderCode,
    amount: link.amount,
    amountPaid: link.amountPaid,
    amountRemaining: Math.max(0, link.amount - link.amountPaid),
    status: link.status,
    createdAt: link.createdAt,
    transactions: link.transactions,
    cancellationReason: link.cancellationReason,
    canceledAt: link.canceledAt,
  });

  function answer(res, status, payload) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload));
  }
  const ok = (res, data) =>
    answer(res, 200, { code: '00', desc: 'success', data, signature: signData(data, config.checksumKey) });
  const refuse = (res, code, desc, status = 200) => answer(res, status, { code, desc, data: null });

  /** The bank settles a transfer into a link: the link is paid, and payOS's signed webhook is posted. */
  async function pay(orderCode, overrides = {}) {
    const link = links.get(Number(orderCode));
    if (!link) throw new Error(`No payment link with order code ${orderCode}`);
    const amount = overrides.amount ?? link.amount - link.amountPaid;
    const body = webhookFor(link, { amount, ...overrides });
    if (link.status === 'PENDING') {
      link.amountPaid += amount;
      link.status = link.amountPaid >= link.amount ? 'PAID' : 'UNDERPAID';
    }
    link.transactions.push({
      reference: body.data.reference,
      amount,
      accountNumber: body.data.accountNumber,
      description: body.data.description,
      transactionDateTime: body.data.transactionDateTime,
      virtualAccountName: null,
      virtualAccountNumber: null,
      counterAccountBankId: body.data.counterAccountBankId || null,
      counterAccountBankName: body.data.counterAccountBankName || null,
      counterAccountName: body.data.counterAccountName || null,
      counterAccountNumber: body.data.counterAccountNumber || null,
    });
    const delivery = await deliver(body);
    return { body, ...delivery };
  }

  /**
   * A webhook as payOS sends it for a transfer into `link` (signed unless `signature` is given). The payer's account
   * (counterAccount*) is the simulated buyer's at VietinBank (a real NAPAS BIN), or `payer` ({ bankId, number, name });
   * `payer: null` sends none, as some banks do.
   */
  function webhookFor(link, overrides = {}) {
    const payer =
      overrides.payer === null
        ? { bankId: '', bankName: '', name: '', number: '' }
        : {
            bankId: '970415',
            bankName: 'VietinBank',
            name: 'NGUYEN VAN MO PHONG',
            number: '9704000000000018',
            ...overrides.payer,
          };
    const data = {
      orderCode: link.orderCode,
      amount: overrides.amount ?? link.amount,
      description: link.description,
      accountNumber: config.accountNumber,
      reference:
        overrides.reference ?? `FT${Date.now()}${crypto.randomBytes(3).toString('hex').toUpperCase()}`,
      transactionDateTime: vietnamTime(overrides.at ?? new Date()),
      currency: 'VND',
      paymentLinkId: link.id,
      code: '00',
      desc: 'success',
      counterAccountBankId: payer.bankId,
      counterAccountBankName: payer.bankName,
      counterAccountName: payer.name,
      counterAccountNumber: payer.number,
      virtualAccountName: '',
      virtualAccountNumber: '',
    };
    return {
      code: '00',
      desc: 'success',
      success: true,
      data,
      signature: overrides.signature ?? signData(data, overrides.checksumKey ?? config.checksumKey),
    };
  }

  async function deliver(body) {
    if (!config.webhookUrl) return { status: 0, response: 'no webhook URL configured' };
    try {
      const res = await fetch(config.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      deliveries.push({ orderCode: body.data.orderCode, status: res.status, response: text });
      return { status: res.status, response: text };
    } catch (error) {
      deliveries.push({ orderCode: body.data.orderCode, status: 0, response: String(error) });
      return { status: 0, response: String(error) };
    }
  }

  function bankPage(res, { link, message }) {
    const pending = [...links.values()]
      .filter((l) => l.status === 'PENDING')
      .slice(-20)
      .reverse();
    const rows = (link ? [link] : pending)
      .map(
        (
          l,
        ) => `<li><p><strong>${escapeHtml(l.description)}</strong> · ${l.amount.toLocaleString('vi-VN')} đ · ${escapeHtml(l.status)}</p>
        ${l.status === 'PENDING' ? `<form method="post" action="/bank/pay/${l.orderCode}"><button type="submit">Chuyển khoản / Pay this order</button></form>` : ''}</li>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Ngân hàng mô phỏng / Simulated bank</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:0 auto;padding:1rem;background:#fff8e1;color:#222}
.banner{background:#8a4b00;color:#fff;padding:.75rem;border-radius:.5rem}ul{padding:0;list-style:none}li{background:#fff;margin:.75rem 0;padding:.75rem;border-radius:.5rem}
button{min-height:44px;padding:0 1rem;font-size:1rem;background:#0b6b3a;color:#fff;border:0;border-radius:.5rem}</style></head>
<body><main><h1>Ngân hàng mô phỏng / Simulated bank</h1>
<p class="banner">Chỉ dùng cho bản demo: không có tiền thật. / Demo only: no real money moves. payOS is simulated on this machine.</p>
${message ? `<p role="status">${escapeHtml(message)}</p>` : ''}
<ul>${rows || '<li>Không có đơn chờ chuyển khoản. / No order awaits a transfer.</li>'}</ul>
${link?.returnUrl ? `<p><a href="${escapeHtml(link.returnUrl)}">Quay lại đơn hàng / Back to the order</a></p>` : ''}</main></body></html>`);
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://stub');
    const text = await readBody(req);
    const entry = { method: req.method, path: url.pathname, status: 200 };
    requests.push(entry);
    if (url.pathname.startsWith('/bank')) {
      const m = /^\/bank\/pay\/(\d+)$/.exec(url.pathname);
      if (m && req.method === 'POST') {
        const link = links.get(Number(m[1]));
        if (!link) return bankPage(res, { message: 'Không có đơn này. / No such order.' });
        const delivered = link.status === 'PENDING' ? await pay(link.orderCode) : null;
        return bankPage(res, {
          link,
          message: delivered
            ? `Đã chuyển ${link.amount.toLocaleString('vi-VN')} đ. / Paid; the shop answered ${delivered.status}.`
            : `Đơn này đã ${link.status}. / This order is ${link.status}.`,
        });
      }
      if (m) return bankPage(res, { link: links.get(Number(m[1])) });
      return bankPage(res, {});
    }
    if (outage && outage.test(`${req.method} ${url.pathname}`)) {
      entry.status = 503;
      return answer(res, 503, { code: '503', desc: 'Service unavailable (simulated outage)', data: null });
    }
    if (url.pathname.startsWith('/v1/payouts')) return handlePayout(req, res, url, text, entry);
    if (req.headers['x-client-id'] !== config.clientId || req.headers['x-api-key'] !== config.apiKey) {
      entry.status = 401;
      return answer(res, 401, { code: '401', desc: 'Unauthorized', data: null });
    }
    let body = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      return refuse(res, '20', 'Invalid JSON', 400);
    }
    if (req.method === 'POST' && url.pathname === '/v2/payment-requests') {
      const { orderCode, amount, description, returnUrl, cancelUrl, expiredAt } = body;
      if (
        !Number.isSafeInteger(orderCode) ||
        !Number.isSafeInteger(amount) ||
        amount <= 0 ||
        !description ||
        !returnUrl ||
        !cancelUrl
      )
        return refuse(res, '20', 'Thông tin truyền lên không đúng.');
      if (description.length > 25) return refuse(res, '20', 'Mô tả tối đa 25 kí tự');
      if (body.signature !== signPaymentRequest(body, config.checksumKey))
        return refuse(res, '201', 'Chữ ký không hợp lệ');
      if (links.has(orderCode)) return refuse(res, '231', 'Đơn thanh toán đã tồn tại');
      const link = {
        id: crypto.randomBytes(16).toString('hex'),
        orderCode,
        amount,
        amountPaid: 0,
        description,
        returnUrl,
        cancelUrl,
        expiredAt: Number.isSafeInteger(expiredAt) ? expiredAt : null,
        status: 'PENDING',
        createdAt: new Date().toISOString(),
        transactions: [],
        cancellationReason: null,
        canceledAt: null,
      };
      links.set(orderCode, link);
      return ok(res, {
        bin: config.bin,
        accountNumber: config.accountNumber,
        accountName: config.accountName,
        amount,
        description,
        orderCode,
        currency: 'VND',
        paymentLinkId: link.id,
        status: link.status,
        ...(link.expiredAt ? { expiredAt: link.expiredAt } : {}),
        checkoutUrl: `${publicBase()}/bank/pay/${orderCode}`,
        qrCode: vietqrPayload({
          bin: config.bin,
          accountNumber: config.accountNumber,
          amount,
          memo: description,
        }),
      });
    }
    const one = /^\/v2\/payment-requests\/([^/]+)(\/cancel)?$/.exec(url.pathname);
    if (one) {
      const link = byIdOrCode(decodeURIComponent(one[1]));
      if (!link) return refuse(res, '101', 'Không tìm thấy đơn thanh toán');
      if (one[2] && req.method === 'POST') {
        if (link.status !== 'PENDING') return refuse(res, '101', `Đơn thanh toán đã ${link.status}`);
        link.status = 'CANCELLED';
        link.cancellationReason = body.cancellationReason ?? null;
        link.canceledAt = new Date().toISOString();
      }
      return ok(res, linkData(link));
    }
    entry.status = 404;
    return answer(res, 404, { code: '404', desc: 'Not found', data: null });
  }

  const okSignedHeader = (res, data) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-signature': signHeader(data, config.payoutChecksumKey),
    });
    res.end(JSON.stringify({ code: '00', desc: 'success', data }));
  };

  /** A final or in-between state for a payout's transfer (tests; the demo's auto settle). */
  function settlePayout(idOrReference, state, detail = {}) {
    const payout =
      payouts.get(idOrReference) ?? [...payouts.values()].find((p) => p.referenceId === idOrReference);
    if (!payout) throw new Error(`No payout ${idOrReference}`);
    const transfer = payout.transactions[0];
    transfer.state = state;
    if (state === 'SUCCEEDED') {
      transfer.reference =
        detail.reference ?? `FT${Date.now()}${crypto.randomBytes(2).toString('hex').toUpperCase()}`;
      transfer.transactionDatetime = new Date().toISOString();
      transfer.toAccountName = detail.toAccountName ?? transfer.toAccountName ?? 'NGUOI NHAN MO PHONG';
      payout.approvalState = 'COMPLETED';
    } else if (['FAILED', 'CANCELLED', 'REVERSED'].includes(state)) {
      transfer.errorCode = detail.errorCode ?? '214';
      transfer.errorMessage = detail.errorMessage ?? 'Tài khoản thụ hưởng không hợp lệ (mô phỏng)';
      payout.approvalState = state === 'CANCELLED' ? 'CANCELLED' : 'FAILED';
    }
    return payout;
  }

  /** payOS's payout channel: POST /v1/payouts/ (signed, idempotent by key) and GET /v1/payouts/:id. */
  function handlePayout(req, res, url, text, entry) {
    if (
      !config.payoutClientId ||
      req.headers['x-client-id'] !== config.payoutClientId ||
      req.headers['x-api-key'] !== config.payoutApiKey
    ) {
      entry.status = 401;
      return answer(res, 401, { code: '401', desc: 'Unauthorized', data: null });
    }
    if (req.method === 'POST' && /^\/v1\/payouts\/?$/.test(url.pathname)) {
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        entry.status = 400;
        return answer(res, 400, { code: '20', desc: 'Invalid JSON', data: null });
      }
      if (req.headers['x-signature'] !== signHeader(body, config.payoutChecksumKey)) {
        entry.status = 400;
        return answer(res, 400, { code: '201', desc: 'Chữ ký không hợp lệ', data: null });
      }
      const key = req.headers['x-idempotency-key'];
      const earlier = typeof key === 'string' ? payoutKeys.get(key) : undefined;
      if (earlier) {
        if (earlier.body !== text) {
          entry.status = 409;
          return answer(res, 409, {
            code: '409',
            desc: 'Idempotency key reused with another payout',
            data: null,
          });
        }
        return okSignedHeader(res, payouts.get(earlier.id));
      }
      const { referenceId, amount, description, toBin, toAccountNumber } = body;
      if (
        typeof referenceId !== 'string' ||
        !Number.isSafeInteger(amount) ||
        amount <= 0 ||
        typeof description !== 'string' ||
        !/^[0-9]{6}$/.test(String(toBin)) ||
        !/^[0-9]{6,19}$/.test(String(toAccountNumber))
      ) {
        entry.status = 400;
        return answer(res, 400, { code: '20', desc: 'Thông tin truyền lên không đúng.', data: null });
      }
      if (payoutRefusal) {
        entry.status = payoutRefusal.status ?? 400;
        return answer(res, entry.status, { code: payoutRefusal.code, desc: payoutRefusal.desc, data: null });
      }
      const id = crypto.randomBytes(12).toString('hex');
      const payout = {
        id,
        referenceId,
        transactions: [
          {
            id: crypto.randomBytes(12).toString('hex'),
            referenceId,
            amount,
            description,
            toBin,
            toAccountNumber,
            toAccountName: null,
            reference: null,
            transactionDatetime: null,
            errorMessage: null,
            errorCode: null,
            state: 'PROCESSING',
          },
        ],
        category: Array.isArray(body.category) ? body.category : null,
        approvalState: 'PROCESSING',
        createdAt: new Date().toISOString(),
      };
      payouts.set(id, payout);
      payoutStarted.set(id, Date.now());
      if (typeof key === 'string') payoutKeys.set(key, { id, body: text });
      return okSignedHeader(res, payout);
    }
    const one = /^\/v1\/payouts\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const payout = payouts.get(decodeURIComponent(one[1]));
      if (!payout) {
        entry.status = 404;
        return answer(res, 404, { code: '404', desc: 'Không tìm thấy lệnh chi', data: null });
      }
      const auto = config.payoutAutoSettleMs;
      if (auto !== undefined && payout.transactions[0].state === 'PROCESSING') {
        if (Date.now() - payoutStarted.get(payout.id) >= auto) settlePayout(payout.id, 'SUCCEEDED');
      }
      return okSignedHeader(res, payout);
    }
    entry.status = 404;
    return answer(res, 404, { code: '404', desc: 'Not found', data: null });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise((resolve) => server.listen(config.port, config.host, resolve));
  base = `http://${config.host}:${server.address().port}`;
  return {
    url: base,
    links,
    payouts,
    requests,
    deliveries,
    settlePayout,
    /** While set, payout creates are refused with it ({ status, code, desc }), as payOS refuses a bad account. */
    refusePayouts(refusal) {
      payoutRefusal = refusal;
    },
    /** While set, API requests matching "METHOD /path" are answered 503 (payOS down). */
    setOutage(pattern) {
      outage = pattern;
    },
    setWebhookUrl(url) {
      config.webhookUrl = url;
    },
    pay,
    webhookFor(orderCode, overrides) {
      const link = links.get(Number(orderCode));
      if (!link) throw new Error(`No payment link with order code ${orderCode}`);
      return webhookFor(link, overrides);
    },
    signData: (data) => signData(data, config.checksumKey),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

module.exports = { startPayosStub, signData, signHeader, vietqrPayload, crc16, vietnamTime };

// `node scripts/lib/payos-stub.cjs` (the demo): serves on PAYOS_STUB_PORT with the PAYOS_* keys of the environment.
if (require.main === module) {
  startPayosStub({
    port: Number(process.env.PAYOS_STUB_PORT || 0),
    host: process.env.PAYOS_STUB_HOST || '127.0.0.1',
    clientId: process.env.PAYOS_CLIENT_ID,
    apiKey: process.env.PAYOS_API_KEY,
    checksumKey: process.env.PAYOS_CHECKSUM_KEY,
    webhookUrl: process.env.PAYOS_STUB_WEBHOOK_URL,
    publicUrl: process.env.PAYOS_STUB_PUBLIC_URL,
  }).then((stub) => {
    process.stdout.write(`payOS stub (simulated bank) listening on ${stub.url}\n`);
    for (const signal of ['SIGINT', 'SIGTERM'])
      process.on(signal, () => void stub.close().then(() => process.exit(0)));
  });
}
