/* global self, caches, Response, PRECACHE, VERSION */
// OCOP Live's service worker, served at /sw.js from the built web root. The build (pwa-plugin.mts) writes the
// lines above this comment: PRECACHE (the shell: index.html, the entry's hashed scripts and styles, read from the
// Vite manifest) and VERSION (a hash of that list).
//
// - The shell is precached, so the app opens offline: a page navigation goes to the network first and falls back
//   to the cached index.html; hashed files under /assets are immutable, so they are served from the cache first.
// - /api, /socket.io, /files and /health are never cached: answers about orders, stock and sessions stay live.
// - Web Push: shows the notification the server sent (title, body, the path it opens) and opens that page on a tap,
//   focusing a tab of the app when one is open.

const SHELL_CACHE = `ocop-shell-${VERSION}`;
const ASSET_CACHE = `ocop-assets-${VERSION}`;
const SHELL = '/index.html';
const NEVER_CACHED = /^\/(api|socket\.io|files|health)(\/|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith('ocop-') && key !== SHELL_CACHE && key !== ASSET_CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NEVER_CACHED.test(url.pathname)) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() => caches.match(SHELL).then((cached) => cached || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/')) {
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              event.waitUntil(caches.open(ASSET_CACHE).then((cache) => cache.put(request, copy)));
            }
            return response;
          }),
      ),
    );
  }
});

/** Only paths of this app are opened from a notification. */
function appUrl(path) {
  try {
    const url = new URL(typeof path === 'string' ? path : '/', self.location.origin);
    return url.origin === self.location.origin ? url.href : self.location.origin + '/';
  } catch {
    return self.location.origin + '/';
  }
}

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const title = typeof data.title === 'string' && data.title ? data.title : 'OCOP Live';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === 'string' ? data.body : '',
      tag: typeof data.tag === 'string' ? data.tag : undefined,
      renotify: typeof data.tag === 'string',
      icon: '/icons/icon-192.png',
      badge: '/icons/badge-96.png',
      data: { url: appUrl(data.url) },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = appUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const same = windows.find((w) => w.url === target);
      if (same) return same.focus();
      const any = windows.find((w) => 'navigate' in w);
      if (any) return any.navigate(target).then((w) => (w ? w.focus() : self.clients.openWindow(target)));
      return self.clients.openWindow(target);
    }),
  );
});
