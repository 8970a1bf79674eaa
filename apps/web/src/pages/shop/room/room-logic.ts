import type { ChatMessage, Deal, OrderConfirmed, PinnedProduct } from '../../../realtime/contract';

/** One line of the room's chat: a viewer's message, or a system line the room writes ("X just bought ..."). */
export type ChatEntry =
  | { kind: 'message'; at: number; key: string; message: ChatMessage }
  | { kind: 'purchase'; at: number; key: string; announcement: OrderConfirmed & { at: string } };

/** How many chat lines the room keeps on screen over the video; older lines fade out above them. */
export const CHAT_WINDOW = 30;

/**
 * The chat as the room shows it over the video: messages and purchase lines merged by time, oldest first (the
 * newest at the bottom), only the last `limit` kept (the viewer scrolls up in the full log on a desktop).
 */
export function chatWindow(
  messages: readonly ChatMessage[],
  announcements: readonly (OrderConfirmed & { at: string })[],
  limit = CHAT_WINDOW,
): ChatEntry[] {
  const entries: ChatEntry[] = [
    ...messages.map((message) => ({
      kind: 'message' as const,
      at: Date.parse(message.createdAt),
      key: `m-${message.id}`,
      message,
    })),
    ...announcements.map((announcement, index) => ({
      kind: 'purchase' as const,
      at: Date.parse(announcement.at),
      key: `p-${announcement.orderId}-${index}`,
      announcement,
    })),
  ];
  // A stable sort: entries of the same millisecond keep their arrival order.
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at - b.entry.at || a.index - b.index)
    .slice(-Math.max(0, limit))
    .map(({ entry }) => entry);
}

/** The product the host shows now: the one pinned last. */
export function nowShowing<T extends { productId: string; pinnedAt: string }>(
  pins: readonly T[],
): T | undefined {
  let latest: T | undefined;
  for (const pin of pins) {
    if (!latest || Date.parse(pin.pinnedAt) > Date.parse(latest.pinnedAt)) latest = pin;
  }
  return latest;
}

/** A lineup product as the bag lists it. */
export interface LineupItem {
  productId: string;
  name: string;
  priceVnd: number;
  stock: number;
  sellable: boolean;
}

export interface BagRow<T extends LineupItem = LineupItem> {
  /** 1, 2, ... in the order the host set the lineup (#1 is presented first). */
  number: number;
  product: T;
  /** Units left now: the deal's remaining units during a flash deal, else the live stock. */
  left: number;
  /** The flash deal running on it now, if any. */
  deal: Deal | undefined;
  /** The host is showing it right now ("Đang giới thiệu"). */
  showing: boolean;
  pinned: boolean;
}

/** The bag's rows: the lineup numbered in host order, with live stock, the open deal and what is shown now. */
export function bagRows<T extends LineupItem>(
  lineup: readonly T[],
  pins: readonly PinnedProduct[],
  deals: readonly Deal[],
  stock: Readonly<Record<string, number>>,
  now: number,
): BagRow<T>[] {
  const showing = nowShowing(pins)?.productId;
  const pinned = new Set(pins.map((p) => p.productId));
  return lineup.map((product, index) => {
    const deal = deals.find(
      (d) => d.productId === product.productId && d.state === 'open' && Date.parse(d.endsAt) > now,
    );
    return {
      number: index + 1,
      product,
      left: deal ? deal.remaining : (stock[product.productId] ?? product.stock),
      deal,
      showing: product.productId === showing,
      pinned: pinned.has(product.productId),
    };
  });
}

export interface Countdown {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  /** The moment has come (or passed). */
  done: boolean;
}

/** Time left until `iso`, split for a countdown ("2 ngày 03:04:05"). */
export function countdownTo(iso: string, now: number): Countdown {
  const total = Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
    done: total === 0,
  };
}

/** "03:04:05" for the hours, minutes and seconds of a countdown (days are said in words). */
export function clock(c: Countdown): string {
  return [c.hours, c.minutes, c.seconds].map((n) => String(n).padStart(2, '0')).join(':');
}

/** "1,2K" style short counts for the top bar (Vietnamese uses a comma). */
export function shortCount(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en' : 'vi-VN', {
    notation: value >= 10_000 ? 'compact' : 'standard',
    maximumFractionDigits: 1,
  }).format(value);
}

/** The initials shown in a host's round avatar: "Nguyễn Thị Hoa" -> "NH". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0]!.charAt(0);
  const last = words.length > 1 ? words[words.length - 1]!.charAt(0) : '';
  return (first + last).toUpperCase();
}
