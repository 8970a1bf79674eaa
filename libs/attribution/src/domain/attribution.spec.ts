import { DomainError } from '@ocop/kernel';
import {
  ATTRIBUTION_RULES,
  ATTRIBUTION_WINDOW_MS,
  attribute,
  AttributionInput,
  ReferralInput,
  SessionContext,
  ShareLinkContext,
} from './attribution';

const NOW = new Date('2025-11-20T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const DAY = 24 * 3600 * 1000;

// Hanoi city union -> Ba Đình ward union -> a school cell (no district level since July 2025).
const CITY = 'hn';
const WARD = 'hn-badinh';
const CELL = 'hn-badinh-thpt';
const OTHER_WARD = 'hn-hoankiem';

const referral: ReferralInput = {
  code: 'MAI2025',
  streamerUserId: 'mai',
  branchId: OTHER_WARD,
  branchPath: [CITY, OTHER_WARD],
};
const liveRoom: SessionContext = {
  sessionId: 's-live',
  hostUserId: 'an',
  branchId: CELL,
  branchPath: [CITY, WARD, CELL],
  status: 'live',
};
const shareLink: ShareLinkContext = {
  streamerUserId: 'binh',
  branchId: WARD,
  branchPath: [CITY, WARD],
  clickedAt: ago(DAY),
};
const endedRoom = (endedAgo: number): SessionContext => ({
  ...liveRoom,
  status: 'ended',
  endedAt: ago(endedAgo),
});

function attr(input: Omit<AttributionInput, 'now'>) {
  return attribute({ ...input, now: NOW });
}

describe('attribution precedence', () => {
  it('a referral code typed at checkout beats the live room', () => {
    const record = attr({ referral, liveRoom, shareLink });
    expect(record).toEqual({
      channel: 'code',
      rule: 'referral_code_at_checkout',
      sessionId: 's-live',
      hostUserId: 'mai',
      referralCode: 'MAI2025',
      branchId: OTHER_WARD,
      branchPath: [CITY, OTHER_WARD],
      attributedAt: NOW,
    });
  });

  it('a purchase inside the live room credits the host and their branch with its full path', () => {
    expect(attr({ liveRoom, shareLink })).toEqual({
      channel: 'live',
      rule: 'purchase_in_live_room',
      sessionId: 's-live',
      hostUserId: 'an',
      branchId: CELL,
      branchPath: [CITY, WARD, CELL],
      attributedAt: NOW,
    });
  });

  it('a live room beats a replay and a share link', () => {
    const replay = {
      sessionId: 's-old',
      hostUserId: 'x',
      branchId: WARD,
      branchPath: [CITY, WARD],
      endedAt: ago(DAY),
    };
    expect(attr({ liveRoom, replay, shareLink }).channel).toBe('live');
  });

  it('a session that is not live but ended counts as its replay', () => {
    const record = attr({ liveRoom: endedRoom(2 * DAY), shareLink });
    expect(record).toMatchObject({
      channel: 'replay',
      rule: 'purchase_from_replay_within_7_days',
      sessionId: 's-live',
    });
    expect(record.branchPath).toEqual([CITY, WARD, CELL]);
  });

  it('a replay bought exactly 7 days after the session ended still counts', () => {
    expect(attr({ liveRoom: endedRoom(ATTRIBUTION_WINDOW_MS) }).channel).toBe('replay');
  });

  it('a replay bought 7 days and 1 ms after the end falls through to the share link, or to none', () => {
    expect(attr({ liveRoom: endedRoom(ATTRIBUTION_WINDOW_MS + 1), shareLink }).channel).toBe('link');
    expect(attr({ liveRoom: endedRoom(ATTRIBUTION_WINDOW_MS + 1) }).channel).toBe('none');
  });

  it('a replay given on its own (the replay page) counts within 7 days', () => {
    const replay = {
      sessionId: 's-r',
      hostUserId: 'h',
      branchId: WARD,
      branchPath: [CITY, WARD],
      endedAt: ago(3 * DAY),
    };
    expect(attr({ replay })).toMatchObject({
      channel: 'replay',
      sessionId: 's-r',
      hostUserId: 'h',
      branchId: WARD,
    });
  });

  it("a streamer's share link clicked within 7 days credits that streamer's branch", () => {
    expect(attr({ shareLink })).toMatchObject({
      channel: 'link',
      rule: 'share_link_within_7_days',
      hostUserId: 'binh',
      branchId: WARD,
      branchPath: [CITY, WARD],
    });
    expect(attr({ shareLink: { ...shareLink, clickedAt: ago(ATTRIBUTION_WINDOW_MS) } }).channel).toBe('link');
  });

  it('a share link older than 7 days falls to none', () => {
    expect(attr({ shareLink: { ...shareLink, clickedAt: ago(ATTRIBUTION_WINDOW_MS + 1) } })).toEqual({
      channel: 'none',
      rule: 'no_attribution',
      branchPath: [],
      attributedAt: NOW,
    });
  });

  it('a scheduled or cancelled session credits nobody', () => {
    expect(attr({ liveRoom: { ...liveRoom, status: 'scheduled' } }).channel).toBe('none');
    expect(attr({ liveRoom: { ...liveRoom, status: 'cancelled' } }).channel).toBe('none');
  });

  it('a referral code used on an old replay keeps the code credit but no session', () => {
    const record = attr({ referral, liveRoom: endedRoom(30 * DAY) });
    expect(record.channel).toBe('code');
    expect(record.sessionId).toBeUndefined();
  });

  it('every channel has one stable rule name', () => {
    expect(Object.values(ATTRIBUTION_RULES)).toHaveLength(new Set(Object.values(ATTRIBUTION_RULES)).size);
  });
});

describe('the record is immutable and self-contained', () => {
  it('moving the streamer afterwards does not touch a record already written', () => {
    const path = [CITY, WARD, CELL];
    const room = { ...liveRoom, branchPath: path };
    const record = attr({ liveRoom: room });
    path.splice(1, 1, 'hn-new-ward'); // the tree is reorganised and the same array is mutated
    expect(record.branchPath).toEqual([CITY, WARD, CELL]);
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record.branchPath)).toBe(true);
  });

  it('a branch path that does not end at the branch is refused (BRANCH_PATH_INVALID)', () => {
    expect.assertions(2);
    try {
      attr({ liveRoom: { ...liveRoom, branchPath: [CITY, WARD] } });
    } catch (error) {
      expect((error as DomainError).code).toBe('BRANCH_PATH_INVALID');
      expect((error as DomainError).kind).toBe('unprocessable');
    }
  });

  it('an empty or looping path is refused', () => {
    expect(() => attr({ liveRoom: { ...liveRoom, branchPath: [] } })).toThrow(DomainError);
    expect(() => attr({ liveRoom: { ...liveRoom, branchPath: [CELL, WARD, CELL] } })).toThrow(DomainError);
  });
});
