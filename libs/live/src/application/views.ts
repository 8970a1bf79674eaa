import type { ImageView } from '@ocop/assets';
import type { ProductView } from '@ocop/catalogue';
import { dealSold, dealState, DealState, Playback, SessionRole, SessionStatus, StreamFrame } from '../domain';
import type { FlashDeal } from '../infrastructure/flash-deals.repository';
import type { NotificationEntity, NotificationKind } from '../infrastructure/notification.entity';
import type { SessionEntity } from '../infrastructure/session.entity';

export type { SessionRole } from '../domain';
export type { SessionStatus } from '../domain';

/** A session as every client and other context sees it. */
export interface SessionView {
  id: string;
  title: string;
  description: string;
  status: SessionStatus;
  hostUserId: string;
  hostName: string;
  branchId: string;
  branchPath: string[];
  /** The name of the host's branch (the one the session was scheduled under), shown with pride in the room. */
  branchName: string;
  scheduledStartAt: string;
  startedAt: string | null;
  endedAt: string | null;
  cover: ImageView | null;
  lineup: string[];
  /** How the web player shows the video: our HLS (live, then the replay), a linked stream, or null for none yet. */
  playback: Playback | null;
  /** The latest still frame of the live stream (every few seconds), for cards; null when not live or none yet. */
  thumbnail: StreamFrame | null;
  /** A frame of the replay, once the session has ended with a recording. */
  poster: StreamFrame | null;
}

/** A pinned product as shown over the stream: what the e-commerce law expects to be visible, plus live stock. */
export interface PinnedProductCard {
  productId: string;
  name: string;
  /** Who makes it: the seller the law expects to be identified during a stream. */
  producerId: string;
  producerName: string;
  priceVnd: number;
  stars: number;
  group: string;
  certificate: { decisionNumber: string; issuingBody: string; signedOn: string; expiresOn: string };
  stock: number;
  /** The product's cover photo. */
  image: ImageView | null;
  pinnedAt: string;
}

/** A lineup product on the session page. */
export interface LineupCard {
  productId: string;
  name: string;
  priceVnd: number;
  stars: number;
  group: string;
  stock: number;
  image: ImageView | null;
  sellable: boolean;
  pinned: boolean;
  /** The most units one buyer may take in this session ("max N per person"), or null for no limit. */
  perBuyerLimit: number | null;
}

/** A flash deal as the room sees it. */
export interface DealView {
  id: string;
  sessionId: string;
  productId: string;
  productName: string;
  priceVnd: number;
  listPriceVnd: number;
  /** Units carved out of the product's stock for the deal. */
  quantity: number;
  /** Units still on offer at the deal price (0 once it has ended: the rest went back to the product). */
  remaining: number;
  sold: number;
  perBuyerLimit: number;
  opensAt: string;
  endsAt: string;
  endedAt: string | null;
  state: DealState;
}

export interface SessionDetail extends SessionView {
  lineupProducts: LineupCard[];
  pins: PinnedProductCard[];
  /** Viewers now (live sessions), from presence. */
  viewers: number;
  /** Kept when the session ends, for its summary. */
  peakViewers: number | null;
  uniqueViewers: number | null;
  /** Co-hosts and moderators, in the order they were appointed. */
  staff: StaffView[];
  /** Another session of the same host that is live right now (a replay links to it), or null. */
  hostLiveSessionId: string | null;
}

/** The product a home card shows: the one pinned now while live, else the first of the lineup. */
export interface ShowingProduct {
  productId: string;
  name: string;
  priceVnd: number;
  image: ImageView | null;
  /** True when the host has it pinned right now. */
  pinned: boolean;
}

/** A session in the public list (home's feed): the session, its viewers now and the product it shows. */
export interface SessionListItem extends SessionView {
  /** Viewers now (live sessions; 0 otherwise), from presence. */
  viewers: number;
  showing: ShowingProduct | null;
}

/** A session in the studio's list, with the caller's part in it. */
export interface MySessionView extends SessionView {
  myRole: Exclude<SessionRole, 'viewer'>;
}

/** The stream settings only the host and co-hosts see. */
export interface StreamSettings {
  sessionId: string;
  /** The RTMP server for OBS ("Server"). */
  rtmpUrl: string;
  /** The secret stream key for OBS ("Stream Key"). */
  streamKey: string;
  /** Server and key in one URL, for phone apps that take a single address. */
  ingestUrl: string;
  /** The WebSocket the studio's browser camera streams to (with the host's access token). */
  browserIngestUrl: string;
  keyCreatedAt: string;
  /** A publisher is on air right now. */
  publishing: boolean;
}

/** A pin or unpin as it happened during the session (a replay shows the pins at each moment of the video). */
export interface PinEvent {
  productId: string;
  kind: 'pin' | 'unpin';
  at: string;
}

/** A place in a replay where the host showed a product (seconds from the recording's first segment). */
export interface ReplayChapter {
  productId: string;
  name: string;
  image: ImageView | null;
  offsetSeconds: number;
}

export interface ReplayChapters {
  sessionId: string;
  /** Wall time of the recording's first segment (video time 0); null when there is no recording to jump in. */
  recordingStartedAt: string | null;
  /** In video order. */
  chapters: ReplayChapter[];
}

export interface StaffView {
  userId: string;
  displayName: string;
  role: 'cohost' | 'moderator';
  appointedAt: string;
}

export interface UserNotification {
  id: string;
  kind: NotificationKind;
  sessionId: string | null;
  /** The order an `order_status` notification is about. */
  orderId: string | null;
  /** The status the order moved to (`order_status`). */
  orderStatus: string | null;
  /** The session's title and its host's name (session kinds), so the app words the item in its own language. */
  sessionTitle: string | null;
  hostName: string | null;
  /** Stored text in Vietnamese (the platform's language), kept as the fallback wording. */
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface ReminderView {
  sessionId: string;
  reminded: boolean;
  remindAt: string;
}

export function sessionView(
  s: SessionEntity,
  hostName: string,
  lineup: string[],
  playback: Playback | null,
  cover: ImageView | null,
  frames: { thumbnail: StreamFrame | null; poster: StreamFrame | null },
  branchName = '',
): SessionView {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    status: s.status,
    hostUserId: s.hostUserId,
    hostName,
    branchId: s.branchId,
    branchPath: s.branchPath,
    branchName,
    scheduledStartAt: s.scheduledStartAt.toISOString(),
    startedAt: s.startedAt?.toISOString() ?? null,
    endedAt: s.endedAt?.toISOString() ?? null,
    cover,
    lineup,
    playback,
    thumbnail: frames.thumbnail,
    poster: frames.poster,
  };
}

export function pinnedCard(p: ProductView, pinnedAt: Date): PinnedProductCard {
  return {
    productId: p.id,
    name: p.name,
    producerId: p.producerId,
    producerName: p.producer.name,
    priceVnd: p.priceVnd,
    stars: p.certificate.stars,
    group: p.group,
    certificate: {
      decisionNumber: p.certificate.decisionNumber,
      issuingBody: p.certificate.issuingBody,
      signedOn: p.certificate.signedOn,
      expiresOn: p.certificate.expiresOn,
    },
    stock: p.stock,
    image: p.photos[0] ?? null,
    pinnedAt: pinnedAt.toISOString(),
  };
}

export function lineupCard(p: ProductView, pinned: boolean, perBuyerLimit: number | null): LineupCard {
  return {
    productId: p.id,
    name: p.name,
    priceVnd: p.priceVnd,
    stars: p.certificate.stars,
    group: p.group,
    stock: p.stock,
    image: p.photos[0] ?? null,
    sellable: p.sellable,
    pinned,
    perBuyerLimit,
  };
}

export function dealView(d: FlashDeal, now: Date): DealView {
  return {
    id: d.id,
    sessionId: d.sessionId,
    productId: d.productId,
    productName: d.productName,
    priceVnd: d.priceVnd,
    listPriceVnd: d.listPriceVnd,
    quantity: d.quantity,
    remaining: d.remaining,
    sold: dealSold(d),
    perBuyerLimit: d.perBuyerLimit,
    opensAt: d.opensAt.toISOString(),
    endsAt: d.endsAt.toISOString(),
    endedAt: d.endedAt?.toISOString() ?? null,
    state: dealState(d, now),
  };
}

export function notificationView(
  n: NotificationEntity,
  subject?: { sessionTitle: string; hostName: string } | null,
): UserNotification {
  return {
    id: n.id,
    kind: n.kind,
    sessionId: n.sessionId,
    orderId: n.orderId ?? null,
    orderStatus: n.orderStatus ?? null,
    sessionTitle: subject?.sessionTitle ?? null,
    hostName: subject?.hostName ?? null,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
