import {
  acceptsMessages,
  canSilence,
  canTake,
  historyQuery,
  muteUntil,
  RoomRole,
  slowModeApplies,
} from './chat-rules';

describe('who may moderate a live room', () => {
  it('viewers take no moderation action at all', () => {
    for (const action of ['delete', 'mute', 'unmute', 'ban', 'unban', 'pin', 'slow_mode'] as const) {
      expect(canTake('viewer', action)).toBe(false);
    }
  });

  it('moderators delete, mute and ban but leave pins and slow mode to the host and cohosts', () => {
    expect(canTake('moderator', 'delete')).toBe(true);
    expect(canTake('moderator', 'ban')).toBe(true);
    expect(canTake('moderator', 'pin')).toBe(false);
    expect(canTake('moderator', 'slow_mode')).toBe(false);
    expect(canTake('cohost', 'pin')).toBe(true);
    expect(canTake('host', 'slow_mode')).toBe(true);
  });

  it.each<[RoomRole, RoomRole, boolean]>([
    ['moderator', 'viewer', true],
    ['moderator', 'moderator', false],
    ['moderator', 'cohost', false],
    ['moderator', 'host', false],
    ['cohost', 'moderator', true],
    ['cohost', 'cohost', false],
    ['host', 'cohost', true],
    ['host', 'host', false],
    ['viewer', 'viewer', false],
  ])('a %s silencing a %s: %s', (actor, target, allowed) => {
    expect(canSilence(actor, target)).toBe(allowed);
  });
});

describe('chat room rules', () => {
  it('chat opens before the show and closes when it ends or is cancelled', () => {
    expect(acceptsMessages('scheduled')).toBe(true);
    expect(acceptsMessages('live')).toBe(true);
    expect(acceptsMessages('ended')).toBe(false);
    expect(acceptsMessages('cancelled')).toBe(false);
  });

  it('slow mode slows viewers down but never the people running the show', () => {
    expect(slowModeApplies('viewer', 10)).toBe(true);
    expect(slowModeApplies('viewer', 0)).toBe(false);
    expect(slowModeApplies('moderator', 10)).toBe(false);
    expect(slowModeApplies('host', 10)).toBe(false);
  });

  it('a reconnecting viewer catches up after a seq; scrolling back reads before one; both at once is refused', () => {
    expect(historyQuery({})).toEqual({ kind: 'latest', limit: 50 });
    expect(historyQuery({ sinceSeq: 10 })).toEqual({ kind: 'since', sinceSeq: 10, limit: 500 });
    expect(historyQuery({ sinceSeq: 10, limit: 10_000 })).toEqual({
      kind: 'since',
      sinceSeq: 10,
      limit: 500,
    });
    expect(historyQuery({ beforeSeq: 10, limit: 20 })).toEqual({ kind: 'before', beforeSeq: 10, limit: 20 });
    expect(historyQuery({ sinceSeq: 1, beforeSeq: 10 })).toBeNull();
  });

  it('a mute lasts the given number of seconds', () => {
    expect(muteUntil(new Date('2026-01-01T00:00:00Z'), 90).toISOString()).toBe('2026-01-01T00:01:30.000Z');
  });
});
