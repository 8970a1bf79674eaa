import react from '@vitejs/plugin-react-swc';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { compressDir } from '../../scripts/web-compress.mjs';
import { pwa } from './pwa/pwa-plugin.mts';

// The browser app. `npm run build` writes it to dist/web, which the api serves at `/`. `npm run web:dev` runs
// Vite's dev server with hot reload and forwards the api's paths (REST, socket.io, health) to a running api.
const outDir = path.resolve(import.meta.dirname, '../../dist/web');

/** After the build: a brotli and a gzip copy of every compressible file, served by the api (scripts/web-compress.mjs). */
function precompress(): Plugin {
  return {
    name: 'ocop-precompress',
    apply: 'build',
    closeBundle() {
      compressDir(outDir);
    },
  };
}

/**
 * Asks the browser for the first render's messages (Vietnamese `common` and `shop`, see i18n/load-messages.ts) with
 * the entry's own files, instead of after the entry has run: one round trip less before the first page paints.
 */
function preloadFirstMessages(): Plugin {
  const FIRST = ['/i18n/messages/vi/common.json', '/i18n/messages/vi/shop.json'];
  return {
    name: 'ocop-preload-first-messages',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.values(ctx.bundle ?? {})
          .filter(
            (chunk) => chunk.type === 'chunk' && FIRST.some((end) => chunk.facadeModuleId?.endsWith(end)),
          )
          .map((chunk) => chunk.fileName);
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

const apiTarget = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    react(),
    preloadFirstMessages(),
    pwa({ workerSource: path.resolve(import.meta.dirname, 'pwa/sw.js') }),
    precompress(),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/health': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, ws: true, changeOrigin: true },
    },
  },
});
