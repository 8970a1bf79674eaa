import type { ProductView } from '@ocop/catalogue';
import type { SessionStatus } from '../domain';
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
  scheduledStartAt: string;
  startedAt: string | null;
  endedAt: string | null;
  coverImageUrl: string | null;
  lineup: string[];
}

/** A pinned product as shown over the stream: what the e-commerce law expects to be visible, plus live stock. */
export interface PinnedProductCard {
  productId: string;
  name: string;
  priceVnd: number;
  stars: number;
  group: string;
  certificate: { decisionNumber: string; issuingBody: string; signedOn: string; expiresOn: string };
  stock: number;
  imageUrl: string | null;
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
  imageUrl: string | null;
  sellable: boolean;
  pinned: boolean;
}

export interface SessionDetail extends SessionView {
  lineupProducts: LineupCard[];
  pins: PinnedProductCard[];
  /** Viewers now (live sessions), from presence. */
  viewers: number;
  /** Kept when the session ends, for its summary. */
  peakViewers: number | null;
  uniqueViewers: number | null;
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

export function sessionView(s: SessionEntity, hostName: string, lineup: string[]): SessionView {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    status: s.status,
    hostUserId: s.hostUserId,
    hostName,
    branchId: s.branchId,
    branchPath: s.branchPath,
    scheduledStartAt: s.scheduledStartAt.toISOString(),
    startedAt: s.startedAt?.toISOString() ?? null,
    endedAt: s.endedAt?.toISOString() ?? null,
    coverImageUrl: s.coverImageUrl,
    lineup,
  };
}

export function pinnedCard(p: ProductView, pinnedAt: Date): PinnedProductCard {
  return {
    productId: p.id,
    name: p.name,
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
    imageUrl: p.images[0] ?? null,
    pinnedAt: pinnedAt.toISOString(),
  };
}

export function lineupCard(p: ProductView, pinned: boolean): LineupCard {
  return {
    productId: p.id,
    name: p.name,
    priceVnd: p.priceVnd,
    stars: p.certificate.stars,
    group: p.group,
    stock: p.stock,
    imageUrl: p.images[0] ?? null,
    sellable: p.sellable,
    pinned,
  };
}

export function notificationView(n: NotificationEntity): UserNotification {
  return {
    id: n.id,
    kind: n.kind,
    sessionId: n.sessionId,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
