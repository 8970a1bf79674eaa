/** Reading and completing the HLS playlists the packager writes. */

export const PLAYLIST_NAME = 'index.m3u8';
export const ENDLIST = '#EXT-X-ENDLIST';

export interface PlaylistSegment {
  uri: string;
  durationS: number;
  /** EXT-X-PROGRAM-DATE-TIME of the segment, when stamped. */
  wallTime: Date | null;
}

/** The media segments of a playlist, in order. */
export function segmentsOf(playlist: string): PlaylistSegment[] {
  const segments: PlaylistSegment[] = [];
  let duration: number | null = null;
  let wallTime: Date | null = null;
  for (const raw of playlist.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) {
      duration = Number.parseFloat(line.slice('#EXTINF:'.length));
    } else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) {
      const parsed = new Date(
        line.slice('#EXT-X-PROGRAM-DATE-TIME:'.length).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'),
      );
      wallTime = Number.isNaN(parsed.getTime()) ? null : parsed;
    } else if (line !== '' && !line.startsWith('#') && duration !== null) {
      segments.push({ uri: line, durationS: duration, wallTime });
      duration = null;
      wallTime = null;
    }
  }
  return segments;
}

export function isComplete(playlist: string): boolean {
  return playlist.split('\n').some((line) => line.trim() === ENDLIST);
}

/** The playlist closed for good: players treat it as a complete recording (the replay). */
export function withEndList(playlist: string): string {
  if (isComplete(playlist)) return playlist;
  return `${playlist.replace(/\n*$/, '\n')}${ENDLIST}\n`;
}

/** Segment files are named `<part>_<n>.ts`; the next publish of the same session uses the next part. */
export function nextPart(existingFiles: readonly string[]): string {
  const parts = existingFiles
    .map((f) => /^p(\d+)_\d+\.ts$/.exec(f)?.[1])
    .filter((p): p is string => p !== undefined)
    .map(Number);
  return `p${parts.length === 0 ? 1 : Math.max(...parts) + 1}`;
}

/**
 * The segment a frame is grabbed from: while live the newest one (what is on air now); for the replay's poster one a
 * third of the way in (past the host's "hello, can you hear me", before the goodbye). Null before any segment.
 */
export function frameSegment(playlist: string, kind: 'live' | 'poster'): PlaylistSegment | null {
  const segments = segmentsOf(playlist);
  if (segments.length === 0) return null;
  if (kind === 'live') return segments[segments.length - 1] ?? null;
  const total = segments.reduce((sum, s) => sum + s.durationS, 0);
  let elapsed = 0;
  for (const segment of segments) {
    if (elapsed + segment.durationS > total / 3) return segment;
    elapsed += segment.durationS;
  }
  return segments[segments.length - 1] ?? null;
}
