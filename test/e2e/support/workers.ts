import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, stopChild } from './replicas';

/**
 * Real worker processes for e2e and fault tests: the built worker (`dist/`) run exactly like the demo runs it
 * (`node -r ./scripts/register-paths.cjs dist/apps/worker/src/main.js`), against the database, Redis and queue
 * prefix given in `env`.
 */

const WORKER_MAIN = path.join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');
/** What the worker prints once every module has booted (processors, relay, schedulers). */
const STARTED = 'OCOP Live worker started';

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Everything the process wrote (the last 50,000 characters), for failure messages. */
  output: () => string;
  /** SIGTERM (a graceful stop that finishes the jobs in hand), then SIGKILL after a grace period. */
  stop: () => Promise<void>;
  /** Sends `signal` and resolves once the process has exited. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A built app's process and everything it wrote (the last 50,000 characters), for failure messages. */
export interface BuiltProcess {
  child: ChildProcess;
  output: () => string;
}

/**
 * Spawns a built app (`main`, under dist/) the way the demo runs it, with `env` over the test defaults, and waits until
 * it prints `startedText`; throws, naming it `label`, if it dies first or `timeoutMs` passes (then it is stopped).
 */
export async function startBuilt(
  label: string,
  main: string,
  env: Record<string, string | undefined>,
  startedText: string,
  timeoutMs: number,
): Promise<BuiltProcess> {
  const child = spawn(process.execPath, ['-r', './scripts/register-paths.cjs', main], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', LOG_PRETTY: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let started = false;
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    if (text.includes(startedText)) started = true;
    output = (output + text).slice(-50_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started) return { child, output: () => output };
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${label} exited (${child.exitCode ?? child.signalCode}) while starting:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopChild(child);
  throw new Error(`${label} did not start within ${timeoutMs} ms:\n${output}`);
}

/** Spawns one worker process and waits until it reports that it has started (or dies, or `timeoutMs` passes). */
export async function startWorker(
  name: string,
  env: Record<string, string | undefined> = {},
  timeoutMs = 30_000,
): Promise<WorkerProcess> {
  const { child, output } = await startBuilt(`worker ${name}`, WORKER_MAIN, env, STARTED, timeoutMs);
  return {
    name,
    child,
    pid: child.pid as number,
    output,
    stop: () => stopChild(child),
    kill: (signal) => {
      const done = exited(child);
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return done;
    },
  };
}
