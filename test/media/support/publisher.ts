import { ChildProcess, spawn } from 'node:child_process';

/**
 * A synthetic OBS: ffmpeg pushing a 30 fps test pattern and a tone, H.264 (veryfast) + AAC over RTMP, in real time.
 */
export interface Publisher {
  child: ChildProcess;
  startedAt: number;
  /** Resolves with ffmpeg's exit code once it stops (a refused key makes it stop on its own). */
  exited: Promise<number | null>;
  output: () => string;
  stop: () => Promise<void>;
}

export function publishTestStream(
  url: string,
  options: { size?: string; seconds?: number; keyframeSeconds?: number } = {},
): Publisher {
  const size = options.size ?? '640x360';
  const gop = String(30 * (options.keyframeSeconds ?? 1));
  const child = spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=${size}:rate=30`,
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=44100',
      ...(options.seconds ? ['-t', String(options.seconds)] : []),
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-tune',
      'zerolatency',
      '-pix_fmt',
      'yuv420p',
      '-g',
      gop,
      '-keyint_min',
      gop,
      '-c:a',
      'aac',
      '-b:a',
      '96k',
      '-f',
      'flv',
      url,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-5_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    startedAt: Date.now(),
    exited,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
