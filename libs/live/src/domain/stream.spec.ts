import {
  checkPublish,
  onPublish,
  parseStreamKey,
  PublishCheck,
  recordingExpiresAt,
  streamEndDecision,
  streamEndDelayMs,
  streamEndJobId,
  streamKeyOf,
} from './stream';

const SESSION = '0e3c9b9a-5a0e-4a8e-9a53-0c1d2e3f4a5b';
const OTHER = '7b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8';
const SECRET = 'Abcdefghijklmnopqrstuvwxyz012345';
const ROTATED = 'ZYXWVUTSRQPONMLKJIHGFEDCBA-_9876';
const NOW = new Date('2025-11-20T12:00:00.000Z');
const at = (s: number) => new Date(NOW.getTime() + s * 1000);

const base: PublishCheck = {
  status: 'scheduled',
  currentSecret: SECRET,
  presentedSecret: SECRET,
  external: false,
  sameSecret: (a, b) => a === b,
};

describe('stream keys', () => {
  it('a key names its session and carries the secret, in characters an RTMP stream name accepts', () => {
    const key = streamKeyOf(SESSION, SECRET);
    expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseStreamKey(key)).toEqual({ sessionId: SESSION, secret: SECRET });
  });

  it('anything else is not a key: a bare secret, a short secret, a malformed session id', () => {
    expect(parseStreamKey(SECRET)).toBeNull();
    expect(parseStreamKey(`${SESSION}_short`)).toBeNull();
    expect(parseStreamKey(`not-a-session-id-at-all-000000000000_${SECRET}`)).toBeNull();
    expect(parseStreamKey('')).toBeNull();
  });
});

describe('who may publish', () => {
  it('the host publishes a scheduled session with its key: it goes live; a live one carries on', () => {
    expect(checkPublish(base)).toBeNull();
    expect(checkPublish({ ...base, status: 'live' })).toBeNull();
    expect(onPublish('scheduled')).toBe('go_live');
    expect(onPublish('live')).toBe('resume');
  });

  it('a wrong key, a rotated key, or another session’s key is refused', () => {
    expect(checkPublish({ ...base, presentedSecret: 'x'.repeat(32) })).toBe('wrong_key');
    expect(checkPublish({ ...base, currentSecret: ROTATED })).toBe('wrong_key');
    expect(checkPublish({ ...base, currentSecret: null })).toBe('wrong_key');
    expect(parseStreamKey(streamKeyOf(OTHER, SECRET))?.sessionId).toBe(OTHER);
  });

  it('an unknown, ended or cancelled session takes no stream', () => {
    expect(checkPublish({ ...base, status: null })).toBe('unknown_session');
    expect(checkPublish({ ...base, status: 'ended' })).toBe('session_over');
    expect(checkPublish({ ...base, status: 'cancelled' })).toBe('session_over');
  });

  it('the browser camera signs in instead of presenting a key; a session linking YouTube takes no ingest', () => {
    expect(checkPublish({ ...base, presentedSecret: null, currentSecret: null })).toBeNull();
    expect(checkPublish({ ...base, external: true })).toBe('not_streaming_here');
  });
});

describe('a dropped stream', () => {
  const grace = 60_000;

  it('a phone that drops and is gone for the whole grace period ends the show', () => {
    expect(
      streamEndDecision({ status: 'live', publishingSince: null, publisherLeftAt: NOW }, grace, at(60)),
    ).toBe('end');
  });

  it('a phone that reconnects within the grace period keeps the show live', () => {
    expect(
      streamEndDecision({ status: 'live', publishingSince: at(20), publisherLeftAt: NOW }, grace, at(60)),
    ).toBe('keep');
  });

  it('a stream that came back and dropped again waits its own full period', () => {
    expect(
      streamEndDecision({ status: 'live', publishingSince: null, publisherLeftAt: at(30) }, grace, at(60)),
    ).toBe('wait');
    expect(streamEndDelayMs(at(30), grace, at(60))).toBe(30_000);
    expect(streamEndDelayMs(NOW, grace, at(90))).toBe(0);
  });

  it('a session the host already ended is left alone', () => {
    expect(
      streamEndDecision({ status: 'ended', publishingSince: null, publisherLeftAt: NOW }, grace, at(600)),
    ).toBe('keep');
  });

  it('one grace job per drop, never with a colon', () => {
    expect(streamEndJobId(SESSION, NOW)).toBe(`stream-end-${SESSION}-${NOW.getTime()}`);
    expect(streamEndJobId(SESSION, at(5))).not.toBe(streamEndJobId(SESSION, NOW));
    expect(streamEndJobId(SESSION, NOW)).not.toContain(':');
  });

  it('a recording is kept for the retention period after the session ends', () => {
    expect(recordingExpiresAt(NOW, 30).toISOString()).toBe('2025-12-20T12:00:00.000Z');
  });
});
