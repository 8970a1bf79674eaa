// Child processes that a script owns: each one is stopped (SIGTERM, then SIGKILL after a grace period) when the
// script shuts down, and the services it started are stopped after them, in reverse order of starting.
import { spawn } from 'node:child_process';
import { ROOT } from './util.mjs';

export class Supervisor {
  #children = new Set();
  #cleanups = [];
  #stopping = undefined;

  /** Registers something to undo at shutdown (stopping a service); run last-in, first-out. */
  defer(cleanup) {
    this.#cleanups.push(cleanup);
  }

  get stopping() {
    return this.#stopping !== undefined;
  }

  /** Spawns a command owned by this supervisor; `onExit(code, signal)` fires when it ends. */
  spawn(command, args, { env = process.env, capture = false, onExit } = {}) {
    const child = spawn(command, args, {
      cwd: ROOT,
      env,
      stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    });
    this.#children.add(child);
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        process.stdout.write(chunk);
      });
    }
    const done = new Promise((resolve) => {
      child.on('error', (error) => {
        process.stderr.write(`${command}: ${error.message}\n`);
      });
      child.on('close', (code, signal) => {
        this.#children.delete(child);
        onExit?.(code, signal);
        resolve({ code: code ?? 1, signal, output });
      });
    });
    return { child, done };
  }

  /** Runs a command to completion; resolves { code, output }. */
  run(command, args, options = {}) {
    return this.spawn(command, args, options).done;
  }

  /** Stops every child, then every deferred cleanup; idempotent. */
  shutdown() {
    this.#stopping ??= (async () => {
      await Promise.all([...this.#children].map((child) => stopChild(child)));
      for (const cleanup of this.#cleanups.reverse()) {
        await cleanup().catch((error) => process.stderr.write(`cleanup failed: ${error.message}\n`));
      }
    })();
    return this.#stopping;
  }
}

function stopChild(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** On SIGINT/SIGTERM/SIGHUP: shut the supervisor down and exit with `code`; a second signal forces the exit. */
export function exitOnSignals(supervisor, onSignal) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (supervisor.stopping) {
        process.exit(130);
      }
      onSignal(signal);
    });
  }
}
