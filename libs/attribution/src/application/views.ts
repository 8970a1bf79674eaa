import type { AttributionChannel, AttributionRule } from '../domain';

/** The immutable attribution of one order line, as stored when the order was placed. */
export interface AttributionRecordView {
  orderLineId: string;
  orderId: string;
  buyerUserId: string;
  producerId: string;
  productId: string;
  quantity: number;
  amountVnd: number;
  /** 1 on the line that counts its order, 0 on the others. */
  countsOrder: 0 | 1;
  channel: AttributionChannel;
  rule: AttributionRule;
  sessionId: string | null;
  hostUserId: string | null;
  /** The referral code that earned the credit (channel code). */
  referralCode: string | null;
  /** The share link that earned the credit (channel link). */
  shareCode: string | null;
  branchId: string | null;
  /** Root first, the credited branch last, as the tree stood at the time of sale. */
  branchPath: string[];
  placedAt: string;
  attributedAt: string;
}

export interface ReferralCodeView {
  code: string;
}

export interface ShareLinkView {
  code: string;
  /** The browser app's path for the link: /s/<code>. */
  url: string;
  sessionId: string | null;
  productId: string | null;
  createdAt: string;
}

/** What anyone who opens a share link sees about it. */
export interface SharedLinkView {
  code: string;
  streamerFirstName: string;
  sessionId: string | null;
  productId: string | null;
}
