import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './replicas';

/**
 * A private redis-server for fault tests, on a free loopback port with its own data directory, that a test may
 * crash or stop and start again on the same port and directory. Never the shared Redis other Jest workers use.
 */

export interface RedisServerOptions {
  /**
   * Keep an append-only file, as docker/compose.yml does (`--appendonly yes`, fsync every second): a restart
   * replays it, so queued and delayed jobs survive. Without it a restart comes back empty.
   */
  appendOnly: boolean;
}

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  /** The running process, or null while it is down. */
  child: () => ChildProcess | null;
  /** Everything the server wrote (the last 20,000 characters), for failure messages. */
  output: () => string;
  /** Sends `signal` (SIGTERM: a clean shutdown that flushes the AOF; SIGKILL: a crash) and waits for the exit. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
  /** Starts the server again on the same port and directory; resolves once it answers PING. */
  start: () => Promise<void>;
  /** Stops it for good and removes its directory. */
  close: () => Promise<void>;
}

/** Sends one PING over a raw socket: true on +PONG (false while loading the AOF, refusing or unreachable). */
export function pingRedis(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) finish(answer.startsWith('+PONG'));
    });
    socket.on('error', () => finish(false));
  });
}

export async function startRedisServer(options: RedisServerOptions): Promise<RedisServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-fault-redis-'));
  let child: ChildProcess | null = null;
  let output = '';

  const start = async (): Promise<void> => {
    if (child) throw new Error(`redis-server on port ${port} is already running`);
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      options.appendOnly ? 'yes' : 'no',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ];
    const spawned = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = spawned;
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    spawned.stdout?.on('data', keep);
    spawned.stderr?.on('data', keep);
    spawned.once('exit', () => {
      if (child === spawned) child = null;
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (spawned.exitCode !== null || spawned.signalCode !== null) {
        throw new Error(`redis-server exited while starting on port ${port}:\n${output}`);
      }
      if (await pingRedis(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server did not answer PING on port ${port} within 10 s:\n${output}`);
  };

  const kill = (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    if (!running) return Promise.resolve();
    return new Promise((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    child: () => child,
    output: () => output,
    kill,
    start,
    close: async () => {
      const running = child;
      if (running) {
        const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
        await kill('SIGTERM');
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
