import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { isUuid } from '@ocop/kernel';
import { nextPart, PLAYLIST_NAME, segmentsOf, withEndList } from './playlist';

/**
 * Where recordings live: `<MEDIA_DATA_DIR>/hls/<session id>/index.m3u8` and its segments. The same tree is what the
 * media app serves under /hls (and what a CDN in front of it caches).
 */
@Injectable()
export class HlsStorage {
  readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = path.resolve(config.MEDIA_DATA_DIR, 'hls');
  }

  dirOf(sessionId: string): string {
    if (!isUuid(sessionId)) throw new Error(`not a session id: ${sessionId}`);
    return path.join(this.root, sessionId.toLowerCase());
  }

  /** Creates the session's directory and names this publish's segments after the parts already there. */
  async prepare(sessionId: string): Promise<{ dir: string; part: string }> {
    const dir = this.dirOf(sessionId);
    await fs.mkdir(dir, { recursive: true });
    return { dir, part: nextPart(await fs.readdir(dir)) };
  }

  async playlist(sessionId: string): Promise<string | null> {
    try {
      return await fs.readFile(path.join(this.dirOf(sessionId), PLAYLIST_NAME), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Wall time of the recording's first segment, once one exists. */
  async firstSegmentAt(sessionId: string): Promise<Date | null> {
    const text = await this.playlist(sessionId);
    const first = text === null ? undefined : segmentsOf(text)[0];
    return first ? (first.wallTime ?? new Date()) : null;
  }

  /** Closes the playlist with #EXT-X-ENDLIST (written aside, then renamed): the replay is complete. */
  async finalize(sessionId: string): Promise<boolean> {
    const text = await this.playlist(sessionId);
    if (text === null) return false;
    const closed = withEndList(text);
    if (closed !== text) {
      const file = path.join(this.dirOf(sessionId), PLAYLIST_NAME);
      await fs.writeFile(`${file}.final`, closed);
      await fs.rename(`${file}.final`, file);
    }
    return true;
  }

  /** Half-written files ffmpeg left behind when it was killed. */
  async removeLeftovers(sessionId: string): Promise<void> {
    const dir = this.dirOf(sessionId);
    const files = await fs.readdir(dir).catch(() => [] as string[]);
    await Promise.all(
      files.filter((f) => f.endsWith('.tmp')).map((f) => fs.rm(path.join(dir, f), { force: true })),
    );
  }

  async remove(sessionId: string): Promise<void> {
    await fs.rm(this.dirOf(sessionId), { recursive: true, force: true });
  }
}
