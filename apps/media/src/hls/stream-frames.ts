import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { frameSegment } from './playlist';
import { HlsStorage } from './hls-storage';

/** Width of a thumbnail or poster: a session card on a phone is at most about 200 CSS px wide, at 2-3x. */
export const FRAME_WIDTH = 480;
/** The file a live session's latest frame is written to, and the replay's poster (written once, never replaced). */
export const THUMBNAIL_NAME = 'thumb.jpg';
export const POSTER_NAME = 'poster.jpg';
/** A grab that takes longer than this (a stuck decoder) is killed; the next tick tries again. */
const GRAB_TIMEOUT_MS = 10_000;

/** The ffmpeg command that decodes the first frame of one segment and writes it as a small JPEG. */
export function frameArgs(segmentFile: string, outFile: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-y',
    '-i',
    segmentFile,
    '-map',
    '0:v:0',
    '-frames:v',
    '1',
    '-vf',
    `scale='min(${FRAME_WIDTH},iw)':-2`,
    // Quality 2 (best) to 31: 5 keeps a 480 px frame around 20-40 KB.
    '-q:v',
    '5',
    '-f',
    'image2',
    '-update',
    '1',
    '-c:v',
    'mjpeg',
    outFile,
  ];
}

/**
 * Still frames of a session's stream, for the cards that list it: every few seconds while it is on air the first
 * frame of the newest segment (one key frame decoded from a file already on disk: no second decoder runs along the
 * stream), and once the replay is complete a poster. Both live in the session's recording folder, so the media app
 * serves them with the HLS files and the retention sweep deletes them with the recording.
 */
@Injectable()
export class StreamFrames {
  private readonly log = new Logger(StreamFrames.name);

  constructor(
    private readonly storage: HlsStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Grabs the live thumbnail (replacing the previous one) or the poster (only if there is none yet). Returns the
   * wall time of the grabbed frame, or null when there is nothing to grab from yet or ffmpeg could not.
   */
  async grab(sessionId: string, kind: 'live' | 'poster'): Promise<Date | null> {
    const dir = this.storage.dirOf(sessionId);
    const target = path.join(dir, kind === 'live' ? THUMBNAIL_NAME : POSTER_NAME);
    if (kind === 'poster' && (await exists(target))) return null;
    const playlist = await this.storage.playlist(sessionId);
    const segment = playlist === null ? null : frameSegment(playlist, kind);
    if (!segment) return null;
    // Written aside and renamed: a viewer never downloads half a JPEG (a leftover `.tmp` is swept with ffmpeg's).
    const aside = `${target}.tmp`;
    const ok = await this.run(frameArgs(path.join(dir, segment.uri), aside));
    if (!ok) {
      await fs.rm(aside, { force: true });
      return null;
    }
    await fs.rename(aside, target);
    return segment.wallTime ?? new Date();
  }

  private run(args: string[]): Promise<boolean> {
    return new Promise((resolve) => {
      const child = spawn(this.config.MEDIA_FFMPEG_PATH, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-1_000);
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), GRAB_TIMEOUT_MS);
      child.once('error', (error) => {
        clearTimeout(timer);
        this.log.warn({ err: error }, 'Could not start ffmpeg for a still frame');
        resolve(false);
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        if (code !== 0) this.log.warn({ code, stderr: stderr.trim() }, 'ffmpeg could not grab a still frame');
        resolve(code === 0);
      });
    });
  }
}

async function exists(file: string): Promise<boolean> {
  return fs
    .stat(file)
    .then(() => true)
    .catch(() => false);
}
