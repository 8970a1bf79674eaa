// Child processes that a script owns: each one is stopped (SIGTERM, then SIGKILL after a grace period) when the
// script shuts down, and the services it started are stopped after them, in reverse order of starting. Long-running
// apps are kept up: one that crashes is started again with backoff.
import { spawn } from 'node:child_process';
import { ROOT } from './util.mjs';

export class Supervisor {
  #children = new Set();
  #cleanups = [];
  #timers = new Set();
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

  /**
   * Keeps a long-running app up: spawns it, and whenever it exits while the supervisor is not stopping, logs why and
   * starts it again after a backoff (1 s, doubling to 30 s; back to 1 s once a run has lasted a minute).
   * `onStart(pid, restarts)` fires at each start. Returns a handle whose `pid` is the current process's.
   */
  keep(name, command, args, { env = process.env, log = () => undefined, onStart } = {}) {
    const handle = { name, pid: undefined, restarts: 0 };
    let delayMs = 1000;
    const start = () => {
      if (this.stopping) return;
      const startedAt = Date.now();
      const { child } = this.spawn(command, args, {
        env,
        onExit: (code, signal) => {
          if (this.stopping) return;
          if (Date.now() - startedAt >= 60_000) delayMs = 1000;
          handle.restarts += 1;
          log(
            `${name} exited (${signal ?? `code ${code}`}); restarting it in ${delayMs / 1000} s (restart ${handle.restarts})`,
          );
          const timer = setTimeout(() => {
            this.#timers.delete(timer);
            start();
          }, delayMs);
          this.#timers.add(timer);
          delayMs = Math.min(delayMs * 2, 30_000);
        },
      });
      handle.pid = child.pid;
      onStart?.(child.pid, handle.restarts);
    };
    start();
    return handle;
  }

  /** Runs a command to completion; resolves { code, output }. */
  run(command, args, options = {}) {
    return this.spawn(command, args, options).done;
  }

  /**
   * Stops every child (the apps) and waits for them, then runs the deferred cleanups (the services they use) in
   * reverse order of registration; idempotent. `onStep(message)` hears each step.
   */
  shutdown(onStep = () => undefined) {
    this.#stopping ??= (async () => {
      for (const timer of this.#timers) clearTimeout(timer);
      const children = [...this.#children];
      onStep(`stopping the apps (${children.length} still running)...`);
      await Promise.all(children.map((child) => stopChild(child)));
      for (const cleanup of this.#cleanups.reverse()) {
        await cleanup(onStep).catch((error) => process.stderr.write(`cleanup failed: ${error.message}\n`));
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
