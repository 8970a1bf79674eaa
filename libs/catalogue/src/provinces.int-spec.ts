import { createTestApp, TestApp } from '@ocop/testing';
import { CatalogueHttpModule } from './catalogue-http.module';

describe('catalogue: the provinces address forms offer (public)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [CatalogueHttpModule] });
  });
  afterAll(() => t?.close());

  it('lists the 34 provinces since 2025 with the codes the api accepts, cacheable for a day', async () => {
    const response = await t.http().get('/api/provinces').expect(200);
    const provinces = response.body as { code: string; name: string }[];
    expect(provinces).toHaveLength(34);
    expect(provinces).toContainEqual({ code: 'ha-noi', name: 'Hà Nội' });
    expect(new Set(provinces.map((p) => p.code)).size).toBe(34);
    expect(response.headers['cache-control']).toBe('public, max-age=86400');
  });
});
