import { Demo, startDemo } from './web/support/demo';

// `npm run demo` supervises its apps: an api killed with SIGKILL (no shutdown hook runs) is logged and started again
// within seconds while the worker and the media app keep running; Ctrl-C (SIGINT to the demo's process group, as a
// terminal sends it) stops the apps first and the redis-server the demo started last, without a stack trace.

jest.setTimeout(420_000);

function pidOf(output: string, pattern: RegExp): number {
  const match = pattern.exec(output);
  if (!match?.[1]) throw new Error(`no ${String(pattern)} in the demo's output:\n${output.slice(-3000)}`);
  return Number(match[1]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('npm run demo keeps its apps up and stops in order', () => {
  let demo: Demo | undefined;

  afterAll(async () => {
    await demo?.stop();
  });

  it('restarts a SIGKILLed api within 15 s and keeps serving; Ctrl-C stops the apps, then redis-server', async () => {
    demo = await startDemo(300_000, { ownRedis: true });
    const started = demo.output();
    expect(started).toMatch(/redis-server listening on 127\.0\.0\.1:\d+/);
    const api = pidOf(started, /starting api \(pid (\d+)\)/);
    const worker = pidOf(started, /starting worker \(pid (\d+)\)/);
    const media = /starting media \(pid (\d+)\)/.test(started)
      ? pidOf(started, /starting media \(pid (\d+)\)/)
      : undefined;

    const killedAt = Date.now();
    process.kill(api, 'SIGKILL');
    let restartedPid: number | undefined;
    let healthyAt: number | undefined;
    while (Date.now() - killedAt < 20_000) {
      const again = /api started again \(pid (\d+)\)/.exec(demo.output());
      if (again?.[1]) restartedPid = Number(again[1]);
      if (restartedPid) {
        const ok = await fetch(`${demo.url}/health`, { signal: AbortSignal.timeout(1000) }).then(
          (res) => res.ok,
          () => false,
        );
        if (ok) {
          healthyAt = Date.now();
          break;
        }
      }
      await sleep(200);
    }
    expect(demo.output()).toMatch(/api exited \(SIGKILL\); restarting it in 1 s \(restart 1\)/);
    expect(restartedPid).toBeDefined();
    expect(restartedPid).not.toBe(api);
    expect(healthyAt).toBeDefined();
    expect((healthyAt as number) - killedAt).toBeLessThan(15_000);
    process.stdout.write(
      `the demo's api answered /health again ${(healthyAt as number) - killedAt} ms after SIGKILL\n`,
    );

    // It keeps serving: the shop answers through the new api, and nothing else was restarted.
    const sessions = await fetch(`${demo.url}/api/sessions?status=live`);
    expect(sessions.status).toBe(200);
    expect(((await sessions.json()) as { items: { id: string }[] }).items.map((s) => s.id)).toContain(
      demo.liveSessionId,
    );
    expect(alive(worker)).toBe(true);
    if (media !== undefined) expect(alive(media)).toBe(true);
    expect(demo.output()).not.toMatch(/(worker|media) (exited|started again)/);
    expect(demo.output()).not.toMatch(/stopping the demo/);

    // Ctrl-C: the apps first, the service the demo started last, then the demo ends; no stack trace on the way.
    const before = demo.output().length;
    const redisPort = Number(/redis-server listening on 127\.0\.0\.1:(\d+)/.exec(started)?.[1]);
    await demo.stop();
    const shutdown = demo.output().slice(before);
    const order = [
      'stopping: the apps first, then the services they use...',
      'stopping the apps (',
      'stopping redis-server...',
      '[demo] stopped',
    ].map((step) => shutdown.indexOf(step));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(shutdown).not.toMatch(/ECONNREFUSED|\n\s+at |\\n\s+at /);
    expect(alive(restartedPid as number)).toBe(false);
    expect(alive(worker)).toBe(false);
    const redisGone = await fetch(`http://127.0.0.1:${redisPort}`, {
      signal: AbortSignal.timeout(1000),
    }).then(
      () => false,
      (error: { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED',
    );
    expect(redisGone).toBe(true);
  });
});
