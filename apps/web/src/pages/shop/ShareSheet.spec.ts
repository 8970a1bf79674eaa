/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */
import { facebookShareUrl, plainPath, zaloShareUrl } from './ShareSheet';

describe('share targets', () => {
  const url = 'https://ocop.example.vn/s/q3Zk9_aB-x1Y';

  it("Zalo's picker gets the link as base64 JSON, Facebook's sharer as a query parameter", () => {
    const zalo = new URL(zaloShareUrl(url));
    expect(zalo.origin).toBe('https://button-share.zalo.me');
    expect(zalo.pathname).toBe('/share_external');
    expect(JSON.parse(atob(zalo.searchParams.get('d') ?? ''))).toEqual({ url });
    const facebook = new URL(facebookShareUrl(url));
    expect(facebook.origin + facebook.pathname).toBe('https://www.facebook.com/sharer/sharer.php');
    expect(facebook.searchParams.get('u')).toBe(url);
  });

  it('a Vietnamese address survives the base64 (UTF-8, not Latin-1)', () => {
    const vietnamese = 'https://ocop.example.vn/sessions/1?tên=Gốm';
    const d = new URL(zaloShareUrl(vietnamese)).searchParams.get('d') ?? '';
    const bytes = Uint8Array.from(atob(d), (c) => c.charCodeAt(0));
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({ url: vietnamese });
  });

  it('a plain link opens the session, else the product, else the producer', () => {
    expect(plainPath({ sessionId: 's1', productId: 'p1', title: 'x' })).toBe('/sessions/s1');
    expect(plainPath({ productId: 'p1', title: 'x' })).toBe('/products/p1');
    expect(plainPath({ producerId: 'f1', title: 'x' })).toBe('/producers/f1');
  });
});
