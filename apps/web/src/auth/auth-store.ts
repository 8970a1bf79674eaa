import type { components } from '../api/openapi';

type TokenPair = components['schemas']['TokenPairResponse'];

const KEY = 'ocop.auth';

interface Stored {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
}

type Listener = () => void;

/**
 * The signed-in user's tokens, kept in localStorage so that a reload or a second tab stays signed in. Refresh
 * tokens rotate on every use: concurrent refreshes share one request, and another tab's refresh is picked up
 * from the storage event.
 */
class AuthStore {
  private listeners = new Set<Listener>();
  private refreshing: Promise<string | undefined> | undefined;

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (event) => {
        if (event.key === KEY) this.notify();
      });
    }
  }

  private read(): Stored | undefined {
    try {
      const raw = localStorage.getItem(KEY);
      return raw ? (JSON.parse(raw) as Stored) : undefined;
    } catch {
      return undefined;
    }
  }

  accessToken(): string | undefined {
    return this.read()?.accessToken;
  }

  refreshToken(): string | undefined {
    return this.read()?.refreshToken;
  }

  isSignedIn(): boolean {
    return this.read() !== undefined;
  }

  save(pair: TokenPair): void {
    const stored: Stored = {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      expiresAt: Date.now() + pair.expiresIn * 1000,
    };
    localStorage.setItem(KEY, JSON.stringify(stored));
    this.notify();
  }

  clear(): void {
    localStorage.removeItem(KEY);
    this.notify();
  }

  /** Exchanges the refresh token for a new pair; signs out when the api refuses it. */
  refresh(): Promise<string | undefined> {
    this.refreshing ??= (async () => {
      const refreshToken = this.refreshToken();
      if (!refreshToken) return undefined;
      try {
        const response = await fetch('/api/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken }),
        });
        if (!response.ok) {
          // Another tab may have rotated the token meanwhile: keep its newer pair.
          if (this.refreshToken() === refreshToken) this.clear();
          return this.accessToken();
        }
        const pair = (await response.json()) as TokenPair;
        this.save(pair);
        return pair.accessToken;
      } catch {
        return undefined;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

export const authStore = new AuthStore();
