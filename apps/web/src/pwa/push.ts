import { api, unwrap } from '../api/client';

// Web Push for this browser, loaded only when the user asks for notifications (a tap: browsers require a gesture
// before asking for the permission).

export type PushState = 'unsupported' | 'off' | 'denied' | 'default' | 'enabled';

function supported(): boolean {
  return (
    typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window &&
    window.isSecureContext
  );
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const padded = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4))
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  const raw = atob(padded);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** Whether asking makes sense now: the browser can, the server sends pushes, and the user has not decided. */
export async function pushState(): Promise<PushState> {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const key = unwrap(await api.GET('/api/push/key'));
  if (!key.enabled) return 'off';
  if (Notification.permission === 'granted') {
    const registration = await navigator.serviceWorker.getRegistration('/');
    if (registration && (await registration.pushManager.getSubscription())) return 'enabled';
  }
  return 'default';
}

/** Asks for the permission (call from a tap), subscribes this browser and stores the subscription for the user. */
export async function enablePush(locale: 'vi' | 'en'): Promise<PushState> {
  if (!supported()) return 'unsupported';
  const key = unwrap(await api.GET('/api/push/key'));
  if (!key.enabled || !key.publicKey) return 'off';
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission === 'denied' ? 'denied' : 'default';
  const registration = await navigator.serviceWorker.register('/sw.js');
  await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(key.publicKey),
    }));
  const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
  unwrap(
    await api.POST('/api/push/subscriptions', {
      body: { endpoint: json.endpoint, keys: json.keys, locale },
    }),
  );
  return 'enabled';
}
