import { framesOf, playbackOf } from './playback';

const ID = '0e3c9b9a-5a0e-4a8e-9a53-0c1d2e3f4a5b';
const MEDIA = 'https://media.ocop.example/';
const STARTED = new Date('2025-11-20T12:00:01.500Z');

describe('what the web player is told', () => {
  const ours = { id: ID, externalStreamUrl: null };

  it('nothing before the first segment exists', () => {
    expect(playbackOf({ ...ours, status: 'scheduled' }, null, MEDIA)).toBeNull();
    expect(playbackOf({ ...ours, status: 'live' }, { startedAt: null, deletedAt: null }, MEDIA)).toBeNull();
  });

  it('the live HLS playlist while live, with the wall time of its first segment', () => {
    expect(playbackOf({ ...ours, status: 'live' }, { startedAt: STARTED, deletedAt: null }, MEDIA)).toEqual({
      kind: 'hls',
      url: `https://media.ocop.example/hls/${ID}/index.m3u8`,
      live: true,
      startedAt: STARTED.toISOString(),
    });
  });

  it('the replay after the end, and nothing once the recording is past its retention', () => {
    expect(
      playbackOf({ ...ours, status: 'ended' }, { startedAt: STARTED, deletedAt: null }, MEDIA),
    ).toMatchObject({ kind: 'hls', live: false });
    expect(
      playbackOf({ ...ours, status: 'ended' }, { startedAt: STARTED, deletedAt: new Date() }, MEDIA),
    ).toBeNull();
  });

  it('a linked YouTube live is embedded, live only while the session is', () => {
    const linked = { id: ID, externalStreamUrl: 'https://youtu.be/dQw4w9WgXcQ' };
    expect(playbackOf({ ...linked, status: 'live' }, null, MEDIA)).toEqual({
      kind: 'external',
      provider: 'youtube',
      url: 'https://youtu.be/dQw4w9WgXcQ',
      embedUrl: 'https://www.youtube.com/embed/dQw4w9WgXcQ',
      live: true,
    });
    expect(playbackOf({ ...linked, status: 'ended' }, null, MEDIA)).toMatchObject({ live: false });
    expect(playbackOf({ ...linked, status: 'cancelled' }, null, MEDIA)).toBeNull();
  });
});

describe('the still frames a session card shows', () => {
  const ours = { id: ID, externalStreamUrl: null };
  const THUMB = new Date('2025-11-20T12:05:00.000Z');
  const POSTER = new Date('2025-11-20T12:20:00.000Z');
  const frames = { thumbnailCapturedAt: THUMB, posterCapturedAt: POSTER, deletedAt: null };

  it('while live, the newest thumbnail under a URL that changes with every capture', () => {
    expect(framesOf({ ...ours, status: 'live' }, frames, MEDIA)).toEqual({
      thumbnail: {
        url: `https://media.ocop.example/hls/${ID}/thumb.jpg?v=${THUMB.getTime()}`,
        capturedAt: THUMB.toISOString(),
      },
      poster: null,
    });
  });

  it('a replay shows its poster; a live session before its first frame shows none', () => {
    expect(framesOf({ ...ours, status: 'ended' }, frames, MEDIA)).toEqual({
      thumbnail: null,
      poster: { url: `https://media.ocop.example/hls/${ID}/poster.jpg`, capturedAt: POSTER.toISOString() },
    });
    expect(
      framesOf({ ...ours, status: 'live' }, { ...frames, thumbnailCapturedAt: null }, MEDIA).thumbnail,
    ).toBeNull();
  });

  it('nothing for a linked stream, a cancelled session, or a recording past its retention', () => {
    const none = { thumbnail: null, poster: null };
    expect(
      framesOf({ id: ID, status: 'live', externalStreamUrl: 'https://youtu.be/abc' }, frames, MEDIA),
    ).toEqual(none);
    expect(framesOf({ ...ours, status: 'cancelled' }, frames, MEDIA)).toEqual(none);
    expect(framesOf({ ...ours, status: 'ended' }, { ...frames, deletedAt: POSTER }, MEDIA)).toEqual(none);
    expect(framesOf({ ...ours, status: 'scheduled' }, null, MEDIA)).toEqual(none);
  });
});
