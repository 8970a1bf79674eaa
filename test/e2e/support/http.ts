/**
 * Plain HTTP against real api processes, for tests that must see every outcome (a status, or the network error or
 * timeout a client would get while a dependency is down) rather than throw on the first unexpected one.
 */

export interface Answer<T = unknown> {
  /** The HTTP status, or 0 when no answer came (connection refused, reset, or `timeoutMs` passed). */
  status: number;
  body: T;
  /** Why no answer came (status 0). */
  error?: string;
  ms: number;
}

export async function send<T = unknown>(
  base: string,
  method: string,
  route: string,
  options: {
    token?: string;
    body?: unknown;
    /** A raw body sent as is (a signed webhook payload must arrive byte for byte). */
    raw?: string;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<Answer<T>> {
  const started = Date.now();
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  try {
    const res = await fetch(`${base}${route}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: body as T, ms: Date.now() - started };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      status: 0,
      body: null as T,
      error: `${error instanceof Error ? error.name : 'Error'}${cause ? ` ${cause}` : ''}`,
      ms: Date.now() - started,
    };
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds; throws, naming `what` and the last `describe()`, after `timeoutMs`. */
export async function until(
  what: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  describe?: () => Promise<string> | string,
  intervalMs = 100,
): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${describe ? `: ${await describe()}` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
  return Date.now() - started;
}
