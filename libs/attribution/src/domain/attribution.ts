import { AttributionError } from './attribution.errors';

export const ATTRIBUTION_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export const ATTRIBUTION_CHANNELS = ['code', 'live', 'replay', 'link', 'none'] as const;
export type AttributionChannel = (typeof ATTRIBUTION_CHANNELS)[number];

/** Stable names of the rules; stored with every record, so never rename one. */
export const ATTRIBUTION_RULES = {
  code: 'referral_code_at_checkout',
  live: 'purchase_in_live_room',
  replay: 'purchase_from_replay_within_7_days',
  link: 'share_link_within_7_days',
  none: 'no_attribution',
} as const satisfies Record<AttributionChannel, string>;
export type AttributionRule = (typeof ATTRIBUTION_RULES)[AttributionChannel];

/** A streamer's branch at the moment of sale: the branch and its path from the root (the branch last). */
export interface BranchAtSale {
  branchId: string;
  branchPath: readonly string[];
}

/** A referral code typed at checkout, already resolved to its streamer and their branch now. */
export interface ReferralInput extends BranchAtSale {
  code: string;
  streamerUserId: string;
}

/** The session page the purchase was made from. */
export interface SessionContext extends BranchAtSale {
  sessionId: string;
  hostUserId: string;
  status: 'scheduled' | 'live' | 'ended' | 'cancelled';
  endedAt?: Date | null;
}

export interface ReplayContext extends BranchAtSale {
  sessionId: string;
  hostUserId: string;
  endedAt: Date;
}

export interface ShareLinkContext extends BranchAtSale {
  streamerUserId: string;
  clickedAt: Date;
  sessionId?: string;
}

export interface AttributionInput {
  referral?: ReferralInput;
  /** The room the buyer was in. A session that has ended is treated as its replay. */
  liveRoom?: SessionContext;
  replay?: ReplayContext;
  shareLink?: ShareLinkContext;
  now: Date;
}

export interface AttributionRecord {
  channel: AttributionChannel;
  rule: AttributionRule;
  /** The session the sale happened in (also kept for a code sale made inside a room or replay). */
  sessionId?: string;
  /** The credited streamer: the host, or the owner of the code or link. */
  hostUserId?: string;
  referralCode?: string;
  branchId?: string;
  /** The full path from the root to the credited branch, frozen at the time of sale. */
  branchPath: readonly string[];
  attributedAt: Date;
}

function assertBranch(branch: BranchAtSale): readonly string[] {
  const path = branch.branchPath;
  if (path.length === 0 || path[path.length - 1] !== branch.branchId || new Set(path).size !== path.length) {
    throw new AttributionError(
      'BRANCH_PATH_INVALID',
      'A branch path runs from the root to the branch itself',
      {
        branchId: branch.branchId,
        branchPath: [...path],
      },
    );
  }
  return Object.freeze([...path]);
}

/** Within the window, counting the instant exactly 7 days later as still inside. */
export function withinWindow(since: Date, now: Date, windowMs: number = ATTRIBUTION_WINDOW_MS): boolean {
  const age = now.getTime() - since.getTime();
  return age >= 0 && age <= windowMs;
}

function replayOf(input: AttributionInput): ReplayContext | undefined {
  const room = input.liveRoom;
  if (room && room.status === 'ended' && room.endedAt) {
    return { ...room, endedAt: room.endedAt };
  }
  return input.replay;
}

/** The session the purchase happened in, if it counts: live now, or a replay inside the window. */
function saleSession(input: AttributionInput): { sessionId: string } | undefined {
  if (input.liveRoom?.status === 'live') return input.liveRoom;
  const replay = replayOf(input);
  return replay && withinWindow(replay.endedAt, input.now) ? replay : undefined;
}

function record(
  channel: AttributionChannel,
  now: Date,
  fields: Omit<AttributionRecord, 'channel' | 'rule' | 'attributedAt' | 'branchPath'> & {
    branch?: BranchAtSale;
  },
): AttributionRecord {
  const { branch, ...rest } = fields;
  const out: AttributionRecord = {
    channel,
    rule: ATTRIBUTION_RULES[channel],
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    branchPath: branch ? assertBranch(branch) : Object.freeze([]),
    attributedAt: new Date(now.getTime()),
  };
  if (branch) out.branchId = branch.branchId;
  return Object.freeze(out);
}

/**
 * The precedence rule of PRODUCT.md, as a pure function, evaluated once when the order is placed:
 * a referral code typed at checkout > a purchase inside the live room > a purchase from the replay within
 * 7 days of the session's end > a streamer's share link clicked within 7 days > none.
 * A session that is scheduled or cancelled gives no credit. The record copies the branch path of that
 * moment, so later moves in the branch tree never change it; it is frozen.
 */
export function attribute(input: AttributionInput): AttributionRecord {
  const { now } = input;
  if (input.referral) {
    const session = saleSession(input);
    return record('code', now, {
      sessionId: session?.sessionId,
      hostUserId: input.referral.streamerUserId,
      referralCode: input.referral.code,
      branch: input.referral,
    });
  }
  if (input.liveRoom?.status === 'live') {
    const room = input.liveRoom;
    return record('live', now, { sessionId: room.sessionId, hostUserId: room.hostUserId, branch: room });
  }
  const replay = replayOf(input);
  if (replay && withinWindow(replay.endedAt, now)) {
    return record('replay', now, {
      sessionId: replay.sessionId,
      hostUserId: replay.hostUserId,
      branch: replay,
    });
  }
  const link = input.shareLink;
  if (link && withinWindow(link.clickedAt, now)) {
    return record('link', now, { sessionId: link.sessionId, hostUserId: link.streamerUserId, branch: link });
  }
  return record('none', now, {});
}
