import { DomainError } from '@ocop/kernel';
import {
  assertLineup,
  assertStartTime,
  canRunShow,
  checkPin,
  reminderDelay,
  reminderJobId,
  roleIn,
} from './session-rules';

const NOW = new Date('2025-11-20T10:00:00.000Z');
const DAY = 24 * 3600 * 1000;

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('scheduling rules', () => {
  it('a streamer schedules a session for tomorrow evening, or up to 90 days ahead', () => {
    expect(() => assertStartTime(new Date(NOW.getTime() + DAY), NOW)).not.toThrow();
    expect(() => assertStartTime(new Date(NOW.getTime() + 90 * DAY), NOW)).not.toThrow();
  });

  it('a start in the past, now, or more than 90 days ahead is refused', () => {
    expect(code(() => assertStartTime(new Date(NOW.getTime() - 1), NOW))).toBe('START_TIME_OUT_OF_RANGE');
    expect(code(() => assertStartTime(NOW, NOW))).toBe('START_TIME_OUT_OF_RANGE');
    expect(code(() => assertStartTime(new Date(NOW.getTime() + 90 * DAY + 1), NOW))).toBe(
      'START_TIME_OUT_OF_RANGE',
    );
    expect(code(() => assertStartTime(new Date('nope'), NOW))).toBe('START_TIME_OUT_OF_RANGE');
  });

  it('a lineup has 1 to 50 distinct products', () => {
    expect(() => assertLineup(['a'])).not.toThrow();
    expect(() => assertLineup(Array.from({ length: 50 }, (_, i) => `p${i}`))).not.toThrow();
    expect(code(() => assertLineup([]))).toBe('INVALID_LINEUP');
    expect(code(() => assertLineup(Array.from({ length: 51 }, (_, i) => `p${i}`)))).toBe('INVALID_LINEUP');
    expect(code(() => assertLineup(['a', 'b', 'a']))).toBe('INVALID_LINEUP');
  });

  it('the reminder fires at the start time, at once when that has passed, under one job id per session', () => {
    expect(reminderDelay(new Date(NOW.getTime() + 5000), NOW)).toBe(5000);
    expect(reminderDelay(new Date(NOW.getTime() - 5000), NOW)).toBe(0);
    expect(reminderJobId('s1')).toBe('reminder-s1');
    expect(reminderJobId('s1')).not.toContain(':');
  });
});

describe('pins', () => {
  const lineup = ['rice', 'tea', 'honey', 'vase', 'silk'];

  it('the host pins a lineup product; pinning it again changes nothing', () => {
    expect(checkPin('rice', lineup, [])).toBe('pin');
    expect(checkPin('rice', lineup, ['rice'])).toBe('already_pinned');
  });

  it('a fourth pin is refused while three are pinned (PIN_LIMIT_REACHED, a conflict)', () => {
    expect(checkPin('vase', lineup, ['rice', 'tea'])).toBe('pin');
    expect(code(() => checkPin('vase', lineup, ['rice', 'tea', 'honey']))).toBe('PIN_LIMIT_REACHED');
    // Re-pinning one of the three is still fine.
    expect(checkPin('tea', lineup, ['rice', 'tea', 'honey'])).toBe('already_pinned');
  });

  it('a product outside the lineup cannot be pinned (PRODUCT_NOT_IN_LINEUP, unprocessable)', () => {
    expect.assertions(2);
    try {
      checkPin('fish-sauce', lineup, []);
    } catch (error) {
      expect((error as DomainError).code).toBe('PRODUCT_NOT_IN_LINEUP');
      expect((error as DomainError).kind).toBe('unprocessable');
    }
  });
});

describe('roles in a session', () => {
  const session = { hostUserId: 'host' };
  const staff = [
    { userId: 'co', role: 'cohost' as const },
    { userId: 'mod', role: 'moderator' as const },
  ];

  it('the host, co-hosts and moderators are known; everyone else and guests are viewers', () => {
    expect(roleIn(session, staff, 'host')).toBe('host');
    expect(roleIn(session, staff, 'co')).toBe('cohost');
    expect(roleIn(session, staff, 'mod')).toBe('moderator');
    expect(roleIn(session, staff, 'someone')).toBe('viewer');
    expect(roleIn(session, staff, null)).toBe('viewer');
  });

  it('only the host and co-hosts run the show (go live, end, pin)', () => {
    expect(canRunShow('host')).toBe(true);
    expect(canRunShow('cohost')).toBe(true);
    expect(canRunShow('moderator')).toBe(false);
    expect(canRunShow('viewer')).toBe(false);
  });
});
