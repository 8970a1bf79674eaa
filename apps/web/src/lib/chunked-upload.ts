/**
 * Sending a photo or a certificate scan from a phone on a flaky mobile network: the file goes in chunks to the
 * api's resumable uploads (POST /api/uploads, PUT /api/uploads/:id/chunks?offset=N, GET /api/uploads/:id, POST
 * /api/uploads/:id/complete), each chunk retried with backoff; after a failure the client asks the api how much it
 * holds and goes on from there, so nothing is sent twice and nothing is lost. Offline, it waits for the network
 * instead of burning its retries. The upload id is remembered for the tab, so a retry after giving up (or a
 * reload) resumes instead of starting over.
 */

export type UploadPurpose = 'product-photo' | 'certificate' | 'producer-logo' | 'session-cover';

export interface UploadView {
  id: string;
  purpose: UploadPurpose;
  byteLength: number;
  receivedBytes: number;
  chunkBytes: number;
  status: 'receiving' | 'complete';
  expiresAt: string;
}

/** The asset an upload became; `image` and `document` follow the api's AssetView. */
export interface UploadedAsset {
  id: string;
  status: 'processing' | 'ready' | 'failed';
  errorCode: string | null;
}

/** An answer from the api that is not a success: its HTTP status (0: no answer) and stable code. */
export interface UploadFailure {
  status: number;
  code: string;
  details?: unknown;
}

/** The calls the uploader makes; the app's implementation goes through the typed api client. */
export interface UploadTransport<A extends UploadedAsset> {
  create(body: { purpose: UploadPurpose; fileName: string; byteLength: number }): Promise<UploadView>;
  putChunk(id: string, offset: number, bytes: Blob, signal?: AbortSignal): Promise<UploadView>;
  status(id: string): Promise<UploadView>;
  complete(id: string): Promise<A>;
  asset(id: string): Promise<A>;
  /** Reads the status and code of whatever the calls above threw. */
  failureOf(error: unknown): UploadFailure;
}

export interface UploadProgress {
  phase: 'sending' | 'processing';
  sentBytes: number;
  totalBytes: number;
  /** Retries so far on the current chunk (shown as "network is slow, retrying"). */
  retrying: number;
}

/** Where an unfinished upload's id is kept between attempts (sessionStorage in the browser). */
export interface ResumeStore {
  get(key: string): string | null;
  set(key: string, id: string): void;
  remove(key: string): void;
}

export interface UploadOptions<A extends UploadedAsset> {
  transport: UploadTransport<A>;
  purpose: UploadPurpose;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** Failed tries of one chunk before giving up (the next `uploadFile` of the same file resumes). */
  maxAttempts?: number;
  /** Delay before retry number n (1-based). */
  backoffMs?: (attempt: number) => number;
  resume?: ResumeStore;
  /** Resolves when the device is online again (navigator.onLine and the 'online' event in the browser). */
  waitOnline?: (signal?: AbortSignal) => Promise<void>;
  /** How long to wait for the worker to process the file before reporting it still processing. */
  processingTimeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The upload could not be finished; `code` is the api's (or NETWORK_ERROR), `retryable` says a retry may help. */
export class UploadError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
    readonly status = 0,
  ) {
    super(code);
    this.name = 'UploadError';
  }
}

/** Statuses worth retrying: no answer, a timeout, too many requests, or the server's trouble. */
export function isTransient(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

export function defaultBackoff(attempt: number): number {
  const base = Math.min(8_000, 400 * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

export function resumeKey(
  file: { name: string; size: number; lastModified?: number },
  purpose: string,
): string {
  return `ocop.upload:${purpose}:${file.name}:${file.size}:${file.lastModified ?? 0}`;
}

function abortable(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UploadError('UPLOAD_ABORTED', false));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new UploadError('UPLOAD_ABORTED', false));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The offset the api expects, from an UPLOAD_OFFSET_MISMATCH answer's details. */
function expectedOffset(details: unknown): number | null {
  if (typeof details !== 'object' || details === null) return null;
  const value =
    (details as Record<string, unknown>)['expectedOffset'] ??
    (details as Record<string, unknown>)['expected'];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

/**
 * Sends `file` and waits until the worker has processed it. Resolves with the asset (ready, or failed with the
 * api's errorCode, e.g. a file that is not really an image); throws UploadError when it could not be sent.
 */
export async function uploadFile<A extends UploadedAsset>(
  file: Blob & { name: string; lastModified?: number },
  options: UploadOptions<A>,
): Promise<A> {
  const { transport, purpose, signal } = options;
  const maxAttempts = options.maxAttempts ?? 6;
  const backoff = options.backoffMs ?? defaultBackoff;
  const sleep = options.sleep ?? abortable;
  const waitOnline = options.waitOnline ?? (() => Promise.resolve());
  const key = resumeKey(file, purpose);
  const report = (p: Omit<UploadProgress, 'totalBytes'>) =>
    options.onProgress?.({ ...p, totalBytes: file.size });

  /** One call, retried while the failure is transient; a final failure becomes an UploadError. */
  async function withRetries<T>(call: () => Promise<T>, onRetry?: (attempt: number) => void): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new UploadError('UPLOAD_ABORTED', false);
      try {
        return await call();
      } catch (error) {
        if (error instanceof UploadError) throw error;
        const failure = transport.failureOf(error);
        if (!isTransient(failure.status) || attempt >= maxAttempts) {
          throw new UploadError(failure.code, isTransient(failure.status), failure.status);
        }
        onRetry?.(attempt);
        if (failure.status === 0) await waitOnline(signal);
        await sleep(backoff(attempt), signal);
      }
    }
  }

  // An earlier try of the same file may have left an upload to resume.
  let view: UploadView | null = null;
  const remembered = options.resume?.get(key) ?? null;
  if (remembered) {
    view = await transport.status(remembered).catch(() => null);
    if (!view || view.byteLength !== file.size || Date.parse(view.expiresAt) <= Date.now()) {
      view = null;
      options.resume?.remove(key);
    }
  }
  view ??= await withRetries(() => transport.create({ purpose, fileName: file.name, byteLength: file.size }));
  options.resume?.set(key, view.id);
  const id = view.id;

  let offset = view.receivedBytes;
  let retrying = 0;
  report({ phase: 'sending', sentBytes: offset, retrying });
  while (view.status !== 'complete' && offset < file.size) {
    if (signal?.aborted) throw new UploadError('UPLOAD_ABORTED', false);
    const chunk = file.slice(offset, Math.min(file.size, offset + view.chunkBytes));
    try {
      view = await transport.putChunk(id, offset, chunk, signal);
      offset = view.receivedBytes;
      retrying = 0;
      report({ phase: 'sending', sentBytes: offset, retrying });
      continue;
    } catch (error) {
      if (error instanceof UploadError) throw error;
      if (signal?.aborted) throw new UploadError('UPLOAD_ABORTED', false);
      const failure = transport.failureOf(error);
      if (failure.code === 'UPLOAD_OFFSET_MISMATCH') {
        // The api holds a different amount than we thought (an earlier chunk landed after all): go on from there.
        offset =
          expectedOffset(failure.details) ?? (await withRetries(() => transport.status(id))).receivedBytes;
        continue;
      }
      if (!isTransient(failure.status)) {
        if (failure.status === 404 || failure.status === 410) options.resume?.remove(key);
        throw new UploadError(failure.code, false, failure.status);
      }
      retrying++;
      report({ phase: 'sending', sentBytes: offset, retrying });
      if (retrying >= maxAttempts) throw new UploadError(failure.code, true, failure.status);
      if (failure.status === 0) await waitOnline(signal);
      await sleep(backoff(retrying), signal);
      // The chunk may have arrived before the connection dropped: ask how much the api holds.
      const known = await transport.status(id).catch(() => null);
      if (known) {
        view = known;
        offset = known.receivedBytes;
      }
    }
  }

  report({ phase: 'processing', sentBytes: file.size, retrying: 0 });
  let asset = await withRetries(() => transport.complete(id));
  options.resume?.remove(key);
  const deadline = Date.now() + (options.processingTimeoutMs ?? 60_000);
  for (let poll = 1; asset.status === 'processing' && Date.now() < deadline; poll++) {
    await sleep(Math.min(2_000, 250 * poll), signal);
    asset = await withRetries(() => transport.asset(asset.id));
  }
  return asset;
}

/** The browser's pieces: sessionStorage for resumption, and the online event. */
export const browserResumeStore: ResumeStore = {
  get: (key) => {
    try {
      return sessionStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set: (key, id) => {
    try {
      sessionStorage.setItem(key, id);
    } catch {
      // Private mode without storage: the upload still works, it just cannot resume after a reload.
    }
  },
  remove: (key) => {
    try {
      sessionStorage.removeItem(key);
    } catch {
      // As above.
    }
  },
};

export function waitUntilOnline(signal?: AbortSignal): Promise<void> {
  if (typeof navigator === 'undefined' || navigator.onLine !== false) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      window.removeEventListener('online', done);
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const abort = () => {
      window.removeEventListener('online', done);
      reject(new UploadError('UPLOAD_ABORTED', false));
    };
    window.addEventListener('online', done);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
