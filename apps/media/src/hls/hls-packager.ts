import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { ffmpegArgs, HlsOutput, IngestInput } from './ffmpeg-args';

/** How long ffmpeg gets to write its last segment after its input ends, before it is killed. */
const FINISH_TIMEOUT_MS = 5_000;
/** Input waiting for ffmpeg beyond this means it cannot keep up: the publish is cut rather than eat memory. */
const MAX_PENDING_BYTES = 32 * 1024 * 1024;

export interface PackagerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether the app asked it to stop (an ended input, a kill): any other exit is a failure. */
  requested: boolean;
  /** The end of ffmpeg's error output, for logs and for telling a camera why its media was refused. */
  stderr: string;
}

/** One ffmpeg packaging one publish, fed on stdin. */
export class PackagerRun {
  readonly exited: Promise<PackagerExit>;
  private requested = false;
  private stderr = '';

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4_000);
    });
    // A write after ffmpeg died is reported through `exited`, not as an unhandled error.
    child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) =>
        resolve({ code, signal, requested: this.requested, stderr: this.stderr.trim() }),
      );
      child.once('error', (error) =>
        resolve({ code: null, signal: null, requested: this.requested, stderr: error.message }),
      );
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Feeds media; false when ffmpeg has fallen too far behind (the caller cuts the publish). */
  write(chunk: Buffer): boolean {
    if (this.child.stdin.destroyed || this.child.stdin.writableEnded) return true;
    if (this.child.stdin.writableLength > MAX_PENDING_BYTES) return false;
    this.child.stdin.write(chunk);
    return true;
  }

  /** Ends the input: ffmpeg writes its last segment and exits; killed if it has not within a few seconds. */
  async finish(): Promise<PackagerExit> {
    this.requested = true;
    if (!this.child.stdin.writableEnded) this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), FINISH_TIMEOUT_MS);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    this.requested = true;
    this.child.kill('SIGKILL');
  }
}

/** Starts ffmpeg (Debian's, or MEDIA_FFMPEG_PATH) for each publish. */
@Injectable()
export class HlsPackager {
  private readonly log = new Logger(HlsPackager.name);
  private readonly runs = new Set<PackagerRun>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  start(input: IngestInput, output: Omit<HlsOutput, 'segmentSeconds'>): PackagerRun {
    const args = ffmpegArgs(input, { ...output, segmentSeconds: this.config.MEDIA_HLS_SEGMENT_SECONDS });
    const child = spawn(this.config.MEDIA_FFMPEG_PATH, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    const run = new PackagerRun(child as unknown as ChildProcessWithoutNullStreams);
    this.runs.add(run);
    void run.exited.then((exit) => {
      this.runs.delete(run);
      if (!exit.requested) this.log.warn({ pid: run.pid, exit }, 'ffmpeg stopped on its own');
    });
    return run;
  }

  /** On shutdown: no ffmpeg outlives the media app. */
  killAll(): void {
    for (const run of this.runs) run.kill();
  }
}
