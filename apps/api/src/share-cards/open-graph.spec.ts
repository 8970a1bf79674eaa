import { previewImage } from './share-cards.service';
import { clip, escapeHtml, formatVietnamTime, formatVnd, injectCard, ShareCard } from './open-graph';

const SHELL =
  '<!doctype html><html lang="vi"><head><meta charset="UTF-8" />' +
  '<meta name="description" content="OCOP Live: xem livestream" /><title>OCOP Live</title>' +
  '<script type="module" src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>';

const card = (overrides: Partial<ShareCard> = {}): ShareCard => ({
  title: 'Gốm Bát Tràng',
  description: '150.000 ₫ · OCOP 4 sao',
  url: 'https://ocop.example.vn/products/1',
  type: 'product',
  image: { url: 'https://ocop.example.vn/files/a.jpg', width: 1440, height: 1440, alt: 'Gốm Bát Tràng' },
  ...overrides,
});

describe('link previews', () => {
  it('escapes every character that could leave an attribute or open a tag', () => {
    expect(escapeHtml(`"/><script>alert('x')</script>&\``)).toBe(
      '&quot;/&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#96;',
    );
  });

  it('puts the card in the head once: its own title and description replace the shell ones', () => {
    const html = injectCard(SHELL, card());
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html).toContain('<title>Gốm Bát Tràng | OCOP Live</title>');
    expect(html.match(/name="description"/g)).toHaveLength(1);
    expect(html).toContain('<meta property="og:title" content="Gốm Bát Tràng" />');
    expect(html).toContain('<meta property="og:image:width" content="1440" />');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image" />');
    expect(html.indexOf('og:title')).toBeLessThan(html.indexOf('</head>'));
    expect(html.indexOf('<script type="module" src="/assets/index-abc.js"></script>')).toBeLessThan(
      html.indexOf('</head>'),
    );
  });

  it('a hostile title stays text: no new element, no broken attribute', () => {
    const hostile = `Gốm"><script>alert(1)</script><meta property="og:title" content="x`;
    const html = injectCard(
      SHELL,
      card({ title: hostile, description: `</title><img src=x onerror=alert(1)>` }),
    );
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html.match(/property="og:title"/g)).toHaveLength(1);
    expect(html).toContain('content="Gốm&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('without a picture the card is a summary with no image tags', () => {
    const html = injectCard(SHELL, card({ image: null }));
    expect(html).toContain('<meta name="twitter:card" content="summary" />');
    expect(html).not.toContain('og:image');
  });

  it('leaves a shell without a head as it was', () => {
    expect(injectCard('<p>no head</p>', card())).toBe('<p>no head</p>');
  });

  it('formats prices in đồng and times in Vietnam, and clips long text at a word', () => {
    expect(formatVnd(150000)).toBe('150.000 ₫');
    expect(formatVietnamTime('2026-12-12T12:30:00Z')).toBe('19:30, 12/12/2026');
    expect(clip('một hai ba bốn năm sáu', 12)).toBe('một hai ba…');
    expect(clip('  ngắn\n gọn ', 50)).toBe('ngắn gọn');
  });

  it('previews with the JPEG rendition nearest 1200 px, as an absolute URL with its drawn size', () => {
    const image = {
      id: 'a',
      width: 2000,
      height: 1000,
      placeholder: 'data:',
      src: '/files/p/480.jpg',
      srcset: {
        avif: '',
        webp: '',
        jpeg: '/files/p/160.jpg 160w, /files/p/480.jpg 480w, /files/p/960.jpg 960w, /files/p/1440.jpg 1440w',
      },
    };
    expect(previewImage(image, 'https://ocop.example.vn', 'Gốm')).toEqual({
      url: 'https://ocop.example.vn/files/p/960.jpg',
      width: 960,
      height: 480,
      alt: 'Gốm',
    });
    const cdn = { ...image, srcset: { ...image.srcset, jpeg: 'https://img.example/x/1440.jpg 1440w' } };
    expect(previewImage(cdn, 'https://ocop.example.vn', 'Gốm').url).toBe('https://img.example/x/1440.jpg');
  });
});
