import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Controller, Get, Logger, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { GATEWAY_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import type {
  OpenAPIObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage } from 'class-validator';
import { DataSource } from 'typeorm';
import { AttributionHttpModule, ReportsHttpModule } from '@ocop/attribution';
import { Public, ROLES } from '@ocop/auth';
import { AssetsHttpModule } from '@ocop/assets';
import { CatalogueHttpModule } from '@ocop/catalogue';
import { ChatHttpModule } from '@ocop/chat';
import { describeApi } from '@ocop/http';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import { OrdersHttpModule } from '@ocop/orders';
import { PaymentsHttpModule } from '@ocop/payments';
import { declaredSocketEvents } from '@ocop/realtime';
import {
  authHeader,
  connectSocket,
  idempotencyKey,
  makeUser,
  socketAck,
  TestApp,
  createTestApp,
  tokenFor,
  uniquePhone,
} from '@ocop/testing';
import { WebAppModule } from './web-app.module';

// Input hygiene across the whole api, driven by its own contracts: the OpenAPI document (every operation's string
// body, query and path fields) and the socket gateways' declared payloads (every field of every event). A new
// endpoint or event is covered without editing this file. Each bad text must be refused with INVALID_TEXT, never a
// 5xx, and nothing may be stored. The log captured meanwhile must hold no secret or personal data.

const BAD_TEXTS: Record<string, string> = {
  nul: 'Gốm\u0000Bát Tràng',
  'lone surrogate': 'Gốm \ud800 Bát Tràng',
  'rtl override': 'Gốm Bát \u202eTràng',
  'zero-width only': '\u200b\u200b\u2060',
};

type Segment = string | '[]';
type Schema = SchemaObject | ReferenceObject;

interface TextField {
  where: 'body' | 'query' | 'path';
  path: Segment[];
}

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  route: string;
  pathParams: { name: string; uuid: boolean }[];
  fields: TextField[];
}

function resolve(doc: OpenAPIObject, schema: Schema): SchemaObject {
  if ('$ref' in schema) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc, doc.components?.schemas?.[name] as Schema);
  }
  return schema;
}

/** Every string leaf of a request schema, as a path of property names and array steps. */
function stringLeaves(doc: OpenAPIObject, schema: Schema, prefix: Segment[], depth = 0): Segment[][] {
  if (depth > 6) return [];
  const s = resolve(doc, schema);
  const parts = [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])];
  if (parts.length > 0) return parts.flatMap((part) => stringLeaves(doc, part, prefix, depth + 1));
  if (s.type === 'string') return [prefix];
  if (s.type === 'array' && s.items) return stringLeaves(doc, s.items, [...prefix, '[]'], depth + 1);
  if (s.properties) {
    return Object.entries(s.properties).flatMap(([key, child]) =>
      stringLeaves(doc, child, [...prefix, key], depth + 1),
    );
  }
  return [];
}

function operationsOf(doc: OpenAPIObject): Operation[] {
  const operations: Operation[] = [];
  for (const [route, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const params = (op.parameters ?? []).map((p) => ('$ref' in p ? null : p)).filter((p) => p !== null);
      const pathParams = params
        .filter((p) => p.in === 'path')
        .map((p) => ({
          name: p.name,
          uuid: p.schema !== undefined && resolve(doc, p.schema).format === 'uuid',
        }));
      const fields: TextField[] = [
        ...params
          .filter((p) => p.in === 'query' && p.schema && stringLeaves(doc, p.schema, []).length > 0)
          .map((p) => ({ where: 'query' as const, path: [p.name] })),
        ...pathParams.filter((p) => !p.uuid).map((p) => ({ where: 'path' as const, path: [p.name] })),
      ];
      const body =
        op.requestBody && !('$ref' in op.requestBody)
          ? op.requestBody.content['application/json']
          : undefined;
      if (body?.schema)
        fields.push(...stringLeaves(doc, body.schema, []).map((p) => ({ where: 'body' as const, path: p })));
      operations.push({ method, route, pathParams, fields });
    }
  }
  return operations;
}

/** `{ a: { b: [value] } }` for the path a.b[]. */
function nest(segments: Segment[], value: unknown): unknown {
  if (segments.length === 0) return value;
  const [head, ...rest] = segments;
  return head === '[]' ? [nest(rest, value)] : { [head as string]: nest(rest, value) };
}

async function tableCounts(db: DataSource): Promise<Record<string, number>> {
  const tables = (await db.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1`,
  )) as { tablename: string }[];
  const select = tables
    .map(({ tablename }) => `(SELECT count(*)::int FROM "${tablename}") AS "${tablename}"`)
    .join(', ');
  const [row] = (await db.query(`SELECT ${select}`)) as Record<string, number>[];
  return row ?? {};
}

const SECRET_PHONE = '+84987650123';
const SECRET_STREET = '17 ngõ Bí Mật, phố Hàng Mã';

/** A route that fails in PostgreSQL with secrets among its parameters, as registration once did. */
@Controller('hygiene-probe')
class FailingQueryController {
  constructor(private readonly db: DataSource) {}
  private readonly log = new Logger('HygieneProbe');

  @Get()
  @Public()
  async fail(): Promise<void> {
    this.log.warn(
      {
        order: { deliveryAddress: { phone: SECRET_PHONE, street: SECRET_STREET } },
        refreshToken: 'rt-secret-1',
      },
      'A line that mentions personal data',
    );
    await this.db.query(`SELECT $1::int AS never, $2::text AS phone, $3::text AS street`, [
      'scrypt$16384$8$1$not-a-number',
      SECRET_PHONE,
      SECRET_STREET,
    ]);
  }
}

@Module({ controllers: [FailingQueryController] })
class FailingQueryModule {}

describe('api: input hygiene at every edge, and logs without secrets', () => {
  let t: TestApp;
  let webDir: string;
  const logLines: string[] = [];
  let token: string;
  let secrets: string[];

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>OCOP Live</title>');
    t = await createTestApp({
      imports: [
        IdentityHttpModule,
        CatalogueHttpModule,
        LiveHttpModule,
        ChatHttpModule,
        AssetsHttpModule,
        PaymentsHttpModule,
        OrdersHttpModule,
        AttributionHttpModule,
        ReportsHttpModule,
        // With the web app served, every error on an /api path used to become 404 (the 5 MB body).
        WebAppModule.forRoot(),
        FailingQueryModule,
        DiscoveryModule,
      ],
      config: { LOG_LEVEL: 'info', WEB_DIST_DIR: webDir },
      websockets: { floodGuard: { burst: 100_000, perSecond: 100_000, disconnectAfter: 100_000 } },
      logStream: { write: (line) => void logLines.push(line) },
    });
    const everyone = await makeUser(t, { roles: [...ROLES], phone: SECRET_PHONE.replace('+84', '0') });
    token = await tokenFor(t, everyone.id);
    const [hash] = (await t.db.query(`SELECT password_hash FROM users WHERE id = $1`, [everyone.id])) as {
      password_hash: string;
    }[];
    secrets = [
      everyone.password,
      token,
      hash?.password_hash ?? 'missing',
      SECRET_PHONE,
      SECRET_STREET,
      'rt-secret-1',
    ];
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('every string field of every operation refuses NUL, lone surrogates, bidi overrides and invisible-only text', async () => {
    const doc = describeApi(t.app);
    const operations = operationsOf(doc);
    const covered = operations.filter((op) => op.fields.length > 0);
    // The document must really describe the api (a broken walk would make this test pass vacuously).
    expect(covered.length).toBeGreaterThan(30);
    expect(covered.map((op) => `${op.method} ${op.route}`)).toEqual(
      expect.arrayContaining(['post /api/auth/register', 'get /api/branches', 'post /api/checkouts']),
    );

    const before = await tableCounts(t.db);
    const probes: { label: string; send: () => Promise<{ status: number; body: { code?: string } }> }[] = [];
    for (const op of covered) {
      for (const field of op.fields) {
        for (const [label, bad] of Object.entries(BAD_TEXTS)) {
          // A URL cannot carry a lone surrogate (percent-encoding is UTF-8), so that one goes in bodies only.
          if (field.where !== 'body' && label === 'lone surrogate') continue;
          let url = op.route;
          for (const p of op.pathParams) {
            const value =
              field.where === 'path' && field.path[0] === p.name ? bad : p.uuid ? randomUUID() : 'x';
            url = url.replace(`{${p.name}}`, encodeURIComponent(value));
          }
          probes.push({
            label: `${op.method} ${op.route} ${field.where}:${field.path.join('.')} (${label})`,
            send: async () => {
              let req = t
                .http()
                [op.method](url)
                .set(authHeader(token))
                .set('Idempotency-Key', idempotencyKey());
              if (field.where === 'query') req = req.query({ [field.path[0] as string]: bad });
              return field.where === 'body' ? req.send(nest(field.path, bad) as object) : req.send();
            },
          });
        }
      }
    }
    const wrong: string[] = [];
    let sent = 0;
    // A few at a time: quicker on a busy machine, and still far below any limit.
    for (let i = 0; i < probes.length; i += 8) {
      await Promise.all(
        probes.slice(i, i + 8).map(async (probe) => {
          const res = await probe.send();
          sent += 1;
          if (res.status !== 400 || res.body.code !== 'INVALID_TEXT')
            wrong.push(`${probe.label} -> ${res.status} ${res.body.code}`);
        }),
      );
    }
    expect(wrong).toEqual([]);
    expect(sent).toBeGreaterThan(300);
    expect(await tableCounts(t.db)).toEqual(before);
  }, 180_000);

  it('every field of every declared socket event refuses them with an INVALID_TEXT ack, and every event is declared', async () => {
    // Every handler of every gateway in the app is declared with its payload class.
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const handled: string[] = [];
    for (const wrapper of discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype || !Reflect.getMetadata(GATEWAY_METADATA, wrapper.metatype))
        continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of scanner.getAllMethodNames(proto)) {
        const event = Reflect.getMetadata(
          MESSAGE_METADATA,
          (proto as Record<string, unknown>)[method] as object,
        ) as string | undefined;
        if (event) handled.push(event);
      }
    }
    const declared = declaredSocketEvents();
    expect(handled.length).toBeGreaterThan(10);
    expect(handled.filter((event) => !declared.has(event))).toEqual([]);

    const before = await tableCounts(t.db);
    const socket = await connectSocket(t, token);
    const wrong: string[] = [];
    for (const event of handled) {
      const payloadClass = declared.get(event) as new () => object;
      const fields = [
        ...new Set(
          getMetadataStorage()
            .getTargetValidationMetadatas(payloadClass, '', true, false)
            .map((m) => m.propertyName),
        ),
      ];
      expect([event, fields.length > 0]).toEqual([event, true]);
      for (const field of fields) {
        for (const [label, bad] of Object.entries(BAD_TEXTS)) {
          const ack = await socketAck(socket, event, { [field]: bad });
          if (ack.ok || ack.code !== 'INVALID_TEXT')
            wrong.push(`${event} ${field} (${label}) -> ${JSON.stringify(ack)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(socket.connected).toBe(true);
    expect(await tableCounts(t.db)).toEqual(before);
  }, 90_000);

  it('a body over the limit is 413 PAYLOAD_TOO_LARGE on every kind of route, the web app served beside', async () => {
    const huge = JSON.stringify({ padding: 'x'.repeat(5 * 1024 * 1024) });
    const routes: ['post' | 'patch' | 'put', string][] = [
      ['post', '/api/auth/register'],
      ['post', '/api/auth/sign-in'],
      ['post', '/api/checkouts'],
      ['patch', `/api/branches/${randomUUID()}`],
      ['post', `/api/sessions/${randomUUID()}/pins`],
      ['post', '/api/no-such-route'],
    ];
    for (const [method, route] of routes) {
      const res = await t
        .http()
        [method](route)
        .set(authHeader(token))
        .set('Content-Type', 'application/json')
        .send(huge);
      expect([route, res.status, res.body.code]).toEqual([route, 413, 'PAYLOAD_TOO_LARGE']);
      expect(res.body.requestId).toEqual(expect.any(String));
    }
    const malformed = await t
      .http()
      .post('/api/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'MALFORMED_JSON']);
    // The web app still answers its own paths.
    expect((await t.http().get('/sessions/abc')).status).toBe(200);
  });

  it('search with 10,000 emoji or only zero-width spaces is a 4xx, never a 5xx; text with no words is a bounded answer', async () => {
    const emoji = await t
      .http()
      .get('/api/branches')
      .query({ q: '🌾'.repeat(10_000) });
    expect([400, 414, 431]).toContain(emoji.status);
    const fewEmoji = await t
      .http()
      .get('/api/branches')
      .query({ q: '🌾'.repeat(1_000) });
    expect([fewEmoji.status, fewEmoji.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const invisible = await t.http().get('/api/branches').query({ q: '\u200b\u200b' });
    expect([invisible.status, invisible.body.code]).toEqual([400, 'INVALID_TEXT']);
    // Text with no letters or digits searches for nothing in particular: the first branches, bounded.
    for (const q of ['🌾🍵', '🌾'.repeat(50), '!!!', '\u200b🌾']) {
      const res = await t.http().get('/api/branches').query({ q });
      expect([q, res.status]).toEqual([q, 200]);
      expect(res.body.length).toBeLessThanOrEqual(20);
      // The product catalogue's search reads the same words the same way.
      const products = await t.http().get('/api/products').query({ q });
      expect([q, products.status]).toEqual([q, 200]);
    }
  });

  it('the log holds no password hash, token, phone number or street, and no SQL parameter', async () => {
    const res = await t.http().get('/api/hygiene-probe');
    expect([res.status, res.body.code]).toEqual([500, 'INTERNAL']);
    const failed = await t
      .http()
      .post('/api/auth/sign-in')
      .send({ identifier: uniquePhone(), password: 'a wrong password' });
    expect(failed.status).toBe(401);
    // A credential in a URL's query is cut from the logged URL.
    await t.http().get(`/api/no-such-route?token=${token}&page=2`);
    expect(logLines.join('')).toContain('/api/no-such-route?token=[redacted]&page=2');
    const log = logLines.join('');
    // The failure itself is logged, with its SQLSTATE, so an operator can still act on it.
    expect(log).toContain('invalid input syntax for type integer');
    expect(log).toContain('"code":"22P02"');
    expect(log).toContain('A line that mentions personal data');
    expect(logLines.length).toBeGreaterThan(100);
    for (const secret of secrets) expect([secret, log.includes(secret)]).toEqual([secret, false]);
    expect(log).not.toContain('scrypt$');
    expect(log).not.toMatch(/"parameters"/);
  });
});
