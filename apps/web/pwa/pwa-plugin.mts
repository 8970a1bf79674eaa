import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

// The installable app: after `vite build` writes dist/web, this writes beside it
// - manifest.webmanifest (name, icons, theme colour, start_url, standalone display),
// - icons/*.png drawn from the app's SVG mark with sharp (192 and 512 px, a maskable 512 px, a 96 px badge),
// - sw.js: the service worker (pwa/sw.js) headed by its precache list, read from Vite's manifest.

const THEME = '#0b6e4f';

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  isEntry?: boolean;
}

/** The entry's scripts and styles and everything it imports statically: what the first paint of any page needs. */
export function shellFiles(manifest: Record<string, ManifestChunk>): string[] {
  const files = new Set<string>();
  const visit = (key: string, seen: Set<string>) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const next of chunk.imports ?? []) visit(next, seen);
  };
  const seen = new Set<string>();
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key, seen);
  return [...files].sort();
}

const MARK = (size: number, inset: number) => {
  // The favicon's mark (a play triangle in a green disc), drawn at `size`, the disc inset for maskable safety.
  const r = size / 2 - inset;
  const c = size / 2;
  const s = r / 15;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  ${inset > 0 ? `<rect width="${size}" height="${size}" fill="${THEME}"/>` : ''}
  <circle cx="${c}" cy="${c}" r="${r}" fill="${THEME}"/>
  <path d="M${c - 4 * s} ${c - 7 * s}l${12 * s} ${7 * s}-${12 * s} ${7 * s}z" fill="#fff"/>
</svg>`;
};

const BADGE = (size: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32"><path d="M11 7l14 9-14 9z" fill="#fff"/></svg>`;

export function pwa(options: { workerSource: string }): Plugin {
  let outDir = '';
  return {
    name: 'ocop-pwa',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const { default: sharp } = await import('sharp');
      const icons = path.join(outDir, 'icons');
      fs.mkdirSync(icons, { recursive: true });
      const png = (svg: string, file: string) => sharp(Buffer.from(svg)).png().toFile(path.join(icons, file));
      await Promise.all([
        png(MARK(192, 0), 'icon-192.png'),
        png(MARK(512, 0), 'icon-512.png'),
        png(MARK(512, 72), 'maskable-512.png'),
        png(BADGE(96), 'badge-96.png'),
      ]);

      const webManifest = {
        id: '/',
        name: 'OCOP Live',
        short_name: 'OCOP Live',
        description: 'Xem livestream, trò chuyện và mua sản phẩm OCOP',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: THEME,
        background_color: '#f6f7f8',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      };
      fs.writeFileSync(
        path.join(outDir, 'manifest.webmanifest'),
        `${JSON.stringify(webManifest, null, 2)}\n`,
      );

      const manifest = JSON.parse(
        fs.readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8'),
      ) as Record<string, ManifestChunk>;
      const precache = [
        '/index.html',
        '/manifest.webmanifest',
        '/icons/icon-192.png',
        ...shellFiles(manifest).map((f) => `/${f}`),
      ];
      const version = crypto.createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
      const worker = fs.readFileSync(options.workerSource, 'utf8');
      fs.writeFileSync(
        path.join(outDir, 'sw.js'),
        `const PRECACHE = ${JSON.stringify(precache)};\nconst VERSION = '${version}';\n${worker}`,
      );
    },
  };
}
