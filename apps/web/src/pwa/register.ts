// The service worker (offline shell, Web Push) is registered once the page has loaded, never before first paint.
// Only the built app has one: the Vite dev server serves no /sw.js.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // No worker (an old browser, a private window): the app works without it.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
