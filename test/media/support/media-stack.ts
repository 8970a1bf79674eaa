import { ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MadeUser } from '@ocop/testing';
import { freshDatabase, FreshDatabase } from '../../e2e/support/databases';
import { until } from '../../e2e/support/http';
import { castForLive } from '../../e2e/support/live-data';
import { ensureBuilt, freePort, ROOT, Replica, startReplica, stopChild } from '../../e2e/support/replicas';
import { startBuilt, startWorker, WorkerProcess } from '../../e2e/support/workers';

/**
 * The whole video path for tests: a database of its own, the built api (REST, rooms), the built media app (RTMP,
 * camera ingest, HLS) and optionally the worker (attribution), with data made in-process before they start.
 */

const MEDIA_MAIN = path.join(ROOT, 'dist', 'apps', 'media', 'src', 'main.js');
const MEDIA_STARTED = 'OCOP Live media listening';

export interface MediaProcess {
  child: ChildProcess;
  httpUrl: string;
  rtmpUrl: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startMedia(
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
): Promise<MediaProcess> {
  const [httpPort, rtmpPort] = [await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-media-'));
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const rtmpUrl = `rtmp://127.0.0.1:${rtmpPort}/live`;
  const { child, output } = await startBuilt(
    'media',
    MEDIA_MAIN,
    {
      MEDIA_HOST: '127.0.0.1',
      MEDIA_HTTP_PORT: String(httpPort),
      MEDIA_RTMP_PORT: String(rtmpPort),
      MEDIA_PUBLIC_URL: httpUrl,
      MEDIA_RTMP_PUBLIC_URL: rtmpUrl,
      MEDIA_DATA_DIR: dataDir,
      ...env,
    },
    MEDIA_STARTED,
    timeoutMs,
  ).catch((error: unknown) => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    child,
    httpUrl,
    rtmpUrl,
    dataDir,
    output,
    stop: async () => {
      await stopChild(child, 8_000);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface MediaStack {
  db: FreshDatabase;
  /** The BullMQ prefix the processes share. */
  queuePrefix: string;
  api: Replica;
  media: MediaProcess;
  worker: WorkerProcess | null;
  productIds: string[];
  streamer: () => Promise<MadeUser>;
  shopper: () => Promise<MadeUser>;
  close: () => Promise<void>;
}

export async function startMediaStack(
  label: string,
  options: { graceSeconds: number; worker?: boolean; retentionDays?: number; thumbnailSeconds?: number },
): Promise<MediaStack> {
  ensureBuilt();
  const db = await freshDatabase(label);
  const prefix = `${process.env['QUEUE_PREFIX'] ?? 'ocop'}${label}`;
  const cast = await castForLive({ config: { DATABASE_URL: db.url, QUEUE_PREFIX: prefix }, products: 2 });
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: process.env['REDIS_URL'],
    QUEUE_PREFIX: prefix,
    JWT_ACCESS_SECRET: process.env['JWT_ACCESS_SECRET'],
    LOG_LEVEL: 'warn',
    MEDIA_STREAM_GRACE_SECONDS: String(options.graceSeconds),
    ...(options.retentionDays ? { RECORDING_RETENTION_DAYS: String(options.retentionDays) } : {}),
    ...(options.thumbnailSeconds ? { MEDIA_THUMBNAIL_SECONDS: String(options.thumbnailSeconds) } : {}),
  };
  const media = await startMedia(env);
  const apiEnv = { ...env, MEDIA_PUBLIC_URL: media.httpUrl, MEDIA_RTMP_PUBLIC_URL: media.rtmpUrl };
  const [api, worker] = await Promise.all([
    startReplica('api', apiEnv),
    options.worker ? startWorker('worker', apiEnv) : Promise.resolve(null),
  ]);
  return {
    db,
    queuePrefix: prefix,
    api,
    media,
    worker,
    productIds: cast.productIds,
    streamer: cast.streamer,
    shopper: cast.shopper,
    close: async () => {
      await Promise.all([api.stop(), media.stop(), worker?.stop()]);
      await cast.close();
      await db.drop();
    },
  };
}

/** A session scheduled an hour ahead, through the api. */
export async function scheduleSession(
  stack: MediaStack,
  hostToken: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; status: string }> {
  const res = await fetch(`${stack.api.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hostToken}` },
    body: JSON.stringify({
      title: `Phiên phát trực tiếp ${Date.now()}`,
      scheduledStartAt: new Date(Date.now() + 3600_000).toISOString(),
      lineup: stack.productIds,
      ...extra,
    }),
  });
  const body = (await res.json()) as { id: string; status: string };
  if (res.status !== 201) throw new Error(`schedule: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export interface Playback {
  kind: 'hls' | 'external';
  url: string;
  live: boolean;
  startedAt?: string;
  embedUrl?: string | null;
  provider?: string;
}

export interface SessionDetail {
  id: string;
  status: string;
  playback: Playback | null;
}

export async function sessionOf(stack: MediaStack, id: string): Promise<SessionDetail> {
  const res = await fetch(`${stack.api.url}/api/sessions/${id}`);
  return (await res.json()) as SessionDetail;
}

/** Waits until the session's status is `status`. */
export async function untilStatus(
  stack: MediaStack,
  id: string,
  status: string,
  timeoutMs: number,
): Promise<number> {
  return until(
    `session ${id} to be ${status}`,
    async () => (await sessionOf(stack, id)).status === status,
    timeoutMs,
    async () => JSON.stringify(await sessionOf(stack, id)) + stack.media.output().slice(-3000),
    100,
  );
}

/** Segment URIs of a playlist. */
export function segmentUris(playlist: string): string[] {
  return playlist.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

/** ffprobe's view of a file: its streams' codec names and profiles. */
export function probe(file: string): { codec_name: string; codec_type: string; profile?: string }[] {
  const result = spawnSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', file], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`ffprobe failed: ${result.stderr}`);
  return (
    JSON.parse(result.stdout) as { streams: { codec_name: string; codec_type: string; profile?: string }[] }
  ).streams;
}
