import { ENDLIST, frameSegment, isComplete, nextPart, segmentsOf, withEndList } from './playlist';
import { canCopy, ffmpegArgs } from './ffmpeg-args';

const LIVE = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-TARGETDURATION:1
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-PLAYLIST-TYPE:EVENT
#EXT-X-DISCONTINUITY
#EXTINF:1.000000,
#EXT-X-PROGRAM-DATE-TIME:2025-11-20T12:00:01.589+0000
p1_00000.ts
#EXTINF:0.990000,
#EXT-X-PROGRAM-DATE-TIME:2025-11-20T12:00:02.589+0000
p1_00001.ts
#EXT-X-DISCONTINUITY
#EXTINF:1.000000,
#EXT-X-PROGRAM-DATE-TIME:2025-11-20T12:00:40.100+0000
p2_00002.ts
`;

describe('a session recording as an HLS playlist', () => {
  it('lists every segment with its wall-clock time, across a reconnect', () => {
    expect(segmentsOf(LIVE)).toEqual([
      { uri: 'p1_00000.ts', durationS: 1, wallTime: new Date('2025-11-20T12:00:01.589Z') },
      { uri: 'p1_00001.ts', durationS: 0.99, wallTime: new Date('2025-11-20T12:00:02.589Z') },
      { uri: 'p2_00002.ts', durationS: 1, wallTime: new Date('2025-11-20T12:00:40.100Z') },
    ]);
  });

  it('is closed once when the show ends, and becomes the complete replay', () => {
    expect(isComplete(LIVE)).toBe(false);
    const replay = withEndList(LIVE);
    expect(isComplete(replay)).toBe(true);
    expect(replay.endsWith(`p2_00002.ts\n${ENDLIST}\n`)).toBe(true);
    expect(withEndList(replay)).toBe(replay);
  });

  it('a publisher that reconnects writes segments under a new part, never over a cached one', () => {
    expect(nextPart([])).toBe('p1');
    expect(nextPart(['index.m3u8', 'p1_00000.ts', 'p1_00001.ts'])).toBe('p2');
    expect(nextPart(['p2_00002.ts', 'p1_00000.ts', 'index.m3u8.tmp'])).toBe('p3');
  });
});

describe('packaging with ffmpeg', () => {
  const out = { dir: '/srv/hls/s1', part: 'p1', segmentSeconds: 1 };

  it('copies H.264 + AAC from OBS, and transcodes anything else (a camera’s VP8 + Opus)', () => {
    expect(canCopy({ container: 'flv', videoCodec: 7, audioCodec: 10 })).toBe(true);
    expect(canCopy({ container: 'flv', videoCodec: 12, audioCodec: 10 })).toBe(false);
    expect(canCopy({ container: 'webm' })).toBe(false);
    const copy = ffmpegArgs({ container: 'flv', videoCodec: 7, audioCodec: 10 }, out);
    expect(copy.join(' ')).toContain('-c copy');
    const camera = ffmpegArgs({ container: 'webm' }, out).join(' ');
    expect(camera).toContain('-f matroska -i pipe:0');
    expect(camera).toContain('-c:v libx264');
    expect(camera).toContain('-c:a aac');
  });

  it('writes an EVENT playlist that keeps every segment, stamped with wall time, without ENDLIST while live', () => {
    const args = ffmpegArgs({ container: 'webm' }, out).join(' ');
    expect(args).toContain('-hls_list_size 0');
    expect(args).toContain('-hls_playlist_type event');
    expect(args).toContain('-hls_flags program_date_time+omit_endlist+append_list+temp_file');
    expect(args).toContain('-hls_segment_filename /srv/hls/s1/p1_%05d.ts /srv/hls/s1/index.m3u8');
  });

  it('grabs the thumbnail from the newest segment and the replay poster from a third of the way in', () => {
    expect(frameSegment(LIVE, 'live')?.uri).toBe('p2_00002.ts');
    expect(frameSegment(LIVE, 'poster')?.uri).toBe('p1_00000.ts');
    const long = Array.from(
      { length: 30 },
      (_, i) => `#EXTINF:1.000000,\np1_${String(i).padStart(5, '0')}.ts`,
    );
    expect(frameSegment(`#EXTM3U\n${long.join('\n')}\n${ENDLIST}\n`, 'poster')?.uri).toBe('p1_00010.ts');
    expect(frameSegment('#EXTM3U\n#EXT-X-VERSION:6\n', 'live')).toBeNull();
  });
});
