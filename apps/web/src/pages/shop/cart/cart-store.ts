import { useSyncExternalStore } from 'react';
import type { ImageView } from '../../../ui/Picture';

/**
 * The shopper's cart, kept in this browser (localStorage), shared by every tab. Each line remembers where it was
 * added from (the live session or replay, and the share link the shopper followed) so that checking the cart out
 * later still credits that session and that share.
 */
export interface CartLine {
  productId: string;
  name: string;
  image?: ImageView | null;
  /** The price shown when it was added (the checkout prices it again; the server's figure is the authority). */
  priceVnd: number;
  quantity: number;
  /** The session page it was added from. */
  sessionId?: string;
  /** The share link the shopper followed to that session. */
  shareCode?: string;
  /** The flash deal it was added at, if any. */
  dealId?: string;
  addedAt: string;
}

export const CART_STORAGE_KEY = 'ocop.cart.v1';
export const MAX_CART_LINES = 20;
export const MAX_CART_QUANTITY = 99;

type Listener = () => void;
const listeners = new Set<Listener>();
let cache: { raw: string | null; lines: CartLine[] } | undefined;

function isLine(value: unknown): value is CartLine {
  const l = value as Partial<CartLine> | null;
  return (
    typeof l === 'object' &&
    l !== null &&
    typeof l.productId === 'string' &&
    typeof l.name === 'string' &&
    typeof l.priceVnd === 'number' &&
    typeof l.quantity === 'number' &&
    Number.isInteger(l.quantity) &&
    l.quantity >= 1
  );
}

function readRaw(): string | null {
  try {
    return localStorage.getItem(CART_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The lines now (the same array while nothing changed, as useSyncExternalStore needs). */
export function cartLines(): CartLine[] {
  const raw = readRaw();
  if (cache && cache.raw === raw) return cache.lines;
  let lines: CartLine[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) lines = parsed.filter(isLine).slice(0, MAX_CART_LINES);
  } catch {
    lines = [];
  }
  cache = { raw, lines };
  return lines;
}

function write(lines: CartLine[]): void {
  const raw = JSON.stringify(lines);
  try {
    localStorage.setItem(CART_STORAGE_KEY, raw);
    cache = { raw, lines };
  } catch {
    // private mode or full storage: the cart lasts for this page only
    cache = { raw: readRaw(), lines };
  }
  for (const listener of listeners) listener();
}

/** Adds a product (or more of it: quantities add up, the latest session and share win). Whether it fitted. */
export function addToCart(line: Omit<CartLine, 'addedAt'>): boolean {
  const lines = cartLines();
  const existing = lines.find((l) => l.productId === line.productId);
  if (!existing && lines.length >= MAX_CART_LINES) return false;
  const next: CartLine = {
    ...line,
    quantity: Math.min(MAX_CART_QUANTITY, line.quantity + (existing?.quantity ?? 0)),
    addedAt: new Date().toISOString(),
  };
  write(existing ? lines.map((l) => (l.productId === line.productId ? next : l)) : [...lines, next]);
  return true;
}

export function setCartQuantity(productId: string, quantity: number): void {
  const q = Math.max(1, Math.min(MAX_CART_QUANTITY, Math.trunc(quantity)));
  write(cartLines().map((l) => (l.productId === productId ? { ...l, quantity: q } : l)));
}

export function removeFromCart(productIds: readonly string[]): void {
  write(cartLines().filter((l) => !productIds.includes(l.productId)));
}

export function clearCart(): void {
  write([]);
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  // Another tab changed the cart.
  const onStorage = (event: StorageEvent) => {
    if (event.key === CART_STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useCart(): CartLine[] {
  return useSyncExternalStore(subscribe, cartLines, () => []);
}

/** How many units the cart holds (the badge). */
export function useCartCount(): number {
  return useCart().reduce((n, l) => n + l.quantity, 0);
}

/** Lines that check out together: one checkout per (session, share link), as attribution is per checkout. */
export function checkoutGroups<L extends { sessionId?: string; shareCode?: string }>(
  lines: readonly L[],
): L[][] {
  const groups = new Map<string, L[]>();
  for (const line of lines) {
    const key = `${line.sessionId ?? ''}|${line.shareCode ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(line);
    else groups.set(key, [line]);
  }
  return [...groups.values()];
}
