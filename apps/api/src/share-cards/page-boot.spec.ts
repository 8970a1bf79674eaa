import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BOOT_CHAT_LINES,
  BOOT_ELEMENT_ID,
  BOOT_VIEW_ID,
  injectBoot,
  roomView,
  scriptJson,
  WebManifest,
} from './page-boot';

// The first answers and preloads the api writes into the web app's shell (home and the session page).

const SHELL =
  '<!doctype html><html lang="vi"><head><meta charset="UTF-8" /><title>OCOP Live</title>' +
  '<script type="module" crossorigin src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>';

function buildDir(manifest: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-boot-'));
  fs.mkdirSync(path.join(dir, '.vite'));
  fs.writeFileSync(path.join(dir, '.vite', 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

const MANIFEST = {
  'index.html': { file: 'assets/index-abc.js', isEntry: true, imports: ['_shared-1.js'] },
  '_shared-1.js': { file: 'assets/shared-1.js' },
  '_ui-2.js': { file: 'assets/ui-2.js', imports: ['_shared-1.js'], css: ['assets/ui-2.css'] },
  'src/pages/shop/SessionPage.tsx': {
    file: 'assets/SessionPage-x.js',
    isDynamicEntry: true,
    imports: ['index.html', '_ui-2.js'],
    dynamicImports: ['src/pages/shop/CheckoutSheet.tsx'],
    css: ['assets/SessionPage-x.css'],
  },
  'src/pages/shop/CheckoutSheet.tsx': { file: 'assets/CheckoutSheet-y.js', isDynamicEntry: true },
  'src/i18n/messages/vi/room.json': { file: 'assets/room-z.js', isDynamicEntry: true },
};

describe('scriptJson', () => {
  it('keeps any text from ending or bending the <script> element, and parses back to the same value', () => {
    const hostile = {
      text: '</script><script>alert(1)</script><!-- & \u2028\u2029 "quoted" \'single\'',
      nested: [{ name: 'Gốm </SCRIPT > Bát Tràng' }],
    };
    const json = scriptJson(hostile);
    expect(json).not.toMatch(/[<>\u2028\u2029]/);
    expect(json.toLowerCase()).not.toContain('</script');
    expect(JSON.parse(json)).toEqual(hostile);
  });
});

describe('WebManifest', () => {
  it("lists a module's chunk, its static imports (not the dynamic ones) and their stylesheets, once each", () => {
    const manifest = new WebManifest(buildDir(MANIFEST));
    const files = manifest.files(['src/pages/shop/SessionPage.tsx', 'src/i18n/messages/vi/room.json']);
    expect(files.scripts.sort()).toEqual(
      [
        'assets/SessionPage-x.js',
        'assets/index-abc.js',
        'assets/shared-1.js',
        'assets/ui-2.js',
        'assets/room-z.js',
      ].sort(),
    );
    expect(files.styles.sort()).toEqual(['assets/SessionPage-x.css', 'assets/ui-2.css']);
    expect(manifest.files(['src/unknown.tsx'])).toEqual({ scripts: [], styles: [] });
  });

  it('reads a new build (the manifest changed) and finds nothing without a build', () => {
    const dir = buildDir(MANIFEST);
    const manifest = new WebManifest(dir);
    expect(manifest.files(['src/i18n/messages/vi/room.json']).scripts).toEqual(['assets/room-z.js']);
    const file = path.join(dir, '.vite', 'manifest.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ 'src/i18n/messages/vi/room.json': { file: 'assets/room-new.js' } }),
    );
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    expect(manifest.files(['src/i18n/messages/vi/room.json']).scripts).toEqual(['assets/room-new.js']);
    expect(new WebManifest(path.join(dir, 'none')).files(['index.html'])).toEqual({
      scripts: [],
      styles: [],
    });
  });
});

describe('injectBoot', () => {
  const manifest = new WebManifest(buildDir(MANIFEST));

  it('puts the answers, the preloads (not those the shell names) and the picture first into the head', () => {
    const html = injectBoot(
      SHELL,
      {
        answers: { '/api/sessions/1': { title: 'a </script> b' } },
        modules: ['src/pages/shop/SessionPage.tsx'],
        image: '/media/live/1/thumb.jpg?v="2"',
      },
      manifest,
    );
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain(
      '<link rel="preload" as="image" href="/media/live/1/thumb.jpg?v=&quot;2&quot;" fetchpriority="high" />',
    );
    expect(head).toContain('<link rel="modulepreload" crossorigin href="/assets/SessionPage-x.js" />');
    expect(head).toContain('<link rel="modulepreload" crossorigin href="/assets/ui-2.js" />');
    expect(head).toContain('<link rel="preload" as="style" crossorigin href="/assets/SessionPage-x.css" />');
    // The entry is already the shell's own script.
    expect(head).not.toContain('modulepreload" crossorigin href="/assets/index-abc.js"');
    const boot = new RegExp(`<script type="application/json" id="${BOOT_ELEMENT_ID}">([^<]*)</script>`).exec(
      head,
    );
    expect(JSON.parse(boot![1]!)).toEqual({ '/api/sessions/1': { title: 'a </script> b' } });
    // The body is untouched.
    expect(html.slice(html.indexOf('</head>'))).toBe(SHELL.slice(SHELL.indexOf('</head>')));
  });

  it('leaves a shell without a head as it is', () => {
    expect(injectBoot('<p>plain</p>', { answers: {}, modules: [] }, manifest)).toBe('<p>plain</p>');
  });
});

describe('roomView', () => {
  it("draws the poster and the chat's latest lines, newest last, every text escaped, hidden from assistive technology", () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({
      displayName: `Khách ${i + 1}`,
      text: `Câu ${i + 1}`,
    }));
    lines.push({ displayName: '<b>Lan</b>', text: '</li></ol><script>alert(1)</script>' });
    const html = roomView({ poster: '/media/1/thumb.jpg?a=1&b="2"', title: 'Gốm "Bát Tràng"', lines });
    expect(html.startsWith(`<div id="${BOOT_VIEW_ID}" class="room room-live" aria-hidden="true"`)).toBe(true);
    expect(html).toContain(
      '<img class="player-video" src="/media/1/thumb.jpg?a=1&amp;b=&quot;2&quot;" alt=""',
    );
    const drawn = [
      ...html.matchAll(/<li class="chat-line chat-message" data-testid="chat-message">(.*?)<\/li>/g),
    ];
    expect(drawn).toHaveLength(BOOT_CHAT_LINES);
    expect(drawn[0]![1]).toBe('<strong>Khách 12</strong> <span>Câu 12</span>');
    expect(drawn.at(-1)![1]).toBe(
      '<strong>&lt;b&gt;Lan&lt;/b&gt;</strong> <span>&lt;/li&gt;&lt;/ol&gt;&lt;script&gt;alert(1)&lt;/script&gt;</span>',
    );
    expect(html).not.toContain('<script>');
    // No inline style: the api's Content-Security-Policy (style-src 'self') would refuse it.
    expect(html).not.toContain('style=');
  });

  it('goes at the end of the body, with the styles it is drawn in blocking the first paint', () => {
    const manifest = new WebManifest(buildDir(MANIFEST));
    const view = roomView({ title: 'x', lines: [{ displayName: 'A', text: 'b' }] });
    const html = injectBoot(
      SHELL,
      { answers: {}, modules: ['src/pages/shop/SessionPage.tsx'], view },
      manifest,
    );
    expect(html).toContain(`${view}\n  </body>`);
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/SessionPage-x.css" />');
    // Only the page's own: its imports' styles do not hold the first paint back.
    expect(html).toContain('<link rel="preload" as="style" crossorigin href="/assets/ui-2.css" />');
    const without = injectBoot(SHELL, { answers: {}, modules: ['src/pages/shop/SessionPage.tsx'] }, manifest);
    expect(without).toContain(
      '<link rel="preload" as="style" crossorigin href="/assets/SessionPage-x.css" />',
    );
    expect(without).not.toContain(BOOT_VIEW_ID);
  });
});
