import type { components } from '../api/openapi';

type AccessToken = components['schemas']['AccessTokenResponse'];

/** The readable anti-forgery cookie the api sets beside its httpOnly refresh cookie (never the refresh token). */
const CSRF_COOKIE = 'ocop_csrf';
const CSRF_HEADER = 'X-CSRF-Token';
/** Tabs tell each other when the user signs in or out. */
const CHANNEL = 'ocop.auth';
/** One refresh at a time across the tabs of this browser: refresh tokens are single-use. */
const REFRESH_LOCK = 'ocop.auth.refresh';

/** Where earlier versions of the app kept the tokens. */
const LEGACY_STORAGE_KEY = 'ocop.auth';

type Listener = () => void;
type TabMessage = { kind: 'signed-in' } | { kind: 'signed-out' };

function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Runs `work` holding the browser-wide refresh lock where the browser has Web Locks (secure contexts). */
function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request(REFRESH_LOCK, work) as Promise<T>) : work();
}

/**
 * The signed-in user's access token, in memory only: no script can read a session out of storage. The session
 * itself is the api's httpOnly refresh cookie; a reload (or another tab) gets its own access token by refreshing,
 * proving with the readable anti-forgery cookie that the request comes from the app. Refreshes are serialized
 * across tabs (a refresh token is single-use: two tabs spending the same one would sign both out), and tabs tell
 * each other when the user signs in or out.
 */
class AuthStore {
  private listeners = new Set<Listener>();
  private token: string | undefined;
  private refreshing: Promise<string | undefined> | undefined;
  /** The refresh a reload starts when a session cookie is there; requests wait for it. */
  private booting: Promise<unknown> | undefined;
  private readonly channel: BroadcastChannel | undefined;

  constructor() {
    // Versions before the session cookie kept both tokens in localStorage: take them out of reach of scripts.
    if (typeof localStorage !== 'undefined') localStorage.removeItem(LEGACY_STORAGE_KEY);
    this.channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL) : undefined;
    if (this.channel) this.channel.onmessage = (event: MessageEvent<TabMessage>) => this.heard(event.data);
    if (this.hasSession()) {
      this.booting = this.refresh().finally(() => {
        this.booting = undefined;
        this.notify();
      });
    }
  }

  /** The access token, if this tab holds one. */
  accessToken(): string | undefined {
    return this.token;
  }

  /** Resolves once the session of a reload has been resumed (or found gone). */
  async ready(): Promise<void> {
    await this.booting;
  }

  /** Signed in, or resuming a session after a reload. */
  isSignedIn(): boolean {
    return this.token !== undefined || this.booting !== undefined;
  }

  /** After sign-in or registration: the api set the session cookies; the access token stays in this tab. */
  save(answer: AccessToken): void {
    this.token = answer.accessToken;
    this.notify();
    this.tell({ kind: 'signed-in' });
  }

  /** Ends the session on the api (cookies cleared there) and forgets it in every tab. */
  async signOut(): Promise<void> {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) {
      await fetch('/api/auth/sign-out', { method: 'POST', headers: { [CSRF_HEADER]: csrf } }).catch(() => undefined);
    }
    this.forget();
    this.tell({ kind: 'signed-out' });
  }

  /** Gets a new access token with the session cookie; forgets the session when the api refuses it. */
  refresh(): Promise<string | undefined> {
    this.refreshing ??= withRefreshLock(async () => {
      // Read under the lock: another tab may have just rotated the session (and so the proof).
      const csrf = readCookie(CSRF_COOKIE);
      if (!csrf) {
        this.forget();
        return undefined;
      }
      try {
        const response = await fetch('/api/auth/refresh', { method: 'POST', headers: { [CSRF_HEADER]: csrf } });
        if (!response.ok) {
          // 401: the session is over (signed out, revoked, expired); the api cleared its cookies.
          if (response.status === 401 || response.status === 403) this.forget();
          return this.token;
        }
        const answer = (await response.json()) as AccessToken;
        this.token = answer.accessToken;
        this.notify();
        return this.token;
      } catch {
        return undefined;
      }
    }).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private hasSession(): boolean {
    return readCookie(CSRF_COOKIE) !== undefined;
  }

  private forget(): void {
    if (this.token === undefined) return;
    this.token = undefined;
    this.notify();
  }

  private heard(message: TabMessage): void {
    if (message.kind === 'signed-out') this.forget();
    // Another tab signed in (maybe as someone else): this tab takes the new session too.
    else void this.refresh();
  }

  private tell(message: TabMessage): void {
    this.channel?.postMessage(message);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

export const authStore = new AuthStore();
