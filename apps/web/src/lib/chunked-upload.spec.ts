import {
  isTransient,
  resumeKey,
  ResumeStore,
  uploadFile,
  UploadError,
  UploadProgress,
  UploadTransport,
  UploadView,
  type UploadedAsset,
} from './chunked-upload';

// The uploader against a simulated api that keeps the contract of libs/assets' resumable uploads (chunks at an
// offset, idempotent re-sends, UPLOAD_OFFSET_MISMATCH past the end) on a network that drops requests: some die
// before reaching the api, some after the api stored the chunk (the answer is lost).

class Failure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(code);
  }
}

interface Script {
  /** For each PUT, in order: deliver, lose the request, or lose the answer after storing. */
  puts?: ('ok' | 'lost-request' | 'lost-answer' | 'server-error')[];
  chunkBytes?: number;
  processingPolls?: number;
  assetStatus?: 'ready' | 'failed';
}

function fakeApi(script: Script = {}) {
  const uploads = new Map<string, { view: UploadView; bytes: Uint8Array }>();
  const puts = [...(script.puts ?? [])];
  let polls = 0;
  const calls: string[] = [];
  const transport: UploadTransport<UploadedAsset> = {
    create: async ({ purpose, byteLength }) => {
      calls.push('create');
      const view: UploadView = {
        id: `u${uploads.size + 1}`,
        purpose,
        byteLength,
        receivedBytes: 0,
        chunkBytes: script.chunkBytes ?? 4,
        status: 'receiving',
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      };
      uploads.set(view.id, { view, bytes: new Uint8Array(byteLength) });
      return { ...view };
    },
    putChunk: async (id, offset, blob) => {
      calls.push(`put@${offset}`);
      const fate = puts.shift() ?? 'ok';
      if (fate === 'lost-request') throw new Failure(0, 'NETWORK_ERROR');
      if (fate === 'server-error') throw new Failure(503, 'HTTP_503');
      const upload = uploads.get(id);
      if (!upload) throw new Failure(404, 'UPLOAD_NOT_FOUND');
      if (offset > upload.view.receivedBytes) {
        throw new Failure(409, 'UPLOAD_OFFSET_MISMATCH', { expectedOffset: upload.view.receivedBytes });
      }
      const bytes = new Uint8Array(await blob.arrayBuffer());
      upload.bytes.set(bytes, offset);
      upload.view.receivedBytes = Math.max(upload.view.receivedBytes, offset + bytes.length);
      if (fate === 'lost-answer') throw new Failure(0, 'NETWORK_ERROR');
      return { ...upload.view };
    },
    status: async (id) => {
      calls.push('status');
      const upload = uploads.get(id);
      if (!upload) throw new Failure(404, 'UPLOAD_NOT_FOUND');
      return { ...upload.view };
    },
    complete: async (id) => {
      calls.push('complete');
      const upload = uploads.get(id);
      if (!upload || upload.view.receivedBytes !== upload.view.byteLength) {
        throw new Failure(409, 'UPLOAD_INCOMPLETE');
      }
      upload.view.status = 'complete';
      return { id: `a-${id}`, status: 'processing', errorCode: null };
    },
    asset: async (id) => {
      calls.push('asset');
      polls++;
      if (polls < (script.processingPolls ?? 1)) return { id, status: 'processing', errorCode: null };
      const status = script.assetStatus ?? 'ready';
      return { id, status, errorCode: status === 'failed' ? 'ASSET_NOT_AN_IMAGE' : null };
    },
    failureOf: (error) =>
      error instanceof Failure
        ? { status: error.status, code: error.code, details: error.details }
        : { status: 0, code: 'NETWORK_ERROR' },
  };
  return { transport, uploads, calls };
}

const CONTENT = 'OCOP-photo-bytes!'; // 17 bytes: 5 chunks of 4
const file = () => Object.assign(new Blob([CONTENT]), { name: 'ảnh.jpg', lastModified: 1 });
const noWait = { sleep: async () => undefined, backoffMs: () => 0 };
const stored = (api: ReturnType<typeof fakeApi>, id = 'u1') =>
  new TextDecoder().decode(api.uploads.get(id)?.bytes);

function memoryStore(): ResumeStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: (k) => data.get(k) ?? null,
    set: (k, v) => void data.set(k, v),
    remove: (k) => void data.delete(k),
  };
}

describe('sending a photo from a phone', () => {
  it('sends it in chunks, reports progress, and waits for the worker to process it', async () => {
    const api = fakeApi({ processingPolls: 3 });
    const progress: UploadProgress[] = [];
    const asset = await uploadFile(file(), {
      transport: api.transport,
      purpose: 'product-photo',
      onProgress: (p) => progress.push(p),
      ...noWait,
    });
    expect(asset).toEqual({ id: 'a-u1', status: 'ready', errorCode: null });
    expect(stored(api)).toBe(CONTENT);
    expect(progress.filter((p) => p.phase === 'sending').map((p) => p.sentBytes)).toEqual([
      0, 4, 8, 12, 16, 17,
    ]);
    expect(progress.at(-1)).toEqual({ phase: 'processing', sentBytes: 17, totalBytes: 17, retrying: 0 });
    expect(api.calls.filter((c) => c === 'asset')).toHaveLength(3);
  });

  it('a dropped request is retried; a chunk whose answer was lost is not sent twice', async () => {
    const api = fakeApi({ puts: ['ok', 'lost-request', 'lost-answer', 'server-error', 'ok', 'ok'] });
    const asset = await uploadFile(file(), { transport: api.transport, purpose: 'product-photo', ...noWait });
    expect(asset.status).toBe('ready');
    expect(stored(api)).toBe(CONTENT);
    // After the lost answer the client asked the api how much it held and went on at 8 (not 4 again); the 503 at 8
    // was retried at 8.
    expect(api.calls.filter((c) => c.startsWith('put'))).toEqual([
      'put@0',
      'put@4', // request lost
      'put@4', // stored, answer lost
      'put@8', // 503
      'put@8',
      'put@12',
      'put@16',
    ]);
  });

  it('gives up after its attempts, and the next try of the same file resumes where the api stopped', async () => {
    const api = fakeApi({ puts: ['ok', 'ok', 'lost-request', 'lost-request', 'lost-request'] });
    const resume = memoryStore();
    const options = {
      transport: api.transport,
      purpose: 'certificate' as const,
      maxAttempts: 3,
      resume,
      ...noWait,
    };
    await expect(uploadFile(file(), options)).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      retryable: true,
    });
    expect(resume.data.get(resumeKey(file(), 'certificate'))).toBe('u1');
    expect(api.uploads.get('u1')?.view.receivedBytes).toBe(8);

    const asset = await uploadFile(file(), options);
    expect(asset.status).toBe('ready');
    expect(api.calls.filter((c) => c === 'create')).toHaveLength(1);
    expect(api.calls.filter((c) => c === 'put@0')).toHaveLength(1);
    expect(stored(api)).toBe(CONTENT);
    expect(resume.data.size).toBe(0);
  });

  it('an offset the api did not expect moves the client to the api’s offset', async () => {
    const api = fakeApi();
    const resume = memoryStore();
    // A stale resume record claims more than the api holds: the api's 409 puts the client right.
    await api.transport.create({ purpose: 'product-photo', fileName: 'x', byteLength: 17 });
    const transport = {
      ...api.transport,
      status: async (id: string) => ({ ...(await api.transport.status(id)), receivedBytes: 8 }),
    };
    resume.set(resumeKey(file(), 'product-photo'), 'u1');
    const asset = await uploadFile(file(), { transport, purpose: 'product-photo', resume, ...noWait });
    expect(asset.status).toBe('ready');
    expect(api.calls).toContain('put@8');
    expect(api.calls).toContain('put@0');
    expect(stored(api)).toBe(CONTENT);
  });

  it('a refusal is not retried: the api’s code reaches the form', async () => {
    const api = fakeApi();
    const transport = {
      ...api.transport,
      create: async () => {
        throw new Failure(413, 'UPLOAD_TOO_LARGE');
      },
    };
    await expect(uploadFile(file(), { transport, purpose: 'product-photo', ...noWait })).rejects.toEqual(
      new UploadError('UPLOAD_TOO_LARGE', false, 413),
    );
  });

  it('a file the worker rejects comes back failed with the reason', async () => {
    const api = fakeApi({ assetStatus: 'failed' });
    const asset = await uploadFile(file(), { transport: api.transport, purpose: 'product-photo', ...noWait });
    expect(asset).toMatchObject({ status: 'failed', errorCode: 'ASSET_NOT_AN_IMAGE' });
  });

  it('offline, it waits for the network before retrying', async () => {
    const api = fakeApi({ puts: ['lost-request'] });
    let waited = 0;
    await uploadFile(file(), {
      transport: api.transport,
      purpose: 'product-photo',
      waitOnline: async () => {
        waited++;
      },
      ...noWait,
    });
    expect(waited).toBe(1);
  });

  it('stops when the farmer cancels', async () => {
    const api = fakeApi();
    const controller = new AbortController();
    controller.abort();
    await expect(
      uploadFile(file(), {
        transport: api.transport,
        purpose: 'product-photo',
        signal: controller.signal,
        ...noWait,
      }),
    ).rejects.toMatchObject({ code: 'UPLOAD_ABORTED' });
  });

  it('retries only what may succeed later', () => {
    expect([0, 408, 429, 500, 503].every(isTransient)).toBe(true);
    expect([400, 401, 403, 404, 409, 413, 415].some(isTransient)).toBe(false);
  });
});
