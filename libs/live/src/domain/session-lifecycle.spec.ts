import { DomainError } from '@ocop/kernel';
import {
  canTransitionSession,
  isEditable,
  isOpen,
  nextSessionStatus,
  SESSION_ACTIONS,
  SESSION_STATUSES,
  SessionAction,
  SessionStatus,
} from './session-lifecycle';

describe('session lifecycle', () => {
  it('a scheduled session goes live and then ends', () => {
    const live = nextSessionStatus('scheduled', 'go_live');
    expect(live).toBe('live');
    expect(nextSessionStatus(live, 'end')).toBe('ended');
  });

  it('a host cancels a session that has not started', () => {
    expect(nextSessionStatus('scheduled', 'cancel')).toBe('cancelled');
  });

  it('only the listed transitions exist', () => {
    const allowed: [SessionStatus, SessionAction][] = [];
    for (const status of SESSION_STATUSES) {
      for (const action of SESSION_ACTIONS)
        if (canTransitionSession(status, action)) allowed.push([status, action]);
    }
    expect(allowed).toEqual([
      ['scheduled', 'go_live'],
      ['scheduled', 'cancel'],
      ['live', 'end'],
    ]);
  });

  it('a live session cannot be cancelled (ILLEGAL_SESSION_TRANSITION, a conflict)', () => {
    expect.assertions(4);
    try {
      nextSessionStatus('live', 'cancel');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('ILLEGAL_SESSION_TRANSITION');
      expect((error as DomainError).kind).toBe('conflict');
      expect((error as DomainError).details).toEqual({
        from: 'live',
        action: 'cancel',
        allowedFrom: ['scheduled'],
      });
    }
  });

  it('an ended session never goes live again, a cancelled one never starts, a scheduled one cannot end', () => {
    expect(() => nextSessionStatus('ended', 'go_live')).toThrow(/ended cannot go live/);
    expect(() => nextSessionStatus('cancelled', 'go_live')).toThrow(/cancelled cannot go live/);
    expect(() => nextSessionStatus('scheduled', 'end')).toThrow(/scheduled cannot end/);
    expect(() => nextSessionStatus('ended', 'end')).toThrow(/ILLEGAL|cannot/);
  });

  it('a session is edited only while scheduled; pins and staff change while scheduled or live', () => {
    expect(SESSION_STATUSES.filter(isEditable)).toEqual(['scheduled']);
    expect(SESSION_STATUSES.filter(isOpen)).toEqual(['scheduled', 'live']);
  });
});
