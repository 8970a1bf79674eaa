import { Body, Controller, Module, Post } from '@nestjs/common';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { Public } from '@ocop/auth';
import { createTestApp, TestApp } from '@ocop/testing';

class EchoBody {
  @IsString() name!: string;
  @IsInt() @Min(1) @Max(10) quantity!: number;
}

@Controller('echo')
class EchoController {
  @Post()
  @Public()
  echo(@Body() body: EchoBody) {
    return body;
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('the HTTP platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [EchoModule], config: { BODY_LIMIT: '2kb' } });
  });
  afterAll(() => t.close());

  it('reports PostgreSQL and Redis on /health', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
    expect(res.body.info.redis.status).toBe('up');
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await t.http().get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/api/echo');
    await t.http().get('/api/docs').expect(200);
  });

  it('gives every response a request id, and echoes a sane one from the caller', async () => {
    const own = await t.http().get('/health').set('X-Request-Id', 'req-12345678');
    expect(own.headers['x-request-id']).toBe('req-12345678');
    const fresh = await t.http().get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and the request id', async () => {
    const res = await t
      .http()
      .post('/api/echo')
      .set('Content-Type', 'application/json')
      .send('{"name": "x",');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'MALFORMED_JSON',
      message: expect.any(String),
      requestId: res.headers['x-request-id'],
    });
  });

  it('answers wrong types, unknown fields and non-object bodies with 400 VALIDATION_FAILED', async () => {
    const wrongType = await t.http().post('/api/echo').send({ name: 'x', quantity: '3' }).expect(400);
    expect(wrongType.body.code).toBe('VALIDATION_FAILED');
    expect(wrongType.body.details.fields).toEqual([{ field: 'quantity', problems: expect.any(Array) }]);
    const unknown = await t
      .http()
      .post('/api/echo')
      .send({ name: 'x', quantity: 3, role: 'admin' })
      .expect(400);
    expect(unknown.body.details.fields[0].field).toBe('role');
    const array = await t.http().post('/api/echo').send([1, 2]).expect(400);
    expect(array.body.code).toBe('VALIDATION_FAILED');
    await t.http().post('/api/echo').send({ name: 'x', quantity: 3 }).expect(201);
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t
      .http()
      .post('/api/echo')
      .send({ name: 'x'.repeat(5000), quantity: 1 });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const res = await t.http().get('/api/nowhere').expect(404);
    expect(res.body.code).toBe('ROUTE_NOT_FOUND');
  });
});
